"""DI wiring read from source: dependency-injector containers (Selector branches,
nested containers), Dishka providers, hand-written containers and ``Depends``
factories. Each expected provider is worked out from the fixture's source.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fakes.planned_trees import write_tree

from archbook import api
from archbook.domain.facts import Provider

ASSETS = Path(__file__).resolve().parents[1] / "assets"

# container, name, kind, builds, line, arguments, branches
Row = tuple[str, str, str, tuple[str, ...], int, tuple[tuple[str, str], ...], tuple[str, ...]]

C = "src.infrastructure.container:Container"
ADAPTERS = "src.infrastructure.adapters"
SERVICES = "src.application.services"
SAMPLE_PROVIDERS: set[Row] = {
    (C, "config", "Configuration", (), 38, (("strict", "True"),), ()),
    (C, "clock", "Singleton", (f"{ADAPTERS}.system_clock:SystemClock",), 40, (), ()),
    (C, "password_hasher", "Singleton",
     (f"{ADAPTERS}.security.pbkdf2_password_hasher:Pbkdf2PasswordHasher",), 41,
     (("iterations", "config.security.pbkdf2_iterations.as_int()"),), ()),
    (C, "token_service", "Singleton",
     (f"{ADAPTERS}.security.hmac_token_service:HmacTokenService",), 44,
     (("secret_key", "config.security.secret_key"),
      ("ttl_seconds", "config.security.token_ttl_seconds.as_int()"),
      ("clock", "clock")), ()),
    (C, "mongo_client", "Resource", ("src.infrastructure.database:open_mongo_client",), 51,
     (("uri", "config.mongo.uri"),), ()),
    (C, "mongo_database", "Singleton", ("src.infrastructure.database:get_database",), 52,
     (("client", "mongo_client"), ("name", "config.mongo.database")), ()),
    (C, "mongo_indexes", "Coroutine", (f"{ADAPTERS}.mongo.indexes:ensure_indexes",), 55,
     (("database", "mongo_database"),), ()),
    (C, "user_repository", "Selector",
     (f"{ADAPTERS}.mongo.mongo_user_repository:MongoUserRepository",
      f"{ADAPTERS}.memory.memory_user_repository:InMemoryUserRepository"), 57,
     (), ("mongo", "memory")),
    (C, "thread_repository", "Selector",
     (f"{ADAPTERS}.mongo.mongo_thread_repository:MongoThreadRepository",
      f"{ADAPTERS}.memory.memory_thread_repository:InMemoryThreadRepository"), 62,
     (), ("mongo", "memory")),
    (C, "message_repository", "Selector",
     (f"{ADAPTERS}.mongo.mongo_message_repository:MongoMessageRepository",
      f"{ADAPTERS}.memory.memory_message_repository:InMemoryMessageRepository"), 67,
     (), ("mongo", "memory")),
    (C, "auth_service", "Factory", (f"{SERVICES}.auth_service:AuthService",), 73,
     (("users", "user_repository"), ("hasher", "password_hasher"),
      ("tokens", "token_service"), ("clock", "clock")), ()),
    (C, "user_service", "Factory", (f"{SERVICES}.user_service:UserService",), 80,
     (("users", "user_repository"),), ()),
    (C, "thread_service", "Factory", (f"{SERVICES}.thread_service:ThreadService",), 81,
     (("threads", "thread_repository"), ("users", "user_repository"), ("clock", "clock")), ()),
    (C, "message_service", "Factory", (f"{SERVICES}.message_service:MessageService",), 84,
     (("messages", "message_repository"), ("threads", "thread_repository"), ("clock", "clock")),
     ()),
    # @inject async def get_current_user(...) -> User: a Depends target returning a class.
    ("src.presentation.api.dependencies", "get_current_user", "depends",
     ("src.domain.entities.user:User",), 16, (), ()),
}  # fmt: skip

FIXTURE_PROVIDERS: dict[str, set[Row]] = {
    "seed_layout": {
        (C, "config", "Configuration", (), 14, (), ()),
        (C, "session_factory", "Singleton",
         ("src.infrastructure.adapters.sqlalchemy_order_repository:create_session_factory",), 16,
         (("database_url", "config.database_url"),), ()),
        (C, "user_repository", "Singleton",
         ("src.infrastructure.adapters.in_memory_user_repository:InMemoryUserRepository",), 18,
         (), ()),
        (C, "order_repository", "Factory",
         ("src.infrastructure.adapters.sqlalchemy_order_repository:SqlAlchemyOrderRepository",),
         19, (("session_factory", "session_factory"),), ()),
        (C, "notifier", "Factory", ("src.infrastructure.adapters.smtp_notifier:SmtpNotifier",),
         20, (("host", "config.smtp_host"), ("port", "config.smtp_port"),
              ("sender", "config.smtp_sender")), ()),
        (C, "user_service", "Factory", ("src.application.services.user_service:UserService",),
         27, (("users", "user_repository"), ("notifier", "notifier")), ()),
        (C, "order_service", "Factory",
         ("src.application.services.order_service:OrderService",), 28,
         (("orders", "order_repository"), ("users", "user_repository")), ()),
    },
    # A root container nesting one container per slice (providers.Container).
    "feature_slices": {
        ("app.container:Container", "database", "Singleton", ("app.core.db:Database",), 14,
         (("url", "config.writer_db_url"),), ()),
        ("app.container:Container", "users", "Container",
         ("app.users.container:UsersContainer",), 16, (("database", "database"),), ()),
        ("app.container:Container", "orders", "Container",
         ("app.orders.container:OrdersContainer",), 17,
         (("database", "database"), ("user_repository", "users.user_repository")), ()),
        ("app.users.container:UsersContainer", "database", "Dependency", (), 8, (), ()),
        ("app.users.container:UsersContainer", "user_repository", "Singleton",
         ("app.users.adapter.output.persistence.sqlalchemy_user_repository:"
          "SQLAlchemyUserRepository",), 10, (("database", "database"),), ()),
        ("app.users.container:UsersContainer", "user_service", "Factory",
         ("app.users.application.service.user_service:UserService",), 11,
         (("repository", "user_repository"),), ()),
        ("app.orders.container:OrdersContainer", "database", "Dependency", (), 8, (), ()),
        ("app.orders.container:OrdersContainer", "user_repository", "Dependency", (), 9, (), ()),
        ("app.orders.container:OrdersContainer", "order_repository", "Singleton",
         ("app.orders.adapter.output.persistence.sqlalchemy_order_repository:"
          "SQLAlchemyOrderRepository",), 11, (("database", "database"),), ()),
        ("app.orders.container:OrdersContainer", "order_service", "Factory",
         ("app.orders.application.service.order_service:OrderService",), 12,
         (("orders", "order_repository"), ("users", "user_repository")), ()),
    },
    # `x = provide(Cls, ...)` attributes and `@provide` methods (line of the `def`).
    "dishka_core": {
        ("app.ioc:InfrastructureProvider", "engine", "dishka",
         ("sqlalchemy.ext.asyncio:AsyncEngine",), 23, (("echo", "config.echo_sql"),), ()),
        ("app.ioc:InfrastructureProvider", "session_maker", "dishka",
         ("sqlalchemy.ext.asyncio:async_sessionmaker",), 27,
         (("expire_on_commit", "False"),), ()),
        # -> AsyncIterable[AsyncSession] with `yield session`: it provides the session.
        ("app.ioc:InfrastructureProvider", "session", "dishka",
         ("sqlalchemy.ext.asyncio:AsyncSession",), 31, (), ()),
        ("app.ioc:InfrastructureProvider", "clock", "dishka",
         ("app.outbound.adapters.system_clock:SystemClock",), 35, (), ()),
        ("app.ioc:InfrastructureProvider", "tasks", "dishka",
         ("app.outbound.adapters.sqlalchemy_task_repository:SqlAlchemyTaskRepository",), 36,
         (), ()),
        ("app.ioc:InfrastructureProvider", "uow", "dishka",
         ("app.outbound.adapters.sqlalchemy_uow:SqlAlchemyUnitOfWork",), 37, (), ()),
        ("app.ioc:CoreProvider", "create_task", "dishka",
         ("app.core.commands.create_task:CreateTaskHandler",), 43, (), ()),
        ("app.ioc:CoreProvider", "complete_task", "dishka",
         ("app.core.commands.complete_task:CompleteTaskHandler",), 44, (), ()),
        ("app.ioc:CoreProvider", "get_task", "dishka",
         ("app.core.queries.get_task:GetTaskQuery",), 45, (), ()),
        ("app.ioc:CoreProvider", "list_tasks", "dishka",
         ("app.core.queries.list_tasks:ListTasksQuery",), 46, (), ()),
    },
    # A hand-written dataclass container with @property factories, and Depends
    # factories in api/dependencies.py.
    "monorepo_backend": {
        ("app.api.dependencies", "get_container", "factory", ("app.di:RequestContainer",), 11,
         (("session", "session"),), ()),
        ("app.api.dependencies", "get_project_service", "depends",
         ("app.services.project_service:ProjectService",), 15, (), ()),
        ("app.api.dependencies", "get_task_service", "depends",
         ("app.services.task_service:TaskService",), 19, (), ()),
        ("app.di:RequestContainer", "project_service", "factory",
         ("app.services.project_service:ProjectService",), 16,
         (("projects",
           "app.infrastructure.repositories.project_repository:SqlAlchemyProjectRepository"),),
         ()),
        ("app.di:RequestContainer", "task_service", "factory",
         ("app.services.task_service:TaskService",), 20,
         (("tasks", "app.infrastructure.repositories.task_repository:SqlAlchemyTaskRepository"),
          ("projects",
           "app.infrastructure.repositories.project_repository:SqlAlchemyProjectRepository")),
         ()),
    },
    # Plain factories in account/infrastructure/http/dependencies.py (positional calls:
    # no keyword arguments to report).
    "bounded_contexts": {
        ("account.infrastructure.http.dependencies", "get_account_repository", "factory",
         ("account.infrastructure.persistence.sqlalchemy_account_repository:"
          "SqlAlchemyAccountRepository",), 13, (), ()),
        ("account.infrastructure.http.dependencies", "get_create_account_handler", "factory",
         ("account.application.create_account.handler:CreateAccountHandler",), 17, (), ()),
        ("account.infrastructure.http.dependencies", "get_get_account_handler", "factory",
         ("account.application.get_account.handler:GetAccountHandler",), 23, (), ()),
    },
    # Factories behind Annotated aliases; `_invoice_repository` is private: no provider.
    "namespace_pkgs": {
        ("src.billing.routes.dependencies", "get_billing_service", "factory",
         ("src.billing.services.billing_service:BillingService",), 20,
         (("invoices", "_invoice_repository()"),
          ("gateway", "src.billing.adapters.stripe_gateway:StripePaymentGateway"),
          ("users", "src.users.adapters.postgres_user_repository:PostgresUserRepository")), ()),
        ("src.users.routes.dependencies", "get_user_service", "factory",
         ("src.users.services.user_service:UserService",), 13,
         (("repository", "src.users.adapters.postgres_user_repository:PostgresUserRepository"),
          ("hasher", "src.users.adapters.bcrypt_hasher:BcryptPasswordHasher")), ()),
    },
}  # fmt: skip


def rows(providers: tuple[Provider, ...]) -> set[Row]:
    return {
        (p.container, p.name, p.kind, p.builds, p.location.line, p.arguments, p.branches)
        for p in providers
    }


@pytest.fixture(scope="module")
def sample() -> api.RepoKnowledge:
    return api.knowledge(cache=False)


def test_every_provider_of_the_sample(sample: api.RepoKnowledge) -> None:
    assert rows(sample.facts.providers) == SAMPLE_PROVIDERS
    assert len(sample.facts.providers) == len(SAMPLE_PROVIDERS)


def test_sample_providers_are_written_in_the_container_file(sample: api.RepoKnowledge) -> None:
    paths = {p.location.path for p in sample.facts.providers if p.container == C}
    assert paths == {"src/infrastructure/container.py"}


def test_selector_branches_pair_with_what_they_build(sample: api.RepoKnowledge) -> None:
    by_key = {p.key: p for p in sample.facts.providers}
    selector = by_key[f"{C}.thread_repository"]
    assert dict(zip(selector.branches, selector.builds, strict=True)) == {
        "mongo": f"{ADAPTERS}.mongo.mongo_thread_repository:MongoThreadRepository",
        "memory": f"{ADAPTERS}.memory.memory_thread_repository:InMemoryThreadRepository",
    }


def test_service_arguments_name_sibling_providers(sample: api.RepoKnowledge) -> None:
    by_key = {p.key: p for p in sample.facts.providers}
    service = by_key[f"{C}.thread_service"]
    for _, sibling in service.arguments:
        assert f"{C}.{sibling}" in by_key


def test_providers_are_sorted_by_container_then_line(sample: api.RepoKnowledge) -> None:
    order = [(p.container, p.location.line) for p in sample.facts.providers]
    assert order == sorted(order)
    assert sample.facts.providers[0].name == "config"
    assert sample.facts.providers[-1].name == "get_current_user"


def test_test_code_builds_no_providers(sample: api.RepoKnowledge) -> None:
    # src/tests/conftest.py has fixtures returning InMemory*Repository(): not wiring.
    assert not any(p.container.startswith("src.tests") for p in sample.facts.providers)


@pytest.mark.parametrize("name", sorted(FIXTURE_PROVIDERS))
def test_providers_of_each_fixture_repo(name: str) -> None:
    known = api.knowledge(str(ASSETS / name), cache=False)
    assert rows(known.facts.providers) == FIXTURE_PROVIDERS[name]
    assert len(known.facts.providers) == len(FIXTURE_PROVIDERS[name])


def test_a_repo_without_wiring_has_no_providers() -> None:
    known = api.knowledge(str(ASSETS / "facts_protocols"), cache=False)
    assert known.facts.providers == ()


def test_a_generator_dependency_provides_what_it_yields(tmp_path: Path) -> None:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "db.py").write_text("class Session:\n    pass\n")
    (tmp_path / "app" / "dependencies.py").write_text(
        "from collections.abc import Iterator\n"
        "from app.db import Session\n\n\n"
        "def get_session() -> Iterator[Session]:\n"
        "    session = Session()\n"
        "    yield session\n"
    )
    known = api.knowledge(str(tmp_path), cache=False)
    assert rows(known.facts.providers) == {
        ("app.dependencies", "get_session", "depends", ("app.db:Session",), 5, (), ()),
    }


def test_dishka_provide_by_keyword_and_provide_all(tmp_path: Path) -> None:
    files = {
        "app/__init__.py": "",
        "app/ports.py": "from typing import Protocol\n\n\nclass Clock(Protocol):\n"
        "    def now(self) -> int: ...\n",
        "app/adapters.py": "class SystemClock:\n    def now(self) -> int:\n        return 0\n",
        "app/use_cases.py": "class PayInteractor:\n    def run(self) -> None:\n        pass\n\n\n"
        "class RefundInteractor:\n    def run(self) -> None:\n        pass\n",
        "app/ioc.py": (
            "from dishka import Provider, Scope, provide, provide_all\n\n"
            "from app.adapters import SystemClock\nfrom app.ports import Clock\n"
            "from app.use_cases import PayInteractor, RefundInteractor\n\n\n"
            "class AppProvider(Provider):\n    scope = Scope.REQUEST\n\n"
            "    clock = provide(source=SystemClock, provides=Clock)\n"
            "    interactors = provide_all(PayInteractor, RefundInteractor)\n"
        ),
    }
    write_tree(tmp_path, files)
    known = api.knowledge(str(tmp_path), cache=False)
    found = {(p.name, p.builds, p.provides) for p in known.facts.providers}
    assert found == {
        ("clock", ("app.adapters:SystemClock",), "app.ports:Clock"),
        ("PayInteractor", ("app.use_cases:PayInteractor",), ""),
        ("RefundInteractor", ("app.use_cases:RefundInteractor",), ""),
    }
