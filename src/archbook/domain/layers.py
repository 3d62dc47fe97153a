"""Layer rules of a hexagonal backend and the classification of modules into layers.

Classification is path based: every folder and file name of a module's path is a
token; the deepest token that names a layer decides. Explicit module prefixes from
configuration win over tokens.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

UNCLASSIFIED = "unclassified"
TESTS = "tests"

PRESENTATION = "presentation"
APPLICATION = "application"
PORTS = "ports"
DOMAIN = "domain"
INFRASTRUCTURE = "infrastructure"
COMPOSITION = "composition"

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

DEFAULT_TOKENS: Mapping[str, str] = {
    **dict.fromkeys(
        (
            "presentation",
            "routes",
            "routers",
            "router",
            "api",
            "web",
            "http",
            "controllers",
            "controller",
            "endpoints",
            "entrypoints",
            "inbound",
            "views",
            "handlers",
            "input",
        ),
        PRESENTATION,
    ),
    **dict.fromkeys(
        (
            "application",
            "services",
            "service",
            "use_cases",
            "usecases",
            "use_case",
            "usecase",
            "commands",
            "queries",
            "dto",
            "dtos",
        ),
        APPLICATION,
    ),
    **dict.fromkeys(("ports", "port", "interfaces", "interface", "protocols", "gateways"), PORTS),
    **dict.fromkeys(
        ("domain", "entities", "entity", "value_objects", "aggregates", "models", "model"),
        DOMAIN,
    ),
    **dict.fromkeys(
        (
            "infrastructure",
            "infra",
            "adapters",
            "adapter",
            "outbound",
            "output",
            "persistence",
            "db",
            "database",
            "orm",
            "clients",
            "cache",
            "repositories",
            "repository",
        ),
        INFRASTRUCTURE,
    ),
    **dict.fromkeys(
        (
            "container",
            "containers",
            "di",
            "ioc",
            "main",
            "bootstrap",
            "dependencies",
            "wiring",
            "composition",
        ),
        COMPOSITION,
    ),
}

# Tokens whose layer depends on the nearest classified folder above them.
REPOSITORY_TOKENS = frozenset({"repository", "repositories"})
MODEL_TOKENS = frozenset({"models", "model"})
TEST_TOKENS = frozenset({"tests", "test"})

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
    A layer absent from ``allowed`` may import anything.
    """

    order: tuple[str, ...] = DEFAULT_ORDER
    tokens: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_TOKENS))
    allowed: Mapping[str, frozenset[str]] = field(default_factory=lambda: dict(DEFAULT_ALLOWED))
    module_layers: tuple[tuple[str, str], ...] = ()
    exclude: tuple[str, ...] = ()
    source: str = "archbook default hexagonal rules"
    use_path_tokens: bool = True

    @property
    def layers(self) -> tuple[str, ...]:
        """Every layer name in drawing order, ``unclassified`` last."""
        return (*self.order, UNCLASSIFIED)

    def allows(self, importer_layer: str, imported_layer: str) -> bool:
        """True when an import from ``importer_layer`` into ``imported_layer`` is fine."""
        if importer_layer == imported_layer or UNCLASSIFIED in (importer_layer, imported_layer):
            return True
        permitted = self.allowed.get(importer_layer)
        return permitted is None or imported_layer in permitted

    def with_module_layers(self, pairs: Iterable[tuple[str, str]]) -> LayerRules:
        """These rules with extra explicit ``module prefix → layer`` pairs, tried first."""
        merged = tuple(pairs) + self.module_layers
        return LayerRules(
            order=self.order,
            tokens=self.tokens,
            allowed=self.allowed,
            module_layers=merged,
            exclude=self.exclude,
            source=self.source,
            use_path_tokens=self.use_path_tokens,
        )


@dataclass(frozen=True, slots=True)
class Classification:
    """The layer of one module and the reason it was given."""

    layer: str
    reason: str


def classify(module_name: str, rules: LayerRules) -> Classification:
    """The layer of a module, from explicit prefixes first, then its name's parts.

    A module's dotted name is its path below its source root, so folder names count
    and folders above the source root (``backend/``, ``api/``) do not.
    """
    explicit = _explicit_layer(module_name, rules.module_layers)
    if explicit is not None:
        return explicit
    if not rules.use_path_tokens:
        return Classification(UNCLASSIFIED, "matches no layer of " + rules.source)
    tokens = module_name.lower().split(".")
    for token in tokens:
        if token in TEST_TOKENS or _is_test_file(token):
            return Classification(TESTS, f"test code ('{token}' in path)")
    layer, found = _deepest_layer(tokens, rules.tokens)
    if layer is None:
        return Classification(UNCLASSIFIED, f"no layer folder or file name in '{module_name}'")
    return Classification(layer, f"'{found}' in path")


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


def _is_test_file(token: str) -> bool:
    return token.startswith("test_") or token.endswith("_test") or token == "conftest"


def _deepest_layer(tokens: list[str], mapping: Mapping[str, str]) -> tuple[str | None, str | None]:
    layer: str | None = None
    found: str | None = None
    for token in tokens:
        named = mapping.get(token)
        if named is None:
            continue
        if token in REPOSITORY_TOKENS and named == INFRASTRUCTURE:
            named = PORTS if layer in (DOMAIN, APPLICATION, PORTS) else INFRASTRUCTURE
        elif token in MODEL_TOKENS and named == DOMAIN and layer is not None:
            named = layer
        layer, found = named, token
    return layer, found


def layered_rules(
    levels: list[list[tuple[str, bool]]],
    module_layers: list[tuple[str, str]],
    source: str,
) -> LayerRules:
    """Rules of a strict layered contract (import-linter, tach): higher imports lower.

    ``levels`` runs top to bottom; each level holds ``(layer, independent)`` pairs:
    siblings marked independent may not import each other.
    """
    order: list[str] = []
    allowed: dict[str, frozenset[str]] = {}
    below: list[str] = []
    for level in reversed(levels):
        names = [name for name, _ in level]
        for name, independent in level:
            siblings = set() if independent else set(names) - {name}
            allowed[name] = frozenset(below) | frozenset(siblings)
        below.extend(names)
    for level in levels:
        order.extend(name for name, _ in level)
    return LayerRules(
        order=tuple(order),
        tokens={},
        allowed=allowed,
        module_layers=tuple(module_layers),
        source=source,
        use_path_tokens=False,
    )
