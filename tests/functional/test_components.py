"""Ports, adapters, services, models and tests read from source, with where each is
written. Expected values are worked out from the bundled sample and the fixtures.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from archbook import api
from archbook.domain.facts import Facts

ASSETS = Path(__file__).resolve().parents[1] / "assets"

PORTS = "src.application.ports"
ADAPTERS = "src.infrastructure.adapters"
SERVICES = "src.application.services"
MONGO = ("MongoDB (motor)", "MongoDB (pymongo)")  # the mongo adapters import both

# port: (declared at, [(method, line, async)])
SAMPLE_PORTS = {
    f"{PORTS}.clock:Clock": ("src/application/ports/clock.py:7", [("now", 11, False)]),
    f"{PORTS}.message_repository:MessageRepository": (
        "src/application/ports/message_repository.py:9",
        [("add", 13, True), ("list_for_thread", 17, True)],
    ),
    f"{PORTS}.password_hasher:PasswordHasher": (
        "src/application/ports/password_hasher.py:6",
        [("hash_password", 10, True), ("verify_password", 14, True)],
    ),
    f"{PORTS}.thread_repository:ThreadRepository": (
        "src/application/ports/thread_repository.py:9",
        [("add", 13, True), ("get_by_id", 17, True), ("exists", 21, True),
         ("update", 25, True), ("list", 29, True)],
    ),
    f"{PORTS}.token_service:TokenService": (
        "src/application/ports/token_service.py:16",
        [("issue", 20, False), ("verify", 24, False)],
    ),
    f"{PORTS}.user_repository:UserRepository": (
        "src/application/ports/user_repository.py:9",
        [("add", 13, True), ("get_by_id", 17, True), ("get_by_email", 21, True),
         ("update", 25, True)],
    ),
}  # fmt: skip

# adapter: (implements, technologies, declared at, fake)
SAMPLE_ADAPTERS = {
    f"{ADAPTERS}.mongo.mongo_user_repository:MongoUserRepository": (
        f"{PORTS}.user_repository:UserRepository", MONGO,
        "src/infrastructure/adapters/mongo/mongo_user_repository.py:14", False),
    f"{ADAPTERS}.mongo.mongo_thread_repository:MongoThreadRepository": (
        f"{PORTS}.thread_repository:ThreadRepository", MONGO,
        "src/infrastructure/adapters/mongo/mongo_thread_repository.py:13", False),
    f"{ADAPTERS}.mongo.mongo_message_repository:MongoMessageRepository": (
        f"{PORTS}.message_repository:MessageRepository", MONGO,
        "src/infrastructure/adapters/mongo/mongo_message_repository.py:15", False),
    f"{ADAPTERS}.memory.memory_user_repository:InMemoryUserRepository": (
        f"{PORTS}.user_repository:UserRepository", (),
        "src/infrastructure/adapters/memory/memory_user_repository.py:11", True),
    f"{ADAPTERS}.memory.memory_thread_repository:InMemoryThreadRepository": (
        f"{PORTS}.thread_repository:ThreadRepository", (),
        "src/infrastructure/adapters/memory/memory_thread_repository.py:10", True),
    f"{ADAPTERS}.memory.memory_message_repository:InMemoryMessageRepository": (
        f"{PORTS}.message_repository:MessageRepository", (),
        "src/infrastructure/adapters/memory/memory_message_repository.py:8", True),
    f"{ADAPTERS}.security.hmac_token_service:HmacTokenService": (
        f"{PORTS}.token_service:TokenService", ("hashlib", "hmac"),
        "src/infrastructure/adapters/security/hmac_token_service.py:15", False),
    f"{ADAPTERS}.security.pbkdf2_password_hasher:Pbkdf2PasswordHasher": (
        f"{PORTS}.password_hasher:PasswordHasher", ("hashlib", "hmac"),
        "src/infrastructure/adapters/security/pbkdf2_password_hasher.py:14", False),
    f"{ADAPTERS}.system_clock:SystemClock": (
        f"{PORTS}.clock:Clock", (), "src/infrastructure/adapters/system_clock.py:8", False),
    # The tests' own Clock: a fake because it lives in the tests layer.
    "src.tests.conftest:FakeClock": (
        f"{PORTS}.clock:Clock", (), "src/tests/conftest.py:35", True),
}  # fmt: skip

# service: (declared at, constructor dependencies, public methods)
SAMPLE_SERVICES = {
    f"{SERVICES}.auth_service:AuthService": (
        "src/application/services/auth_service.py:16",
        (("users", f"{PORTS}.user_repository:UserRepository"),
         ("hasher", f"{PORTS}.password_hasher:PasswordHasher"),
         ("tokens", f"{PORTS}.token_service:TokenService"),
         ("clock", f"{PORTS}.clock:Clock")),
        ["register", "login", "authenticate"],
    ),
    f"{SERVICES}.message_service:MessageService": (
        "src/application/services/message_service.py:24",
        (("messages", f"{PORTS}.message_repository:MessageRepository"),
         ("threads", f"{PORTS}.thread_repository:ThreadRepository"),
         ("clock", f"{PORTS}.clock:Clock")),
        ["post_message", "list_messages"],
    ),
    f"{SERVICES}.thread_service:ThreadService": (
        "src/application/services/thread_service.py:35",
        (("threads", f"{PORTS}.thread_repository:ThreadRepository"),
         ("users", f"{PORTS}.user_repository:UserRepository"),
         ("clock", f"{PORTS}.clock:Clock")),
        ["start_thread", "get_thread", "list_threads", "close_thread"],
    ),
    f"{SERVICES}.user_service:UserService": (
        "src/application/services/user_service.py:8",
        (("users", f"{PORTS}.user_repository:UserRepository"),),
        ["get_user", "rename"],
    ),
}  # fmt: skip

SCHEMAS = "src.presentation.api.schemas"
SAMPLE_MODELS = {
    ("src.domain.entities.message:Message", "entity", "src/domain/entities/message.py:12",
     "domain"),
    ("src.domain.entities.thread:ThreadStatus", "enum", "src/domain/entities/thread.py:12",
     "domain"),
    ("src.domain.entities.thread:Thread", "entity", "src/domain/entities/thread.py:20", "domain"),
    ("src.domain.entities.user:User", "entity", "src/domain/entities/user.py:13", "domain"),
    ("src.domain.value_objects.email:Email", "value_object",
     "src/domain/value_objects/email.py:12", "domain"),
    ("src.domain.value_objects.thread_filters:Pagination", "value_object",
     "src/domain/value_objects/thread_filters.py:12", "domain"),
    ("src.domain.value_objects.thread_filters:ThreadSort", "enum",
     "src/domain/value_objects/thread_filters.py:37", "domain"),
    ("src.domain.value_objects.thread_filters:ThreadFilters", "value_object",
     "src/domain/value_objects/thread_filters.py:45", "domain"),
    (f"{SCHEMAS}.auth:RegisterRequest", "pydantic", "src/presentation/api/schemas/auth.py:11",
     "presentation"),
    (f"{SCHEMAS}.auth:LoginRequest", "pydantic", "src/presentation/api/schemas/auth.py:19",
     "presentation"),
    (f"{SCHEMAS}.auth:TokenResponse", "pydantic", "src/presentation/api/schemas/auth.py:26",
     "presentation"),
    (f"{SCHEMAS}.messages:PostMessageRequest", "pydantic",
     "src/presentation/api/schemas/messages.py:10", "presentation"),
    (f"{SCHEMAS}.messages:MessageResponse", "pydantic",
     "src/presentation/api/schemas/messages.py:16", "presentation"),
    (f"{SCHEMAS}.messages:MessagePageResponse", "pydantic",
     "src/presentation/api/schemas/messages.py:39", "presentation"),
    (f"{SCHEMAS}.threads:CreateThreadRequest", "pydantic",
     "src/presentation/api/schemas/threads.py:10", "presentation"),
    (f"{SCHEMAS}.threads:ThreadSummaryResponse", "pydantic",
     "src/presentation/api/schemas/threads.py:18", "presentation"),
    # ThreadResponse(ThreadSummaryResponse): pydantic through its parent.
    (f"{SCHEMAS}.threads:ThreadResponse", "pydantic",
     "src/presentation/api/schemas/threads.py:47", "presentation"),
    (f"{SCHEMAS}.threads:ThreadListResponse", "pydantic",
     "src/presentation/api/schemas/threads.py:59", "presentation"),
    (f"{SCHEMAS}.users:UserResponse", "pydantic", "src/presentation/api/schemas/users.py:10",
     "presentation"),
    (f"{SCHEMAS}.users:PublicUserResponse", "pydantic",
     "src/presentation/api/schemas/users.py:29", "presentation"),
    (f"{SCHEMAS}.users:UpdateProfileRequest", "pydantic",
     "src/presentation/api/schemas/users.py:42", "presentation"),
}  # fmt: skip

MEMORY = f"{ADAPTERS}.memory"
FAKE_CLOCK = "src.tests.conftest:FakeClock"
# test module: (exercised modules, fakes used)
SAMPLE_TESTS = {
    "src.tests": ((), ()),
    "src.tests.conftest": (
        (f"{PORTS}.clock", f"{SERVICES}.auth_service", f"{SERVICES}.message_service",
         f"{SERVICES}.thread_service", f"{SERVICES}.user_service", "src.domain.entities.user",
         f"{MEMORY}.memory_message_repository", f"{MEMORY}.memory_thread_repository",
         f"{MEMORY}.memory_user_repository", f"{ADAPTERS}.security.hmac_token_service",
         f"{ADAPTERS}.security.pbkdf2_password_hasher", "src.infrastructure.config", "src.main"),
        (f"{MEMORY}.memory_message_repository:InMemoryMessageRepository",
         f"{MEMORY}.memory_thread_repository:InMemoryThreadRepository",
         f"{MEMORY}.memory_user_repository:InMemoryUserRepository", FAKE_CLOCK),
    ),
    # API tests get their client from conftest fixtures: they import no app module.
    "src.tests.test_auth_api": ((), ()),
    "src.tests.test_auth_service": (
        (f"{SERVICES}.auth_service", "src.domain.entities.user", "src.domain.errors",
         "src.domain.value_objects.email", f"{MEMORY}.memory_user_repository"),
        (f"{MEMORY}.memory_user_repository:InMemoryUserRepository", FAKE_CLOCK),
    ),
    "src.tests.test_health_api": ((), ()),
    "src.tests.test_message_service": (
        (f"{SERVICES}.message_service", f"{SERVICES}.thread_service",
         "src.domain.entities.user", "src.domain.errors",
         "src.domain.value_objects.thread_filters"),
        (FAKE_CLOCK,),
    ),
    "src.tests.test_messages_api": ((), (FAKE_CLOCK,)),
    "src.tests.test_thread_service": (
        (f"{SERVICES}.thread_service", "src.domain.entities.thread", "src.domain.entities.user",
         "src.domain.errors", "src.domain.value_objects.thread_filters"),
        (FAKE_CLOCK,),
    ),
    "src.tests.test_threads_api": ((), (FAKE_CLOCK,)),
    "src.tests.test_user_service": (
        (f"{SERVICES}.user_service", "src.domain.entities.user", "src.domain.errors"),
        (),
    ),
    "src.tests.test_users_api": ((), ()),
}  # fmt: skip


@pytest.fixture(scope="module")
def sample() -> Facts:
    return api.knowledge(cache=False).facts


def facts_of(name: str) -> Facts:
    return api.knowledge(str(ASSETS / name), cache=False).facts


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


# -------------------------------------------------------------------------- ports


def test_the_six_abc_ports_of_the_sample(sample: Facts) -> None:
    found = {
        p.qualname: (str(p.location), [(m.name, m.line, m.is_async) for m in p.methods])
        for p in sample.ports
    }
    assert found == SAMPLE_PORTS
    assert {p.kind for p in sample.ports} == {"abc"}
    assert all(m.abstract for p in sample.ports for m in p.methods)


def test_port_method_signatures_drop_self(sample: Facts) -> None:
    ports = {p.qualname: {m.name: m.signature for m in p.methods} for p in sample.ports}
    threads = ports[f"{PORTS}.thread_repository:ThreadRepository"]
    assert threads["list"] == "list(filters: ThreadFilters) -> list[Thread]"
    assert threads["get_by_id"] == "get_by_id(thread_id: str) -> Thread | None"
    assert ports[f"{PORTS}.clock:Clock"]["now"] == "now() -> datetime"


def test_protocol_ports_with_plain_and_dotted_bases() -> None:
    facts = facts_of("facts_protocols")
    found = {
        p.qualname: (p.kind, str(p.location), [(m.name, m.line, m.abstract) for m in p.methods])
        for p in facts.ports
    }
    assert found == {
        # class Notifier(Protocol)
        "app.ports.notifier:Notifier": (
            "protocol",
            "app/ports/notifier.py:4",
            [("send", 5, False)],
        ),
        # class OrderStore(typing.Protocol)
        "app.ports.order_store:OrderStore": (
            "protocol",
            "app/ports/order_store.py:6",
            [("get", 7, False), ("save", 9, False)],
        ),
    }


# ----------------------------------------------------------------------- adapters


def test_adapters_of_the_sample(sample: Facts) -> None:
    found = {
        a.qualname: (a.implements, a.technologies, str(a.location), a.fake) for a in sample.adapters
    }
    assert found == {
        name: ((port,), technologies, where, fake)
        for name, (port, technologies, where, fake) in SAMPLE_ADAPTERS.items()
    }


def test_adapter_methods_are_its_public_ones(sample: Facts) -> None:
    adapters = {a.qualname: a for a in sample.adapters}
    mongo = adapters[f"{ADAPTERS}.mongo.mongo_thread_repository:MongoThreadRepository"]
    assert [(m.name, m.line) for m in mongo.methods] == [
        ("add", 19), ("get_by_id", 23), ("exists", 28), ("update", 32), ("list", 45),
    ]  # fmt: skip
    assert not any(m.abstract for m in mongo.methods)
    clock = adapters[FAKE_CLOCK]
    assert [m.name for m in clock.methods] == ["now", "advance"]


def test_structural_adapters_of_protocols() -> None:
    facts = facts_of("facts_protocols")
    found = {
        a.qualname: (a.implements, a.technologies, str(a.location), a.fake) for a in facts.adapters
    }
    assert found == {
        "app.adapters.email_notifier:EmailNotifier": (
            ("app.ports.notifier:Notifier",),
            ("SMTP",),
            "app/adapters/email_notifier.py:6",
            False,
        ),
        "app.adapters.sms_notifier:SmsNotifier": (
            ("app.ports.notifier:Notifier",),
            ("HTTP (httpx)",),
            "app/adapters/sms_notifier.py:4",
            False,
        ),
        "app.adapters.memory_order_store:InMemoryOrderStore": (
            ("app.ports.order_store:OrderStore",),
            (),
            "app/adapters/memory_order_store.py:4",
            True,
        ),
        "tests.test_order_service:RecordingNotifier": (
            ("app.ports.notifier:Notifier",),
            (),
            "tests/test_order_service.py:6",
            True,
        ),
    }
    # OrderReader has get() but not save(): half a Protocol is no implementation.
    assert "app.adapters.memory_order_store:OrderReader" not in found


def test_a_service_using_a_protocol_is_not_its_adapter(tmp_path: Path) -> None:
    repo = write(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/ports/sender.py": (
                "from typing import Protocol\n\n\n"
                "class Sender(Protocol):\n"
                "    async def send(self, to: str) -> None: ...\n"
            ),
            "app/services/mail.py": (
                "from app.ports.sender import Sender\n\n\n"
                "class MailService:\n"
                "    def __init__(self, sender: Sender) -> None:\n"
                "        self._sender = sender\n\n"
                "    async def send(self, to: str) -> None:\n"
                "        await self._sender.send(to)\n"
            ),
            "app/adapters/smtp.py": (
                "class SmtpSender:\n"
                "    async def send(self, to: str) -> None:\n"
                "        return None\n"
            ),
        },
    )
    facts = api.knowledge(str(repo), cache=False).facts
    assert [a.qualname for a in facts.adapters] == ["app.adapters.smtp:SmtpSender"]
    assert [s.qualname for s in facts.services] == ["app.services.mail:MailService"]


def test_technologies_of_sql_http_and_hashing_adapters() -> None:
    namespace = {a.qualname: a.technologies for a in facts_of("namespace_pkgs").adapters}
    assert namespace == {
        "src.billing.adapters.memory_invoice_repository:InMemoryInvoiceRepository": (),
        "src.billing.adapters.stripe_gateway:StripePaymentGateway": ("HTTP (httpx)",),
        "src.users.adapters.bcrypt_hasher:BcryptPasswordHasher": ("bcrypt",),
        "src.users.adapters.postgres_user_repository:PostgresUserRepository": (
            "PostgreSQL (asyncpg)",
        ),
    }
    seed = {a.qualname: (a.technologies, a.fake) for a in facts_of("seed_layout").adapters}
    assert seed == {
        "src.infrastructure.adapters.in_memory_user_repository:InMemoryUserRepository": ((), True),
        "src.infrastructure.adapters.smtp_notifier:SmtpNotifier": (("SMTP",), False),
        "src.infrastructure.adapters.sqlalchemy_order_repository:SqlAlchemyOrderRepository": (
            ("SQLAlchemy",),
            False,
        ),
        "src.tests.test_user_service:RecordingNotifier": ((), True),
    }


# ----------------------------------------------------------------------- services


def test_the_four_services_of_the_sample(sample: Facts) -> None:
    found = {
        s.qualname: (str(s.location), s.dependencies, [m.name for m in s.methods])
        for s in sample.services
    }
    assert found == SAMPLE_SERVICES


def test_service_dependencies_are_typed_by_ports(sample: Facts) -> None:
    ports = {p.qualname for p in sample.ports}
    for service in sample.services:
        assert {annotation for _, annotation in service.dependencies} <= ports


def test_callable_command_and_query_handlers_are_services() -> None:
    dishka = {
        s.qualname: (s.dependencies, [m.name for m in s.methods])
        for s in facts_of("dishka_core").services
    }
    three = (
        ("tasks", "app.core.ports.task_repository:TaskRepository"),
        ("uow", "app.core.ports.unit_of_work:UnitOfWork"),
        ("clock", "app.core.ports.clock:Clock"),
    )
    one = (("tasks", "app.core.ports.task_repository:TaskRepository"),)
    assert dishka == {
        "app.core.commands.create_task:CreateTaskHandler": (three, ["__call__"]),
        "app.core.commands.complete_task:CompleteTaskHandler": (three, ["__call__"]),
        "app.core.queries.get_task:GetTaskQuery": (one, ["__call__"]),
        "app.core.queries.list_tasks:ListTasksQuery": (one, ["__call__"]),
    }
    bounded = {s.qualname: str(s.location) for s in facts_of("bounded_contexts").services}
    assert bounded == {
        "account.application.create_account.handler:CreateAccountHandler": (
            "src/account/application/create_account/handler.py:11"
        ),
        "account.application.get_account.handler:GetAccountHandler": (
            "src/account/application/get_account/handler.py:16"
        ),
    }


def test_services_of_a_protocol_repo() -> None:
    facts = facts_of("facts_protocols")
    assert [(s.qualname, s.dependencies, [m.name for m in s.methods]) for s in facts.services] == [
        (
            "app.services.order_service:OrderService",
            (
                ("store", "app.ports.order_store:OrderStore"),
                ("notifier", "app.ports.notifier:Notifier"),
            ),
            ["confirm", "find"],
        )
    ]


# ------------------------------------------------------------------------- models


def test_models_of_the_sample(sample: Facts) -> None:
    assert {(m.qualname, m.kind, str(m.location), m.layer) for m in sample.models} == SAMPLE_MODELS
    # Settings in the sample is a plain dataclass outside the domain: not a model.
    assert not any(m.kind == "settings" for m in sample.models)


def test_settings_enums_entities_and_schemas_of_fixtures() -> None:
    protocols = {(m.qualname, m.kind, m.layer) for m in facts_of("facts_protocols").models}
    assert protocols == {
        ("app.domain.order:OrderState", "enum", "domain"),
        ("app.domain.order:Order", "entity", "domain"),
        ("app.routes.orders:OrderOut", "pydantic", "presentation"),
        ("app.settings:Settings", "settings", "unclassified"),
    }
    seed = {(m.qualname, m.kind) for m in facts_of("seed_layout").models}
    assert ("src.config:Settings", "settings") in seed
    assert ("src.domain.order:OrderLine", "entity") in seed
    assert ("src.presentation.api.schemas:OrderRead", "pydantic") in seed
    assert len(seed) == 10


# -------------------------------------------------------------------------- tests


def test_each_test_module_with_what_it_exercises_and_its_fakes(sample: Facts) -> None:
    found = {t.module: (t.exercises, t.fakes) for t in sample.tests}
    assert found == SAMPLE_TESTS
    paths = {t.module: t.path for t in sample.tests}
    assert paths["src.tests.conftest"] == "src/tests/conftest.py"
    assert paths["src.tests"] == "src/tests/__init__.py"


def test_fakes_imported_from_another_test_module_count() -> None:
    # backend/tests/conftest.py: from tests.test_project_service import InMemoryProjectRepository
    tests = {t.module: (t.exercises, t.fakes) for t in facts_of("monorepo_backend").tests}
    fake = "tests.test_project_service:InMemoryProjectRepository"
    assert tests == {
        "tests.conftest": (
            ("app.api.dependencies", "app.main", "app.services.project_service"),
            (fake,),
        ),
        "tests.test_project_service": (
            ("app.domain.project.entities", "app.domain.project.interfaces",
             "app.services.project_service"),
            (fake,),
        ),
        "tests.test_projects_api": ((), ()),
    }  # fmt: skip


def test_fakes_defined_in_the_test_itself() -> None:
    tests = {t.module: (t.exercises, t.fakes) for t in facts_of("facts_protocols").tests}
    assert tests["tests.test_order_service"] == (
        ("app.adapters.memory_order_store", "app.domain.order", "app.services.order_service"),
        (
            "app.adapters.memory_order_store:InMemoryOrderStore",
            "tests.test_order_service:RecordingNotifier",
        ),
    )
