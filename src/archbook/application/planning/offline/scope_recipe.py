"""Planning from a feature's scope: the files it names or touches, the slice of each
resource it changes, a new resource laid out like its closest existing analog, an
external system as a port, an adapter, settings and a package, and the wiring that
follows (app factory, DI module, package ``__init__`` re-exports, fakes in tests)."""

from __future__ import annotations

import ast
import posixpath
import re
from collections import Counter
from collections.abc import Callable, Sequence

from archbook.application.code_facts.knowledge import RepoKnowledge
from archbook.application.planning.naming import (
    feature_words,
    plural,
    renamed,
    singular,
    snake,
    without_ticket_keys,
    word_set,
)
from archbook.application.planning.offline.analog_sketches import analog_sketch
from archbook.application.planning.offline.conventions import Conventions, container_for
from archbook.application.planning.offline.recipe import Recipe
from archbook.application.planning.offline.route_layout import is_router_file
from archbook.application.planning.offline.scope_sections import PRODUCTS
from archbook.application.planning.offline.scope_sketches import ANY_ARGUMENTS, sketch_for
from archbook.application.planning.plan_validation import layer_of_path
from archbook.application.planning.scoping.endpoint_modules import including_module
from archbook.application.planning.scoping.repo_index import (
    ROLE_WORDS,
    RepoIndex,
    in_a_row,
    path_words,
)
from archbook.application.planning.scoping.scope import Scope
from archbook.application.planning.scoping.scope_terms import SYNONYMS, TECHNOLOGIES
from archbook.application.planning.scoping.stored_fields import NEW_TABLE, SCHEMA_MIGRATION
from archbook.application.planning.session_text import CAMEL
from archbook.domain.layers import (
    APPLICATION,
    DOMAIN,
    INFRASTRUCTURE,
    PORTS,
    PRESENTATION,
    TESTS,
)
from archbook.domain.plan import CREATE, DELETE, MODIFY, FileChange
from archbook.domain.project import is_schema_revision

SLICE_ROLES = word_set(
    "entity entities port ports repository repositories repo repos dto dtos schema schemas "
    "router routers routes controller controllers mapper mappers exception exceptions error "
    "errors model models"
)
# A resource's services (``services/backtest_service.py``) change with its behaviour.
SERVICE_ROLES = word_set("service services")
# The sub-folders that make a folder a module of its own, and the files of such a
# module a new one copies besides its packages and those named after it.
LAYER_FOLDERS = frozenset(
    ("domain", "application", "infrastructure", "adapters", "presentation", "ports", "api")
)
MODULE_ROLES = SLICE_ROLES | SERVICE_ROLES | word_set("dependency controller dtos")
# Words saying work runs in the background ("asynchronously", "Async Workers").
ASYNC_WORK = re.compile(r"\b(?:async(?:hronous(?:ly)?)?|background|worker|celery)\b", re.I)
# Task modules a folder holds before a new concern gets one there too.
TASK_MODULES = 3
# The existing resources with the most files that may lay out a new one.
ANALOG_CANDIDATES = 8
CRUD_STEMS = re.compile(r"^(?:create|get|get_all|list|update|delete)_")
VERBS = (
    "generate", "create", "send", "initiate", "process", "purge", "delete", "export",
    "import", "validate", "calculate", "download", "upload", "register", "schedule",
    "invalidate", "transcribe", "notify", "render", "sync", "refresh", "cancel",
)  # fmt: skip
SLICE_FILES = 14
# Definitions named after a resource that make a shared module of a role its part.
SHARED_DEFINITIONS = 3
# Folders of a layer or role, whose modules every resource shares.
SHARED_FOLDERS = (
    SLICE_ROLES
    | LAYER_FOLDERS
    | word_set("persistence database db storage infra core common shared web http rest sql orm")
)
# An existing resource a session names as the one to copy: "following the trip
# pattern", "like the `orders` module".
ANALOG_NAMED = re.compile(
    r"\b(?:following|like|mirroring|as\s+in|same\s+as)\s+(?:the\s+)?`?(?P<name>[A-Za-z]\w*)`?"
    r"\s+(?:pattern|one|module|slice|resource|layout)\b",
    re.I,
)
# How a change adding a new resource's part to a module every resource shares starts.
BESIDE_ANALOG = "New definitions of"
# Sibling folders, each with a router module, that make a repository's layout one of
# feature packages (``modules/<feature>/{api,schemas,service}.py``).
FEATURE_PACKAGES = 3
MAX_TESTS = 3
# A line that introduces a port, in the languages sessions are written in.
PORT_LINE = re.compile(r"\b(?:port|puerto|interface|interfaz|protocol|protocolo|protocole)\b", re.I)
STORAGE_FOLDERS = frozenset(("repositories", "repository", "persistence", "db", "mongo"))
# Layers whose new modules show an analog's definitions, renamed: what a port or an
# adapter offers (save, get, list; sync or async) carries over from one resource to
# the next.
SHAPED_LAYERS = frozenset((PORTS, INFRASTRUCTURE))
# Classes implementing one port changed as part of a slice (no change names it) that
# are each planned to change; beyond, the port's change says how many there are. A
# port a change names has every implementation changed, however many.
MAX_IMPLEMENTATIONS = 4
# Vendors that stand in for one another: two of one kind named together are adapters
# of one port (a fallback between model providers, a second payment gateway).
VENDOR_KINDS = {
    "openai": "llm",
    "anthropic": "llm",
    "ollama": "llm",
    "mistral": "llm",
    "cohere": "llm",
    "groq": "llm",
    "chromadb": "vector_store",
    "qdrant": "vector_store",
    "pinecone": "vector_store",
    "weaviate": "vector_store",
    "milvus": "vector_store",
    "pgvector": "vector_store",
    "elasticsearch": "search",
    "opensearch": "search",
    "meilisearch": "search",
    "stripe": "payment",
    "paypal": "payment",
    "redsys": "payment",
    "kafka": "broker",
    "rabbitmq": "broker",
    "sendgrid": "email",
    "smtp": "email",
    "twilio": "sms",
}
# What a session may call the vendors behind one port; said this often, it names the
# port and its adapters (``llm_provider.py``, ``openai_provider.py``).
VENDOR_ROLES = ("provider", "gateway", "client", "backend", "connector")
VENDOR_ROLE_MENTIONS = 3
NOT_ADAPTER_LAYERS = frozenset((APPLICATION, DOMAIN, PORTS, PRESENTATION))
GENERIC_SETTING_WORDS = word_set("seconds minutes hours days enabled default timeout interval")
# Words for the app's start-up and shutdown, where the lifespan does its work.
# Settings a session asks for without naming them: "new settings", "novas
# configurações", "nuevos ajustes".
NEW_SETTINGS = re.compile(
    r"\b(?:new|nuev[oa]s?|nov[oa]s?|nouveaux|nouvelles?)\s+(?:settings?|config(?:uration)?s?|"
    r"configuraci[oó]n(?:es)?|configura[çc](?:ão|[õo]es)|param[eè]tres|ajustes)\b",
    re.I,
)
# What the scope says of the stored data it creates: tables and their migrations.
STORED_DATA = (NEW_TABLE, SCHEMA_MIGRATION)
# Credentials the feature adds or documents: new settings, even when unnamed.
NEW_CREDENTIALS = re.compile(
    r"\b(?:add\w*|document\w*|configur\w*|set up|store|provide|documentar|a[ñn]adir|"
    r"agregar|configurar|guardar|ajouter|documenter)\s+(?:(?:the|its|las|los|sus|les)\s+)?"
    r"(?:\w+\s+)?(?:credentials?|credenciales|identifiants|api[ _-]?keys?|secrets?)\b",
    re.I,
)
LIFECYCLE = re.compile(
    r"\b(?:lifespan|start-?up|shut-?down|arranque|arranc\w+|apagar|apagado)\b", re.I
)


def scope_changes(
    known: RepoKnowledge,
    scope: Scope,
    conventions: Conventions,
    index: RepoIndex,
    feature: str,
    text: str,
) -> Recipe:
    """File changes that follow from ``scope`` in this repository; ``feature`` and the
    session's ``text`` name a new use case and pick its verb."""
    planner = _ScopePlanner(known, scope, conventions, index)
    planner.feature, planner.text = feature, text
    return planner.plan()


def settings_readers(known: RepoKnowledge, variables: Sequence[str]) -> list[str]:
    """The modules (tests aside) that read one of ``variables`` already, by its quoted
    name (``os.environ["ZEBU_HISTORY_EPOCH"]``, ``getenv('X')``): where a sibling
    setting is read too. At most two."""
    quoted = [f'"{var}"' for var in variables] + [f"'{var}'" for var in variables]
    found = [
        module.path
        for name, module in sorted(known.model.modules.items())
        if known.roles.get(name) != TESTS and any(q in module.text for q in quoted)
    ]
    return found[:2]


def settings_modules(known: RepoKnowledge, variables: Sequence[str]) -> dict[str, list[str]]:
    """The modules of the settings classes for the systems ``variables`` are for, with
    the words that tie them: the system leads a variable's name (``MAIL_PASSWORD``:
    mail; ``APP_AUTH_REDIS_URL``: auth), the words after it (password, server, url)
    are any system's, so ``DatabaseSettings.db_password`` is no mail setting."""
    wanted = {
        singular(words[0])
        for var in variables
        for words in [
            [w for w in var.lower().split("_") if len(w) > 3 and w not in GENERIC_SETTING_WORDS]
        ]
        if words
    }
    found: dict[str, list[str]] = {}
    for model in known.facts.models if wanted else ():
        if model.kind != "settings":
            continue
        module_name, _, class_name = model.qualname.partition(":")
        module = known.model.modules.get(module_name)
        klass = module.classes.get(class_name) if module else None
        if klass is None:
            continue
        names = [class_name] + [
            t.target.id
            for t in klass.node.body
            if isinstance(t, ast.AnnAssign) and isinstance(t.target, ast.Name)
        ]
        words = {singular(w) for n in names for w in snake(n).split("_")}
        if words & wanted:
            found.setdefault(model.location.path, sorted(words & wanted))
    return found


class _ScopePlanner:
    def __init__(
        self, known: RepoKnowledge, scope: Scope, conventions: Conventions, index: RepoIndex
    ) -> None:
        self.known, self.scope, self.conventions, self.index = known, scope, conventions, index
        self.recipe = Recipe()
        self.files = set(index.files)
        self.feature = ""
        self.text = ""
        self.system_folders: list[str] = []  # new folders of one system's adapters

    def plan(self) -> Recipe:
        for path in self.scope.touched:
            self._modify(path, self.scope.reasons.get(path, "touched by the feature"))
        for path in self.scope.created:
            self._create_named(path)
        for path in self.scope.deleted:
            if path in self.files or self.index.exists(path):
                layer = layer_of_path(self.known.analysis, path)
                why = self.scope.reasons.get(path, "removed by the feature")
                self.recipe.add(FileChange(path, DELETE, layer, why, self.scope.said.get(path, ())))
        self._resource_slices()
        self._new_resources()
        self._worker_tasks()
        self._use_case()
        self._externals()
        self._wiring()
        self._tests()
        return self.recipe

    # -- what the scope names ---------------------------------------------------------

    def _create_named(self, path: str) -> None:
        if path.endswith("/"):
            folder = path.rstrip("/")
            self._create(f"{folder}/__init__.py", "Package of the new slice the session names.")
            self._create(f"{folder}/service.py", "The new slice's work, as the session names it.")
        elif path.endswith(".py"):
            self._create(path, self.scope.reasons.get(path, "named in the session"))

    def _resource_slices(self) -> None:
        """Every role file (entity, port, adapters, DTO, router, mapper, errors) of each
        resource the feature changes; the vertical slice folder of the one resource a
        feature is about is taken whole."""
        # a field added to a known table changes that table, not its whole slice
        stored = self.scope.stored_fields or self.scope.new_tables
        deep = {"data_model", "refactor"} & set(self.scope.kinds) and not stored
        if not deep and (self.scope.touched or self.scope.created or stored):
            return  # the session says what changes; the slice is not guessed
        named = {singular(word) for word in snake(self.feature).split("_")}
        if named & set(self.scope.new_resources):
            return  # the feature is the new resource it names; the others stay
        about = self.scope.about()
        for resource in about:
            files = self.index.resource_files(resource)
            # a slice is taken whole for the one resource a feature is about; beside
            # others, its role files alone
            slice_folder = self._slice_folder(resource, files) if len(about) == 1 else ""
            chosen = []
            for path in files:
                words = set(path_words(path))
                own = singular(posixpath.basename(path).removesuffix(".py")) == resource
                if (
                    slice_folder
                    and path.startswith(slice_folder)
                    or own  # the resource's own module (``solver.py`` of the solver)
                    or words & (SLICE_ROLES | SERVICE_ROLES)
                    and not ({"use", "case", "cases"} & words)
                ):
                    chosen.append(path)
            chosen += [p for p in self._shared_modules(resource, chosen) if p not in chosen]
            for path in chosen[:SLICE_FILES]:
                self._modify(path, f"part of the {resource} slice the feature changes")

    def _shared_modules(
        self,
        resource: str,
        own: list[str],
        least: int = SHARED_DEFINITIONS,
        classes_only: bool = False,
    ) -> list[str]:
        """The modules of a role shared by every resource that hold ``resource``'s part:
        ``repositories/base.py`` with ``create_group``, ``list_groups``…,
        ``schemas/domain.py`` with ``GroupCreate``, ``GroupOut``… — at least
        ``SHARED_DEFINITIONS`` classes or methods named after it, the module named by
        roles alone — for the roles none of its ``own`` modules plays (a resource with a
        repository of its own keeps its part of a shared port out)."""
        words = resource.split("_")
        played = {singular(w) for path in own for w in set(path_words(path)) & SLICE_ROLES}
        found = []
        for name, module in sorted(self.known.model.modules.items()):
            if self.known.roles.get(name) == TESTS:
                continue
            roles = {singular(w) for w in set(path_words(module.path)) & SLICE_ROLES}
            if not roles - played:
                continue
            stem = posixpath.basename(module.path).removesuffix(".py")
            if not all(singular(w) in ROLE_WORDS for w in stem.split("_") if w):
                continue  # another resource's module (``news_repository.py``), not shared
            names = [*module.classes]
            if not classes_only:
                names += [m for c in module.classes.values() for m in c.methods]
            named = sum(
                in_a_row(words, [singular(w) for w in snake(definition).split("_") if w])
                for definition in names
            )
            if named >= least:
                found.append(module.path)
        return found

    def _slice_folder(self, resource: str, files: list[str]) -> str:
        for path in files:
            parts = path.split("/")
            for depth in range(len(parts) - 1):
                if singular(parts[depth]) == resource:
                    folder = "/".join(parts[: depth + 1]) + "/"
                    # its router module named by its role (``router.py``, ``api.py``)
                    if any(f.startswith(folder) and is_router_file(f) for f in self.files):
                        return folder
        return ""

    # -- new resources, following the closest existing one ------------------------------

    def _new_resources(self) -> None:
        analog, package = self._analog()
        if not analog:
            return
        tops = Counter(p.partition("/")[0] for p in self.conventions.route_paths if "/" in p)
        app = max(sorted(tops), key=lambda top: tops[top], default="")
        files = _in_main_folder(self.index.resource_files(analog), app)
        if package:
            # a package no resource of the session's: its files alone lay one out
            files = [path for path in files if posixpath.dirname(path) == package]
        # the analog's own folder holding its router (``tool/router.py``) is a vertical
        # slice, taken whole: its service and dependencies too
        slices = {
            posixpath.dirname(path)
            for path in files
            if is_router_file(path)
            and singular(posixpath.basename(posixpath.dirname(path))) == analog
        }
        modules = self._module_folders(analog, files)
        named_after = self._named_after(analog)
        for new in self.scope.new_resources:
            self.recipe.analogs.setdefault(new, ((analog,), frozenset()))
            for path in files:
                stem = posixpath.basename(path).removesuffix(".py")
                words = set(path_words(path))
                if any(path.startswith(f"{module}/") for module in modules):
                    # a module of its own (``modules/chantiers/`` with its layers): its
                    # packages and its files named after the analog or a role
                    stem_words = {singular(w) for w in stem.split("_")}
                    if stem == "__init__" or analog in stem_words or stem_words & MODULE_ROLES:
                        self._new_module_file(path, analog, new)
                    continue
                is_use_case = bool({"use", "case", "cases"} & words)
                if is_use_case and not CRUD_STEMS.match(stem):
                    continue
                in_slice = posixpath.dirname(path) in slices
                # the analog's service and its own route module (``api/v1/transactions.py``)
                routes = path in self.conventions.route_paths
                # a service by its own name or folder (``services/x_service.py``),
                # not by a folder above (``mcp_service/tool/``)
                named = {*stem.split("_"), posixpath.basename(posixpath.dirname(path))}
                role = words & SLICE_ROLES or named & SERVICE_ROLES or in_slice or routes
                if not is_use_case and not role:
                    continue
                if not (in_slice or is_use_case or named_after(path)):
                    # another thing the analog's name prefixes (``knowledge_chunks.py``,
                    # ``services/knowledge/asset_link_service.py``): not its layout
                    continue
                target = renamed(path, analog, new)
                if target != path and target not in self.files:
                    self._create(
                        target,
                        f"new {new} resource, laid out like {path}",
                        (path, analog, new),
                    )
                    init = posixpath.join(posixpath.dirname(target), "__init__.py")
                    if is_use_case and init not in self.files:
                        self._create(init, f"package of the {new} use cases")
                    if is_router_file(target) or routes:
                        self._include_router(target, new)
        if self.scope.new_resources and not modules:
            new_names = ", ".join(f"`{new}`" for new in self.scope.new_resources)
            for path in self._beside_analog(analog, files):
                self._modify(path, f"{BESIDE_ANALOG} {new_names} here, as `{analog}` has its own")

    def _beside_analog(self, analog: str, own: list[str]) -> list[str]:
        """The modules every resource shares that hold the analog's part, where a new
        resource's goes too: a module named by roles alone defining a class named after
        it (``domain/ports.py`` with ``BookRepository``), and the module creating
        its table in SQL (``CREATE TABLE IF NOT EXISTS books``)."""
        found = [
            path
            for path in self._shared_modules(analog, own, least=1, classes_only=True)
            # in a folder of a layer or role, not of a resource (``domain/order/model.py``)
            if singular(posixpath.basename(posixpath.dirname(path))) in SHARED_FOLDERS
        ]
        table = re.compile(
            rf"\bCREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?[\"`]?"
            rf"(?:{re.escape(analog)}|{re.escape(plural(analog))})\b",
            re.I,
        )
        for module in self.known.model.modules.values():
            path, text = module.path, module.text
            spelled = "CREATE" in text or "create" in text  # a quick look before the search
            if spelled and table.search(text) and path not in found:
                # a revision is history, and a test's table is the test's own
                found += [] if self.index.is_test(path) or is_schema_revision(path) else [path]
        return sorted(found)

    def _worker_tasks(self) -> None:
        """A module of background tasks for a new resource's work, named after the
        feature, where the session runs it asynchronously and the repository keeps its
        tasks one module per concern (``worker/tasks/calibration_tasks.py``)."""
        if not self.scope.new_resources or not ASYNC_WORK.search(self.text):
            return
        folders = Counter(
            posixpath.dirname(path)
            for path in self.files
            if path.endswith("_tasks.py") and not self.index.is_test(path)
        )
        folder, count = max(folders.items(), key=lambda item: (item[1], item[0]), default=("", 0))
        name = snake(feature_words(without_ticket_keys(self.feature)))
        if count >= TASK_MODULES and name:
            self._create(f"{folder}/{name}_tasks.py", "the feature's background tasks")

    def _module_folders(self, analog: str, files: list[str]) -> list[str]:
        """The folders named after ``analog`` that are modules of their own: two layer
        folders at least (``chantiers/domain``, ``chantiers/infrastructure``)."""
        layered: dict[str, set[str]] = {}
        for path in files:
            parts = path.split("/")
            for depth in range(len(parts) - 2):
                if singular(parts[depth]) == analog and parts[depth + 1] in LAYER_FOLDERS:
                    layered.setdefault("/".join(parts[: depth + 1]), set()).add(parts[depth + 1])
        return sorted(folder for folder, layers in layered.items() if len(layers) > 1)

    def _new_module_file(self, path: str, analog: str, new: str) -> None:
        target = renamed(path, analog, new)
        if target == path or target in self.files:
            return
        self._create(target, f"new {new} module, laid out like {path}", (path, analog, new))
        if path in self.conventions.route_paths:
            self._include_router(target, new, analog)

    def _include_router(self, router: str, new: str, analog: str = "") -> None:
        """The module including the other routers like it includes the new resource's:
        the other slices' routers of the same name (``tool/router.py``), or the route
        modules beside it (``api/v1/transactions.py``)."""
        name, folder = posixpath.basename(router), posixpath.dirname(router)
        if is_router_file(router):
            alike = [p for p in self.conventions.route_paths if posixpath.basename(p) == name]
        elif analog:
            # the route modules at the same place in the other modules
            # (``modules/*/infrastructure/web/``)
            parts = folder.split("/")
            alike = [
                p
                for p in self.conventions.route_paths
                if len(p.split("/")) == len(parts) + 1
                and sum(a != b for a, b in zip(p.split("/"), parts, strict=False)) == 1
            ]
        else:
            alike = [p for p in self.conventions.route_paths if posixpath.dirname(p) == folder]
        including = including_module(self.known, sorted(alike)) if len(alike) > 1 else None
        if including is None and len(alike) > 1:
            # routers re-exported by their packages (``from modules.x.web import router``)
            packages = sorted(f"{posixpath.dirname(p)}/__init__.py" for p in alike)
            including = including_module(self.known, packages)
        if including is not None:
            self._modify(
                including,
                f"include the new {new} router, like the other routers beside it",
                (f"`include_router(...)` of `{router}`'s router.",),
            )

    def _analog(self) -> tuple[str, str]:
        """The existing resource a new one is laid out like, and the feature package
        whose files alone lay it out when that is one no resource of the session has
        ("" otherwise)."""
        named = ANALOG_NAMED.search(self.text)
        if named is not None:
            # "following the trip pattern": the session names the analog itself
            word = singular(snake(named.group("name")))
            if self.index.resources().get(word) and word not in self.scope.new_resources:
                return word, ""
        counts = {r: len(self.index.resource_files(r)) for r in self.scope.resources}
        packages = self._feature_packages()
        if packages:
            # a repository of feature packages lays a new resource out as a package
            # too: like the package of a resource the feature names, else like the
            # most typical package
            owned = {singular(posixpath.basename(folder)) for folder in packages}
            counts = {r: n for r, n in counts.items() if r in owned}
            if not counts:
                folder = _typical_package(packages)
                return singular(posixpath.basename(folder)), folder
        if not counts:
            # slices whose files are named by their roles alone (``tool/router.py``):
            # the folders holding a router name the resources
            folders = Counter(
                singular(posixpath.basename(posixpath.dirname(path)))
                for path in self.files
                if is_router_file(path) and "/" in path
            )
            counts = {
                folder: len(self.index.resource_files(folder))
                for folder in folders
                if folder not in ROLE_WORDS
            }
        # a resource whose files are named after it alone (``models/transaction.py``,
        # ``services/transaction_service.py``) lays out a new one best: ``daily`` of
        # ``daily_record.py`` would make ``employee_record.py``. Where no resource the
        # session names has a file or folder named after it (``frame`` of
        # ``match_frame.py``), one of the repository's may lay it out. Only the
        # resources with the most files are looked at: each look reads every path.
        repository = {r: n for r, n in self.index.resources().items() if n > 1}
        for pool in (counts, repository):
            candidates = sorted(pool, key=lambda r: (-pool[r], r))[:ANALOG_CANDIDATES]
            files = {r: self.index.resource_files(r) for r in candidates}
            own = {r: any(map(self._named_after(r), files[r])) for r in candidates}
            if pool is counts and not any(
                own[r] or self._in_folder(r, files[r]) for r in candidates
            ):
                continue
            return max(candidates, key=lambda r: (own[r], pool[r], r), default=""), ""
        return max(counts, key=lambda r: (counts[r], r), default=""), ""

    def _feature_packages(self) -> dict[str, set[str]]:
        """The feature packages of the repository, each with the names of its files:
        the largest family of sibling folders, ``FEATURE_PACKAGES`` at least, each
        holding a router module named by its role (``modules/accounts/api.py``,
        ``modules/audit/api.py``…); {} when there is none."""
        families: dict[str, set[str]] = {}
        for path in self.files:
            if is_router_file(path) and not self.index.is_test(path) and path.count("/") > 1:
                folder = posixpath.dirname(path)
                families.setdefault(posixpath.dirname(folder), set()).add(folder)
        largest = max(sorted(families), key=lambda p: len(families[p]), default="")
        if len(families.get(largest, ())) < FEATURE_PACKAGES:
            return {}
        packages: dict[str, set[str]] = {folder: set() for folder in families[largest]}
        for path in self.files:
            folder, base = posixpath.split(path)
            if folder in packages and base.endswith(".py"):
                packages[folder].add(base)
        return packages

    @staticmethod
    def _in_folder(resource: str, paths: list[str]) -> bool:
        """Whether one of ``paths`` is in a folder named after ``resource`` (``tool/``)."""
        return any(singular(posixpath.basename(posixpath.dirname(p))) == resource for p in paths)

    @staticmethod
    def _named_after(resource: str) -> Callable[[str], bool]:
        def named(path: str) -> bool:
            stem = posixpath.basename(path).removesuffix(".py")
            words = [singular(w) for w in stem.split("_") if w]
            return "_".join(w for w in words if w not in ROLE_WORDS) == resource

        return named

    def _use_case(self) -> None:
        """One use-case file per operation when the repository keeps one per file in
        ``use_cases/<resource>/``; named after the feature and its verb."""
        folders = sorted({posixpath.dirname(p) for p in self.files if p.endswith("_use_case.py")})
        if not folders or not self.scope.resources or "refactor" in self.scope.kinds:
            return
        if any(c.action == CREATE and "use_case" in c.path for c in self.recipe.changes):
            return
        if not without_ticket_keys(self.feature).strip(" -_"):
            return  # a feature named by its ticket alone names no use case
        resource = self.scope.resources[0]
        folder = next((f for f in folders if singular(f.rsplit("/", 1)[-1]) == resource), "")
        if not folder:
            return
        feature = snake(self.feature)
        verb = next((v for v in VERBS if re.search(rf"\b{v[:-1]}", self.text, re.I)), "create")
        name = feature if feature.startswith(verb) else f"{verb}_{feature}"
        self._create(f"{folder}/{name}_use_case.py", f"the {feature} use case ({verb})")

    # -- external systems ---------------------------------------------------------------

    def _names_its_own_port(self, tech_word: str) -> bool:
        """Whether the session names a new class for an external system itself: by its
        name (``EmailSenderProtocol`` for email) or as the port of the line naming the
        system ("a new `EventPublisher` port …; a Kafka adapter implements it"). That
        class is the system's port, and no ``kafka_service.py`` port is planned beside it."""
        existing = {qualname.rpartition(":")[2] for qualname in self.known.model.classes}
        words = {tech_word, *SYNONYMS.get(tech_word, ())}
        for line in self.text.splitlines():
            # a product's own name (``ChromaDB``, ``OpenSearch``) is no class
            new = [
                name
                for name in CAMEL.findall(line)
                if name not in existing and name.lower() not in TECHNOLOGIES
            ]
            if any(tech_word in snake(name).split("_") for name in new):
                return True
            if new and PORT_LINE.search(line) and any(_says(line, word) for word in words):
                return True
        return False

    def _vendor_role(self) -> str:
        """What the session calls the vendors behind a port, or ``service``; a word
        may touch letters of a script without spaces ("每个Provider")."""
        counts = Counter(
            role
            for role in VENDOR_ROLES
            for _ in re.finditer(rf"(?<![a-z]){role}s?(?![a-z])", self.text, re.I)
        )
        role, count = max(counts.items(), key=lambda item: item[1], default=("service", 0))
        return role if count >= VENDOR_ROLE_MENTIONS else "service"

    def _service_adapters(self, found: list[str], system: str = "") -> str:
        """The folder of the adapters of external services: the repository's
        (``adapters/services``), one per system where it keeps one (``system``), or a
        new ``services`` package beside its adapters."""
        if found:
            return found[0]
        if system and self.conventions.adapter_folder_per_system:
            adapters = posixpath.join(self.conventions.client_adapters_folder, system)
            self.system_folders.append(adapters)
            return adapters
        if not self.conventions.adapters_folder:
            return ""
        root = self.conventions.adapters_folder
        if posixpath.basename(root) in STORAGE_FOLDERS:
            root = posixpath.dirname(root)
        self._create(f"{root}/services/__init__.py", "package of the service adapters")
        return f"{root}/services"

    def _externals(self) -> None:
        ports = self.conventions.ports_folder
        feature = snake(self.feature)
        service_adapters = sorted(
            {posixpath.dirname(p) for p in self.files if re.search(r"adapters/services?/", p)}
        )
        kinds = Counter(VENDOR_KINDS.get(snake(t.replace("-", ""))) for t in self.scope.externals)
        role = self._vendor_role()
        for tech in self.scope.externals:
            tech_word = snake(tech.replace("-", ""))
            product = tech_word in PRODUCTS and feature.endswith(tech_word)
            if not ports or (tech_word == "image" and not product):
                continue  # an image mentioned in passing is no new system
            if self._names_its_own_port(tech_word):
                continue  # the session names this system's port: the new-feature part plans it
            kind = VENDOR_KINDS.get(tech_word)
            if kind is not None and kinds[kind] > 1:  # one port, an adapter per vendor
                self._create(f"{ports}/{kind}_{role}.py", f"port every {kind} {role} implements")
                adapters = self._service_adapters(service_adapters)
                if adapters:
                    self._create(
                        f"{adapters}/{tech_word}_{role}.py",
                        f"{tech} adapter of the {kind} {role} port",
                    )
                continue
            # "license_image" renders images: its port is named after the feature;
            # a channel or vendor (email, redis, a gateway) names its own port
            name = feature if product else tech_word
            if any(f.endswith(f"/{name}_service.py") for f in self.files):
                self._modify(
                    next(f for f in sorted(self.files) if f.endswith(f"/{name}_service.py")),
                    f"the existing {tech} service",
                )
                continue
            self._create(f"{ports}/{name}_service.py", f"port for {tech}")
            adapters = self._service_adapters(service_adapters, name)
            if adapters:
                self._create(f"{adapters}/{name}_service.py", f"{tech} adapter of the new port")
        if self.scope.externals or self.scope.settings:
            self._settings()
        elif NEW_SETTINGS.search(self.text) or NEW_CREDENTIALS.search(self.text):
            self._settings(document=False)  # settings the session describes, unnamed
        if self.scope.packages:
            manifest = self._manifest()
            if manifest:
                self._modify(manifest, "add " + ", ".join(self.scope.packages))
        lifespan = self.conventions.lifespan_module
        if lifespan and self.scope.externals:
            self._modify(lifespan, "create and close the new clients at start-up/shutdown")
        elif lifespan and LIFECYCLE.search(self.text):
            self._modify(lifespan, "the start-up and shutdown steps the session names")

    def _settings(self, document: bool = True) -> None:
        """The settings modules the feature reads; with ``document``, the example
        environment files too."""
        config = self.conventions.config_module
        named = tuple(f"`{var}`" for var in self.scope.settings)
        # the settings classes of the systems the variables are for, else the app's
        matched = settings_modules(self.known, self.scope.settings)
        per_system = self.conventions.settings_per_system
        if not matched and per_system and self.system_folders:
            # each system has its own settings module: the new one gets one too
            self._create(posixpath.join(self.system_folders[0], per_system), "its settings")
        elif not matched and not per_system:
            # the modules that read a setting the session names already, else the app's
            readers = settings_readers(self.known, self.scope.settings)
            matched = dict.fromkeys(readers or ([config] if config else []), [])
        for path in matched:
            self._modify(path, "settings the feature reads", named)
        for root in ("", *self.index.roots) if document else ():
            for name in (".env.example", ".example.env", "env.example"):
                path = posixpath.join(root, name) if root else name
                if self.index.exists(path):
                    self._modify(path, "document the new settings", named)

    def _manifest(self) -> str:
        """The manifest of the source root holding most of the files the feature
        changes (``server/pyproject.toml``, not another service's), else the deepest."""
        changed = [*self.scope.touched, *self.scope.created]
        roots = sorted(
            reversed(self.index.roots),
            key=lambda r: -sum(p.startswith(f"{r}/") for p in changed),
        )
        for root in (*roots, ""):
            for name in ("pyproject.toml", "requirements.txt"):
                path = posixpath.join(root, name) if root else name
                if self.index.exists(path):
                    return path
        return ""

    # -- wiring -------------------------------------------------------------------------

    def _wiring(self) -> None:
        created = [c.path for c in self.recipe.changes if c.action == CREATE]
        components = ("_service.py", "_use_case.py", "_repository.py")
        # the new modules that may be components: no stored tables, no migrations
        modules = [
            c.path
            for c in self.recipe.changes
            if c.action == CREATE
            and not c.path.endswith("/__init__.py")
            and not c.purpose.startswith(STORED_DATA)
        ]
        container = container_for(self.conventions, modules)
        if container and (
            any(p.endswith(components) for p in created)
            or set(map(posixpath.dirname, modules)) & self._wired_folders(container)
        ):
            self._modify(container, "wire the new components")
        if (
            any(re.search(r"/routers?/|/routes/", p) for p in created)
            and self.conventions.app_module
        ):
            self._modify(self.conventions.app_module, "include the new router")
        # a module gaining a new resource's part beside the others changes none of theirs
        changed = {
            c.path: " ".join((c.purpose, *c.details))
            for c in self.recipe.changes
            if not c.purpose.startswith(BESIDE_ANALOG)
        }
        in_file: dict[str, list[str]] = {}
        for port in self.known.facts.ports:
            if port.location.path in changed:
                in_file.setdefault(port.location.path, []).append(port.qualname)
        modified_ports: set[str] = set()
        named_ports: set[str] = set()  # those a change names: their interface changes
        for path, ports in in_file.items():
            # of a file of several ports, the ones its change names, where it names any;
            # a module's private protocol (``_LeaderElectionLike``) only where named: it
            # types what the module uses, and changes with it no class implementing it
            named = [q for q in ports if f"`{q.rpartition(':')[2]}`" in changed[path]]
            public = [q for q in ports if not q.rpartition(":")[2].startswith("_")]
            modified_ports.update(named or public)
            named_ports.update(named)
        implementing: dict[str, set[str]] = {}
        adapters = []
        for adapter in self.known.facts.adapters:
            layer = self.known.roles.get(adapter.qualname.partition(":")[0], "")
            if layer in NOT_ADAPTER_LAYERS and not adapter.fake:
                continue  # a use case implementing an inbound port is not an adapter
            changing = set(adapter.implements) & modified_ports
            adapters.append((adapter.location.path, changing))
            for implemented in changing:
                implementing.setdefault(implemented, set()).add(adapter.location.path)
        many = {
            q
            for q, paths in implementing.items()
            if len(paths) > MAX_IMPLEMENTATIONS and q not in named_ports
        }
        for path, changing in adapters:
            if changing - many:
                self._modify(path, "implements a port the feature changes")
        for qualname in sorted(many):
            # a base a dozen classes implement (metrics): named once, on the port
            where = next(p.location.path for p in self.known.facts.ports if p.qualname == qualname)
            shown = ", ".join(sorted(implementing[qualname])[:3])
            self._modify(
                where,
                f"{len(implementing[qualname])} classes implement "
                f"`{qualname.rpartition(':')[2]}` ({shown}, …): they change with it only "
                "where its interface does",
            )

    def _wired_folders(self, container: str) -> set[str]:
        """The folders of the modules ``container`` builds its components from (``core/``
        for a ``dependencies.py`` handing out ``core/embeddings.py``'s service): a new
        module there is a new component it hands out too."""
        module = next((n for n, p in self.index.paths.items() if p == container), None)
        return {
            posixpath.dirname(self.index.paths[b])
            for a, b in self.known.analysis.pairs
            if a == module and b in self.index.paths and self.index.paths[b] != container
        }

    def _tests(self) -> None:
        """Tests that exercise a router or service the feature modifies: they meet the
        change first (the analog's tests folder gets the new ones)."""
        changed = {
            name
            for name, path in self.index.paths.items()
            if path in {c.path for c in self.recipe.changes if c.action == MODIFY}
            and self.known.roles.get(name) in (PRESENTATION, APPLICATION)
        }
        hits = [t for t in self.known.facts.tests if set(t.exercises) & changed]
        # the code the scope names (`UserService.create_user`) picks among them
        named = {
            w for why in self.scope.reasons.values() for name in re.findall(r"`([\w.]+)`", why)
            for w in snake(name.replace(".", "_")).split("_")
        }  # fmt: skip
        hits.sort(
            key=lambda t: (
                -len(set(t.exercises) & changed),
                -len(named & set(path_words(t.path))),
                t.path,
            )
        )
        for test in hits[:MAX_TESTS]:
            self._modify(test.path, "exercises code the feature changes")

    # -- adding changes -----------------------------------------------------------------

    def _modify(self, path: str, why: str, details: tuple[str, ...] = ()) -> None:
        if path not in self.files and not self.index.exists(path):
            return
        sketch = sketch_for(self.known, self.index, path, MODIFY, self.scope)
        layer = layer_of_path(self.known.analysis, path)
        said = self.scope.said.get(path, ())
        self.recipe.add(FileChange(path, MODIFY, layer, why, said + details, sketch))

    def _create(self, path: str, why: str, like: tuple[str, str, str] | None = None) -> None:
        """Plan ``path`` new; ``like``: (the existing module it is laid out like, the
        resource that one is named after, the new one), whose definitions, renamed,
        sketch a port or an adapter where nothing more specific does. Routes, models and
        entities are the new resource's own: an analog's would mislead."""
        if path in self.files or self.index.exists(path):
            return
        sketch = sketch_for(self.known, self.index, path, CREATE, self.scope)
        layer = layer_of_path(self.known.analysis, path)
        if like is not None and layer in SHAPED_LAYERS and (not sketch or ANY_ARGUMENTS in sketch):
            analog, old, new = like
            module = self.known.model.modules.get(self.index.modules.get(analog, ""))
            sketch = analog_sketch(module, old, new) or sketch
        said = self.scope.said.get(path, ())
        self.recipe.add(FileChange(path, CREATE, layer, why, said, sketch))


def _says(line: str, word: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", line, re.I) is not None


def _typical_package(packages: dict[str, set[str]]) -> str:
    """The feature package most like the others: its files closest to
    those at least half of them hold (``__init__``, ``api``, ``schemas``, ``service``),
    the one with fewer files of its own on a tie, then the first by name."""
    held = Counter(base for files in packages.values() for base in files)
    common = {base for base, count in held.items() if count * 2 >= len(packages)}

    def likeness(folder: str) -> tuple[float, int, str]:
        files = packages[folder]
        return (-len(files & common) / len(files | common), len(files), folder)

    return min(packages, key=likeness)


def _in_main_folder(paths: list[str], app: str = "") -> list[str]:
    """The ``paths`` under the top folder of the app (``app``, the one holding its
    routes) where some are, else under the top folder holding most of them: a
    resource's name met in a tool or a library beside the application (``tools/`` or
    ``trip_engine/`` beside an ``api/``) lays out nothing."""
    tops = Counter(path.partition("/")[0] for path in paths if "/" in path)
    if len(tops) < 2:
        return paths
    main = app if app in tops else min(tops, key=lambda top: (-tops[top], top))
    return [path for path in paths if path.startswith(main + "/")]
