"""Request traces: route → handler → service → port → adapter(s), with file:line and
layer of every step, across every DI style the fixtures use; and the trace drawn by
the real Graphviz ``dot``.

Expected steps are worked out from the sources (see PLANTED.md of the sample for
``GET /api/threads``), never produced by running archbook.
"""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from archbook import api
from archbook.application.tracing.route_trace import RouteNotFoundError
from archbook.domain.trace import Trace, TraceNode
from archbook.exceptions import ArchbookError

ASSETS = Path(__file__).resolve().parents[1] / "assets"
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz `dot`")

Step = tuple[int, str, str, str | None, str]  # depth, kind, name, file:line, layer


def flat(trace: Trace) -> list[Step]:
    steps: list[Step] = []

    def visit(node: TraceNode, depth: int) -> None:
        step = node.step
        where = str(step.location) if step.location else None
        steps.append((depth, step.kind, step.name, where, step.layer))
        for child in node.children:
            visit(child, depth + 1)

    visit(trace.root, 0)
    return steps


def notes(trace: Trace) -> dict[str, str]:
    return {step.name: step.note for step in trace.steps()}


@pytest.fixture(scope="module")
def sample() -> api.RepoKnowledge:
    return api.knowledge(cache=False)


def known(name: str) -> api.RepoKnowledge:
    return api.knowledge(str(ASSETS / name), cache=False)


# ------------------------------------------------------------------------ sample

ROUTES = "src/presentation/api/routes"
MONGO = "src.infrastructure.adapters.mongo"
MEMORY = "src.infrastructure.adapters.memory"
MONGO_DIR = "src/infrastructure/adapters/mongo"
MEMORY_DIR = "src/infrastructure/adapters/memory"


def test_the_heavy_listing_route_of_the_sample(sample: api.RepoKnowledge) -> None:
    traced = api.trace(sample, "GET /api/threads")
    assert flat(traced) == [
        (0, "route", "GET /api/threads", f"{ROUTES}/threads.py:24", "presentation"),
        (1, "handler", "src.presentation.api.routes.threads:list_threads",
         f"{ROUTES}/threads.py:24", "presentation"),
        (2, "service", "src.application.services.thread_service:ThreadService.list_threads",
         "src/application/services/thread_service.py:62", "application"),
        (3, "port", "src.application.ports.thread_repository:ThreadRepository.list",
         "src/application/ports/thread_repository.py:29", "ports"),
        (4, "adapter", f"{MONGO}.mongo_thread_repository:MongoThreadRepository.list",
         f"{MONGO_DIR}/mongo_thread_repository.py:45", "infrastructure"),
        (4, "adapter", f"{MEMORY}.memory_thread_repository:InMemoryThreadRepository.list",
         f"{MEMORY_DIR}/memory_thread_repository.py:33", "infrastructure"),
        (3, "port", "src.application.ports.user_repository:UserRepository.get_by_id",
         "src/application/ports/user_repository.py:17", "ports"),
        (4, "adapter", f"{MONGO}.mongo_user_repository:MongoUserRepository.get_by_id",
         f"{MONGO_DIR}/mongo_user_repository.py:27", "infrastructure"),
        (4, "adapter", f"{MEMORY}.memory_user_repository:InMemoryUserRepository.get_by_id",
         f"{MEMORY_DIR}/memory_user_repository.py:23", "infrastructure"),
    ]  # fmt: skip
    assert traced.route.key == "GET /api/threads"


def test_selector_branches_are_named_on_the_adapters(sample: api.RepoKnowledge) -> None:
    noted = notes(api.trace(sample, "GET /api/threads"))
    port = noted["src.application.ports.thread_repository:ThreadRepository.list"]
    assert port == "2 adapters: chosen at run time"
    mongo = noted[f"{MONGO}.mongo_thread_repository:MongoThreadRepository.list"]
    assert mongo.split(", ") == ["thread_repository[mongo]", "MongoDB (motor)", "MongoDB (pymongo)"]
    memory = noted[f"{MEMORY}.memory_thread_repository:InMemoryThreadRepository.list"]
    assert memory.split(", ") == ["thread_repository[memory]", "fake"]


def test_the_clean_messages_route_of_the_sample(sample: api.RepoKnowledge) -> None:
    traced = api.trace(sample, "GET /api/threads/{thread_id}/messages")
    assert flat(traced) == [
        (0, "route", "GET /api/threads/{thread_id}/messages", f"{ROUTES}/messages.py:22",
         "presentation"),
        (1, "handler", "src.presentation.api.routes.messages:list_messages",
         f"{ROUTES}/messages.py:22", "presentation"),
        (2, "service", "src.application.services.message_service:MessageService.list_messages",
         "src/application/services/message_service.py:56", "application"),
        (3, "port", "src.application.ports.thread_repository:ThreadRepository.exists",
         "src/application/ports/thread_repository.py:21", "ports"),
        (4, "adapter", f"{MONGO}.mongo_thread_repository:MongoThreadRepository.exists",
         f"{MONGO_DIR}/mongo_thread_repository.py:28", "infrastructure"),
        (4, "adapter", f"{MEMORY}.memory_thread_repository:InMemoryThreadRepository.exists",
         f"{MEMORY_DIR}/memory_thread_repository.py:25", "infrastructure"),
        (3, "port", "src.application.ports.message_repository:MessageRepository.list_for_thread",
         "src/application/ports/message_repository.py:17", "ports"),
        (4, "adapter",
         f"{MONGO}.mongo_message_repository:MongoMessageRepository.list_for_thread",
         f"{MONGO_DIR}/mongo_message_repository.py:34", "infrastructure"),
        (4, "adapter",
         f"{MEMORY}.memory_message_repository:InMemoryMessageRepository.list_for_thread",
         f"{MEMORY_DIR}/memory_message_repository.py:18", "infrastructure"),
    ]  # fmt: skip


def test_an_adapter_calling_a_port_is_followed(sample: api.RepoKnowledge) -> None:
    # AuthService.login → tokens.issue → HmacTokenService.issue → self._clock.now(),
    # bound by Container.token_service(clock=clock) to SystemClock (FakeClock is a test's).
    steps = flat(api.trace(sample, "POST /api/auth/login"))
    tail = [s for s in steps if s[2].endswith(("TokenService.issue", "Clock.now"))]
    assert tail == [
        (3, "port", "src.application.ports.token_service:TokenService.issue",
         "src/application/ports/token_service.py:20", "ports"),
        (4, "adapter", "src.infrastructure.adapters.security.hmac_token_service:"
         "HmacTokenService.issue",
         "src/infrastructure/adapters/security/hmac_token_service.py:25", "infrastructure"),
        (5, "port", "src.application.ports.clock:Clock.now", "src/application/ports/clock.py:11",
         "ports"),
        (6, "adapter", "src.infrastructure.adapters.system_clock:SystemClock.now",
         "src/infrastructure/adapters/system_clock.py:11", "infrastructure"),
    ]  # fmt: skip


def test_own_helper_methods_are_followed(sample: api.RepoKnowledge) -> None:
    # UserService.rename calls self.get_user(), which calls self._users.get_by_id().
    ports = [s[2] for s in flat(api.trace(sample, "PATCH /api/users/me")) if s[1] == "port"]
    assert ports == [
        "src.application.ports.user_repository:UserRepository.get_by_id",
        "src.application.ports.user_repository:UserRepository.update",
    ]


def test_a_handler_that_calls_no_service(sample: api.RepoKnowledge) -> None:
    steps = flat(api.trace(sample, "GET /api/health"))
    assert [s[1] for s in steps] == ["route", "handler"]


def test_an_unknown_route_names_the_routes_there_are(sample: api.RepoKnowledge) -> None:
    with pytest.raises(RouteNotFoundError) as caught:
        api.trace(sample, "GET /api/nope")
    assert isinstance(caught.value, ArchbookError)
    message = str(caught.value)
    assert message.startswith("no route 'GET /api/nope'; routes: ")
    for route in sample.facts.routes:
        assert route.key in message


def test_method_matters_for_the_route(sample: api.RepoKnowledge) -> None:
    with pytest.raises(RouteNotFoundError):
        api.trace(sample, "DELETE /api/threads")
    assert api.trace(sample, "post /api/threads").route.handler.endswith(":create_thread")


# ------------------------------------------------------------------ DI styles


def test_dishka_callable_handler() -> None:
    traced = api.trace(known("dishka_core"), "POST /api/tasks/{task_id}/complete")
    assert flat(traced) == [
        (0, "route", "POST /api/tasks/{task_id}/complete", "app/inbound/http/tasks.py:19",
         "presentation"),
        (1, "handler", "app.inbound.http.tasks:complete_task", "app/inbound/http/tasks.py:19",
         "presentation"),
        # handler: FromDishka[CompleteTaskHandler]; `await handler(...)` is its __call__.
        (2, "service", "app.core.commands.complete_task:CompleteTaskHandler.__call__",
         "app/core/commands/complete_task.py:21", "application"),
        (3, "port", "app.core.ports.task_repository:TaskRepository.get",
         "app/core/ports/task_repository.py:9", "ports"),
        (4, "adapter", "app.outbound.adapters.sqlalchemy_task_repository:"
         "SqlAlchemyTaskRepository.get", "app/outbound/adapters/sqlalchemy_task_repository.py:21",
         "infrastructure"),
        # a self attribute typed AsyncSession: the adapter's I/O is a library step.
        (5, "adapter", "sqlalchemy.ext.asyncio.AsyncSession (library)", None, ""),
        (3, "port", "app.core.ports.clock:Clock.now", "app/core/ports/clock.py:6", "ports"),
        (4, "adapter", "app.outbound.adapters.system_clock:SystemClock.now",
         "app/outbound/adapters/system_clock.py:7", "infrastructure"),
        (3, "port", "app.core.ports.unit_of_work:UnitOfWork.commit",
         "app/core/ports/unit_of_work.py:5", "ports"),
        (4, "adapter", "app.outbound.adapters.sqlalchemy_uow:SqlAlchemyUnitOfWork.commit",
         "app/outbound/adapters/sqlalchemy_uow.py:10", "infrastructure"),
        (5, "adapter", "sqlalchemy.ext.asyncio.AsyncSession (library)", None, ""),
    ]  # fmt: skip


def test_feature_slices_provide_through_a_nested_container() -> None:
    # Depends(Provide[Container.orders.order_service]): Container.orders is a
    # providers.Container(OrdersContainer); its order_service builds OrderService.
    traced = api.trace(known("feature_slices"), "POST /api/v1/orders")
    assert flat(traced) == [
        (0, "route", "POST /api/v1/orders", "app/orders/adapter/input/api/order_router.py:15",
         "presentation"),
        (1, "handler", "app.orders.adapter.input.api.order_router:place_order",
         "app/orders/adapter/input/api/order_router.py:15", "presentation"),
        (2, "service", "app.orders.application.service.order_service:OrderService.place",
         "app/orders/application/service/order_service.py:14", "application"),
        (3, "port", "app.users.domain.repository.user_repository:UserRepository.get_by_id",
         "app/users/domain/repository/user_repository.py:8", "ports"),
        (4, "adapter", "app.users.adapter.output.persistence.sqlalchemy_user_repository:"
         "SQLAlchemyUserRepository.get_by_id",
         "app/users/adapter/output/persistence/sqlalchemy_user_repository.py:33",
         "infrastructure"),
        (5, "collaborator", "app.core.db:Database.session", "app/core/db.py:18", "infrastructure"),
        (3, "port", "app.orders.domain.repository.order_repository:OrderRepository.save",
         "app/orders/domain/repository/order_repository.py:8", "ports"),
        (4, "adapter", "app.orders.adapter.output.persistence.sqlalchemy_order_repository:"
         "SQLAlchemyOrderRepository.save",
         "app/orders/adapter/output/persistence/sqlalchemy_order_repository.py:24",
         "infrastructure"),
        (5, "collaborator", "app.core.db:Database.session", "app/core/db.py:18", "infrastructure"),
    ]  # fmt: skip
    noted = notes(traced)
    # OrdersContainer.order_repository binds SQLAlchemyOrderRepository; user_repository
    # is a providers.Dependency, so every implementation of the port is shown.
    order_adapter = (
        "app.orders.adapter.output.persistence.sqlalchemy_order_repository:"
        "SQLAlchemyOrderRepository.save"
    )
    user_adapter = (
        "app.users.adapter.output.persistence.sqlalchemy_user_repository:"
        "SQLAlchemyUserRepository.get_by_id"
    )
    assert noted[order_adapter] == "SQLAlchemy"
    assert noted[user_adapter] == "implementation, SQLAlchemy"


def test_bounded_contexts_annotated_depends_factory() -> None:
    # handler: Annotated[CreateAccountHandler, Depends(get_create_account_handler)]
    traced = api.trace(known("bounded_contexts"), "POST /accounts")
    assert flat(traced) == [
        (0, "route", "POST /accounts", "src/account/infrastructure/http/router.py:26",
         "presentation"),
        (1, "handler", "account.infrastructure.http.router:create_account",
         "src/account/infrastructure/http/router.py:26", "presentation"),
        (2, "service", "account.application.create_account.handler:CreateAccountHandler.__call__",
         "src/account/application/create_account/handler.py:15", "application"),
        (3, "port", "account.domain.account_repository:AccountRepository.exists_with_email",
         "src/account/domain/account_repository.py:15", "domain"),
        (4, "adapter", "account.infrastructure.persistence.sqlalchemy_account_repository:"
         "SqlAlchemyAccountRepository.exists_with_email",
         "src/account/infrastructure/persistence/sqlalchemy_account_repository.py:44",
         "infrastructure"),
        (5, "adapter", "sqlalchemy.ext.asyncio.AsyncSession (library)", None, ""),
        (3, "port", "account.domain.account_repository:AccountRepository.save",
         "src/account/domain/account_repository.py:9", "domain"),
        (4, "adapter", "account.infrastructure.persistence.sqlalchemy_account_repository:"
         "SqlAlchemyAccountRepository.save",
         "src/account/infrastructure/persistence/sqlalchemy_account_repository.py:23",
         "infrastructure"),
        (5, "adapter", "sqlalchemy.ext.asyncio.AsyncSession (library)", None, ""),
        # self.find() is a public method of the adapter: a step of its own.
        (5, "collaborator", "account.infrastructure.persistence.sqlalchemy_account_repository:"
         "SqlAlchemyAccountRepository.find",
         "src/account/infrastructure/persistence/sqlalchemy_account_repository.py:37",
         "infrastructure"),
        (6, "adapter", "sqlalchemy.ext.asyncio.AsyncSession (library)", None, ""),
    ]  # fmt: skip


def test_namespace_packages_annotated_alias_type() -> None:
    # service: UserServiceDep, defined in routes/dependencies.py as
    # Annotated[UserService, Depends(get_user_service)]; the factory binds the adapters.
    traced = api.trace(known("namespace_pkgs"), "POST /users")
    assert flat(traced) == [
        (0, "route", "POST /users", "src/users/routes/users.py:21", "presentation"),
        (1, "handler", "src.users.routes.users:register", "src/users/routes/users.py:21",
         "presentation"),
        (2, "service", "src.users.services.user_service:UserService.register",
         "src/users/services/user_service.py:17", "application"),
        (3, "port", "src.users.ports.user_repository:UserRepository.by_email",
         "src/users/ports/user_repository.py:14", "ports"),
        (4, "adapter",
         "src.users.adapters.postgres_user_repository:PostgresUserRepository.by_email",
         "src/users/adapters/postgres_user_repository.py:24", "infrastructure"),
        (5, "adapter", "asyncpg.Connection (library)", None, ""),
        (3, "port", "src.users.ports.password_hasher:PasswordHasher.hash",
         "src/users/ports/password_hasher.py:6", "ports"),
        (4, "adapter", "src.users.adapters.bcrypt_hasher:BcryptPasswordHasher.hash",
         "src/users/adapters/bcrypt_hasher.py:10", "infrastructure"),
        (3, "port", "src.users.ports.user_repository:UserRepository.add",
         "src/users/ports/user_repository.py:8", "ports"),
        (4, "adapter", "src.users.adapters.postgres_user_repository:PostgresUserRepository.add",
         "src/users/adapters/postgres_user_repository.py:11", "infrastructure"),
        (5, "adapter", "asyncpg.Connection (library)", None, ""),
    ]  # fmt: skip
    assert notes(traced)["src.users.adapters.bcrypt_hasher:BcryptPasswordHasher.hash"] == "bcrypt"


def test_monorepo_hand_written_container() -> None:
    # get_task_service returns container.task_service, a @property of the dataclass
    # RequestContainer that builds TaskService(tasks=SqlAlchemyTaskRepository(...), ...).
    traced = api.trace(known("monorepo_backend"), "PATCH /api/tasks/{task_id}")
    assert flat(traced) == [
        (0, "route", "PATCH /api/tasks/{task_id}", "backend/app/api/routes/tasks.py:37",
         "presentation"),
        (1, "handler", "app.api.routes.tasks:move_task", "backend/app/api/routes/tasks.py:37",
         "presentation"),
        (2, "service", "app.services.task_service:TaskService.move",
         "backend/app/services/task_service.py:24", "application"),
        (3, "port", "app.domain.task.interfaces:TaskRepository.get",
         "backend/app/domain/task/interfaces.py:12", "ports"),
        (4, "adapter",
         "app.infrastructure.repositories.task_repository:SqlAlchemyTaskRepository.get",
         "backend/app/infrastructure/repositories/task_repository.py:21", "infrastructure"),
        (5, "adapter", "sqlalchemy.ext.asyncio.AsyncSession (library)", None, ""),
        (3, "port", "app.domain.task.interfaces:TaskRepository.update",
         "backend/app/domain/task/interfaces.py:15", "ports"),
        (4, "adapter",
         "app.infrastructure.repositories.task_repository:SqlAlchemyTaskRepository.update",
         "backend/app/infrastructure/repositories/task_repository.py:27", "infrastructure"),
        (5, "adapter", "sqlalchemy.ext.asyncio.AsyncSession (library)", None, ""),
    ]  # fmt: skip


def test_monorepo_alias_in_the_route_module_and_no_test_fakes() -> None:
    # ProjectServiceDep = Annotated[ProjectService, Depends(get_project_service)];
    # the InMemoryProjectRepository of the tests is never a branch.
    steps = flat(api.trace(known("monorepo_backend"), "GET /api/projects"))
    assert [(s[1], s[2]) for s in steps[2:]] == [
        ("service", "app.services.project_service:ProjectService.list_active"),
        ("port", "app.domain.project.interfaces:ProjectRepository.list_active"),
        ("adapter", "app.infrastructure.repositories.project_repository:"
         "SqlAlchemyProjectRepository.list_active"),
        ("adapter", "sqlalchemy.ext.asyncio.AsyncSession (library)"),
    ]  # fmt: skip


def test_seed_layout_container_binds_one_adapter_per_port() -> None:
    steps = flat(api.trace(known("seed_layout"), "POST /api/users"))
    assert [(s[0], s[1], s[2]) for s in steps[2:]] == [
        (2, "service", "src.application.services.user_service:UserService.register"),
        (3, "port", "src.application.ports.user_repository:UserRepository.get_by_email"),
        (4, "adapter", "src.infrastructure.adapters.in_memory_user_repository:"
         "InMemoryUserRepository.get_by_email"),
        (3, "port", "src.application.ports.user_repository:UserRepository.add"),
        (4, "adapter", "src.infrastructure.adapters.in_memory_user_repository:"
         "InMemoryUserRepository.add"),
        (3, "port", "src.application.ports.notifier:Notifier.send_welcome"),
        (4, "adapter", "src.infrastructure.adapters.smtp_notifier:SmtpNotifier.send_welcome"),
    ]  # fmt: skip


# ------------------------------------------------ no container, Protocol ports


def test_two_implementations_of_a_protocol_are_two_branches() -> None:
    # service: OrderService = Depends(OrderService); no container binds anything, so
    # every implementation of a port (outside the tests) is a branch.
    traced = api.trace(known("facts_protocols"), "POST /orders/{order_id}/confirm")
    assert flat(traced) == [
        (0, "route", "POST /orders/{order_id}/confirm", "app/routes/orders.py:17",
         "presentation"),
        (1, "handler", "app.routes.orders:confirm_order", "app/routes/orders.py:17",
         "presentation"),
        (2, "service", "app.services.order_service:OrderService.confirm",
         "app/services/order_service.py:11", "application"),
        (3, "port", "app.ports.order_store:OrderStore.get", "app/ports/order_store.py:7",
         "ports"),
        (4, "adapter", "app.adapters.memory_order_store:InMemoryOrderStore.get",
         "app/adapters/memory_order_store.py:8", "infrastructure"),
        (3, "port", "app.ports.order_store:OrderStore.save", "app/ports/order_store.py:9",
         "ports"),
        (4, "adapter", "app.adapters.memory_order_store:InMemoryOrderStore.save",
         "app/adapters/memory_order_store.py:11", "infrastructure"),
        (3, "port", "app.ports.notifier:Notifier.send", "app/ports/notifier.py:5", "ports"),
        (4, "adapter", "app.adapters.email_notifier:EmailNotifier.send",
         "app/adapters/email_notifier.py:10", "infrastructure"),
        (4, "adapter", "app.adapters.sms_notifier:SmsNotifier.send",
         "app/adapters/sms_notifier.py:8", "infrastructure"),
    ]  # fmt: skip
    noted = notes(traced)
    assert noted["app.ports.notifier:Notifier.send"] == "2 adapters: chosen at run time"
    assert noted["app.ports.order_store:OrderStore.get"] == ""
    assert noted["app.adapters.email_notifier:EmailNotifier.send"] == "implementation, SMTP"
    assert noted["app.adapters.memory_order_store:InMemoryOrderStore.get"] == (
        "implementation, fake"
    )


def test_bare_depends_builds_the_annotated_class() -> None:
    # service: Annotated[OrderService, Depends()]
    steps = flat(api.trace(known("facts_protocols"), "GET /orders/{order_id}"))
    assert [(s[0], s[1], s[2]) for s in steps] == [
        (0, "route", "GET /orders/{order_id}"),
        (1, "handler", "app.routes.orders:get_order"),
        (2, "service", "app.services.order_service:OrderService.find"),
        (3, "port", "app.ports.order_store:OrderStore.get"),
        (4, "adapter", "app.adapters.memory_order_store:InMemoryOrderStore.get"),
    ]


def test_a_decorating_adapter_is_not_followed_into_itself(tmp_path: Path) -> None:
    files = {
        "app/__init__.py": "",
        "app/ports/sender.py": (
            "from abc import ABC, abstractmethod\n\n\nclass Sender(ABC):\n"
            "    @abstractmethod\n    async def send(self, to: str) -> None: ...\n"
        ),
        "app/adapters/senders.py": (
            "from app.ports.sender import Sender\n\n\n"
            "class SmtpSender(Sender):\n"
            "    async def send(self, to: str) -> None:\n        return None\n\n\n"
            "class RetryingSender(Sender):\n"
            "    def __init__(self, inner: Sender) -> None:\n        self._inner = inner\n\n"
            "    async def send(self, to: str) -> None:\n        await self._inner.send(to)\n"
        ),
        "app/services/mail.py": (
            "from app.ports.sender import Sender\n\n\nclass MailService:\n"
            "    def __init__(self, sender: Sender) -> None:\n        self._sender = sender\n\n"
            "    async def mail(self, to: str) -> None:\n        await self._sender.send(to)\n"
        ),
        "app/routes/mail.py": (
            "from fastapi import APIRouter, Depends\n"
            "from app.services.mail import MailService\n\nrouter = APIRouter()\n\n\n"
            '@router.post("/mail")\n'
            "async def mail(service: MailService = Depends(MailService)) -> None:\n"
            '    await service.mail("x")\n'
        ),
    }
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    traced = api.trace(api.knowledge(str(tmp_path), cache=False), "POST /mail")
    retry = "app.adapters.senders:RetryingSender.send"
    smtp = "app.adapters.senders:SmtpSender.send"
    assert [(s[0], s[1], s[2]) for s in flat(traced)] == [
        (0, "route", "POST /mail"),
        (1, "handler", "app.routes.mail:mail"),
        (2, "service", "app.services.mail:MailService.mail"),
        (3, "port", "app.ports.sender:Sender.send"),
        (4, "adapter", retry),
        (5, "port", "app.ports.sender:Sender.send"),
        (6, "adapter", retry),  # already on the path: a leaf
        (6, "adapter", smtp),
        (4, "adapter", smtp),
    ]
    leaf = traced.root.children[0].children[0].children[0].children[0].children[0].children[0]
    assert leaf.step.name == retry and leaf.children == ()
    assert "not followed again" in leaf.step.note


# ------------------------------------------------------------------------- SVG


@needs_dot
@pytest.mark.parametrize("route", ["GET /api/threads", "GET /api/threads/{thread_id}/messages"])
def test_the_trace_svg_names_every_step(sample: api.RepoKnowledge, route: str) -> None:
    assert api.renderer_hint() is None  # drawn by Graphviz, not the matplotlib fallback
    traced = api.trace(sample, route)
    svg = api.trace_svg(sample, traced)
    assert "Generated by graphviz" in svg
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    texts = {"".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")}
    assert f"Request path of {route}" in texts
    for step in traced.steps():
        short = step.name.rpartition(":")[2] or step.name
        assert f"{step.kind}: {short}" in texts
        assert str(step.location) in texts
    for layer in ("presentation", "application", "ports", "infrastructure"):
        assert layer in texts
