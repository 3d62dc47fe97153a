"""Ports, adapters, services, models and tests of a repository, read from its code."""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from collections.abc import Mapping

from archbook.application.code_facts.code_model import ClassModel, CodeModel, FunctionModel
from archbook.domain.facts import (
    AdapterFact,
    Location,
    MethodFact,
    ModelFact,
    PortFact,
    ServiceFact,
    TestFact,
)
from archbook.domain.layers import APPLICATION, DOMAIN, TESTS

ABC_BASES = ("abc:ABC", "abc.ABC")
PROTOCOL_BASES = ("typing:Protocol", "typing_extensions:Protocol", "typing.Protocol")
PYDANTIC_BASES = ("pydantic:BaseModel", "pydantic.BaseModel", "pydantic.main:BaseModel")
SETTINGS_BASES = ("pydantic_settings:BaseSettings", "pydantic:BaseSettings")
ENUM_BASES = ("enum:Enum", "enum:StrEnum", "enum:IntEnum")
# Base classes a domain's own entities and value objects derive from, by their name:
# each repository defines its own (``class Profile(AggregateRoot[ProfileId])``).
ENTITY_BASES = frozenset(
    ("Entity", "BaseEntity", "DomainEntity", "AggregateRoot", "Aggregate", "BaseAggregate")
)
VALUE_OBJECT_BASES = frozenset(("ValueObject", "BaseValueObject"))
FAKE_PREFIXES = ("InMemory", "Memory", "Fake", "Stub", "Dummy")
FAKE_FOLDERS = ("memory", "fakes", "fake", "in_memory", "inmemory")
TECHNOLOGIES = {
    "motor": "MongoDB (motor)",
    "pymongo": "MongoDB (pymongo)",
    "beanie": "MongoDB (beanie)",
    "sqlalchemy": "SQLAlchemy",
    "sqlmodel": "SQLModel",
    "asyncpg": "PostgreSQL (asyncpg)",
    "psycopg": "PostgreSQL (psycopg)",
    "psycopg2": "PostgreSQL (psycopg2)",
    "aiosqlite": "SQLite (aiosqlite)",
    "sqlite3": "SQLite",
    "redis": "Redis",
    "aioredis": "Redis",
    "httpx": "HTTP (httpx)",
    "aiohttp": "HTTP (aiohttp)",
    "requests": "HTTP (requests)",
    "boto3": "AWS (boto3)",
    "aiobotocore": "AWS (aiobotocore)",
    "elasticsearch": "Elasticsearch",
    "aiosmtplib": "SMTP",
    "smtplib": "SMTP",
    "aio_pika": "RabbitMQ",
    "pika": "RabbitMQ",
    "aiokafka": "Kafka",
    "celery": "Celery",
    "arq": "ARQ",
    "openai": "OpenAI",
    "anthropic": "Anthropic",
    "jwt": "JWT (PyJWT)",
    "jose": "JWT (python-jose)",
    "passlib": "passlib",
    "bcrypt": "bcrypt",
    "hashlib": "hashlib",
    "hmac": "hmac",
}


def extract_ports(model: CodeModel, layers: Mapping[str, str]) -> list[PortFact]:
    """ABCs with abstract methods and ``Protocol`` classes outside the tests."""
    ports = []
    for klass in _classes(model, layers):
        kind = _port_kind(model, klass)
        if kind is not None:
            ports.append(
                PortFact(klass.qualname, kind, _location(model, klass), _methods(klass, True))
            )
    return ports


def extract_adapters(
    model: CodeModel, layers: Mapping[str, str], ports: list[PortFact]
) -> list[AdapterFact]:
    """Concrete classes implementing a port by subclassing or by matching a Protocol."""
    by_name = {port.qualname: port for port in ports}
    protocols = [port for port in ports if port.kind == "protocol"]
    found: list[tuple[ClassModel, list[str]]] = []
    shaped: dict[str, list[str]] = defaultdict(list)  # Protocol → classes of its shape
    declared: dict[str, bool] = {}  # ports some class subclasses
    for klass in model.classes.values():
        if klass.qualname in by_name:
            continue
        # Look the class's ancestors up among the ports (not every port among the
        # ancestors): linear in classes, however many ports the repository has.
        implements = [a for a in model.ancestors(klass) if a in by_name]
        for subclassed in implements:
            declared[subclassed] = True
        for port in protocols:
            if port.qualname not in implements:
                names = {m.name for m in port.methods}
                if names and names <= set(klass.methods) and not _consumes(model, klass, port):
                    implements.append(port.qualname)
                    shaped[port.qualname].append(klass.name)
        if implements:
            found.append((klass, implements))
    # A Protocol of common method names (``add``) has the shape of many classes: where
    # some class subclasses it or is named after it (``TransactionRepositoryImpl``),
    # the others of its shape alone do not implement it.
    unnamed = {
        (port, name)
        for port, names in shaped.items()
        for stem in [_port_stem(port)]
        if declared.get(port) or any(stem in other for other in names)
        for name in names
        if stem not in name
    }
    adapters = []
    for klass, implements in found:
        implements = [p for p in implements if (p, klass.name) not in unnamed]
        if not implements:
            continue
        module = model.modules[klass.module]
        technologies = sorted({TECHNOLOGIES[e] for e in module.externals if e in TECHNOLOGIES})
        adapters.append(
            AdapterFact(
                klass.qualname,
                tuple(sorted(implements)),
                tuple(technologies),
                _location(model, klass),
                _methods(klass, False),
                fake=_is_fake(klass, layers),
            )
        )
    return sorted(adapters, key=lambda a: a.qualname)


def _port_stem(qualname: str) -> str:
    """A port's name as its implementations spell it: ``TransactionRepository`` for
    ``ITransactionRepository`` or ``TransactionRepositoryProtocol``."""
    name = qualname.rpartition(":")[2]
    if len(name) > 2 and name[0] == "I" and name[1].isupper():
        name = name[1:]
    for suffix in ("Protocol", "Interface", "Port"):
        if name.endswith(suffix) and name != suffix:
            name = name[: -len(suffix)]
    return name


def extract_services(
    model: CodeModel, layers: Mapping[str, str], ports: list[PortFact]
) -> list[ServiceFact]:
    """Classes of the application layer with behaviour (not data holders, not ports)."""
    port_names = {port.qualname for port in ports}
    services = []
    for klass in _classes(model, layers):
        if layers.get(klass.module) != APPLICATION or klass.qualname in port_names:
            continue
        if is_exception(model, klass):
            continue  # ``EmailNotUniqueError`` of ``services/exceptions.py`` does no work
        public = [m for m in klass.methods.values() if _is_public(m)]
        if not public:
            # ``class PostService(BaseService)`` with only ``__init__``: what it does
            # is inherited from a base of the repository's own
            bases = (model.classes[a] for a in model.ancestors(klass) if a in model.classes)
            public = [m for base in bases for m in base.methods.values() if _is_public(m)]
        if not public:
            continue
        init = klass.methods.get("__init__")
        dependencies = _parameters(model, klass.module, init) if init else ()
        if _is_dataclass(klass):
            # a dataclass is a data holder, unless it is named for doing the work and
            # takes what it needs as its fields (``@dataclass class CreateUserHandler``
            # with ``users: UserRepository``, a DI container filling them)
            if not klass.name.endswith(SERVICE_ENDINGS):
                continue
            dependencies = _fields(model, klass)
        services.append(
            ServiceFact(
                klass.qualname, _location(model, klass), dependencies, _methods(klass, False)
            )
        )
    return services


def extract_models(model: CodeModel, layers: Mapping[str, str]) -> list[ModelFact]:
    """Pydantic models and settings anywhere; dataclasses and enums of the domain."""
    found = []
    for klass in _classes(model, layers):
        ancestors = model.ancestors(klass)
        layer = layers.get(klass.module, "")
        kind = None
        if ancestors & set(SETTINGS_BASES):
            kind = "settings"
        elif ancestors & set(PYDANTIC_BASES):
            kind = "pydantic"
        elif layer == DOMAIN and ancestors & set(ENUM_BASES):
            kind = "enum"
        elif layer == DOMAIN and _is_generic(klass):
            kind = None  # ``Result[T]``, ``Page[T]``: a container of other data
        elif layer == DOMAIN and _is_dataclass(klass):
            kind = "value_object" if "value_object" in klass.module else "entity"
        elif layer == DOMAIN:
            kind = _domain_base_kind(klass, ancestors)
        if kind is not None:
            found.append(ModelFact(klass.qualname, kind, _location(model, klass), layer))
    return found


def _is_generic(klass: ClassModel) -> bool:
    """Whether a class takes type parameters: ``class Result(Generic[T])`` or
    ``class Result[T]`` (Python 3.12+)."""
    if getattr(klass.node, "type_params", None):
        return True
    return any(
        isinstance(base, ast.Subscript)
        and (
            (isinstance(base.value, ast.Name) and base.value.id == "Generic")
            or (isinstance(base.value, ast.Attribute) and base.value.attr == "Generic")
        )
        for base in klass.node.bases
    )


def _domain_base_kind(klass: ClassModel, ancestors: set[str]) -> str | None:
    """ "entity" or "value_object" for a plain class deriving from an entity or value
    object base (not for those bases themselves), else None."""
    if klass.name in ENTITY_BASES or klass.name in VALUE_OBJECT_BASES:
        return None
    names = {re.split(r"[:.]", base)[-1] for base in ancestors}
    if names & VALUE_OBJECT_BASES:
        return "value_object"
    return "entity" if names & ENTITY_BASES else None


def extract_tests(
    model: CodeModel,
    layers: Mapping[str, str],
    pairs: Mapping[tuple[str, str], object],
    adapters: list[AdapterFact],
) -> list[TestFact]:
    """Each test module, the non-test modules it imports and the fakes among them:
    fakes defined in an exercised module or the test itself, or imported by name
    (``from tests.conftest import FakeClock``)."""
    fakes_by_module: dict[str, list[str]] = {}
    for adapter in adapters:
        if adapter.fake:
            fakes_by_module.setdefault(adapter.qualname.split(":")[0], []).append(adapter.qualname)
    all_fakes = {f for found in fakes_by_module.values() for f in found}
    imported_by: dict[str, list[str]] = defaultdict(list)
    for importer, imported in pairs:
        imported_by[importer].append(imported)
    tests = []
    for name, module in sorted(model.modules.items()):
        if layers.get(name) != TESTS:
            continue
        exercised = sorted(b for b in imported_by.get(name, ()) if layers.get(b) != TESTS)
        fakes = {f for m in [name, *exercised] for f in fakes_by_module.get(m, [])}
        fakes |= {model.follow(b) for b in module.bindings.values()} & all_fakes
        tests.append(TestFact(name, module.path, tuple(exercised), tuple(sorted(fakes))))
    return tests


def signature(function: FunctionModel) -> str:
    """``name(a: T, b: U = ...) -> R`` without ``self``/``cls``."""
    args = function.node.args
    text = ast.unparse(args)
    for prefix in ("self, ", "cls, ", "self", "cls"):
        if text.startswith(prefix):
            text = text[len(prefix) :]
            break
    returns = f" -> {ast.unparse(function.node.returns)}" if function.node.returns else ""
    return f"{function.name}({text}){returns}"


def _classes(model: CodeModel, layers: Mapping[str, str]) -> list[ClassModel]:
    return [k for k in model.classes.values() if layers.get(k.module) != TESTS]


def _port_kind(model: CodeModel, klass: ClassModel) -> str | None:
    bases = set(klass.bases)
    if bases & set(PROTOCOL_BASES):
        return "protocol"
    metaclass = any(
        k.arg == "metaclass" and ast.unparse(k.value).endswith("ABCMeta")
        for k in klass.node.keywords
    )
    abstract = any(_is_abstract(m) for m in klass.methods.values())
    if (bases & set(ABC_BASES) or metaclass) and abstract:
        return "abc"
    return None


def _is_abstract(method: FunctionModel) -> bool:
    return any(_last_name(d) == "abstractmethod" for d in method.node.decorator_list)


def _last_name(node: ast.expr) -> str:
    """What follows the last dot of the expression's source: ``a.b`` → ``b`` (read off a
    name or attribute directly; other expressions are unparsed)."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ast.unparse(node).split(".")[-1]


def _methods(klass: ClassModel, only_abstract_if_any: bool) -> tuple[MethodFact, ...]:
    methods = [
        MethodFact(m.name, signature(m), m.line, m.is_async, _is_abstract(m))
        for m in klass.methods.values()
        if _is_public(m)
    ]
    if only_abstract_if_any and any(m.abstract for m in methods):
        methods = [m for m in methods if m.abstract]
    return tuple(methods)


def _consumes(model: CodeModel, klass: ClassModel, port: PortFact) -> bool:
    """A class whose constructor takes ``port`` uses it: a service with a method of the
    same name is no structural implementation of it."""
    init = klass.methods.get("__init__")
    params = _parameters(model, klass.module, init) if init else ()
    return any(annotation == port.qualname for _, annotation in params)


def _is_public(method: FunctionModel) -> bool:
    """Public methods, and ``__call__`` of callable command/query handlers."""
    return not method.name.startswith("_") or method.name == "__call__"


def _parameters(model: CodeModel, module: str, init: FunctionModel) -> tuple[tuple[str, str], ...]:
    params = []
    for arg in [*init.node.args.args[1:], *init.node.args.kwonlyargs]:
        annotation = model.resolve_expr(module, arg.annotation) if arg.annotation else ""
        params.append((arg.arg, annotation))
    return tuple(params)


# The names of a class doing an application's work, which a dataclass may be too.
SERVICE_ENDINGS = ("Handler", "UseCase", "Interactor", "Service")


ERROR_SUFFIXES = ("Error", "Exception")


def is_exception(model: CodeModel, klass: ClassModel) -> bool:
    """An exception class: named like one, or deriving from one (``Exception`` and
    ``BaseException`` among them)."""
    names = {klass.name, *(re.split(r"[:.]", a)[-1] for a in model.ancestors(klass))}
    names |= {b.rpartition(".")[2] for b in klass.bases}
    return any(n.endswith(ERROR_SUFFIXES) for n in names)


def _fields(model: CodeModel, klass: ClassModel) -> tuple[tuple[str, str], ...]:
    """The annotated fields of a dataclass, as its constructor's parameters."""
    return tuple(
        (statement.target.id, model.resolve_expr(klass.module, statement.annotation))
        for statement in klass.node.body
        if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name)
    )


def _is_dataclass(klass: ClassModel) -> bool:
    return any("dataclass" in _source(d) for d in klass.node.decorator_list)


def _source(node: ast.expr) -> str:
    """``ast.unparse`` of an expression, spelt out directly for dotted names."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name | ast.Attribute):
        return f"{_source(node.value)}.{node.attr}"
    return ast.unparse(node)


def _is_fake(klass: ClassModel, layers: Mapping[str, str]) -> bool:
    folders = set(klass.module.split("."))
    return (
        klass.name.startswith(FAKE_PREFIXES)
        or bool(folders & set(FAKE_FOLDERS))
        or layers.get(klass.module) == TESTS
    )


def _location(model: CodeModel, klass: ClassModel) -> Location:
    return Location(model.modules[klass.module].path, klass.line)
