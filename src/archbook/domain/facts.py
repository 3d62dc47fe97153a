"""What archbook knows about a FastAPI backend: routes, DI wiring, ports, adapters,
services, models and tests — each with where it is written."""

from __future__ import annotations

from dataclasses import dataclass, field

from archbook.domain.project import ProjectFacts


@dataclass(frozen=True, slots=True)
class Location:
    """A place in the repository: a relative path and a 1-based line."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Route:
    """An HTTP (or WebSocket) route with its full path and handler."""

    method: str
    path: str
    handler: str
    location: Location
    response_model: str | None = None
    status_code: str | None = None
    dependencies: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return f"{self.method} {self.path}"


@dataclass(frozen=True)
class UnresolvedRoute:
    """Route-like code archbook saw but could not turn into a route, and why."""

    location: Location
    text: str
    reason: str


@dataclass(frozen=True)
class Provider:
    """Something a container or factory builds on request.

    ``builds`` lists what it constructs (several for a run-time selector, one entry
    per ``branches`` key); ``arguments`` maps constructor keywords to provider names;
    ``provides`` is the type a Dishka provider registers it as (``provides=Port``).
    """

    container: str
    name: str
    kind: str
    builds: tuple[str, ...]
    location: Location
    arguments: tuple[tuple[str, str], ...] = ()
    branches: tuple[str, ...] = ()
    provides: str = ""

    @property
    def key(self) -> str:
        return f"{self.container}.{self.name}"


@dataclass(frozen=True)
class MethodFact:
    """A method's name, signature text and line; ``abstract`` for port methods."""

    name: str
    signature: str
    line: int
    is_async: bool = False
    abstract: bool = False


@dataclass(frozen=True)
class PortFact:
    """An abstract port: an ABC or a ``typing.Protocol``."""

    qualname: str
    kind: str
    location: Location
    methods: tuple[MethodFact, ...]


@dataclass(frozen=True)
class AdapterFact:
    """A concrete class implementing one or more ports, with the technology it uses."""

    qualname: str
    implements: tuple[str, ...]
    technologies: tuple[str, ...]
    location: Location
    methods: tuple[MethodFact, ...]
    fake: bool = False


@dataclass(frozen=True)
class ServiceFact:
    """An application service: constructor dependencies (typed with ports) and methods."""

    qualname: str
    location: Location
    dependencies: tuple[tuple[str, str], ...]
    methods: tuple[MethodFact, ...]


@dataclass(frozen=True)
class ModelFact:
    """A Pydantic model, settings class, domain entity or value object."""

    qualname: str
    kind: str
    location: Location
    layer: str


@dataclass(frozen=True)
class TestFact:
    """A test module, the modules it exercises (by imports) and the fakes it uses."""

    module: str
    path: str
    exercises: tuple[str, ...]
    fakes: tuple[str, ...]


@dataclass(frozen=True)
class Facts:
    """Everything extracted from one repository, with the problems met on the way."""

    routes: tuple[Route, ...]
    providers: tuple[Provider, ...]
    ports: tuple[PortFact, ...]
    adapters: tuple[AdapterFact, ...]
    services: tuple[ServiceFact, ...]
    models: tuple[ModelFact, ...]
    tests: tuple[TestFact, ...]
    project: ProjectFacts | None = None
    problems: tuple[str, ...] = field(default_factory=tuple)
    unresolved_routes: tuple[UnresolvedRoute, ...] = field(default_factory=tuple)

    def route(self, key: str) -> Route | None:
        """The route called ``"GET /api/threads"`` (method case-insensitive)."""
        method, _, path = key.strip().partition(" ")
        for route in self.routes:
            if route.method == method.upper() and route.path == path.strip():
                return route
        return None
