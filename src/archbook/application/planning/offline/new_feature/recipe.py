"""The new-feature recipe: which ports, services and entities the context session
introduces, the order the plan's parts are added in, and the plan's summary and
reasons. The parts themselves come from the mixins it combines."""

from __future__ import annotations

import builtins
import posixpath
import re
from collections import Counter

from archbook.application.code_facts.knowledge import RepoKnowledge
from archbook.application.planning.context_session import ContextSession
from archbook.application.planning.naming import (
    camel,
    feature_words,
    singular,
    snake,
    without_ticket_keys,
)
from archbook.application.planning.offline.conventions import Conventions
from archbook.application.planning.offline.filing import ROLE_WORDS, role_word
from archbook.application.planning.offline.new_feature.components import FeatureComponents
from archbook.application.planning.offline.new_feature.connections import FeatureConnections
from archbook.application.planning.offline.new_feature.function_services import (
    called_function_module,
    function_sketch,
    function_tests,
    use_case_function,
)
from archbook.application.planning.offline.new_feature.support import ROUTE_ACTIONS, VERBS
from archbook.application.planning.offline.recipe import Recipe
from archbook.application.planning.offline.route_layout import new_router_stem
from archbook.application.planning.offline.scope_sections import (
    GENERIC_PERFORMANCE,
    GENERIC_SECURITY,
)
from archbook.application.planning.plan_validation import layer_of_path
from archbook.application.planning.session_text import prose
from archbook.domain.layers import APPLICATION, DOMAIN, TESTS
from archbook.domain.plan import CREATE, MODIFY, FileChange

# Words that lead a use case's name (``delete_video``, ``abort_upload``).
USE_CASE_HEADS = frozenset(VERBS.values()) | ROUTE_ACTIONS | frozenset(
    {"list", "set", "add", "remove", "find", "search", "fetch", "change", "reset",
     "assign", "edit", "replace", "check", "generate", "send", "upload", "download",
     "abort", "start", "stop", "register", "subscribe", "unsubscribe", "mark",
     "calculate", "compute", "estimate", "validate", "preview", "export"}
)  # fmt: skip
SERVICE_SUFFIXES = ("Service", "UseCase", "Handler", "Interactor")
SECURITY_HINTS = re.compile(
    r"\b(hash|token|secret|reveal|rate.?limit|password|auth\w*|HMAC|sign\w*)\b", re.I
)
SPEED_HINTS = re.compile(r"\b(p95|p50|slow\w*|loop|query|latency|background|index\w*)\b", re.I)
# "port" in the languages sessions are written in (puerto, interfaz, protocole...)
PORT_WORDS = re.compile(r"\b(port|interface|puerto|interfaz)\b", re.I)
PORT_NOUNS = r"(?:protocol|port|interface|puerto|interfaz|protocolo|protocole)"
ENTITY_NOUNS = r"(?:entity|aggregate|entidad|agregado|entité|agrégat)"
# What an event class's name ends with, and the name of a module of events by topic.
EVENT = "Event"
EVENT_MODULE = "events.py"
EVENTS_PLACE = re.compile(r"(?:^|/)events?/|(?:^|/|_)events\.py$")
REPOSITORY_WORD = re.compile(r"\b(?:repository|repositorio|dépôt|repositório)\b", re.I)
# A sentence calling a name an event ("emit a domain event `OrderShipped`") or an
# error it raises ("invalid moves raise `IllegalMove`"), the name in backticks.
CALLED_AN_EVENT = r"\bevent\s+`{name}\b[^`]*`|`{name}\b[^`]*`\s+(?:domain\s+)?event\b"
RAISED = r"\b(?:raises?|raising|throws?|throwing|lève|lanza)\s+(?:an?\s+)?`{name}\b[^`]*`"
ERROR_SUFFIXES = ("Error", "Exception")
ERRORS_MODULE = "exceptions.py"


def new_feature_changes(
    known: RepoKnowledge,
    context: ContextSession,
    conventions: Conventions,
    ranked: tuple[str, ...],
    subjects: tuple[str, ...] = (),
    named_modules: tuple[str, ...] = (),
) -> Recipe:
    """Every file a new feature creates or modifies, with sketches, wiring and tests;
    ``subjects``: the existing resources the feature is about; ``named_modules``: the
    new modules the session names (the scope creates them)."""
    planner = _FeaturePlanner(known, context, conventions)
    planner.ranked = ranked
    planner.subjects = subjects
    planner.named_modules = named_modules
    return planner.plan()


# How the name of one who does something ends: a service named ``…Migrator`` or
# ``…Exporter`` is named for its role, one named ``…User`` for what it acts on.
AGENT_ENDINGS = ("er", "or")


class _FeaturePlanner(FeatureConnections, FeatureComponents):
    """The new-feature plan: the names the context introduces, then every part in order."""

    def plan(self) -> Recipe:
        context, recipe = self.context, self.recipe
        repositories, other_ports, services = self._new_names()
        self._existing_classes()
        self._triggered_services()
        self._missing_store_operations()
        # "business logic lives in `services/crawler/parcels.py`": the session names
        # the new module of the work, no other service is made up beside it
        named_work = any(
            layer_of_path(self.known.analysis, path) == APPLICATION
            and not path.endswith("/__init__.py")
            for path in self.named_modules
        )
        if not services and not self.changed_services and not named_work:
            if self.routes and not (repositories or other_ports):
                self._extend_router_service()
            functions = (
                not self.changed_services
                and bool(self.routes)
                and not repositories
                and self._functions_do_the_work()
            )
            if not self.changed_services and (self.routes or repositories) and not functions:
                role = self._service_role()
                self.route_services = self._use_case_per_route(role)
                if self.route_services:
                    services = list(dict.fromkeys(self.route_services.values()))
                else:
                    name = self._service_stem()
                    services = [name if name.endswith(role) else name + role]
        entities = [name.removesuffix("Repository") for name in repositories]
        for entity in entities:
            self._entity(entity)
        for port in repositories:
            self._repository(port)
        for port in other_ports:
            self._other_port(port)
        for service in services:
            self._service(service, repositories + other_ports)
        self._action_entities()
        self._deletions()
        self._routes(services[0] if services else next(iter(self.changed_services), ""))
        self._resource_counterparts()
        self._named_routers()
        self._container(repositories, self.wired_ports, services)
        self._settings(bool(repositories or self.wired_ports or services))
        self._errors()
        self._tests(services, other_ports)
        self._indexes(repositories)
        recipe.summary = (
            f"{context.title}: {len(self.routes)} new endpoint(s), "
            f"{len(repositories) + len(other_ports)} new port(s), {len(services)} new service(s)"
            + (
                f", {len(self.changed_services)} existing service(s) extended"
                if self.changed_services
                else ""
            )
        )
        recipe.rationale += [
            f"Settled in the context session: {d}" for d in context.section("decisions so far")[:3]
        ]
        # the prose of a requirement says what it is about; its paths and names do not
        # (`src/features/authentication/…` is no security requirement)
        worded = [(s, prose(s)) for s in context.section("constraints", "requirements")]
        recipe.security += [s for s, words in worded if SECURITY_HINTS.search(words)]
        recipe.security.append(GENERIC_SECURITY)
        recipe.performance += [s for s, words in worded if SPEED_HINTS.search(words)]
        recipe.performance.append(GENERIC_PERFORMANCE)
        if repositories:
            recipe.migration.append(
                "New collections/tables only: no existing data changes. Create their indexes "
                "before the first deploy that writes to them."
            )
        recipe.migration.append(
            "Existing routes and response bodies stay as they are, so clients need no change."
        )
        return recipe

    def _new_names(self) -> tuple[list[str], list[str], list[str]]:
        """Names the context introduces: repositories, other ports, services. A name
        whose role word existing ports share (``CancelOrderUseCase`` beside
        ``PlaceOrderUseCase``) is a port like them."""
        repositories: list[str] = []
        others: list[str] = []
        services: list[str] = []
        port_roles = {role_word(n) for n in self.ports} - {""}
        service_roles = {
            role_word(s.qualname.rpartition(":")[2]) for s in self.known.facts.services
        }
        # the libraries the code imports: ``LangGraph`` names ``langgraph``, no new class
        libraries = {i.imported.lower() for i in self.known.analysis.scan.imports if i.external}
        for name in self.context.identifiers:
            if name in self.classes or name.isupper() or name.upper() in VERBS:
                continue
            if name.lower() in libraries:
                continue
            sentence = self.context.sentence_with(name)
            role = role_word(name)
            if self._event(name, sentence) or self._sibling(name, role, sentence):
                continue
            if self._error(name, sentence):
                continue
            if name.endswith("Repository"):
                if name not in repositories:
                    repositories.append(name)
            elif called_an_entity(name, sentence):
                # "a new entity `Invoice`, the matching repository port": its storage
                port = f"{name}Repository"
                known = port in self.classes or port in repositories
                if REPOSITORY_WORD.search(sentence) and not known:
                    repositories.append(port)
            elif (
                role
                and role in port_roles
                and role not in service_roles
                or called_a_port(name, sentence)  # "an `EventHandler[E]` protocol"
            ):
                others.append(name)
            elif name.endswith(SERVICE_SUFFIXES):
                services.append(name)
            elif PORT_WORDS.search(sentence):
                alternatives = [o for o in others if o in sentence]
                if not (
                    alternatives
                    and re.search(rf"`?{alternatives[0]}`?\s*\(or", sentence)
                    or re.search(rf"\(or `?{name}`?\)", sentence)
                ):
                    others.append(name)
        return repositories, others, services

    def _event(self, name: str, sentence: str) -> bool:
        """A new event (``IntentGeneratedEvent``) joins the repository's events, never
        a port: in the folder of event modules nearest the classes the session names
        (the bounded context it is about), in the module of its topic where each topic
        has one (``intent_events.py`` beside ``geopolitics_events.py``), else in the
        module most events are in. False where the repository defines no event."""
        called = re.search(CALLED_AN_EVENT.format(name=re.escape(name)), sentence, re.I)
        if not (name.endswith(EVENT) and name != EVENT or called):
            return False
        # events kept as events are (``events/``, ``domain_events.py``), not an entity
        # named after one (``entities/history_event.py``)
        homes: Counter[str] = Counter()
        for other, qualname in self.classes.items():
            if not other.endswith(EVENT) or other == EVENT:
                continue
            module = qualname.partition(":")[0]
            path = self.paths.get(module, "")
            if self.known.roles.get(module) != TESTS and EVENTS_PLACE.search(path):
                homes[path] += 1
        if not homes:
            # a repository defining no event yet: the domain's first events module,
            # where the session calls it one
            return bool(called) and self._first_module(name, sentence, EVENT_MODULE, "event")
        anchors = [
            self.paths.get(self.classes[n].partition(":")[0], "")
            for n in self.context.identifiers
            if n in self.classes
        ] + list(self.ranked[:3])
        folders: Counter[str] = Counter()
        for path, count in homes.items():
            folders[posixpath.dirname(path)] += count

        def nearness(folder: str) -> tuple[int, int, str]:
            parts = folder.split("/")
            # the leading folders it shares with the nearest anchor
            shared = max(
                (len(posixpath.commonprefix([parts, a.split("/")])) for a in anchors if a),
                default=0,
            )
            return (-shared, -folders[folder], folder)

        folder = min(folders, key=nearness)
        modules = [path for path in homes if posixpath.dirname(path) == folder]
        topical = len(modules) > 1 and all(p.endswith(f"_{EVENT_MODULE}") for p in modules)
        topic = snake(name).partition("_")[0]
        if topical:
            path = f"{folder}/{topic}_{EVENT_MODULE}"
        else:
            path = min(modules, key=lambda p: (-homes[p], p))
        like = sorted(
            n for n, q in self.classes.items()
            if n.endswith(EVENT) and self.paths.get(q.partition(":")[0], "") in modules
        )[:2]  # fmt: skip
        beside = ", ".join(f"`{n}`" for n in like)
        self._domain_module(
            path, f"`{name}`: one more event beside {beside}.", sentence, "after the other events"
        )
        return True

    def _error(self, name: str, sentence: str) -> bool:
        """A new error the session has the domain raise (``IllegalMove``): one more in
        the repository's errors module, else the domain's first one. False for a name
        neither raised in its sentence nor named as an error."""
        if hasattr(builtins, name):
            return False  # Python's own (a bug's ``TypeError``)
        raised = re.search(RAISED.format(name=re.escape(name)), sentence, re.I)
        if not raised and not (name.endswith(ERROR_SUFFIXES) and name not in ERROR_SUFFIXES):
            return False
        module = self.c.errors_module
        if not module:
            return bool(raised) and self._first_module(name, sentence, ERRORS_MODULE, "error")
        self._domain_module(
            module, f"`{name}`: one more error beside the others.", sentence, "after the others"
        )
        return True

    def _first_module(self, name: str, sentence: str, module: str, kind: str) -> bool:
        """The first module of its ``kind`` in the domain's folder, for ``name``; False
        where the repository has no domain folder."""
        folder = self.c.entities_folder
        if not folder:
            return False
        path = f"{folder}/{module}"
        purpose = f"`{name}`: the domain's {kind}s, beside its entities."
        self._domain_module(path, purpose, sentence, "after the others")
        return True

    def _domain_module(self, path: str, purpose: str, sentence: str, where: str) -> None:
        """Plan ``path`` to change (``where`` in it) or, where it does not exist, to be
        created in the domain layer, quoting the ``sentence`` that asks for it."""
        exists = path in self.existing_files
        self.recipe.add(
            FileChange(
                path,
                MODIFY if exists else CREATE,
                self._layer_of(path) if exists else self._new_layer(path, DOMAIN),
                purpose,
                (sentence,) if sentence else (),
                "",
                where if exists else "new file",
            )
        )

    def _sibling(self, name: str, role: str, sentence: str) -> bool:
        """A new ``WelcomeTemplate`` where ``VerifyTokenTemplate`` and
        ``ResetTokenTemplate`` implement the ``BaseTemplate`` port: one more of them,
        written in the module most of them are in, not a new port. False where the
        sentence calls it a port, for a service or a repository, and where no concrete
        class of that role implements one."""
        if not role or called_a_port(name, sentence):
            return False
        if name.endswith((*SERVICE_SUFFIXES, "Repository")):
            return False  # a service or storage of its own, whatever its port's name
        ports = {p.qualname for p in self.known.facts.ports}
        kin = [
            q
            for n, q in self.classes.items()
            if role_word(n) == role
            and q not in ports
            and self.known.roles.get(q.partition(":")[0]) != TESTS
            and self.known.model.ancestors(self.known.model.classes[q]) & ports
        ]
        if not kin:
            return False
        homes = [self.paths.get(q.partition(":")[0], "") for q in kin]
        modules = Counter(home for home in homes if home)
        if not modules:
            return False
        path = min(modules, key=lambda m: (-modules[m], m))
        bases = {b for klass in self.known.model.classes.values() for b in klass.bases}
        leaves = [q for q in kin if q not in bases] or kin  # the concrete ones, not a base
        like = sorted(q.rpartition(":")[2] for q in leaves)[:2]
        self.recipe.add(
            FileChange(
                path,
                MODIFY,
                self._layer_of(path),
                f"`{name}`: one more {role.lower()} beside {', '.join(f'`{n}`' for n in like)}.",
                (sentence,) if sentence else (),
                "",
                f"after class {like[-1]}",
            )
        )
        return True

    def _functions_do_the_work(self) -> bool:
        """New routes on existing routers of a repository whose use cases are functions:
        the module of functions the routers call gets one more (``crud.py``), or, with
        no such module and no service class anywhere, the handler does the work as its
        neighbours do. True when no service class is wanted."""
        routers = self._route_names()
        if not routers or any(self._route_module(path) is None for _, path in self.routes):
            # a new router where no router calls a service or a module of functions:
            # its handlers do the work, as the others' do
            self.handlers_work = bool(self.known.facts.routes) and not (
                self.known.facts.services
                or called_function_module(
                    self.known.model,
                    {r.handler.partition(":")[0] for r in self.known.facts.routes},
                    self.known.roles,
                )
            )
            return self.handlers_work
        module = called_function_module(self.known.model, routers, self.known.roles)
        if module is None:
            self.handlers_work = not self.known.facts.services
            return self.handlers_work
        path = self.paths[module]
        self.function_module = module
        names = [use_case_function(m, p, ROUTE_ACTIONS, VERBS) for m, p in self.routes]
        self.recipe.add(
            FileChange(
                path,
                MODIFY,
                self._layer_of(path),
                f"The use case as a function ({', '.join(f'`{n}`' for n in names)}), like "
                "the functions the router's other endpoints call.",
                tuple(f"`{m} {p}`" for m, p in self.routes),
                "".join(function_sketch(self.known.model, module, n) for n in dict.fromkeys(names)),
                "after the module's other functions",
            )
        )
        tests = function_tests(
            self.known.facts.tests, module, [p for _, p in self.routes], self._route_names()
        )
        if tests:
            self.function_tests = tests
            self._test_file(tests, "unit", tuple(f"`{n}`" for n in names), ())
        return True

    def _service_stem(self) -> str:
        """What a new service is named after: the resource the feature is about where
        the services are named after their resources (``PostService``, ``UserService``
        beside the ``Post`` model and the ``user.py`` router) and it has none yet; else
        the feature."""
        subject = self.subjects[0] if self.subjects else ""
        model = self.known.model
        bases = {base for klass in model.classes.values() for base in model.ancestors(klass)}
        services = [  # a base the services share (``BaseService``) names no resource
            s.qualname for s in self.known.facts.services if s.qualname not in bases
        ]
        # the resources: the models', and the routers' (``item.py`` serving items)
        models = {snake(m.qualname.rpartition(":")[2]) for m in self.known.facts.models}
        routers = {
            singular(posixpath.basename(self.paths.get(r.handler.partition(":")[0], ""))[:-3])
            for r in self.known.facts.routes
        }
        models |= routers
        stems = [_stem(name.rpartition(":")[2]) for name in services]
        # one word naming a resource (``post``), not a use case (``create_user``), or
        # its router's name in words (``CheckInService`` beside ``checkin.py``)
        named = sum(
            (stem in models and "_" not in stem) or stem.replace("_", "") in routers
            for stem in stems
        )
        # or the slice folder it serves: ``AccountCreditService`` in
        # ``account_credit/service.py`` (not ``create_room.py``'s ``CreateRoomUseCase``)
        sliced = sum(
            stem == name.partition(":")[0].rpartition(".")[0].rpartition(".")[2]
            for stem, name in zip(stems, services, strict=True)
        )
        named = max(named, sliced)
        if subject and named >= 2 and named * 2 > len(stems) and subject not in stems:
            return camel(subject)
        # one use case per class, each led by its action (``GetVideo``, ``DeleteVideo``),
        # and a feature named after the resource first (``video_update``, ``video_editing``):
        # the one route's action leads (``PATCH /videos/{id}``: ``UpdateVideo``)
        led = sum(stem.partition("_")[0] in USE_CASE_HEADS and "_" in stem for stem in stems)
        if len(self.routes) == 1 and led >= 2 and led * 2 > len(stems):
            action = use_case_function(*self.routes[0], ROUTE_ACTIONS, VERBS)
            first = snake(self.context.feature).partition("_")[0]
            if first not in USE_CASE_HEADS and singular(first) == action.rpartition("_")[2]:
                return camel(action)
        # a service per resource router (``CheckinService`` beside ``checkin.py``), and
        # every new route goes to one new router (``ceo.py``): ``CeoService``
        fresh = self._new_router_stems()
        if len(fresh) == 1 and named and named * 2 >= len(stems):
            return camel(fresh[0])
        if not without_ticket_keys(self.context.feature).strip(" -_") and len(self.routes) == 1:
            # a feature named by its ticket alone: its one route's action names it
            return camel(use_case_function(*self.routes[0], ROUTE_ACTIONS, VERBS))
        return camel(feature_words(self.context.feature))

    def _use_case_per_route(self, role: str) -> dict[tuple[str, str], str]:
        """A use case for each new route, named by its action (``PUT /trips/{id}``:
        ``UpdateTrip``), where the repository keeps one use case per module named
        after it (``log_trip.py`` holding ``LogTripUseCase``), most of them
        so, and the feature adds several routes; {} otherwise."""
        if len(self.routes) < 2:
            return {}
        services = self.known.facts.services
        per_module = Counter(s.location.path for s in services)
        named = 0
        for service in services:
            stem = _stem(service.qualname.rpartition(":")[2])  # ``log_trip``
            own = (f"{stem}.py", f"{stem}_{snake(role)}.py")
            path = service.location.path
            named += per_module[path] == 1 and "_" in stem and posixpath.basename(path) in own
        if named < 2 or named * 2 <= len(services):
            return {}
        found: dict[tuple[str, str], str] = {}
        for method, path in self.routes:
            function = use_case_function(method, path, USE_CASE_HEADS, VERBS)
            # ``GET /trips/summary``: what is got is the trips' summary
            words = [w for w in path.strip("/").split("/") if w and w.lower() != "api"]
            last = words[-2:]
            if (
                len(last) == 2
                and all(re.fullmatch(r"[a-z]+", w) for w in last)
                and function.endswith(f"_{singular(last[1])}")
            ):
                function = f"{function.rpartition('_')[0]}_{singular(last[0])}_{singular(last[1])}"
            name = camel(function)
            found[(method, path)] = name if name.endswith(role) else name + role
        return found

    def _new_router_stems(self) -> list[str]:
        """The names of the new routers the new routes go to, when none joins an
        existing router."""
        stems: list[str] = []
        for _, path in self.routes:
            if self._route_module(path) is not None:
                return []
            stem = new_router_stem(self.c.route_paths, path)
            if stem and stem not in stems:
                stems.append(stem)
        return stems

    def _service_role(self) -> str:
        """The role word this repository's services end with (``Service``,
        ``Handler``...): the most common one, alphabetically first on a tie. A last
        word counts as a role when it is a known role word, names an agent
        (``Migrator``, ``Exporter``), or ends most services, two at least; in
        ``GrantAdmin``, ``CreateUser``, ``ActivateUser`` it is the thing acted on, and
        where most services end with no role, a new one has no role word either."""
        services = self.known.facts.services
        roles = Counter(role_word(s.qualname.rpartition(":")[2]) for s in services)
        roles.pop("", None)
        for word in list(roles):
            shared = roles[word] >= 2 and roles[word] * 2 > len(services)
            if word not in ROLE_WORDS and not word.endswith(AGENT_ENDINGS) and not shared:
                del roles[word]
        if services and sum(roles.values()) * 2 < len(services):
            return ""
        return min(roles, key=lambda r: (-roles[r], r)) if roles else "Service"


def called_an_entity(name: str, sentence: str) -> bool:
    """Whether the sentence calls ``name`` an entity or aggregate ("a new domain
    entity `Invoice`", "the `Invoice` aggregate"): no port, whatever else it names."""
    return _called(name, sentence, ENTITY_NOUNS)


def called_a_port(name: str, sentence: str) -> bool:
    """Whether the sentence calls ``name`` itself a port: "`EventHandler[E]` protocol",
    "the port `Notifier`" (not a service that merely uses one)."""
    return _called(name, sentence, PORT_NOUNS)


def _called(name: str, sentence: str, nouns: str) -> bool:
    """Whether one of ``nouns`` stands right before or after ``name`` (backticked or
    not, with its type parameters) in the sentence."""
    spelled = rf"`?{re.escape(name)}(?:\[[^\]]*\])?`?"
    return bool(
        re.search(rf"{spelled}\s+{nouns}\b", sentence, re.I)
        or re.search(rf"\b{nouns}\s+{spelled}(?!\w)", sentence, re.I)
    )


def _stem(name: str) -> str:
    """A service's name without its role word, in snake case (``post``)."""
    role = role_word(name)
    return snake(name[: -len(role)] if role else name)
