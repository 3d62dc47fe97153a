"""How a repository is laid out and named, learned from its own code, so new files
follow its folders, file names, class names and dependency-injection idiom (how one
class of a role is filed is ``filing``'s)."""

from __future__ import annotations

import ast
import os
import posixpath
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from archbook.application.code_facts.knowledge import RepoKnowledge
from archbook.application.layers.module_names import dotted_name
from archbook.application.planning.naming import snake, word_set
from archbook.application.planning.offline.route_layout import (
    route_paths,
    route_prefixes,
    router_schemas,
)
from archbook.domain.facts import AdapterFact, PortFact, Provider
from archbook.domain.layers import (
    COMPOSITION,
    DEFAULT_TOKENS,
    DOMAIN,
    INFRASTRUCTURE,
    PRESENTATION,
    TESTS,
)
from archbook.domain.project import is_schema_revision

GENERIC_METHODS = frozenset(
    {"add", "save", "update", "delete", "remove", "exists", "get", "get_by_id", "list"}
)
# Test modules that must mirror their modules' paths for the layout to count.
MIRRORED_TESTS = 2
DI_KINDS = frozenset({"Singleton", "Factory", "Selector", "Resource", "Container", "Callable"})
# Folders holding the adapters of any number of systems (``adapters/services``), as
# against one system's own folder (``libs/crypto``).
SHARED_ADAPTER_FOLDERS = word_set(
    "adapters adapter services service clients client integrations integration external "
    "externals gateways gateway providers libs lib infrastructure infra outbound secondary "
    "driven implementations"
)
# Storage: an adapter filed here, or implementing a port named so, stores data.
STORAGE_WORDS = word_set("repositories repository repo persistence db database mongo orm dao")
STORAGE_PORTS = ("Repository", "Repo", "Dao", "Store", "Storage")
# Settings classes named for no system: the app's own.
APP_SETTINGS_WORDS = word_set("settings setting config configuration app base global main core")


@dataclass(frozen=True)
class AdapterFamily:
    """Adapters of one technology: their folder and how names are built from a port's.

    ``file_pattern`` and ``class_pattern`` hold ``{}`` for the port's snake/Camel name.
    """

    folder: str
    file_pattern: str
    class_pattern: str
    branch: str
    fake: bool
    example: AdapterFact | None = None


@dataclass
class Conventions:
    """Folders and idioms of one repository (empty strings when it has none yet)."""

    source_prefix: str = ""
    routes_folder: str = ""
    services_folder: str = ""
    ports_folder: str = ""
    entities_folder: str = ""
    adapters_folder: str = ""
    # where adapters of external systems (not storage) go, and whether each system
    # has its own folder there (``libs/crypto/``, ``libs/<new system>/``)
    client_adapters_folder: str = ""
    adapter_folder_per_system: bool = False
    # the file name each system's own settings module has (``config.py``) where the
    # settings classes are per system (``CryptoSettings``, ``DbSettings``) and none
    # is the app's; "" otherwise
    settings_per_system: str = ""
    tests_folder: str = ""
    # the tests folder whose modules mirror the source tree (``tests`` when
    # ``tests/app/user/service/test_user.py`` tests ``app/user/service/user.py``)
    tests_mirror: str = ""
    # the source folder the mirror leaves out (``src`` when tests/web/test_api.py
    # tests src/web/api.py), "" when it mirrors the repository
    mirrored_source: str = ""
    # what the mirrored test modules add to the name of the module they test
    # (``test_create_channel_use_case.py`` for ``create_channel.py``: ``_use_case``)
    tests_suffix: str = ""
    # where tests mirror only the first folders of their modules' paths, each test
    # folder maybe named ``test_<folder>`` (``tests/test_api/test_users.py`` for
    # ``app/api/v1/users.py``): the tests folder, the source folder it mirrors, that
    # prefix, and the test folders there are; empty where none is found
    tests_by_package: PackageMirror | None = None
    errors_module: str = ""
    container_module: str = ""
    container_class: str = ""
    # every module holding a container of that DI library, the main one first
    # (``containers/identity.py`` beside ``containers/reading.py``)
    container_modules: tuple[str, ...] = ()
    app_module: str = ""
    # where exception handlers are registered (an ``error_handlers.py`` the app factory
    # calls), else the app module
    handlers_module: str = ""
    # where the app's start-up and shutdown are written (``lifespan``)
    lifespan_module: str = ""
    config_module: str = ""
    conftest: str = ""
    indexes_module: str = ""
    di_idiom: str = "depends"
    repository_families: list[AdapterFamily] = field(default_factory=list)
    route_prefixes: dict[str, str] = field(default_factory=dict)
    route_paths: dict[str, tuple[str, ...]] = field(default_factory=dict)
    schemas_for_route: dict[str, str] = field(default_factory=dict)
    analog_port: PortFact | None = None
    analog_repository_provider: Provider | None = None
    greenfield: bool = False
    greenfield_root: str = ""

    def module_name(self, path: str) -> str:
        """Dotted import name of a repository path, as this repository imports it."""
        inside = bool(self.source_prefix) and path.startswith(self.source_prefix)
        return dotted_name(path, self.source_prefix.rstrip("/") if inside else "")

    def test_for(self, source: str) -> str:
        """The test module of ``source`` where the repository's tests mirror the source
        tree (``tests/app/user/service/test_user.py``) or its source folder's, or their
        first folders (``tests/test_api/test_users.py`` for ``app/api/v1/users.py``),
        else ""."""
        if not source:
            return ""
        if not self.tests_mirror:
            by_package = self.tests_by_package
            return by_package.test_for(source) if by_package is not None else ""
        if self.mirrored_source:
            if not source.startswith(f"{self.mirrored_source}/"):
                return ""
            source = source[len(self.mirrored_source) + 1 :]
        folder, base = posixpath.split(source)
        if base == "__init__.py":  # a package's own code: test_<package>.py beside it
            folder, base = posixpath.split(folder)
            base += ".py"
        if self.tests_suffix:
            base = f"{base.removesuffix('.py')}{self.tests_suffix}.py"
        return f"{self.tests_mirror}/{folder}/test_{base}" if folder else ""


def learn_conventions(known: RepoKnowledge) -> Conventions:
    """Read the repository's folders, naming and DI idiom from its facts."""
    facts = known.facts
    layers = known.roles
    paths = known.analysis.scan.module_paths
    conventions = Conventions(source_prefix=_source_prefix(known))
    conventions.routes_folder = _common_folder(
        paths[_module(r.handler)] for r in facts.routes if _module(r.handler) in paths
    )
    conventions.services_folder = _common_folder(s.location.path for s in facts.services)
    conventions.ports_folder = _common_folder(p.location.path for p in facts.ports)
    conventions.entities_folder = _common_folder(
        m.location.path for m in facts.models if m.layer == DOMAIN and m.kind == "entity"
    ) or _common_folder(m.location.path for m in facts.models if m.layer == DOMAIN)
    production = [a for a in facts.adapters if layers.get(_module(a.qualname)) == INFRASTRUCTURE]
    conventions.adapters_folder = _adapters_root(production)
    clients = _client_adapters(production)
    conventions.client_adapters_folder, conventions.adapter_folder_per_system = clients
    conventions.settings_per_system = _settings_per_system(known)
    conventions.tests_folder = _common_folder(
        p for n, p in paths.items() if layers.get(n) == TESTS and "/test_" in "/" + p
    )
    mirror = mirror_root(paths.values())
    conventions.tests_mirror, conventions.mirrored_source, conventions.tests_suffix = mirror
    if not conventions.tests_mirror:
        conventions.tests_by_package = package_mirror(paths.values())
    for name, path in sorted(paths.items()):
        base = posixpath.basename(path)
        if layers.get(name) == DOMAIN and base in ("errors.py", "exceptions.py"):
            conventions.errors_module = conventions.errors_module or path
        if base == "conftest.py" and layers.get(name) == TESTS and not conventions.conftest:
            conventions.conftest = path
    _container(known, conventions, paths)
    project = facts.project
    if project and project.app_factory:
        conventions.app_module = paths.get(project.app_factory.partition(":")[0], "")
    if project and project.settings_module:
        conventions.config_module = paths.get(project.settings_module, "")
    if not conventions.config_module:
        conventions.config_module = next(
            (
                p
                for n, p in sorted(paths.items())
                if posixpath.basename(p) in ("config.py", "settings.py") and layers.get(n) != TESTS
            ),
            "",
        )
    conventions.handlers_module = _handlers_module(known, paths) or conventions.app_module
    conventions.indexes_module = _indexes_module(known, paths)
    conventions.lifespan_module = _lifespan_module(known, paths)
    conventions.route_paths = route_paths(known, paths)
    conventions.route_prefixes = route_prefixes(conventions.route_paths)
    conventions.schemas_for_route = router_schemas(known, paths)
    conventions.repository_families = _families(facts.adapters, facts.ports)
    repositories = [p for p in facts.ports if p.qualname.endswith("Repository")]
    conventions.analog_port = max(
        repositories,
        key=lambda p: (
            len({m.name for m in p.methods} & GENERIC_METHODS),
            -len(p.methods),
            p.qualname,
        ),
        default=None,
    )
    conventions.analog_repository_provider = next(
        (
            p
            for p in facts.providers
            if p.kind == "Selector" or any(b.endswith("Repository") for b in p.builds)
        ),
        None,
    )
    if not known.analysis.scan.modules:
        _greenfield(conventions)
        return conventions
    if not conventions.routes_folder:
        conventions.routes_folder = first_routes_folder(paths, layers)
    if not conventions.services_folder:
        conventions.services_folder = services_beside(
            conventions.routes_folder, conventions.source_prefix
        )
    return conventions


def first_routes_folder(paths: dict[str, str], layers: dict[str, str]) -> str:
    """Where the first routes of code that serves none go: an ``api`` package in the
    package most of its modules are in (``server/shop/api`` for ``server/shop/models/…``),
    else an ``api`` folder at the top."""
    packages: Counter[str] = Counter()
    for name, path in paths.items():
        if layers.get(name) == TESTS:
            continue
        parts = path.removesuffix(".py").removesuffix("/__init__").split("/")
        depth = name.count(".") + 1
        if depth > 1 or path.endswith("__init__.py"):
            packages["/".join(parts[: len(parts) - depth + 1])] += 1
    top = packages.most_common(1)[0][0] if packages else ""
    return f"{top}/api" if top else "api"


def services_beside(routes: str, source_prefix: str) -> str:
    """Where the first service of a part of the code without any goes: a ``services``
    package beside the routes' presentation folders (``app/api`` and ``app/api/routes``
    → ``app/services``), in the routes' own top package, else under the source folder."""
    anchor = posixpath.dirname(routes) if "/" in routes else routes
    while "/" in anchor and DEFAULT_TOKENS.get(posixpath.basename(anchor)) == PRESENTATION:
        anchor = posixpath.dirname(anchor)  # not inside the HTTP layer
    anchor = anchor or source_prefix.rstrip("/")
    return posixpath.join(anchor, "services") if anchor else "services"


GREENFIELD = {
    "routes_folder": "src/presentation/api/routes",
    "services_folder": "src/application/services",
    "ports_folder": "src/application/ports",
    "entities_folder": "src/domain/entities",
    "adapters_folder": "src/infrastructure/adapters",
    "tests_folder": "src/tests",
}


def _greenfield(conventions: Conventions) -> None:
    lay_out_greenfield(conventions, "")


def lay_out_greenfield(conventions: Conventions, root: str) -> None:
    """No backend code yet: the hexagon laid out the way this kit teaches it, under
    the repository's backend ``root`` (``""`` for the repository's own root)."""

    def at(path: str) -> str:
        return f"{root.strip('/')}/{path}" if root.strip("/") else path

    for name, folder in GREENFIELD.items():
        setattr(conventions, name, at(folder))
    conventions.greenfield = True
    conventions.greenfield_root = root.strip("/")
    conventions.source_prefix = at("") if root.strip("/") else ""
    conventions.di_idiom = "provide"
    conventions.container_class = "Container"
    conventions.repository_families = [
        AdapterFamily(
            at("src/infrastructure/adapters/database"), "{}.py", "Database{}", "database", False
        ),
        AdapterFamily(
            at("src/infrastructure/adapters/memory"), "memory_{}.py", "InMemory{}", "memory", True
        ),
    ]


def _module(qualname: str) -> str:
    return qualname.partition(":")[0]


def _source_prefix(known: RepoKnowledge) -> str:
    """The source folder of most of the code: of the repository's source roots, the
    one most non-test modules sit under (the deepest that holds each): ``backend/src``
    beside ``backend`` (whose tests and migrations it holds too) and ``mcp/src``."""
    roots = [r for r in known.analysis.scan.source_roots if r != "."]
    if len(roots) < 2:
        return roots[0].rstrip("/") + "/" if roots else ""
    deepest = sorted((r.rstrip("/") + "/" for r in roots), key=len, reverse=True)
    counts = dict.fromkeys(deepest, 0)
    for name, path in known.analysis.scan.module_paths.items():
        if known.roles.get(name) == TESTS:
            continue
        root = next((r for r in deepest if path.startswith(r)), None)
        if root is not None:
            counts[root] += 1
    # the first root in sorted order wins a tie, as before
    return max(sorted(counts), key=lambda r: counts[r])


def mirror_root(paths: Iterable[str]) -> tuple[str, str, str]:
    """The tests folder whose test modules sit where the modules they test sit below
    the repository (``tests/app/user/service/test_user.py`` for
    ``app/user/service/user.py``) or below its source folder (``tests/web/test_api.py``
    for ``src/web/api.py``), that source folder ("" for the repository) and what the
    test modules add to the tested module's name (``test_get_user_use_case.py`` for
    ``get_user.py``: ``_use_case``; "" mostly), when at least ``MIRRORED_TESTS`` and
    half the test modules do; else ("", "", "")."""
    files = set(paths)
    # source folders one or two deep (``src``, ``server/polar``)
    sources = sorted(
        {"/".join(p.split("/")[:depth]) for p in files for depth in (1, 2) if "/" in p} - files
    )
    counts: Counter[tuple[str, str, str]] = Counter()
    for path in files:
        base = posixpath.basename(path)
        if not base.startswith("test_"):
            continue
        parts = posixpath.dirname(path).split("/")
        found = None
        for cut in range(1, len(parts)):
            root, rest = "/".join(parts[:cut]), "/".join(parts[cut:])
            if "test" not in posixpath.basename(root):
                continue
            for name, suffix in _tested_names(base):
                tested = f"{rest}/{name}"
                source = (
                    ""
                    if tested in files
                    else next((s for s in sources if f"{s}/{tested}" in files), None)
                )
                if source is not None:
                    found = (root, source, suffix)
                    break
            if found:
                counts[found] += 1
                break
    mirror, count = counts.most_common(1)[0] if counts else (("", "", ""), 0)
    tests = sum(posixpath.basename(p).startswith("test_") for p in files)
    # a few names that happen to match are no layout: half the tests must follow it
    return mirror if count >= MIRRORED_TESTS and count * 2 >= tests else ("", "", "")


@dataclass(frozen=True)
class PackageMirror:
    """Tests laid out by the packages of the code they test, down to some depth:
    ``tests/test_core/test_pricing.py`` for ``app/core/pricing.py`` and
    ``tests/test_api/test_bookings.py`` for ``app/api/v1/bookings.py``."""

    tests: str  # the tests folder (``tests``)
    source: str  # the folder it mirrors (``app``; "" for the repository)
    prefix: str  # what each test folder adds to its package's name (``test_`` or "")
    folders: frozenset[str]  # the test folders below ``tests`` holding test modules

    def test_for(self, path: str) -> str:
        """The test module of the module at ``path``: in the deepest test folder that
        mirrors its first folders, one at least; "" when none does. Where test folders
        mirror code folders two deep or more (``tests/domain/reading/entities``), the
        new test mirrors its module's whole folder, new folders included."""
        source = f"{self.source}/" if self.source else ""
        if not path.startswith(source):
            return ""
        folders, base = posixpath.split(path[len(source) :])
        if base == "__init__.py":  # a package's own code: test_<package>.py
            folders, base = posixpath.split(folders)
            base += ".py"
        parts = folders.split("/") if folders else []
        deep = any(folder.count("/") >= 1 for folder in self.folders)
        for depth in range(len(parts), 0, -1):
            folder = "/".join(self.prefix + part for part in parts[:depth])
            if folder in self.folders:
                if deep:
                    folder = "/".join(self.prefix + part for part in parts)
                return f"{self.tests}/{folder}/test_{base}"
        return ""


# Folders of tests by kind, above the folders mirroring the code's.
TEST_KINDS = frozenset(("unit", "integration", "functional", "e2e", "component", "system"))


def package_mirror(paths: Iterable[str]) -> PackageMirror | None:
    """How test modules in sub-folders of a tests folder mirror the first folders of
    the modules they test (``mirror_root``'s layout cut short), when at least
    ``MIRRORED_TESTS`` and half of them do; else None."""
    files = set(paths)
    by_base: dict[str, list[list[str]]] = {}
    for path in files:
        folder, base = posixpath.split(path)
        if not base.startswith("test_") and "test" not in folder:
            by_base.setdefault(base, []).append(folder.split("/") if folder else [])
    counts: Counter[tuple[str, str, str]] = Counter()
    nested = 0
    folders_of_code = {  # each folder holding code, and the folders above them
        "/".join(parts[:depth])
        for parts in (f for fs in by_base.values() for f in fs)
        for depth in range(1, len(parts) + 1)
    }
    for path in files:
        folder, base = posixpath.split(path)
        parts = folder.split("/")
        # below the outermost tests folder, in a folder of its own
        cut = next((i + 1 for i, part in enumerate(parts) if "test" in part), len(parts))
        if not base.startswith("test_") or cut >= len(parts):
            continue
        nested += 1
        if parts[cut] in TEST_KINDS and cut + 1 < len(parts):
            cut += 1  # ``tests/unit/domain/…`` mirrors ``src/domain/…`` too
        root, rest = "/".join(parts[:cut]), parts[cut:]
        prefix = "test_" if all(part.startswith("test_") for part in rest) else ""
        wanted = [p[len(prefix) :] for p in rest]
        found = _mirrored_source(wanted, base, by_base)
        if found is None:  # ``tests/domain/test_user_entity.py``: its folder mirrors one
            found = _mirrored_folder(wanted, folders_of_code)
        if found is not None:
            counts[(root, found, prefix)] += 1
    if not counts:
        return None
    # the most tests; on a tie the unit tests' (the modules' own), then the first by name
    (root, source, prefix), count = min(
        counts.items(), key=lambda item: (-item[1], not item[0][0].endswith("/unit"), item[0])
    )
    if count < MIRRORED_TESTS or count * 2 < nested:
        return None
    below = [
        posixpath.dirname(path)[len(root) + 1 :]
        for path in files
        if path.startswith(f"{root}/") and posixpath.basename(path).startswith("test_")
    ]
    folders = {f.rsplit("/", cut)[0] for f in below if f for cut in range(f.count("/") + 1)}
    return PackageMirror(root, source, prefix, frozenset(folders))


def _mirrored_source(
    wanted: list[str], base: str, by_base: dict[str, list[list[str]]]
) -> str | None:
    """The folder below which a module ``test_<name>.py`` may test sits in the
    ``wanted`` folders (or deeper), when one does."""
    for name, _ in _tested_names(base):
        for source in by_base.get(name, ()):
            for start in range(len(source) - len(wanted) + 1):
                if source[start : start + len(wanted)] == wanted:
                    return "/".join(source[:start])
    return None


def _mirrored_folder(wanted: list[str], folders: set[str]) -> str | None:
    """The one folder below which the code has the ``wanted`` folders (``backend/src``
    for ``["domain"]`` where ``backend/src/domain`` holds code), else None."""
    tail = "/".join(wanted)
    roots = {f[: -len(tail)].rstrip("/") for f in folders if f == tail or f.endswith(f"/{tail}")}
    return roots.pop() if len(roots) == 1 else None


def _tested_names(base: str) -> list[tuple[str, str]]:
    """The module names a test module ``test_<name>.py`` may test, with what its name
    adds: ``<name>.py`` itself, then without one or two last words of a role
    (``test_get_user_use_case.py``: ``get_user_use.py``, ``get_user.py``)."""
    words = base[len("test_") : -len(".py")].split("_")
    names = [(f"{'_'.join(words)}.py", "")]
    for cut in (1, 2):
        if len(words) > cut + 1:
            names.append((f"{'_'.join(words[:-cut])}.py", "_" + "_".join(words[-cut:])))
    return names


def _common_folder(paths: object) -> str:
    folders = Counter(posixpath.dirname(p) for p in paths)  # type: ignore[attr-defined]
    return folders.most_common(1)[0][0] if folders else ""


def _adapters_root(adapters: list[AdapterFact]) -> str:
    folders = [posixpath.dirname(a.location.path) for a in adapters]
    if not folders:
        return ""
    common = os.path.commonpath(folders) if len(folders) > 1 else folders[0]
    return common.replace(os.sep, "/")


def _client_adapters(production: list[AdapterFact]) -> tuple[str, bool]:
    """The folder of the adapters of external systems (storage aside) and whether it
    holds one folder per system: ``("src/adapters/services", False)`` when they share
    one folder, ``("src/infrastructure/libs", True)`` for ``libs/crypto/...`` beside
    ``libs/mail/...``; ``("", False)`` when there is none."""
    folders = sorted(
        {posixpath.dirname(a.location.path) for a in production if not stores_data(a)} - {""}
    )
    if not folders:
        return "", False
    own = [f for f in folders if posixpath.basename(f) not in SHARED_ADAPTER_FOLDERS]
    parents = {posixpath.dirname(f) for f in folders}
    if own == folders and len(parents) == 1 and "" not in parents:
        return parents.pop(), True
    if len(folders) == 1:
        return folders[0], False
    return os.path.commonpath(folders).replace(os.sep, "/"), False


def stores_data(adapter: AdapterFact) -> bool:
    """Whether an adapter stores data: filed in a storage folder or implementing a
    repository-like port."""
    words = set(adapter.location.path.removesuffix(".py").replace("/", "_").split("_"))
    ports = (qualname.rpartition(":")[2] for qualname in adapter.implements)
    return bool(words & STORAGE_WORDS) or any(p.endswith(STORAGE_PORTS) for p in ports)


def _settings_per_system(known: RepoKnowledge) -> str:
    """The file name of the settings modules when each system has its own settings
    class in its own module (``libs/crypto/config.py``: ``CryptoSettings``,
    ``persistence/config.py``: ``DbSettings``) and none is the app's; else ""."""
    modules: dict[str, str] = {}
    for model in known.facts.models:
        if model.kind != "settings":
            continue
        words = set(snake(model.qualname.rpartition(":")[2]).split("_"))
        if words <= APP_SETTINGS_WORDS:
            return ""  # the app's own settings class takes new settings
        modules[model.location.path] = posixpath.basename(model.location.path)
    names = Counter(modules.values())
    if len(modules) < 2 or not names:
        return ""
    name, count = names.most_common(1)[0]
    return name if count * 2 > len(modules) else ""


def _container(known: RepoKnowledge, conventions: Conventions, paths: dict[str, str]) -> None:
    kinds = Counter(p.container for p in known.facts.providers if p.kind in DI_KINDS)
    if kinds:
        container = kinds.most_common(1)[0][0]
        conventions.container_class = container.partition(":")[2]
        conventions.container_module = paths.get(_module(container), "")
        others = sorted(
            {paths.get(_module(c), "") for c in kinds} - {"", conventions.container_module}
        )
        conventions.container_modules = (conventions.container_module, *others)
        conventions.di_idiom = "provide"
        return
    dishka_providers = [p for p in known.facts.providers if p.kind == "dishka"]
    if dishka_providers:
        # the provider class building the most services takes new ones (a
        # ``UseCaseProvider`` beside an ``AdaptersProvider``), else the first
        built = _service_builders(known, dishka_providers, lambda p: p.container)
        first = dishka_providers[0].container
        chosen = max(built, key=lambda c: (built[c], c == first)) if built else first
        dishka = next(p for p in dishka_providers if p.container == chosen)
        conventions.container_module = paths.get(_module(dishka.container), "")
        conventions.container_class = dishka.container.partition(":")[2]
        conventions.di_idiom = "dishka"
        return
    # a factory of the settings alone (``get_settings``) wires nothing
    settings = {m.qualname for m in known.facts.models if m.kind == "settings"}
    factories = [
        p
        for p in known.facts.providers
        if p.kind in ("factory", "depends") and not set(p.builds) <= settings
    ]
    composition = [
        paths[n] for n, layer in known.roles.items() if layer == COMPOSITION and n in paths
    ]
    modules = Counter(paths.get(_module(p.container), "") for p in factories)
    modules.pop("", None)
    # the factories building the services come first (``build_logout_handler`` beside
    # the others, not the request's ``Depends`` helpers), then those the routes depend
    # on: a registry's lookup methods in some service module build data, not services
    builders = _service_builders(known, factories, lambda p: paths.get(_module(p.container)))
    used = Counter(paths.get(_module(d), "") for r in known.facts.routes for d in r.dependencies)
    if modules:
        conventions.container_module = max(
            sorted(modules), key=lambda m: (builders[m] > 0, used[m] > 0, modules[m], used[m])
        )
    elif composition and not _services_made_at_home(known):
        conventions.container_module = sorted(composition)[0]


def container_for(conventions: Conventions, changed: Iterable[str]) -> str:
    """The container module that wires ``changed`` (paths): among several, the one named
    after a folder most of them lie in (``containers/identity.py`` for
    ``…/identity/…``), else the repository's main one."""
    folders = Counter(part for path in changed for part in set(path.split("/")[:-1]))
    named = [
        (folders[posixpath.basename(m).removesuffix(".py")], -rank, m)
        for rank, m in enumerate(conventions.container_modules)
    ]
    best = max(named, default=(0, 0, ""))
    return best[2] if best[0] else conventions.container_module


def _service_builders(
    known: RepoKnowledge, providers: list[Provider], key: Callable[[Provider], Any]
) -> Counter[Any]:
    """How many of ``providers`` build a service (a use case, a handler), counted by
    ``key`` (their container or module)."""
    services = {s.qualname for s in known.facts.services}
    return Counter(key(p) for p in providers if services.intersection(p.builds))


def _services_made_at_home(known: RepoKnowledge) -> bool:
    """Whether most services make their one instance in their own module
    (``user_service = UserService()``): no container builds them."""
    services = known.facts.services
    made = sum(
        bool(known.model.made_in(s.qualname, [s.qualname.partition(":")[0]])) for s in services
    )
    return bool(services) and made * 2 > len(services)


def _handlers_module(known: RepoKnowledge, paths: dict[str, str]) -> str:
    """The module registering most exception handlers (``@app.exception_handler(…)``,
    ``app.add_exception_handler(…)``), tests aside; "" when none does."""
    counts = {
        path: module.text.count("exception_handler(")
        for name, module in known.model.modules.items()
        if known.roles.get(name) != TESTS and (path := paths.get(name, ""))
    }
    best = max(sorted(counts), key=lambda p: counts[p], default="")
    return best if best and counts[best] else ""


def _indexes_module(known: RepoKnowledge, paths: dict[str, str]) -> str:
    """The module that creates a document store's indexes (``create_index``,
    ``IndexModel(``): never a schema revision, whose ``op.create_index`` belongs to it."""
    for name, module in sorted(known.model.modules.items()):
        path = paths.get(name, "")
        if not path or is_schema_revision(path) or known.roles.get(name) == TESTS:
            continue
        text = "\n".join(module.lines)
        if "create_index" in text or "IndexModel(" in text:
            return paths.get(name, "")
    return ""


def _lifespan_module(known: RepoKnowledge, paths: dict[str, str]) -> str:
    """The module defining the app's lifespan: a function called ``lifespan`` (or
    ``…_lifespan``) at its top level, else one nested in a function (an app factory's)."""
    modules = [
        (name, module)
        for name, module in sorted(known.model.modules.items())
        if known.roles.get(name) != TESTS and "lifespan" in module.text
    ]
    for name, module in modules:
        if any(_is_lifespan(f) for f in module.functions):
            return paths.get(name, "")
    for name, module in modules:
        nested = (
            n.name
            for n in ast.walk(module.tree)
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
        )
        if any(_is_lifespan(f) for f in nested):
            return paths.get(name, "")
    return ""


def _is_lifespan(name: str) -> bool:
    return name == "lifespan" or name.endswith("_lifespan")


def _families(
    adapters: tuple[AdapterFact, ...], ports: tuple[PortFact, ...]
) -> list[AdapterFamily]:
    """Adapter technologies for repository ports, with their file and class patterns."""
    families: dict[str, AdapterFamily] = {}
    port_names = {p.qualname: p.qualname.rpartition(":")[2] for p in ports}
    for adapter in adapters:
        for port in adapter.implements:
            port_name = port_names.get(port, "")
            if not port_name.endswith("Repository"):
                continue
            class_name = adapter.qualname.rpartition(":")[2]
            file_name = posixpath.basename(adapter.location.path)
            port_snake = snake(port_name)
            if port_name not in class_name or port_snake not in file_name:
                continue
            folder = posixpath.dirname(adapter.location.path)
            class_pattern = class_name.replace(port_name, "{}")
            file_pattern = file_name.replace(port_snake, "{}")
            branch = class_pattern.replace("{}", "").lower().removeprefix("in") or "default"
            families.setdefault(
                folder,
                AdapterFamily(folder, file_pattern, class_pattern, branch, adapter.fake, adapter),
            )
    return sorted(families.values(), key=lambda f: (f.fake, f.folder))
