"""What a feature hangs on: an existing operation that does the feature's work too.

"When a user is created, send a welcome email", "cuando se crea un pedido…",
"lorsqu'un utilisateur est créé…": the resource (user) is named as the moment the
work happens, not as something that changes. The code that changes is the one
operation doing it (``UserService.create``), never the resource's whole slice; where
the repository hangs work on its operations by handling their domain events
(``ListingPublishedEvent``), the feature is one more handler of that event instead.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from archbook.application.code_facts.knowledge import RepoKnowledge
from archbook.application.planning.naming import singular, snake
from archbook.application.planning.scoping.repo_index import route_resource
from archbook.application.planning.session_text import API_PREFIX
from archbook.domain.layers import APPLICATION, DOMAIN, INFRASTRUCTURE, TESTS, UNCLASSIFIED

_ARTICLE = r"(?:(?:a|an|the|each|every|any|un|una|el|la|los|las|le|les|une|du|des)\s+|l')?"
_NEW = r"(?:(?:new|nuevos?|nuevas?|nouvel(?:le)?|nouveau)\s+)?"
_NOUN = r"`?(?P<noun>[^\W\d_][\w]*)`?"
_STILL = r"(?:\s+(?:just|first|successfully|correctly|correctamente|bien))?"
# English: "when a user is created", "after an order gets paid", "once the account
# has been deleted"; "when a user signs up"; "after creating the user"; "when an admin
# creates an invoice"; "on user creation".
_EN = (
    rf"\b(?:when|whenever|once|after|each time|every time|as soon as)\s+{_ARTICLE}{_NEW}{_NOUN}"
    rf"\s+(?:is|are|gets|get|has been|have been|was|were){_STILL}\s+(?P<verb>[a-z]+(?:ed|id|nt))\b",
    rf"\b(?:when|whenever|once|after)\s+{_ARTICLE}{_NEW}{_NOUN}\s+"
    r"(?P<verb>signs up|registers|subscribes|checks out|logs in|places|pays|confirms)\b",
    rf"\b(?:after|when|on|upon)\s+(?P<verb>[a-z]+ing)\s+{_ARTICLE}{_NEW}{_NOUN}",
    rf"\b(?:when|whenever|once|after)\s+{_ARTICLE}[^\W\d_]+\s+(?P<verb>[a-z]+s)\s+"
    rf"(?:a|an|the|each|every|any)\s+{_NEW}{_NOUN}",
    rf"\b(?:on|upon|after)\s+{_NOUN}\s+(?P<verb>creation|registration|deletion|signup|sign-up|"
    r"update|cancellation|confirmation|payment)\b",
    # a sentence opening on the operations: "Creating, replacing and patching a user
    # compute both values"
    r"(?:^|(?<=\n)|(?<=[.;:!?]\s))[ \t]*(?:[-*][ \t]+)?"
    r"(?P<verbs>[a-z]+ing(?:(?:\s*,\s*|\s+(?:and|or)\s+|\s*,\s*(?:and|or)\s+)[a-z]+ing)*)"
    rf"\s+{_ARTICLE}{_NEW}{_NOUN}",
)
# Spanish: "cuando se crea un usuario", "al crear un pedido", "cuando un usuario se
# registra", "después de crear la cuenta", "tras el registro de un usuario".
_ES = (
    r"\b(?:cuando|cada vez que|una vez que|después de que|tras que)\s+se\s+"
    rf"(?P<verb>[a-zá-ú]+)\s+{_ARTICLE}{_NEW}{_NOUN}",
    rf"\b(?:al|después de|tras)\s+(?P<verb>[a-zá-ú]+ar|[a-zá-ú]+er|[a-zá-ú]+ir)\s+{_ARTICLE}"
    rf"{_NEW}{_NOUN}",
    rf"\b(?:cuando|cada vez que|una vez que|después de que)\s+{_ARTICLE}{_NEW}{_NOUN}\s+"
    r"(?:se\s+(?P<verb>[a-zá-ú]+)|(?:es|sea|ha sido|fue)\s+(?P<passive>[a-zá-ú]+d[oa]s?))\b",
    r"\b(?:al|tras|después del?|con)\s+(?:la\s+|el\s+)?(?P<verb>creación|registro|alta|"
    rf"eliminación|borrado|pago|confirmación|cancelación)\s+de\s+{_ARTICLE}{_NEW}{_NOUN}",
)
# French: "lorsqu'un utilisateur est créé", "quand une commande est payée", "après
# avoir créé le compte", "à la création d'un utilisateur".
_FR = (
    rf"\b(?:lorsqu'|lorsque\s+|quand\s+|dès qu'|dès que\s+|après qu'|après que\s+){_ARTICLE}"
    rf"{_NEW}{_NOUN}\s+(?:est|a été|sera|vient d'être)\s+(?P<verb>[a-zé]+é(?:e|s|es)?)\b",
    rf"\b(?:après avoir|après)\s+(?P<verb>[a-zé]+é|[a-zé]+er)\s+{_ARTICLE}{_NEW}{_NOUN}",
    r"\b(?:à|lors de|après)\s+(?:la\s+|l')?(?P<verb>création|inscription|suppression|"
    rf"confirmation|annulation|enregistrement)\s+d(?:'|e\s+|u\s+|es\s+){_ARTICLE}{_NEW}{_NOUN}",
)
# Where the code doing an operation lives (the routes call it; the tests exercise it).
WORKING_LAYERS = frozenset((APPLICATION, DOMAIN, INFRASTRUCTURE, UNCLASSIFIED))
# Classes named so store what an operation made, in folders named so.
STORAGE_WORDS = frozenset(("repository", "repo", "crud", "dao", "storage", "store", "orm"))
STORAGE_FOLDERS = frozenset(("repositories", "repository", "repos", "db", "crud", "persistence"))
_CLAUSES = tuple(re.compile(p, re.I) for p in (*_EN, *_ES, *_FR))

# A verb, participle or noun of an operation → the operation's English verb.
_OPERATIONS = {
    "create": "creat crea cree alta enregistr",
    "register": "regist inscri signs up signup sign-up",
    "delete": "delet remov elimin borr supprim",
    "update": "updat modif actualiz replac patch edit",
    "pay": "paid pay pagad pagar pago paye paiement",
    "confirm": "confirm",
    "cancel": "cancel annul",
    "approve": "approv aprob",
    "publish": "publish publica publie",
    "place": "plac",
    "complete": "complet termin",
    "subscribe": "subscrib suscrib abonn",
    "login": "logs in logged in",
    "checkout": "checks out checkout",
}
# The HTTP methods of the routes doing an operation (others: ``POST …/<verb>``).
_HTTP = {
    "create": ("POST",),
    "register": ("POST",),
    "delete": ("DELETE",),
    "update": ("PUT", "PATCH"),
}
# Operations on the collection (``POST /users``), not on one item (``/users/{id}``).
_BUILT = frozenset(("create", "register"))
# Method names that do an operation, beside the operation's own verb.
_SYNONYMS = {
    "create": ("create", "add", "register", "signup", "sign_up", "new"),
    "register": ("register", "signup", "sign_up", "create"),
    "delete": ("delete", "remove"),
    "update": ("update", "edit", "change", "patch", "replace"),
}
# Nouns of other languages' sessions for the resources backends most often hold.
_NOUNS = {
    "usuario": "user", "utilisateur": "user", "cliente": "customer", "client": "customer",
    "pedido": "order", "orden": "order", "commande": "order", "pago": "payment",
    "paiement": "payment", "cuenta": "account", "compte": "account", "factura": "invoice",
    "facture": "invoice", "producto": "product", "produit": "product", "miembro": "member",
    "socio": "member", "membre": "member", "reserva": "booking", "réservation": "booking",
    "mensaje": "message", "comentario": "comment", "commentaire": "comment",
    "suscripción": "subscription", "abonnement": "subscription", "tarea": "task",
    "tâche": "task", "proyecto": "project", "projet": "project", "equipo": "team",
    "équipe": "team", "licencia": "license", "licence": "license", "club": "club",
    "documento": "document", "archivo": "file", "fichier": "file",
}  # fmt: skip


@dataclass(frozen=True)
class Trigger:
    """One moment a session hangs its work on: the resource and the operation."""

    resource: str  # snake, singular, English: ``user``
    operation: str  # ``create``
    clause: str  # the session's words: "When a user is created"


def triggers(text: str) -> list[Trigger]:
    """The moments ``text`` hangs work on, first mention first, each once."""
    found: dict[tuple[str, str], tuple[int, Trigger]] = {}
    for pattern in _CLAUSES:
        for match in pattern.finditer(text):
            groups = match.groupdict()
            verbs = re.findall(r"[a-z]+ing", groups.get("verbs") or "", re.I)
            resource = _resource(groups["noun"])
            for verb in verbs or [groups.get("verb") or groups.get("passive") or ""]:
                operation = _operation(verb)
                key = (resource, operation)
                if operation and resource and (key not in found or match.start() < found[key][0]):
                    clause = " ".join(match.group(0).split()).replace("`", "").lstrip("-* ")
                    found[key] = (match.start(), Trigger(resource, operation, clause))
    return [trigger for _, trigger in sorted(found.values(), key=lambda item: item[0])]


def triggered_code(known: RepoKnowledge, trigger: Trigger) -> list[tuple[str, str]]:
    """Where the trigger's operation is done: (path, name) of a service method
    (``UserService.create``, ``RegistrationService.register_user``), a use-case class
    (``CreateUserHandler``) or a function (``create_user``), outside the tests and the
    routes, else the route handler doing it. Neither a port, a storage class
    (``UsersRepository.create_user`` stores what the operation made), a data class
    nor the entity itself (``User.create`` builds one) does the operation; classes of
    the infrastructure count only where no other does it. [] when no one place does
    it (the first kind found wins; more than two of it is no one place)."""
    verbs = set(_verbs(trigger.operation))
    names = {f"{verb}_{trigger.resource}" for verb in verbs}
    paths = known.analysis.scan.module_paths
    others = {p.qualname for p in known.facts.ports} | {m.qualname for m in known.facts.models}
    found: dict[str, list[tuple[str, str]]] = {"methods": [], "classes": [], "functions": []}
    later: dict[str, list[tuple[str, str]]] = {"methods": [], "classes": []}
    for qualname, klass in known.model.classes.items():
        owner = qualname.partition(":")[0]
        role = known.roles.get(owner)
        name = snake(klass.name)
        words = {singular(w) for w in name.split("_")}
        if role not in WORKING_LAYERS or owner not in paths or qualname in others:
            continue
        if name == trigger.resource or words & STORAGE_WORDS or _stores(paths[owner]):
            continue
        into = later if role == INFRASTRUCTURE else found
        if any(name == n or name.startswith(f"{n}_") for n in names):
            if any(m == "__call__" or m[0] != "_" for m in klass.methods):
                into["classes"].append((paths[owner], klass.name))
            continue
        for method in klass.methods:
            if method in names or (method in verbs and trigger.resource in words):
                into["methods"].append((paths[owner], f"{klass.name}.{method}"))
    for module_name, module in known.model.modules.items():
        if known.roles.get(module_name) in WORKING_LAYERS and module_name in paths:
            found["functions"] += [(paths[module_name], n) for n in module.functions if n in names]
    for kind in ("methods", "classes", "functions"):
        for candidates in (found[kind], later.get(kind, [])):
            if 0 < len(candidates) <= 2:
                return sorted(candidates)
    return _handlers(known, trigger)


def _handlers(known: RepoKnowledge, trigger: Trigger) -> list[tuple[str, str]]:
    """Where no service does it, the route handler that does (``DELETE /items/{id}``
    for "when an item is deleted"): a repository whose handlers do the work."""
    methods = _HTTP.get(trigger.operation, ("POST",))
    found = set()
    for route in known.facts.routes:
        segments = [s for s in route.path.strip("/").split("/") if s]
        words = [s for s in segments if not s.startswith("{") and not API_PREFIX.fullmatch(s)]
        if route.method not in methods or route_resource(route.path) != trigger.resource:
            continue
        # the resource itself: ``POST /users``, ``DELETE /users/{id}``, ``POST
        # /orders/{id}/pay``; not ``DELETE /users/{id}/roles`` (a role goes)
        if trigger.operation in _HTTP:
            if len(words) != 1 or segments[-1].startswith("{") == (trigger.operation in _BUILT):
                continue
        elif len(words) != 2 or _operation(words[1]) != trigger.operation:
            continue
        path = known.analysis.scan.module_paths.get(route.handler.partition(":")[0])
        if path:
            found.add((path, route.handler.rpartition(":")[2]))
    return sorted(found) if 0 < len(found) <= 2 else []


def _stores(path: str) -> bool:
    """A module filed among storage code (``repositories/``, ``db/``, ``crud/``)."""
    return bool(set(path.removesuffix(".py").split("/")[:-1]) & STORAGE_FOLDERS)


def _operation(verb: str) -> str:
    word = _plain(verb.lower())
    for operation, stems in _OPERATIONS.items():
        if any(word.startswith(_plain(stem)) for stem in stems.split()):
            return operation
    return ""


def _resource(noun: str) -> str:
    word = noun.lower()
    word = _NOUNS.get(word) or _NOUNS.get(word.rstrip("s")) or word
    return singular(snake(word))


def _verbs(operation: str) -> Iterator[str]:
    yield from _SYNONYMS.get(operation, (operation,))


def _plain(text: str) -> str:
    """``text`` without accents (``création`` → ``creation``)."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@dataclass(frozen=True)
class EventHandler:
    """A new handler of the domain event an operation records: where the repository
    hangs work on an operation by handling its events, the feature does too."""

    path: str  # the new handler module, beside the event's other handlers
    event: str  # the event's class name: ``ListingPublishedEvent``
    beside: str  # an existing handler of that event, or of another one
    # modules that register that handler (``providers.py`` subscribing it): the new
    # one is registered there too
    registries: tuple[str, ...] = ()


def event_handler(known: RepoKnowledge, trigger: Trigger, feature: str) -> EventHandler | None:
    """The new handler module for the trigger's event (``ListingPublishedEvent`` for
    "when a listing is published"), in the folder of that event's handlers, else of
    the handlers of the events of its package; None where the operation records no
    event or no handler of an event exists to follow."""
    events = _events(known)
    wanted = [
        qualname for qualname in events if _names_operation(qualname.rpartition(":")[2], trigger)
    ]
    if not wanted:
        return None
    handlers = _handlers_of(known, set(events))
    event = min(wanted, key=lambda q: (-len(handlers.get(q, [])), q))
    same = handlers.get(event, [])
    package = event.split(":")[0].rpartition(".")[0]
    kin = [p for q, paths in handlers.items() if q.startswith(f"{package}.") for p in paths]
    # nearest the event first: its own bounded context (``catalog`` for
    # ``catalog.domain.events``) before the others handling it
    home = known.analysis.scan.module_paths.get(event.partition(":")[0], "")

    def nearness(path: str) -> int:
        return len(posixpath.commonpath([path, home])) if home else 0

    beside = sorted(same or kin, key=lambda p: (-nearness(p), p))
    if not beside:
        return None
    folder = posixpath.dirname(beside[0])
    path = f"{folder}/{snake(feature)}.py"
    return EventHandler(path, event.rpartition(":")[2], beside[0], _registries(known, beside[0]))


def _registries(known: RepoKnowledge, handler: str) -> tuple[str, ...]:
    """The modules (outside the tests and package re-exports) that import what a
    handler module defines: where handlers are registered."""
    paths = known.analysis.scan.module_paths
    module = next((n for n, p in paths.items() if p == handler), "")
    defined = known.model.modules.get(module)
    if defined is None:
        return ()
    names = {f"{module}:{n}" for n in (*defined.classes, *defined.functions)}
    found = []
    for name, importer in known.model.modules.items():
        path = paths.get(name, "")
        if not path or path.endswith("__init__.py") or known.roles.get(name) == TESTS:
            continue
        if name != module and names & {known.model.follow(b) for b in importer.bindings.values()}:
            found.append(path)
    return tuple(sorted(found))


def _events(known: RepoKnowledge) -> list[str]:
    """The repository's event classes: named ``…Event`` or deriving from a class so
    named (``DomainEvent``), the bases themselves aside."""
    classes = known.model.classes
    bases = {base for klass in classes.values() for base in klass.bases}
    found = []
    for qualname, klass in classes.items():
        if qualname in bases or not klass.bases and not klass.name.endswith("Event"):
            continue
        names = {re.split(r"[:.]", a)[-1] for a in known.model.ancestors(klass)}
        if klass.name.endswith("Event") or any(n.endswith("Event") for n in names):
            found.append(qualname)
    return found


def _names_operation(name: str, trigger: Trigger) -> bool:
    """``ListingPublishedEvent`` names "a listing is published"; ``UserCreated`` "a
    user is created"."""
    words = [singular(w) for w in snake(name).split("_") if w not in ("event", "domain")]
    resource = trigger.resource.split("_")
    joined = "_".join(words)
    return f"_{'_'.join(resource)}_" in f"_{joined}_" and any(
        _operation(w) == trigger.operation for w in words if w not in resource
    )


def _handlers_of(known: RepoKnowledge, events: set[str]) -> dict[str, list[str]]:
    """Event → the modules (outside the tests) whose functions or methods take it as a
    parameter: its handlers."""
    paths = known.analysis.scan.module_paths
    found: dict[str, list[str]] = {}
    for name, module in known.model.modules.items():
        if name not in paths or known.roles.get(name) not in WORKING_LAYERS:
            continue
        functions = [*module.functions.values()]
        functions += [m for k in module.classes.values() for m in k.methods.values()]
        for function in functions:
            for arg in (*function.node.args.args, *function.node.args.kwonlyargs):
                if arg.annotation is None:
                    continue
                event = known.model.resolve_expr(name, arg.annotation)
                if event in events and paths[name] not in found.get(event, []):
                    found.setdefault(event, []).append(paths[name])
    return found
