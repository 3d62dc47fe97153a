"""Layer rules of a hexagonal backend and the classification of modules into layers.

Classification is path based. The folders of a module's path decide its layer: the
deepest folder naming a layer wins, except that a contextual folder name
(``services``, ``db``) below an anchor (``infrastructure``) takes the anchor's layer.
A file's own name counts only when no folder above it names a layer, or when the
file is a composition module (see ``composition_reason``). Explicit module prefixes
from configuration win over names.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from archbook.domain.contracts import ImportContract
from archbook.domain.layer_tokens import (
    APP_CLASSES,
    APP_FILE_NAMES,
    APPLICATION,
    COMPOSITION,
    COMPOSITION_FILE_NAMES,
    COMPOUND_HEADS,
    CONTEXTUAL_TOKENS,
    DEFAULT_TOKENS,
    DI_FRAMEWORKS,
    DOMAIN,
    INBOUND_CONTEXTUAL_TOKENS,
    INFRASTRUCTURE,
    INFRASTRUCTURE_LIBRARIES,
    MODEL_TOKENS,
    ORM_DISTRIBUTIONS,
    PORTS,
    PRESENTATION,
    REPOSITORY_TOKENS,
    SERVER_RUNNERS,
    TEST_TOKENS,
)

UNCLASSIFIED = "unclassified"
TESTS = "tests"
# A composition module without these names needs content evidence (see
# ``composition_reason``); with them its name alone makes it one.
COMPOSITION_ROOT_NAMES = frozenset(
    {"container", "containers", "di", "ioc", "wiring", "composition", "composition_root",
     "bootstrap", "main"}
)  # fmt: skip
# Root names that inside a folder of routes also name router aggregators.
ENTRY_NAMES = frozenset({"main"})
ROUTE_FOLDERS = frozenset(
    {"api", "routes", "routers", "router", "endpoints", "controllers", "controller", "views",
     "http", "web"}
)  # fmt: skip
# Layers on the two sides a composition module joins.
WIRED_LAYERS = frozenset({PRESENTATION, APPLICATION, INFRASTRUCTURE})

# The order a request crosses the layers, then the ones around them: how plans list them.
FLOW_ORDER = (PRESENTATION, APPLICATION, PORTS, DOMAIN, INFRASTRUCTURE, COMPOSITION, TESTS)


def flow_rank(layer: str) -> int:
    """A layer's place in ``FLOW_ORDER``; layers of a repository's own rules come last."""
    return FLOW_ORDER.index(layer) if layer in FLOW_ORDER else len(FLOW_ORDER)


# Top to bottom, the order a layer graph is drawn in.
DEFAULT_ORDER: tuple[str, ...] = (
    TESTS,
    COMPOSITION,
    PRESENTATION,
    INFRASTRUCTURE,
    APPLICATION,
    PORTS,
    DOMAIN,
)

DEFAULT_ALLOWED: Mapping[str, frozenset[str]] = {
    PRESENTATION: frozenset({APPLICATION, PORTS, DOMAIN, COMPOSITION}),
    APPLICATION: frozenset({PORTS, DOMAIN}),
    PORTS: frozenset({DOMAIN}),
    DOMAIN: frozenset(),
    INFRASTRUCTURE: frozenset({PORTS, DOMAIN}),
    COMPOSITION: frozenset(DEFAULT_ORDER) - {TESTS},
    TESTS: frozenset(DEFAULT_ORDER),
}


@dataclass(frozen=True)
class LayerRules:
    """Which layers exist, how modules map to them and which imports are allowed.

    ``allowed[a]`` is the set of layers that layer ``a`` may import besides itself.
    A layer absent from ``allowed`` may import anything. ``contract_allowed`` holds
    the same for the layers of a repository's own layered contracts: it governs
    imports between two contract layers, while imports between a contract layer
    and a default one are the contract's business only when the name is both.
    ``contracts`` are its other contracts (forbidden, independence, depends_on).
    """

    order: tuple[str, ...] = DEFAULT_ORDER
    tokens: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_TOKENS))
    allowed: Mapping[str, frozenset[str]] = field(default_factory=lambda: dict(DEFAULT_ALLOWED))
    module_layers: tuple[tuple[str, str], ...] = ()
    exclude: tuple[str, ...] = ()
    source: str = "archbook default hexagonal rules"
    use_path_tokens: bool = True
    contract_allowed: Mapping[str, frozenset[str]] = field(default_factory=dict)
    contracts: tuple[ImportContract, ...] = ()

    @property
    def layers(self) -> tuple[str, ...]:
        """Every layer name in drawing order, ``unclassified`` last."""
        return (*self.order, UNCLASSIFIED)

    def allows(self, importer_layer: str, imported_layer: str) -> bool:
        """True when an import from ``importer_layer`` into ``imported_layer`` is fine."""
        if importer_layer == imported_layer or UNCLASSIFIED in (importer_layer, imported_layer):
            return True
        contract = self.contract_allowed
        if importer_layer in contract and imported_layer in contract:
            return imported_layer in contract[importer_layer]
        one_side = importer_layer in contract or imported_layer in contract
        # one side only the contract names: a default rule applies only when both
        # names are default layers too
        if one_side and not (importer_layer in self.allowed and imported_layer in self.allowed):
            return True
        permitted = self.allowed.get(importer_layer)
        return permitted is None or imported_layer in permitted

    def with_module_layers(self, pairs: Iterable[tuple[str, str]]) -> LayerRules:
        """These rules with extra explicit ``module prefix → layer`` pairs, tried first."""
        return replace(self, module_layers=tuple(pairs) + self.module_layers)


@dataclass(frozen=True, slots=True)
class Classification:
    """The layer of one module and the reason it was given.

    ``tentative`` when only the libraries it imports suggest the layer: drawn in that
    layer, but no layer violation is reported on such a guess.
    """

    layer: str
    reason: str
    tentative: bool = False


# A fold over a module's name parts (``_fold``): (the deepest layer named, the part
# naming it, the layer the last anchoring part named, that part's key).
_Fold = tuple[str | None, str | None, str | None, str]
_UNREAD: _Fold = (None, None, None, "")
# What a module's folders say: test code, or the fold over their names and the layer
# they give alone (None: no layer).
FolderReading = Classification | tuple[_Fold, Classification | None]
# What each folder read in one pass says (``classify``'s ``folders``).
FolderMemo = dict[str, FolderReading]


def classify(
    module_name: str,
    rules: LayerRules,
    is_package: bool = False,
    folders: FolderMemo | None = None,
) -> Classification:
    """The layer of a module, from explicit prefixes first, then its folders, then its name.

    A module's dotted name is its path below its source root, so folder names count
    and folders above the source root (``backend/``, ``api/``) do not. The last part
    is a file name unless ``is_package``; it decides only when no folder does, when
    it names a composition root (``container``, ``main``), or when it holds the ports
    of a domain or application folder (``domain/interfaces.py``; a ``repository.py``
    keeps its folder's layer).
    """
    if rules.module_layers:
        explicit = _explicit_layer(module_name, rules.module_layers)
        if explicit is not None:
            return explicit
    if not rules.use_path_tokens:
        return Classification(UNCLASSIFIED, "matches no layer of " + rules.source)
    lowered = module_name.lower()
    if is_package:
        head, leaf = lowered, None
    else:
        head, _, leaf = lowered.rpartition(".")
    # what the folders say is the same for every module of a folder: read once per
    # folder of a pass over a scan (``folders``: the caller's, for one set of rules)
    read = folders.get(head) if folders is not None else None
    if read is None:
        read = _read_folders(head, rules.tokens)
        if folders is not None:
            folders[head] = read
    if isinstance(read, Classification):
        return read
    fold, verdict = read
    layer, found = fold[0], fold[1]
    if leaf is not None:
        if leaf in TEST_TOKENS or is_test_file(leaf):
            return Classification(TESTS, f"test code ('{leaf}' in path)")
        # a compound file name (``application_factory.py``) says less than a folder's:
        # only a file named by a layer word may decide
        tokens = rules.tokens
        if leaf in tokens or leaf.lstrip("_") in tokens:
            leaf_layer, leaf_found = _fold((leaf,), tokens, fold)[:2]
            # the file decides where no folder does, when it is a composition root,
            # and when it holds the interfaces of the domain or application folder it
            # sits in (a ``repositories.py`` file keeps its folder's layer: DDD keeps
            # the repository interfaces in the domain; ``repository/`` packages are
            # ports)
            refines = (
                layer in (DOMAIN, APPLICATION)
                and leaf_layer == PORTS
                and leaf.lstrip("_") not in REPOSITORY_TOKENS
            )
            # a ``main`` among the routes may only mount routers: its imports decide
            routes = found is not None and found.lstrip("_") in ROUTE_FOLDERS
            root = _names_a_root(leaf, rules) and not (routes and leaf in ENTRY_NAMES)
            decides = leaf_found == leaf and (layer is None or refines or root)
            if decides and leaf_layer is not None:
                return Classification(leaf_layer, f"'{leaf_found}' in path")
    if verdict is None:
        return Classification(UNCLASSIFIED, f"no layer folder or file name in '{module_name}'")
    return verdict


def composition_reason(
    module_name: str,
    externals: Iterable[str],
    import_texts: Iterable[str],
    imported_layers: Iterable[str],
    within: str | None = None,
) -> str | None:
    """Why a module named like a composition root (``app``, ``providers``) is one.

    Its name alone is not enough (``services/application.py`` may be a use case);
    the module must also wire: import a DI framework, import an application class
    (``from fastapi import FastAPI``) or import from two of presentation,
    application and infrastructure. Inside a presentation folder (``within``) the
    presentation modules it imports are no evidence: ``api/main.py`` mounting routers
    on an ``APIRouter`` and ``api/deps.py`` handing out a session are the web layer,
    while ``http/dependencies.py`` building use cases from adapters wires.
    ``None`` when it does not.
    """
    leaf = module_name.lower().rsplit(".", 1)[-1]
    if leaf not in COMPOSITION_FILE_NAMES:
        return None
    frameworks = sorted(DI_FRAMEWORKS.intersection(externals))
    if frameworks:
        return f"'{leaf}' imports the DI framework {frameworks[0]}"
    for text in import_texts:
        named = APP_CLASSES.intersection(text.replace(",", " ").split())
        if named:
            return f"'{leaf}' imports the application class {min(named)}"
    layers = set(imported_layers)
    if within == PRESENTATION:
        # the web layer importing itself is no wiring: only joining the use cases to
        # the adapters they need is
        layers.discard(PRESENTATION)
    joined = sorted(WIRED_LAYERS.intersection(layers))
    if len(joined) >= 2:
        return f"'{leaf}' wires {' and '.join(joined)}"
    if leaf in APP_FILE_NAMES and PRESENTATION in layers:
        return f"'{leaf}' assembles the application from presentation modules"
    return None


def content_layer(externals: Iterable[str], import_texts: Iterable[str]) -> Classification | None:
    """The layer of a module no name classifies, from the libraries it imports.

    ``import uvicorn`` (a server run from here) makes it composition; a database,
    network, broker or storage library makes it infrastructure. Both are tentative.
    ``None`` otherwise.
    """
    tops = set(externals)
    runners = sorted(SERVER_RUNNERS & tops)
    if runners and any(t.split()[:2] == ["import", runners[0]] for t in import_texts):
        return Classification(COMPOSITION, f"runs the application ({runners[0]})", True)
    libraries = sorted(INFRASTRUCTURE_LIBRARIES & tops)
    if libraries:
        reason = f"imports {libraries[0]} (a guess from its libraries)"
        return Classification(INFRASTRUCTURE, reason, True)
    return None


def bare_models(module_name: str) -> bool:
    """True when a ``models``/``model`` folder or file, with no domain folder around
    it, is what put the module in the domain: its content may say otherwise."""
    tokens = module_name.lower().split(".")
    others = (DEFAULT_TOKENS.get(t) for t in tokens if t not in MODEL_TOKENS)
    return bool(MODEL_TOKENS.intersection(tokens)) and DOMAIN not in others


def orm_models_reason(module_name: str, externals: Iterable[str]) -> str | None:
    """Why a module of a ``models`` folder with no domain folder above it is persistence.

    ``models`` alone reads as domain entities; when the module imports an ORM or ODM
    (SQLAlchemy, SQLModel, Beanie, ...) its classes are tables, so infrastructure.
    """
    if not bare_models(module_name):
        return None
    orms = sorted(ORM_DISTRIBUTIONS.intersection(externals))
    return f"ORM tables ('models' importing {orms[0]})" if orms else None


def _explicit_layer(
    module_name: str, module_layers: tuple[tuple[str, str], ...]
) -> Classification | None:
    best: tuple[str, str] | None = None
    for prefix, layer in module_layers:
        matches = module_name == prefix or module_name.startswith(prefix + ".")
        if matches and (best is None or len(prefix) > len(best[0])):
            best = (prefix, layer)
    if best is None:
        return None
    return Classification(best[1], f"configured for '{best[0]}'")


def is_test_file(token: str) -> bool:
    """Whether a module name's last part names a test file (``test_x``, ``x_test``,
    ``conftest``)."""
    return token.startswith("test_") or token.endswith("_test") or token == "conftest"


def _names_a_root(leaf: str, rules: LayerRules) -> bool:
    return leaf in COMPOSITION_ROOT_NAMES and rules.tokens.get(leaf) == COMPOSITION


def _read_folders(head: str, mapping: Mapping[str, str]) -> FolderReading:
    """What a module's folders (``head``, lowercased and dotted) say: test code, or the
    fold over them (which the file name may continue) and the layer they give alone."""
    tokens = head.split(".") if head else []
    for token in tokens:
        if token in TEST_TOKENS or is_test_file(token):
            return Classification(TESTS, f"test code ('{token}' in path)")
    fold = _fold(tokens, mapping, _UNREAD)
    layer, found = fold[0], fold[1]
    return fold, None if layer is None else Classification(layer, f"'{found}' in path")


def _fold(tokens: Iterable[str], mapping: Mapping[str, str], state: _Fold) -> _Fold:
    """The deepest layer named by ``tokens`` read after ``state``: (layer, the token
    naming it, the last folder that anchored a layer, its key)."""
    layer, found, anchor, anchor_key = state
    for token in tokens:
        key = token if token in mapping else token.lstrip("_")
        named = mapping.get(key)
        if named is None:
            head = key.partition("_")[0]
            if head not in COMPOUND_HEADS:
                continue
            key = head
            named = mapping.get(key)
            if named is None:
                continue
        default = DEFAULT_TOKENS.get(key) == named
        if key in REPOSITORY_TOKENS and named == INFRASTRUCTURE:
            named = PORTS if layer in (DOMAIN, APPLICATION, PORTS) else INFRASTRUCTURE
        elif key in MODEL_TOKENS and named == DOMAIN and layer is not None:
            named = layer
        elif key in CONTEXTUAL_TOKENS and default and anchor is not None:
            if not _driving_adapter(key, anchor, anchor_key):
                named = anchor
        else:
            anchor, anchor_key = named, key
        layer, found = named, token
    return layer, found, anchor, anchor_key


def _driving_adapter(key: str, anchor: str, anchor_key: str) -> bool:
    """A contextual name of driving code (``tasks``, ``server``) below a folder that
    says it is infrastructure (``infrastructure/tasks``; not ``db/models/server``,
    where only the contextual ``db`` says so): it keeps its own layer, a driving
    adapter that calls use cases."""
    return (
        key in INBOUND_CONTEXTUAL_TOKENS
        and anchor == INFRASTRUCTURE
        and anchor_key not in CONTEXTUAL_TOKENS
    )


def layered_rules(
    levels: list[list[tuple[str, bool]]],
    module_layers: list[tuple[str, str]],
    source: str,
    contracts: tuple[ImportContract, ...] = (),
) -> LayerRules:
    """Rules of a layered contract (import-linter, tach) on top of the defaults.

    The contract's layers govern the modules it names (higher imports lower);
    archbook's default folder names classify every other module. ``levels`` runs
    top to bottom; each level holds ``(layer, independent)`` pairs: siblings marked
    independent may not import each other.
    """
    contract: dict[str, frozenset[str]] = {}
    below: list[str] = []
    for level in reversed(levels):
        names = [name for name, _ in level]
        for name, independent in level:
            siblings = set() if independent else set(names) - {name}
            contract[name] = frozenset(below) | frozenset(siblings)
        below.extend(names)
    named = [name for level in levels for name, _ in level]
    order = (*named, *(layer for layer in DEFAULT_ORDER if layer not in named))
    return LayerRules(
        order=tuple(order),
        module_layers=tuple(module_layers),
        source=f"{source} + archbook defaults for the rest",
        contract_allowed=contract,
        contracts=contracts,
    )
