"""What a new feature changes in code that already exists, read from the context
session's decisions and the repository's own facts.

A decision that an existing class changes (```Order` gets a `cancel()` method``)
changes its file, and a changed port changes every class implementing it, the
fakes of the tests included. Routes that do not exist yet are the feature's new
endpoints; ``DELETE /x/{id}`` needs a way to delete an ``X``, ``POST
/x/{id}/cancel`` is a state change of ``X``, and new endpoints on a router that
nothing new stands behind extend the service that router already uses. New files
are placed where the context says or where classes of their kind live.
"""

from __future__ import annotations

import ast
import posixpath
import re

from archbook.application.code_facts.class_roles import ERROR_SUFFIXES, is_exception
from archbook.application.code_facts.code_model import ClassModel, callee
from archbook.application.code_facts.knowledge import RepoKnowledge
from archbook.application.layers.module_names import folders_of
from archbook.application.planning.context_session import ContextSession
from archbook.application.planning.naming import camel, singular, snake
from archbook.application.planning.offline.conventions import Conventions
from archbook.application.planning.offline.filing import filing_for
from archbook.application.planning.offline.recipe import Recipe
from archbook.application.planning.offline.route_layout import joined_router
from archbook.application.planning.plan_validation import module_name_for
from archbook.application.planning.scoping.triggers import (
    event_handler,
    triggered_code,
    triggers,
)
from archbook.application.planning.session_text import unnamed_endpoints
from archbook.domain.layers import DOMAIN, PRESENTATION, TESTS, UNCLASSIFIED, classify
from archbook.domain.plan import MODIFY, FileChange

ACTION_WORDS = frozenset(
    {
        "confirm",
        "close",
        "complete",
        "cancel",
        "verify",
        "resend",
        "login",
        "logout",
        "subscribe",
        "unsubscribe",
        "approve",
        "reject",
        "archive",
        "restore",
        "publish",
        "refund",
        "pay",
        "ship",
        "reopen",
        "activate",
        "deactivate",
        "suspend",
        "submit",
    }
)
# Actions that relate the caller to an item (``POST /profiles/{username}/follow``):
# named like the others, but no state change of the item itself.
RELATION_WORDS = frozenset(
    {
        "follow",
        "unfollow",
        "favorite",
        "unfavorite",
        "like",
        "unlike",
        "star",
        "unstar",
        "bookmark",
        "block",
        "unblock",
        "mute",
        "unmute",
        "pin",
        "unpin",
        "vote",
        "join",
        "leave",
        "accept",
        "decline",
        "invite",
        "assign",
        "unassign",
        "lock",
        "unlock",
        "enable",
        "disable",
    }
)
ROUTE_ACTIONS = ACTION_WORDS | RELATION_WORDS
REWIRING = re.compile(r"\b(container|inject\w*|wir(?:e|ed|ing)|receives?)\b", re.I)
NAMED_ROUTER = re.compile(r"\b(?:in|to|from|of)\s+the\s+`?([\w-]+)`?\s+(?:router|routes)\b", re.I)
BACKGROUND = re.compile(r"\bbackground task", re.I)


# The one method of a class that is one use case.
SINGLE_ACTION_METHODS = frozenset({"__call__", "execute", "handle", "run"})


def public_methods(klass: ClassModel) -> set[str]:
    """A class's public methods, ``__call__`` among them."""
    return {m for m in klass.methods if not m.startswith("_")} | ({"__call__"} & set(klass.methods))


class ExistingCodeChanges:
    """A feature's view of the repository: what exists, which endpoints are new, and
    the changes the feature makes to existing files (added to ``recipe``)."""

    def __init__(self, known: RepoKnowledge, context: ContextSession, conventions: Conventions):
        self.known = known
        self.context = context
        self.c = conventions
        self.recipe = Recipe()
        self.paths = known.analysis.scan.module_paths
        # path → module, built once: the first module of a path, as ``paths`` lists them
        self.path_modules: dict[str, str] = {}
        for name, path in self.paths.items():
            self.path_modules.setdefault(path, name)
        self.classes = _class_index(known)
        self.ports = {p.qualname.rpartition(":")[2]: p for p in known.facts.ports}
        self.existing_files = set(self.paths.values())
        self.ranked: tuple[str, ...] = ()
        # the new modules the session names (the scope creates them)
        self.named_modules: tuple[str, ...] = ()
        # the existing resources the feature is about (the scope's), most named first
        self.subjects: tuple[str, ...] = ()
        self.routes = self._new_routes()
        self.changed_services: dict[str, str] = {}
        # a repository without a service layer: new handlers do the work themselves,
        # or call a module of use-case functions (its name, when they do)
        self.handlers_work = False
        self.function_module = ""
        self.function_tests = ""  # the test module of that module's new function
        self.service_paths: dict[str, str] = {}
        # each new route's own use case, where use cases are kept one per module
        self.route_services: dict[tuple[str, str], str] = {}
        # files a new slice gets beside its service, as the other slices have them
        self.slice_files: list[str] = []
        # the router module each new route went to (a path → its module)
        self.routed: dict[str, str] = {}
        self.wired_ports: list[str] = []
        self.new_port_paths: dict[str, str] = {}  # new port → its planned module
        # the new folders of external systems' own adapters (``libs/smtp``)
        self.system_folders: list[str] = []
        # new generic ports (``EventHandler[E]``): many classes implement each
        self.generic_ports: list[str] = []
        self.rewire = False
        # the method of a changed service that does what the feature hangs on
        self.triggered_methods: dict[str, str] = {}

    def _existing_classes(self) -> None:
        """Existing classes the context says change; a changed port changes every
        class implementing it (the fakes of the tests too)."""
        services = {s.qualname for s in self.known.facts.services}
        for name in self.context.identifiers:
            qualname = self.classes.get(name)
            if qualname is None:
                continue
            clauses = [clause for clause, _ in self.context.changes(name)]
            known_members = _members(self.known, qualname)
            clauses += [
                f"`{name}.{member}` is new"
                for member in self.context.members(name)
                if member not in known_members
            ]
            if not clauses:
                continue
            path = self.paths[qualname.partition(":")[0]]
            layer = self._layer_of(path)
            self.recipe.add(
                FileChange(
                    path,
                    MODIFY,
                    layer,
                    f"`{name}` changes for the feature.",
                    tuple(dict.fromkeys(clauses)),
                    "",
                    f"class {name}",
                )
            )
            if qualname in services and layer != TESTS:
                self.changed_services[name] = path
                if any(REWIRING.search(clause) for clause in clauses):
                    self.rewire = True
                for member in self.context.members(name):
                    if BACKGROUND.search(self.context.sentence_with(f"{name}.{member}")):
                        self._background_routes(member)
            port = next((p for p in self.known.facts.ports if p.qualname == qualname), None)
            if port is not None:
                self._implementations(name, port.qualname)

    def _triggered_services(self) -> None:
        """The class doing what the feature hangs on ("when a user is created":
        ``UserService.create``) does the new work too: it changes, takes what the new
        work needs (rewired) and has its tests extended."""
        for trigger in triggers(self.context.text):
            if event_handler(self.known, trigger, self.context.feature) is not None:
                continue  # a new handler of the operation's event does the work (the scope's)
            for path, name in triggered_code(self.known, trigger):
                owner, _, method = name.partition(".")
                if owner not in self.classes or owner in self.changed_services:
                    continue  # a route's handler function: the scope changes its module
                if self.known.roles.get(self.classes[owner].partition(":")[0]) == PRESENTATION:
                    continue  # a class of routes is no service to rewire
                self.changed_services[owner] = path
                self.triggered_methods[owner] = method
                self.rewire = True
                self.recipe.add(
                    FileChange(
                        path,
                        MODIFY,
                        self._layer_of(path),
                        f"`{name}` also does the feature's work: {trigger.clause}.",
                        (self.context.sentence_with(trigger.clause) or trigger.clause,),
                        "",
                        f"`{method or owner}`",
                    )
                )

    def _missing_store_operations(self) -> None:
        """A new route that deletes or updates one item of the resource the feature is
        about (``DELETE /articles/{slug}``) needs its repository to do it: where the
        resource's repository has no method of that kind yet, it gains one (its
        implementations too)."""
        if not self.subjects:
            return
        stem = camel(self.subjects[0])
        for method, path in self.routes:
            verbs = STORE_VERBS.get(method)
            if verbs is None or not path.rstrip("/").endswith("}"):
                continue
            for name in (f"{stem}Repository", f"I{stem}Repository", f"{stem}Repo"):
                qualname = self.classes.get(name)
                klass = self.known.model.classes.get(qualname or "")
                if klass is None or self.known.roles.get(klass.module) == TESTS:
                    continue
                if any(word in verbs for m in klass.methods for word in m.lower().split("_")):
                    break  # it deletes (updates) already
                path_of = self.paths.get(klass.module)
                if path_of is None:
                    break
                self.recipe.add(
                    FileChange(
                        path_of,
                        MODIFY,
                        self._layer_of(path_of),
                        f"`{name}` gains `{verbs[0]}`: no method of it "
                        f"{'removes' if method == 'DELETE' else 'updates'} "
                        f"{'an' if stem[0] in 'AEIOU' else 'a'} {snake(stem).replace('_', ' ')} "
                        "yet.",
                        (f"for `{method} {path}`",),
                        "",
                        f"class {name}",
                    )
                )
                port = next((p for p in self.known.facts.ports if p.qualname == qualname), None)
                if port is not None:
                    self._implementations(name, port.qualname)
                break

    def _implementations(self, port: str, qualname: str) -> None:
        for adapter in self.known.facts.adapters:
            if qualname not in adapter.implements:
                continue
            self.recipe.add(
                FileChange(
                    adapter.location.path,
                    MODIFY,
                    self._layer_of(adapter.location.path),
                    f"`{adapter.qualname.rpartition(':')[2]}` follows the change of `{port}`.",
                    (
                        "A fake of the tests implements the port too: it must follow or the "
                        "tests using it break."
                        if adapter.fake
                        else f"Implement what `{port}` gains.",
                    ),
                    "",
                    f"class {adapter.qualname.rpartition(':')[2]}",
                )
            )

    def _background_routes(self, member: str) -> None:
        """Route modules whose handlers call ``member``: a FastAPI background task is
        added where the request is handled."""
        for route in self.known.facts.routes:
            function = self.known.model.function(route.handler)
            module = self.paths.get(route.handler.partition(":")[0])
            if function is None or module is None:
                continue
            calls = (n for n in ast.walk(function.node) if isinstance(n, ast.Call))
            if any(callee(call) == member for call in calls):
                self.recipe.add(
                    FileChange(
                        module,
                        MODIFY,
                        self._layer_of(module),
                        f"Run the slow part of `{route.key}` after the response.",
                        ("Take `background_tasks: BackgroundTasks` and schedule the work.",),
                        "",
                        f"`{route.handler.rpartition(':')[2]}`",
                    )
                )

    def _extend_router_service(self) -> None:
        """New endpoints on an existing router, and nothing new behind them: the
        service that router already uses takes the new use case."""
        modules = {self._route_module(path) for _, path in self.routes} - {None}
        services = {s.qualname for s in self.known.facts.services}
        ports = {p.qualname for p in self.known.facts.ports}
        used_names: set[str] = set()
        interfaces: dict[str, str] = {}  # service → the use-case port the router names
        for name, path in self.paths.items():
            model = self.known.model.modules.get(name)
            if path not in modules or model is None:
                continue
            # through the names the router binds, so re-exports (`from ..services
            # import X`) resolve to the module that defines X
            for local in model.bindings:
                qualname = self._service_class(self.known.model.resolve_name(name, local))
                if qualname in services:
                    used_names.add(qualname)
                elif qualname in ports:
                    # `usecase: UserUseCase = Depends(Provide[Container.user_service])`:
                    # the router names the port its one service implements
                    made = sorted(
                        c.qualname
                        for c in self.known.model.subclasses_of(qualname)
                        if c.qualname in services
                    )
                    if len(made) == 1:
                        used_names.add(made[0])
                        interfaces[made[0]] = qualname
        used = sorted(used_names)
        if len(used) != 1 or self._one_use_case_class(used[0]):
            return
        name = used[0].rpartition(":")[2]
        path = self.paths[used[0].partition(":")[0]]
        if self.subjects and not self._about_subject(name, path):
            return  # the articles router's ``CommentService`` takes no article feature
        self.changed_services[name] = path
        self.recipe.add(
            FileChange(
                path,
                MODIFY,
                self._layer_of(path),
                f"`{name}` takes the new use case(s), like the router's other endpoints.",
                tuple(f"`{m} {p}`" for m, p in self.routes),
                "",
                f"class {name}",
            )
        )
        port = interfaces.get(used[0])
        if port is not None and port.partition(":")[0] in self.paths:
            port_path = self.paths[port.partition(":")[0]]
            port_name = port.rpartition(":")[2]
            self.recipe.add(
                FileChange(
                    port_path,
                    MODIFY,
                    self._layer_of(port_path),
                    f"`{port_name}` declares the new use case(s), which `{name}` implements.",
                    tuple(f"`{m} {p}`" for m, p in self.routes),
                    "",
                    f"class {port_name}",
                )
            )

    def _about_subject(self, name: str, path: str) -> bool:
        """Whether a class's name or path names a resource the feature is about."""
        words = {
            singular(w)
            for w in (snake(name) + "_" + path.removesuffix(".py")).replace("/", "_").split("_")
            if w
        }
        return any(set(subject.split("_")) <= words for subject in self.subjects)

    def _one_use_case_class(self, qualname: str) -> bool:
        """Whether a class is one use case (``AddProductsInteractor.__call__``, a
        command handler's ``execute``): a new use case is a class of its own, not one
        more method of it. A ``…Service`` is a service whatever it holds yet
        (``ButlerService.run`` takes a sibling)."""
        klass = self.known.model.classes.get(qualname)
        if klass is None or klass.name.endswith("Service"):
            return False
        public = public_methods(klass)
        return bool(public) and public <= SINGLE_ACTION_METHODS

    def _service_class(self, qualname: str) -> str:
        """The class a name stands for: itself, or the class of the module-level
        instance it names (``order = OrderService()``, imported as ``order_service``)."""
        module_name, _, name = qualname.partition(":")
        module = self.known.model.modules.get(module_name)
        value = module.assignments.get(name) if module is not None else None
        if isinstance(value, ast.Call):
            return self.known.model.resolve_expr(module_name, value.func)
        return qualname

    def _deletions(self) -> None:
        """``DELETE /projects/{project_id}`` needs a way to delete a ``Project``: when
        its repository port has none, the port and every implementation gain one."""
        for method, path in self.routes:
            segments = [s for s in path.strip("/").split("/") if s]
            if method != "DELETE" or len(segments) < 2 or not segments[-1].startswith("{"):
                continue
            entity = camel(singular(segments[-2]))
            port = self.ports.get(f"{entity}Repository")
            if port is None or any(m.name in ("delete", "remove") for m in port.methods):
                continue
            name = port.qualname.rpartition(":")[2]
            self.recipe.add(
                FileChange(
                    port.location.path,
                    MODIFY,
                    self._layer_of(port.location.path),
                    f"`{name}` gets `delete`.",
                    (f"`{method} {path}` deletes one `{entity}`; the port has no way to yet.",),
                    "",
                    f"class {name}",
                )
            )
            self._implementations(name, port.qualname)

    def _action_entities(self) -> None:
        """``POST /orders/{order_id}/cancel`` is a state change of ``Order``, unless
        ``Order.cancel`` exists already."""
        models = {m.qualname.rpartition(":")[2]: m for m in self.known.facts.models}
        for _, path in self.routes:
            segments = [s for s in path.strip("/").split("/") if s]
            if len(segments) < 3 or segments[-1] not in ACTION_WORDS:
                continue
            if not segments[-2].startswith("{"):
                continue
            entity = camel(singular(segments[-3]))
            model = models.get(entity)
            if model is None or model.layer != DOMAIN:
                continue
            klass = self.known.model.classes.get(model.qualname)
            if klass is not None and segments[-1] in klass.methods:
                continue  # ``Account.close`` exists: the use case calls it as it is
            self.recipe.add(
                FileChange(
                    model.location.path,
                    MODIFY,
                    DOMAIN,
                    f"`{entity}` gets the `{segments[-1]}` state change and its rule.",
                    (f"`{path}` changes the state of one `{entity}`.",),
                    "",
                    f"class {entity}",
                )
            )

    def _named_routers(self) -> None:
        """Routers the decisions name (``... becomes 409 in the tasks router``)."""
        modules = sorted(self.c.route_prefixes)
        for clause in self.context.clauses("requirements", "decisions so far"):
            for word in NAMED_ROUTER.findall(clause):
                stem = snake(word)
                for module in modules:
                    base = posixpath.basename(module).removesuffix(".py")
                    if base.rstrip("s") == stem.rstrip("s") or base == f"{stem}_router":
                        self.recipe.add(
                            FileChange(
                                module,
                                MODIFY,
                                self._layer_of(module),
                                f"The {word} router changes.",
                                (clause,),
                                "",
                                "",
                            )
                        )

    def _new_routes(self) -> list[tuple[str, str]]:
        """Routes the context names that do not exist yet; a route in a sentence about
        an adapter (``StripeGateway`` calls ``POST /refunds``) is someone else's API."""
        adapters = [a.qualname.rpartition(":")[2] for a in self.known.facts.adapters]
        found = []
        named = self.context.routes or unnamed_endpoints(
            self.context.decisive_text(), (r.path for r in self.known.facts.routes)
        )
        for method, path in named:
            if self.known.served_route(f"{method} {path}") is not None:
                continue
            sentence = self.context.sentence_with(f"{method} {path}") or (
                self.context.sentence_with(path)
            )
            if any(re.search(rf"\b{name}\b", sentence) for name in adapters):
                continue
            found.append((method, path))
        return found

    def _place(
        self, name: str, analogs: list[tuple[str, str]], fallback: str, resource: str = ""
    ) -> tuple[str, list[str]]:
        """The file for a new class (and sibling files), where the context says or
        where classes of its kind live, named their way; in ``resource``'s folder where
        they live in a folder per resource."""
        files, folders = self.context.locations(name)
        words = set(snake(name).split("_"))
        for file in files:
            path = self._repo_path(file)
            stem_words = set(posixpath.basename(path).removesuffix(".py").split("_"))
            if path not in self.existing_files and stem_words <= words:
                return path, []
        folder = next((self._repo_path(f) for f in folders if self._is_folder(f)), "")
        filing = filing_for(name, analogs, fallback, self.existing_files, self.ranked, resource)
        return filing.place(name, folder)

    def _repo_path(self, path: str) -> str:
        """A path the context gives, relative to the repository root (it may be
        written relative to the source folder, e.g. ``app/...`` for ``backend/app/...``)."""
        folders = folders_of(self.existing_files)
        for candidate in (path, f"{self.c.source_prefix}{path}"):
            if candidate in self.existing_files or posixpath.dirname(candidate) in folders:
                return candidate
            if candidate in folders:
                return candidate
        return path

    def _is_folder(self, path: str) -> bool:
        folders = folders_of(self.existing_files)
        resolved = self._repo_path(path)
        return resolved in folders or posixpath.dirname(resolved) in folders

    def _new_layer(self, path: str, default: str) -> str:
        """The layer a new file gets from its folder (``default`` when none says)."""
        module = module_name_for(self.known.analysis, path)
        known = self.known.analysis.classifications.get(module)
        layer = known.layer if known else classify(module, self.known.analysis.rules).layer
        return default if layer == UNCLASSIFIED else layer

    def _route_module(self, path: str) -> str | None:
        """The router a new route joins (``route_layout.joined_router``)."""
        return joined_router(self.c.route_prefixes, self.c.route_paths, path)

    def _route_names(self) -> set[str]:
        """The module names of the routers the new routes join."""
        routers = {self._route_module(path) for _, path in self.routes} - {None}
        return {name for name, path in self.paths.items() if path in routers}

    def _route_packages(self) -> set[str]:
        """The top packages of the routers the new routes join (``app_platform``)."""
        return {name.partition(".")[0] for name in self._route_names()}

    def _layer_of(self, path: str) -> str:
        name = self.path_modules.get(path)
        return self.known.roles.get(name, "") if name is not None else ""


# What a route of each method asks of its resource's repository, the method name a
# repository would give it first.
STORE_VERBS = {
    "DELETE": ("delete", "remove", "destroy", "purge"),
    "PUT": ("update", "save", "edit", "replace", "upsert", "modify"),
    "PATCH": ("update", "save", "edit", "patch", "upsert", "modify"),
}


def _class_index(known: RepoKnowledge) -> dict[str, str]:
    """Short class name → qualname; code outside the tests wins a name clash."""
    index: dict[str, str] = {}
    for qualname in sorted(known.model.classes):
        name = qualname.rpartition(":")[2]
        in_tests = known.roles.get(qualname.partition(":")[0]) == TESTS
        current = index.get(name)
        if current is None or (
            known.roles.get(current.partition(":")[0]) == TESTS and not in_tests
        ):
            index[name] = qualname
    return index


def _members(known: RepoKnowledge, qualname: str) -> set[str]:
    """Methods and class-level names of a class (fields, constants, enum members)."""
    klass = known.model.classes[qualname]
    names = set(klass.methods)
    for node in klass.node.body:
        if isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return names


def is_error(known: RepoKnowledge, qualname: str) -> bool:
    """A class named like an error, or one of the repository's deriving from one."""
    if qualname.rpartition(":")[2].endswith(ERROR_SUFFIXES):
        return True
    klass = known.model.classes.get(qualname)
    return klass is not None and is_exception(known.model, klass)
