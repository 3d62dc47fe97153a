"""The folder and file names archbook's default rules read as layers.

Two kinds of names: *anchors* name a layer outright (``domain``, ``infrastructure``,
``entrypoints``); *contextual* names (``services``, ``db``, ``dependencies``) say what
a folder holds, not where it sits, so below an anchor they take the anchor's layer
(``infrastructure/services`` is infrastructure) and only stand alone at the top.
"""

from __future__ import annotations

from collections.abc import Mapping

PRESENTATION = "presentation"
APPLICATION = "application"
PORTS = "ports"
DOMAIN = "domain"
INFRASTRUCTURE = "infrastructure"
COMPOSITION = "composition"

_NAMES: dict[str, tuple[str, ...]] = {
    PRESENTATION: (
        "presentation", "routes", "routers", "router", "api", "web", "http",
        "controllers", "controller", "endpoints", "entrypoints", "entrypoint", "inbound",
        "views", "handlers", "input", "schemas", "schema", "schema_types", "serializers",
        "middleware", "middlewares", "cli", "consumers", "worker", "workers", "tasks",
        "server",
    ),
    APPLICATION: (
        "application", "services", "service", "use_cases", "usecases", "use_case",
        "usecase", "commands", "queries", "dto", "dtos", "events", "mediators",
        "mediator", "workflows", "service_layer",
    ),
    PORTS: ("ports", "port", "interfaces", "interface", "protocols", "gateways"),
    DOMAIN: (
        "domain", "domains", "entities", "entity", "value_objects", "aggregates", "models",
        "model",
    ),
    INFRASTRUCTURE: (
        "infrastructure", "infra", "adapters", "adapter", "outbound", "output",
        "persistence", "db", "database", "orm", "clients", "cache", "repositories",
        "repository", "repos", "crud", "alembic", "migrations", "message_brokers",
        "brokers", "messaging", "telemetry", "impl", "impls", "implementations",
    ),
    COMPOSITION: (
        "container", "containers", "di", "ioc", "main", "bootstrap", "dependencies",
        "wiring", "composition", "pre_start", "prestart", "backend_pre_start",
        "tests_pre_start", "initial_data", "init_data", "init_db",
    ),
}  # fmt: skip

DEFAULT_TOKENS: Mapping[str, str] = {
    name: layer for layer, names in _NAMES.items() for name in names
}

# Layer names that also open compound folder names (``application_service``,
# ``domain_layer``, ``infrastructure_adapters``): such a folder, named nowhere else,
# is in that layer.
COMPOUND_HEADS = frozenset({APPLICATION, DOMAIN, INFRASTRUCTURE, PRESENTATION})

# Names that say what a folder holds: below an anchor folder they take its layer.
# Inbound names (``api``, ``routes``) stay anchors: ``infrastructure/api`` is a
# driving adapter that calls use cases, which infrastructure may not.
CONTEXTUAL_TOKENS = frozenset(
    {
        "services", "service", "commands", "queries", "handlers", "dto", "dtos",
        "events", "db", "database", "orm", "clients", "cache", "dependencies", "input",
        "output", "crud", "middleware", "middlewares", "tasks", "server", "migrations",
        "impl", "impls", "implementations",
    }
)  # fmt: skip
# Contextual names of driving code (scheduled jobs, a server): below infrastructure
# they stay presentation, a driving adapter that calls use cases.
INBOUND_CONTEXTUAL_TOKENS = frozenset({"tasks", "server"})
# Plumbing folders: settings, logging, security helpers, start-up code. The name says
# no layer; what the folder holds does (see ``domain.folder_layers``).
PLUMBING_TOKENS = frozenset({"core", "config", "configs", "conf", "configuration", "settings"})
# ``app`` beside a ``domain`` folder is the application layer (``_app``/``_domain``/``_web``).
APPLICATION_ABBREVIATIONS = frozenset({"app"})
# Database migration tools: a ``migrations`` module importing one is a schema migration.
MIGRATION_TOOLS = frozenset({"alembic", "yoyo", "aerich", "migrate", "flask_migrate"})
# Tokens whose layer depends on the nearest classified folder above them.
REPOSITORY_TOKENS = frozenset({"repository", "repositories", "repos"})
MODEL_TOKENS = frozenset({"models", "model"})
TEST_TOKENS = frozenset({"tests", "test"})

# File names of modules that may be a composition root whatever folder holds them.
COMPOSITION_FILE_NAMES = frozenset(
    {
        "app", "application", "main", "asgi", "server", "factory", "app_factory",
        "container", "containers", "di", "ioc", "providers", "provider", "bootstrap",
        "wiring", "composition", "composition_root", "deps", "dependencies", "startup",
        "lifespan", "injector", "setup_app",
    }
)  # fmt: skip
# Distributions whose import marks a module as wiring objects together.
DI_FRAMEWORKS = frozenset(
    {"dependency_injector", "dishka", "punq", "lagom", "injector", "kink", "wireup",
     "that_depends", "svcs", "rodi", "inject", "di"}
)  # fmt: skip
# Object-relational mappers and ODMs: ``models`` that import one are tables, not entities.
# SQLModel is left out: its classes are pydantic schemas unless marked ``table=True``,
# and a ``models.py`` of SQLModel classes usually holds both.
ORM_DISTRIBUTIONS = frozenset(
    {"sqlalchemy", "beanie", "odmantic", "mongoengine", "tortoise", "peewee", "pony",
     "ormar", "piccolo"}
)  # fmt: skip
# Composition file names that are the application itself: importing the routes is wiring.
APP_FILE_NAMES = frozenset({"app", "application", "asgi", "server", "factory", "app_factory"})
# Libraries that talk to the world outside the process: an otherwise unclassified
# module that imports one is infrastructure (it holds a driver, a client, a wire format).
INFRASTRUCTURE_LIBRARIES = frozenset(
    {"sqlalchemy", "sqlmodel", "alembic", "asyncpg", "psycopg", "psycopg2", "aiosqlite",
     "sqlite3", "pymysql", "aiomysql", "asyncmy", "pymongo", "motor", "beanie", "odmantic",
     "redis", "aioredis", "httpx", "requests", "aiohttp", "boto3", "botocore", "aioboto3",
     "grpc", "google", "kafka", "aiokafka", "pika", "aio_pika", "celery", "elasticsearch",
     "smtplib", "aiosmtplib", "emails", "minio", "opentelemetry", "posthog", "sentry_sdk",
     "duckdb", "hnswlib", "clickhouse_driver", "neo4j", "cassandra", "nats", "stripe"}
)  # fmt: skip
# Servers that run an ASGI app: a module importing one runs the application.
SERVER_RUNNERS = frozenset({"uvicorn", "gunicorn", "hypercorn", "granian", "daphne"})
# Application classes whose import marks an app factory.
APP_CLASSES = frozenset({"FastAPI", "Starlette", "Litestar", "Flask", "Quart", "Sanic"})
