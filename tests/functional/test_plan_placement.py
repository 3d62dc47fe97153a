"""Where the offline planner puts what a feature adds, on small trees written here
that reproduce idioms met in real repositories: a platform package with its own
routes and tests beside feature slices, a lifespan nested in the app factory, a new
module named in a folder that does not exist yet."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fakes.planned_trees import planned, write_tree

from archbook.application.planning.offline.new_feature.recipe import called_a_port
from archbook.application.planning.scoping.scope import route_kinship
from archbook.domain.plan import CREATE, MODIFY, Plan

ASSETS = Path(__file__).resolve().parents[1] / "assets"
ROOT_ROUTER = (
    "from fastapi import APIRouter\n\nrouter = APIRouter()\n\n\n"
    "@router.get('/health/live')\nasync def live() -> dict:\n    return {'status': 'ok'}\n"
)
USER_SERVICE = (
    "from features.users.application.ports import UserRepository\n\n\n"
    "class UserService:\n"
    "    def __init__(self, users: UserRepository) -> None:\n        self.users = users\n\n"
    "    async def get(self, user_id: int) -> dict:\n        return await self.users.get(user_id)\n"
)
USERS_ROUTER = (
    "from fastapi import APIRouter, Depends\n\n"
    "from features.users.application.user_service import UserService\n\n"
    "router = APIRouter(prefix='/users')\n\n\n"
    "@router.get('/{user_id}')\n"
    "async def get_user(user_id: int, service: UserService = Depends()) -> dict:\n"
    "    return await service.get(user_id)\n"
)
APP_FACTORY = (
    "from contextlib import asynccontextmanager\n\nfrom fastapi import FastAPI\n\n"
    "from features.users.api import router as users\n"
    "from platform.api.root import router as root\n\n\n"
    "def create_app() -> FastAPI:\n"
    "    @asynccontextmanager\n    async def lifespan(app: FastAPI):\n        yield\n\n"
    "    app = FastAPI(lifespan=lifespan)\n"
    "    app.include_router(root)\n    app.include_router(users)\n    return app\n"
)
# A platform package (health routes, its own tests, no service) beside a feature slice
# whose service is the repository's only one; the lifespan is nested in the factory.
PLATFORM_AND_SLICES = {
    "src/platform/__init__.py": "",
    "src/platform/api/__init__.py": "",
    "src/platform/api/root.py": ROOT_ROUTER,
    "src/platform/tests/__init__.py": "",
    "src/platform/tests/test_root.py": (
        "from platform.api.root import live\n\n\ndef test_live() -> None:\n    assert live\n"
    ),
    "src/features/__init__.py": "",
    "src/features/users/__init__.py": "",
    "src/features/users/api.py": USERS_ROUTER,
    "src/features/users/application/__init__.py": "",
    "src/features/users/application/ports.py": (
        "from typing import Protocol\n\n\nclass UserRepository(Protocol):\n"
        "    async def get(self, user_id: int) -> dict: ...\n"
    ),
    "src/features/users/application/user_service.py": USER_SERVICE,
    "src/features/users/tests/__init__.py": "",
    "src/features/users/tests/test_user_service.py": (
        "from features.users.application.user_service import UserService\n\n\n"
        "def test_service() -> None:\n    assert UserService\n"
    ),
    "src/main.py": APP_FACTORY,
}


def plan_for(root: Path, session: str, feature: str = "f") -> Plan:
    plan = planned(root, session, feature).plan
    assert plan is not None
    return plan


def test_the_first_service_of_a_package_goes_beside_its_routes_and_its_tests_too(
    tmp_path: Path,
) -> None:
    """``GET /health/ready`` joins the platform's router; the only service of the
    repository lives in a feature slice, so the new service is the platform's first:
    a ``services`` package beside the platform's routes, tested among its tests."""
    write_tree(tmp_path, PLATFORM_AND_SLICES)
    plan = plan_for(
        tmp_path, "# Readiness\n\n- `GET /health/ready` pings the database.\n", "readiness"
    )
    planned = {c.path: c.action for c in plan.changes}
    assert planned["src/platform/api/root.py"] == MODIFY
    assert planned["src/platform/services/readiness_service.py"] == CREATE
    assert planned["src/platform/services/__init__.py"] == CREATE
    assert planned["src/platform/tests/test_readiness_service.py"] == CREATE
    assert not [p for p, a in planned.items() if a == CREATE and p.startswith("src/features/")]


@pytest.mark.parametrize(
    ("words", "changed"),
    [
        ("answers 503 until the app's lifespan has finished its start-up", True),
        ("answers 503 al arrancar, hasta que el arranque termina", True),
        ("answers 503 while the database does not answer", False),
    ],
)
def test_the_lifespan_changes_where_the_session_speaks_of_start_up(
    tmp_path: Path, words: str, changed: bool
) -> None:
    """The lifespan nested in ``create_app`` is where start-up work goes: ``main.py``
    carries that step when the session speaks of start-up (in English or Spanish),
    and not otherwise."""
    write_tree(tmp_path, PLATFORM_AND_SLICES)
    plan = plan_for(tmp_path, f"# Readiness\n\n- `GET /health/ready` {words}.\n")
    main = next((c for c in plan.changes if c.path == "src/main.py"), None)
    said = " ".join((main.purpose, *main.details)) if main else ""
    assert ("start-up and shutdown" in said) is changed


@pytest.mark.parametrize("regular", [True, False])
def test_a_module_named_in_a_new_folder_gets_its_package_where_packages_are_regular(
    tmp_path: Path, regular: bool
) -> None:
    """``app/jobs/maintenance/purge_tokens.py`` in a tree of regular packages needs
    ``app/jobs/maintenance/__init__.py``; a tree of namespace packages needs none."""
    files = {
        "app/__init__.py": "",
        "app/jobs/__init__.py": "",
        "app/jobs/mail.py": "def send_digest() -> None:\n    pass\n",
        "app/api.py": ROOT_ROUTER,
    }
    if not regular:
        files = {path: text for path, text in files.items() if "__init__" not in path}
    write_tree(tmp_path, files)
    plan = plan_for(
        tmp_path,
        "# Purge\n\n- A new job `app/jobs/maintenance/purge_tokens.py` deletes expired "
        "tokens every hour.\n",
    )
    planned = {c.path: c.action for c in plan.changes}
    assert planned["app/jobs/maintenance/purge_tokens.py"] == CREATE
    inits = [p for p in planned if p.endswith("__init__.py")]
    assert inits == (["app/jobs/maintenance/__init__.py"] if regular else [])


EVENT_DISPATCHER = (
    "from typing import Protocol\n\n\nclass EventDispatcher(Protocol):\n"
    "    async def dispatch(self, events: list[object]) -> None: ...\n"
)


def test_a_generic_protocol_the_session_calls_a_port_goes_beside_its_kin(
    tmp_path: Path,
) -> None:
    """ "An `EventHandler[E]` protocol … as a port": a port, though its name ends like a
    use case's; it goes beside the port it shares a name word with (``EventDispatcher``
    in ``app/core/events``), many classes implement it (no one adapter, no fake), the
    container provides them, and no service is invented around it."""
    root = tmp_path / "repo"
    shutil.copytree(ASSETS / "dishka_core", root, ignore=shutil.ignore_patterns("__pycache__"))
    write_tree(
        root,
        {"app/core/events/__init__.py": "", "app/core/events/dispatcher.py": (EVENT_DISPATCHER)},
    )
    plan = plan_for(
        root,
        "# Event handlers\n\n## What changes\n\n"
        "- Introduce an `EventHandler[E]` protocol in the core as a port for the handlers "
        "of task events.\n- `EventDispatcher` looks the handlers up by event type.\n",
    )
    planned = {c.path: c for c in plan.changes}
    assert planned["app/core/events/event_handler.py"].action == CREATE
    created = [p for p, c in planned.items() if c.action == CREATE]
    assert [p for p in created if "event_handler" in p] == ["app/core/events/event_handler.py"]
    assert not [p for p in created if "service" in p or "/commands/" in p]
    container = planned["app/ioc.py"]
    assert any("`EventHandler` implementation" in d for d in container.details)


@pytest.mark.parametrize(
    ("name", "sentence", "port"),
    [
        ("EventHandler", "Introduce an `EventHandler[E]` protocol as a port", True),
        ("Notifier", "Add the port `Notifier` with one method", True),
        ("Notifier", "Add an interface Notifier for pushes", True),
        ("CancelOrderHandler", "`CancelOrderHandler` sends mail through the `Mailer` port", False),
        ("ReportService", "A `ReportService` uses the storage port", False),
    ],
)
def test_a_name_is_a_port_only_where_the_sentence_calls_it_one(
    name: str, sentence: str, port: bool
) -> None:
    assert called_a_port(name, sentence) is port


ORDER_ROUTER = (
    "from fastapi import APIRouter\n\n"
    "from app.customer.schemas import CustomerID\n"
    "from .schemas import OrderRead\n"
    "from .service import order as order_service\n\n"
    "router = APIRouter(prefix='/orders')\n\n\n"
    "@router.get('')\nasync def list_orders(customer: CustomerID) -> list[OrderRead]:\n"
    "    return await order_service.list(customer)\n\n\n"
    "@router.get('/{id}')\nasync def get_order(id: int) -> OrderRead:\n"
    "    return await order_service.get(id)\n"
)
ORDER_SERVICE = (
    "class OrderService:\n"
    "    async def list(self, customer: int) -> list:\n        return []\n\n"
    "    async def get(self, id: int) -> dict:\n        return {}\n\n\n"
    "order = OrderService()\n"
)
# Folders per domain (router, a module-level service instance, schemas), tests per
# domain, a bigger folder of script tests, and conftests at several depths.
DOMAIN_MODULES = {
    "app/__init__.py": "",
    "app/order/__init__.py": "",
    "app/order/endpoints.py": ORDER_ROUTER,
    "app/order/service.py": ORDER_SERVICE,
    "app/order/schemas.py": "from pydantic import BaseModel\n\n\nclass OrderRead(BaseModel):\n"
    "    id: int\n",
    "app/customer/__init__.py": "",
    "app/customer/schemas.py": "CustomerID = int\n",
    "app/main.py": "from fastapi import FastAPI\n\nfrom app.order.endpoints import router\n\n"
    "app = FastAPI()\napp.include_router(router)\n",
    "tests/conftest.py": "import pytest\n",
    "tests/cli/conftest.py": "import pytest\n",
    "tests/order/test_service.py": "from app.order.service import OrderService\n\n\n"
    "def test_list() -> None:\n    assert OrderService\n",
    "tests/order/test_endpoints.py": "from app.order.endpoints import router\n\n\n"
    "def test_routes() -> None:\n    assert router\n",
    **{
        f"tests/scripts/test_script_{n}.py": "def test_script() -> None:\n    assert True\n"
        for n in range(3)
    },
}


def test_a_route_beside_a_domains_routes_extends_that_domain(tmp_path: Path) -> None:
    """``POST /orders/{id}/notes`` joins ``app/order/endpoints.py``, whose service is
    the module-level ``order = OrderService()``: that class takes the use case, the
    request models go in the domain's own schemas (not in another domain's it also
    imports), and the domain's existing tests grow; nothing is created."""
    write_tree(tmp_path, DOMAIN_MODULES)
    plan = plan_for(tmp_path, "# Notes\n\n- `POST /orders/{id}/notes` adds a note to an order.\n")
    planned = {c.path: c.action for c in plan.changes}
    assert planned == {
        "app/order/endpoints.py": MODIFY,
        "app/order/service.py": MODIFY,
        "app/order/schemas.py": MODIFY,
        "tests/order/test_service.py": MODIFY,
        "tests/order/test_endpoints.py": MODIFY,
    }


def test_the_fixtures_of_new_tests_are_the_nearest_conftest(tmp_path: Path) -> None:
    """A new service's tests go in the repository's test folder; the fixtures change
    in the ``conftest.py`` above that folder, not in another folder's."""
    write_tree(tmp_path, DOMAIN_MODULES)
    plan = plan_for(
        tmp_path,
        "# Invoices\n\n- A new `InvoiceService` renders invoices.\n"
        "- `GET /invoices/{id}` answers one invoice.\n",
    )
    conftests = [c.path for c in plan.changes if c.path.endswith("conftest.py")]
    tests = [c.path for c in plan.changes if c.action == CREATE and "/test_" in c.path]
    assert tests and conftests == ["tests/conftest.py"]


def test_a_new_use_case_folder_gets_the_files_most_use_case_folders_have(
    tmp_path: Path,
) -> None:
    """Use cases filed as folders (``application/<name>/handler.py``) each with an
    odd file of their own: a new one gets what at least half of them hold (its
    package, a command), none of another folder's odd files."""
    files = {"src/__init__.py": "", "src/application/__init__.py": ""}
    for verb, extra in (("create", "a_notes"), ("update", "b_notes"), ("get", "c_notes")):
        folder = f"src/application/{verb}_task"
        files[f"{folder}/__init__.py"] = ""
        files[f"{folder}/{extra}.py"] = "NOTE = 1\n"
        files[f"{folder}/handler.py"] = (
            f"class {verb.title()}TaskHandler:\n    def __call__(self) -> None:\n        pass\n"
        )
        if verb != "get":
            files[f"{folder}/command.py"] = "from dataclasses import dataclass\n"
    write_tree(tmp_path, files)
    plan = plan_for(tmp_path, "# Close\n\n- A new `CloseTaskHandler` closes a task and saves it.\n")
    created = sorted(c.path for c in plan.changes if c.action == CREATE)
    assert "src/application/close_task/handler.py" in created
    assert "src/application/close_task/command.py" in created
    assert not [p for p in created if "notes" in p]


@pytest.mark.parametrize(
    ("a", "b", "kinship"),
    [
        ("/health/live", "/health/ready", 1),
        ("/api/orders", "/api/users", 0),
        ("/{organization}/incidents/{incident_id}", "/{organization}/incidents/costs", 1),
        ("/{organization}/incidents", "/{organization}/cases", 0),
        ("/users/{user_id}/orders", "/users/{id}/orders", 1),
    ],
)
def test_a_leading_tenant_parameter_says_nothing_of_a_routes_part(
    a: str, b: str, kinship: int
) -> None:
    """Nearly every route of a multi-tenant API starts ``/{organization}/…``: that
    parameter is skipped like an API prefix; a later one still ends the count."""
    assert route_kinship(a, b) == kinship


@pytest.mark.parametrize("routes", ["app/api/routes", "app/api"])
def test_a_first_service_goes_beside_the_http_layer_not_inside_it(
    tmp_path: Path, routes: str
) -> None:
    """Routes in ``app/api/routes/`` (the official full-stack template's layout) or
    ``app/api/`` and no service anywhere: the first one, which the session asks for
    (without it the handler does the work, as its neighbours do), goes in
    ``app/services/``, an application package, not in ``app/api/services/`` inside
    the HTTP layer."""
    files = {
        "app/__init__.py": "",
        "app/api/__init__.py": "",
        f"{routes}/__init__.py": "",
        f"{routes}/items.py": (
            "from fastapi import APIRouter\n\nrouter = APIRouter(prefix='/items')\n\n\n"
            "@router.get('/')\nasync def read_items() -> list:\n    return []\n\n\n"
            "@router.get('/{id}')\nasync def read_item(id: int) -> dict:\n    return {}\n"
        ),
        "app/main.py": (
            "from fastapi import FastAPI\n\n"
            f"from {routes.replace('/', '.')}.items import router\n\n"
            "app = FastAPI()\napp.include_router(router)\n"
        ),
    }
    write_tree(tmp_path, files)
    plan = plan_for(
        tmp_path,
        "# Archive\n\n- `POST /items/{id}/archive` archives one of the caller's items "
        "through a new `ArchiveService`.\n",
        "archive",
    )
    created = {c.path: c.layer for c in plan.changes if c.action == CREATE}
    services = [p for p in created if p.endswith("_service.py") and "/test_" not in p]
    assert services == ["app/services/archive_service.py"]
    assert created["app/services/__init__.py"] == created[services[0]]


SERVER_TREE = {
    "srv/__init__.py": "",
    "srv/models.py": (
        "from dataclasses import dataclass\n\n\n@dataclass\nclass FileTypeInfo:\n"
        "    mime: str\n\n\n@dataclass\nclass Chunking:\n    size: int\n"
    ),
    "srv/services/__init__.py": "",
    "srv/services/file_types.py": (
        "from srv.models import Chunking, FileTypeInfo\n\n\n"
        "class FileTypeRegistry:\n"
        "    def info(self, name: str) -> FileTypeInfo:\n        return FileTypeInfo(name)\n\n"
        "    def by_extension(self, ext: str) -> Chunking:\n        return Chunking(1)\n\n"
        "    def by_mime(self, mime: str) -> Chunking:\n        return Chunking(2)\n"
    ),
    "srv/services/agents.py": (
        "class AgentManager:\n    def list_agents(self) -> list:\n        return []\n"
    ),
    "srv/agent_tools.py": "def agent_id(value: str) -> str:\n    return value\n",
    "srv/api/__init__.py": "",
    "srv/api/dependencies.py": (
        "from srv.services.agents import AgentManager\n\n\n"
        "def get_agent_manager() -> AgentManager:\n    return AgentManager()\n"
    ),
    "srv/api/agents.py": (
        "from fastapi import APIRouter, Depends\n\n"
        "from srv.api.dependencies import get_agent_manager\n\n"
        'router = APIRouter(prefix="/agents")\n\n\n'
        '@router.get("/")\n'
        "def list_agents(manager=Depends(get_agent_manager)) -> list:\n"
        "    return manager.list_agents()\n"
    ),
    "srv/main.py": (
        "from fastapi import FastAPI\n\nfrom srv.api.agents import router\n\n"
        "app = FastAPI()\napp.include_router(router)\n"
    ),
}


def test_wiring_goes_where_the_routes_factories_are_and_path_parameters_name_no_code(
    tmp_path: Path,
) -> None:
    """A registry class's lookup methods build data in a service module; the factory
    the routes depend on lives in ``api/dependencies.py``: the new service is wired
    there. ``{agent_id}`` in the route's path is no mention of the ``agent_id``
    helper."""
    write_tree(tmp_path, SERVER_TREE)
    session = (
        "# Archive agents\n\n## Goal\n"
        "- Changer l'état : `POST /agents/{agent_id}/archive` archive un agent.\n"
    )
    changes = {c.path: c.purpose for c in planned(tmp_path, session, "archive").plan.changes}
    assert "srv/api/dependencies.py" in changes
    assert "srv/services/file_types.py" not in changes
    assert "srv/agent_tools.py" not in changes


def test_a_port_the_session_names_for_an_external_system_is_its_only_port(
    tmp_path: Path,
) -> None:
    """ "Add an `EmailSenderProtocol` port" for email: that port and one adapter named
    after what it implements (``SmtpEmailSender``, not ``SmtpEmailSenderProtocol``), and
    no second, generic ``email_service.py`` port beside it."""
    write_tree(tmp_path, SERVER_TREE)
    session = (
        "# Welcome email\n\n## Requirements\n"
        "- Send a welcome email through SMTP when an agent is created.\n"
        "- Add an `EmailSenderProtocol` port and its adapter in infrastructure.\n"
    )
    plan = planned(tmp_path, session, "welcome").plan
    created = {c.path: c.purpose for c in plan.changes if c.action == "create"}
    assert not [path for path in created if path.endswith("email_service.py")], created
    ports = [p for p, why in created.items() if why == "Port `EmailSenderProtocol`."]
    assert len(ports) == 1
    adapters = [why for why in created.values() if "production adapter" in why]
    assert adapters == ["`SmtpEmailSender`: the production adapter of `EmailSenderProtocol`."]


def test_a_settings_class_is_changed_for_the_system_a_variable_is_for(tmp_path: Path) -> None:
    """``MAIL_SERVER`` and ``MAIL_PASSWORD`` are mail's settings: the database's
    settings class, which has a ``password`` too, is no part of the feature."""
    tree = {
        **SERVER_TREE,
        "srv/db_config.py": (
            "from pydantic_settings import BaseSettings\n\n\n"
            "class DatabaseSettings(BaseSettings):\n"
            "    db_host: str = 'localhost'\n    db_password: str = ''\n"
        ),
        "srv/mail_config.py": (
            "from pydantic_settings import BaseSettings\n\n\n"
            "class MailSettings(BaseSettings):\n    mail_sender: str = ''\n"
        ),
    }
    write_tree(tmp_path, tree)
    session = (
        "# Welcome email\n\n## Requirements\n"
        "- Send a welcome email through SMTP when an agent is created; the SMTP server "
        "comes from `MAIL_SERVER` and `MAIL_PASSWORD`.\n"
    )
    changes = {c.path for c in planned(tmp_path, session, "welcome").plan.changes}
    assert "srv/mail_config.py" in changes
    assert "srv/db_config.py" not in changes


def _endpoints_router(resource: str) -> str:
    return (
        "from fastapi import APIRouter\n\nrouter = APIRouter()\n\n\n"
        f"@router.get('/{resource}')\ndef list_{resource}() -> list:\n    return []\n"
    )


def test_a_new_router_is_included_where_the_routers_beside_it_are(tmp_path: Path) -> None:
    """``api/v1/routes.py`` includes each router of ``api/v1/endpoints/``, and the app
    includes that one: a new router module joins its neighbours' including module."""
    write_tree(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/api/__init__.py": "",
            "app/api/v1/__init__.py": "",
            "app/api/v1/endpoints/__init__.py": "",
            "app/api/v1/endpoints/posts.py": _endpoints_router("posts"),
            "app/api/v1/endpoints/tags.py": _endpoints_router("tags"),
            "app/api/v1/routes.py": (
                "from fastapi import APIRouter\n\n"
                "from app.api.v1.endpoints import posts, tags\n\n"
                "routers = APIRouter()\n"
                "routers.include_router(posts.router, prefix='/posts')\n"
                "routers.include_router(tags.router, prefix='/tags')\n"
            ),
            "app/main.py": (
                "from fastapi import FastAPI\n\nfrom app.api.v1.routes import routers\n\n"
                "app = FastAPI()\napp.include_router(routers, prefix='/api/v1')\n"
            ),
        },
    )
    session = "# Bookmarks\n\n## Requirements\n- `GET /api/v1/bookmarks` lists the bookmarks.\n"
    changes = {c.path: c for c in planned(tmp_path, session, "bookmarks").plan.changes}
    assert changes["app/api/v1/endpoints/bookmarks.py"].action == CREATE
    assert changes["app/api/v1/routes.py"].action == MODIFY
    assert "like the routers beside it" in changes["app/api/v1/routes.py"].purpose
    # the app includes ``routes.py``'s router, not the new one itself
    assert not any("router" in c.purpose.lower() for p, c in changes.items() if p == "app/main.py")


def test_a_new_class_of_a_role_concrete_classes_share_is_one_more_of_them(
    tmp_path: Path,
) -> None:
    """``VerifyTemplate`` and ``ResetTemplate`` implement the ``BaseTemplate`` port: a
    new ``WelcomeTemplate`` is one more of them in their module, not a new port with
    an adapter."""
    write_tree(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/core/__init__.py": "",
            "app/core/template.py": (
                "from abc import ABC, abstractmethod\n\n\nclass BaseTemplate(ABC):\n"
                "    @abstractmethod\n    def render(self) -> str: ...\n"
            ),
            "app/core/token_service.py": (
                "from abc import ABC, abstractmethod\n\n\nclass TokenService(ABC):\n"
                "    @abstractmethod\n    def issue(self) -> str: ...\n"
            ),
            "app/emails/__init__.py": "",
            "app/emails/templates.py": (
                "from app.core.template import BaseTemplate\n\n\n"
                "class VerifyTemplate(BaseTemplate):\n    def render(self) -> str:\n"
                "        return 'verify'\n\n\n"
                "class ResetTemplate(BaseTemplate):\n    def render(self) -> str:\n"
                "        return 'reset'\n"
            ),
            "app/security.py": (
                "from app.core.token_service import TokenService\n\n\n"
                "class HmacTokenService(TokenService):\n    def issue(self) -> str:\n"
                "        return ''\n"
            ),
        },
    )
    session = "# Welcome\n\n## Requirements\n- A new `WelcomeTemplate` e-mail greets new users.\n"
    changes = {c.path: c for c in planned(tmp_path, session, "welcome").plan.changes}
    template = changes["app/emails/templates.py"]
    assert template.action == MODIFY and "`WelcomeTemplate`" in template.purpose
    assert not [p for p in changes if "welcome_template" in p]


# Fakes kept beside the ports they fake (``application/ports/in_memory_*.py``) and the
# production adapters under ``adapters/outbound``: an idiom of a real clean backend.
FAKES_BESIDE_PORTS = {
    "backend/pyproject.toml": '[project]\nname = "zebu"\n',
    "backend/src/zebu/__init__.py": "",
    "backend/src/zebu/domain/__init__.py": "",
    "backend/src/zebu/domain/entities/__init__.py": "",
    "backend/src/zebu/domain/entities/trigger_fire.py": (
        "from dataclasses import dataclass\n\n\n@dataclass\nclass TriggerFire:\n    id: int\n"
    ),
    "backend/src/zebu/application/__init__.py": "",
    "backend/src/zebu/application/ports/__init__.py": "",
    "backend/src/zebu/application/ports/trigger_fire_repository.py": (
        "from typing import Protocol\n\nfrom zebu.domain.entities.trigger_fire import TriggerFire"
        "\n\n\nclass TriggerFireRepository(Protocol):\n"
        "    async def add(self, fire: TriggerFire) -> None: ...\n\n"
        "    async def get(self, fire_id: int) -> TriggerFire | None: ...\n"
    ),
    "backend/src/zebu/application/ports/in_memory_trigger_fire_repository.py": (
        "from zebu.application.ports.trigger_fire_repository import TriggerFireRepository\n"
        "from zebu.domain.entities.trigger_fire import TriggerFire\n\n\n"
        "class InMemoryTriggerFireRepository(TriggerFireRepository):\n"
        "    def __init__(self) -> None:\n        self.items: dict[int, TriggerFire] = {}\n\n"
        "    async def add(self, fire: TriggerFire) -> None:\n"
        "        self.items[fire.id] = fire\n\n"
        "    async def get(self, fire_id: int) -> TriggerFire | None:\n"
        "        return self.items.get(fire_id)\n"
    ),
    "backend/src/zebu/adapters/__init__.py": "",
    "backend/src/zebu/adapters/outbound/__init__.py": "",
    "backend/src/zebu/adapters/outbound/repositories/__init__.py": "",
    "backend/src/zebu/adapters/outbound/repositories/trigger_fire_repository.py": (
        "from zebu.application.ports.trigger_fire_repository import TriggerFireRepository\n"
        "from zebu.domain.entities.trigger_fire import TriggerFire\n\n\n"
        "class SQLModelTriggerFireRepository(TriggerFireRepository):\n"
        "    async def add(self, fire: TriggerFire) -> None:\n        ...\n\n"
        "    async def get(self, fire_id: int) -> TriggerFire | None:\n        return None\n"
    ),
    # the tests import their helpers from ``tests``: ``backend`` is a source root
    # too, beside ``backend/src`` where the code is
    "backend/tests/__init__.py": "",
    "backend/tests/integration/__init__.py": "",
    "backend/tests/integration/_helpers.py": "def fire_id() -> int:\n    return 1\n",
    "backend/tests/integration/test_trigger_fires.py": (
        "from tests.integration._helpers import fire_id\n"
        "from zebu.domain.entities.trigger_fire import TriggerFire\n\n\n"
        "def test_fire() -> None:\n    assert TriggerFire(fire_id()).id == 1\n"
    ),
    # an alembic revision creating an index: no index module of a document store
    "backend/alembic.ini": "[alembic]\nscript_location = migrations\n",
    "backend/migrations/env.py": "",
    "backend/migrations/versions/a001_trigger_fires.py": (
        '"""trigger fires\n\nRevision ID: a001\n"""\n'
        "import sqlalchemy as sa\nfrom alembic import op\n\n"
        'revision = "a001"\ndown_revision = None\n\n\n'
        "def upgrade():\n"
        '    op.create_table("trigger_fires", sa.Column("id", sa.Integer()))\n'
        '    op.create_index("ix_trigger_fires_id", "trigger_fires", ["id"])\n'
    ),
}


@pytest.mark.parametrize(
    "port",
    [
        "the matching `BacktestInvocationRepository` port",
        # the port named by its role alone: the entity's repository
        "the matching repository port",
    ],
)
def test_a_fake_kept_beside_the_ports_is_planned_there_in_the_layer_its_folder_gives(
    tmp_path: Path, port: str
) -> None:
    """A new entity and its repository port get an adapter of each family the
    repository has: the production one under ``adapters/outbound``, the in-memory
    one beside the ports, each declared in the layer its folder gives it, so the plan
    validates; sketches import from the source root most of the code is under, and
    no schema revision is taken for the module of a document store's indexes."""
    write_tree(tmp_path, FAKES_BESIDE_PORTS)
    session = (
        "# Backtest invocations\n\n## Overview\n\nAdd a new domain entity "
        f"`BacktestInvocation`, {port}, its SQLModel adapter and the in-memory adapter "
        "used by tests.\n"
    )
    plan = planned(tmp_path, session).plan
    assert plan is not None
    by_path = {c.path: c for c in plan.changes}
    ports = "backend/src/zebu/application/ports"
    fake = by_path[f"{ports}/in_memory_backtest_invocation_repository.py"]
    production = by_path[
        "backend/src/zebu/adapters/outbound/repositories/backtest_invocation_repository.py"
    ]
    by_port = by_path[f"{ports}/backtest_invocation_repository.py"]
    assert fake.action == production.action == by_port.action == CREATE
    assert fake.layer == by_port.layer != production.layer == "infrastructure"
    entity = by_path["backend/src/zebu/domain/entities/backtest_invocation.py"]
    assert entity.action == CREATE
    assert "from zebu.domain.entities.backtest_invocation import" in by_port.code_sketch
    assert "src.zebu" not in "".join(c.code_sketch for c in plan.changes)
    assert not any("/versions/" in c.path for c in plan.changes)


def test_a_new_error_is_registered_where_each_error_has_its_own_handler(tmp_path: Path) -> None:
    """Handlers registered one per error in their own module (``error_handlers.py``,
    which the app calls): a new error gets its registration there, and its name says
    its status once, whatever the feature's name says."""
    handlers = "".join(
        f"    @app.exception_handler({name})\n"
        f"    async def _{name.lower()}(request, exc):\n"
        f"        return JSONResponse(status_code={code}, content={{}})\n\n"
        for name, code in (("PortfolioError", 400), ("TickerError", 404), ("LoadingError", 503))
    )
    files = {
        **FAKES_BESIDE_PORTS,
        "backend/src/zebu/domain/exceptions.py": "".join(
            f"class {name}(Exception):\n    pass\n\n\n"
            for name in ("PortfolioError", "TickerError", "LoadingError")
        ),
        "backend/src/zebu/adapters/inbound/__init__.py": "",
        "backend/src/zebu/adapters/inbound/api/__init__.py": "",
        "backend/src/zebu/adapters/inbound/api/error_handlers.py": (
            "from fastapi import FastAPI\nfrom fastapi.responses import JSONResponse\n\n"
            "from zebu.domain.exceptions import LoadingError, PortfolioError, TickerError\n\n\n"
            "def register_exception_handlers(app: FastAPI) -> None:\n" + handlers
        ),
        "backend/src/zebu/main.py": (
            "from fastapi import FastAPI\n\n"
            "from zebu.adapters.inbound.api.error_handlers import register_exception_handlers\n\n"
            "app = FastAPI()\nregister_exception_handlers(app)\n"
        ),
    }
    write_tree(tmp_path, files)
    session = (
        "# Partial pricing\n\n## Decision\n\n- Refuse to answer a balance while a price is "
        "missing: answer `503` with a 'data is loading' body, like `LoadingError`.\n"
    )
    plan = planned(tmp_path, session, "partial-pricing-503").plan
    assert plan is not None
    by_path = {c.path: c for c in plan.changes}
    registered = by_path["backend/src/zebu/adapters/inbound/api/error_handlers.py"]
    assert registered.action == MODIFY and "`PartialPricing503Error` to 503" in registered.purpose
    assert "backend/src/zebu/main.py" not in by_path


def test_a_new_setting_goes_where_its_sibling_is_read_not_in_another_projects_config(
    tmp_path: Path,
) -> None:
    """A monorepo with a second project's ``config.py`` (an MCP server) and a backend
    that reads its settings with ``os.environ`` in its dependencies module: a new
    setting beside one it reads already goes there."""
    files = {
        **FAKES_BESIDE_PORTS,
        "mcp/src/zebu_mcp/__init__.py": "",
        "mcp/src/zebu_mcp/config.py": "import os\n\nAPI_URL = os.environ.get('ZEBU_API_URL')\n",
        "backend/src/zebu/adapters/inbound/__init__.py": "",
        "backend/src/zebu/adapters/inbound/api/__init__.py": "",
        "backend/src/zebu/adapters/inbound/api/dependencies.py": (
            "import os\n\n\ndef get_history_epoch() -> str:\n"
            '    return os.environ.get("ZEBU_HISTORY_EPOCH", "2015-01-01")\n'
        ),
    }
    write_tree(tmp_path, files)
    session = (
        "# Lookback\n\n## Requirements\n\n- A `ZEBU_HISTORY_MAX_LOOKBACK_DAYS` setting clamps "
        "the epoch to `max(ZEBU_HISTORY_EPOCH, today - lookback)`.\n"
    )
    plan = planned(tmp_path, session).plan
    assert plan is not None
    paths = {c.path for c in plan.changes}
    assert "backend/src/zebu/adapters/inbound/api/dependencies.py" in paths
    assert "mcp/src/zebu_mcp/config.py" not in paths


def test_a_constant_of_the_code_is_no_setting_and_a_negated_kind_word_no_kind(
    tmp_path: Path,
) -> None:
    """``DEFAULT_CRITERIA`` written in backticks is the code's constant: its module
    changes, and neither the settings module nor the example environment does. "não
    cria nem reorganiza" takes the refactor word back."""
    files = {
        **FAKES_BESIDE_PORTS,
        "backend/src/zebu/domain/criteria.py": (
            'DEFAULT_CRITERIA = {"min_trades": 100, "min_sharpe": 0.8}\n\n\n'
            "def passes(trades: int) -> bool:\n"
            '    return trades >= DEFAULT_CRITERIA["min_trades"]\n'
        ),
        "backend/src/zebu/config.py": "import os\n\nDEBUG = os.environ.get('ZEBU_DEBUG')\n",
        "backend/.env.example": "ZEBU_DEBUG=0\n",
    }
    write_tree(tmp_path, files)
    session = (
        "# Recalibrar o gate\n\n## Objetivo\n\nA mudança não cria nem reorganiza nenhuma "
        "superfície. O holdout recebe perfil próprio ao lado de `DEFAULT_CRITERIA`, com "
        "mínimo de 20 trades.\n"
    )
    planning = planned(tmp_path, session)
    assert planning.scope_result is not None and planning.plan is not None
    assert planning.scope_result.settings == ()
    assert "refactor" not in planning.scope_result.kinds
    paths = {c.path for c in planning.plan.changes}
    assert "backend/src/zebu/domain/criteria.py" in paths
    assert not paths & {"backend/src/zebu/config.py", "backend/.env.example"}


def test_the_words_of_a_request_title_name_no_resource(tmp_path: Path) -> None:
    """ "Proposal: Add guest workspaces" asks for something: where the code has modules
    named with "add" and "proposal", neither becomes what the feature is about."""
    files = {
        **FAKES_BESIDE_PORTS,
        "backend/src/zebu/application/add_fire.py": "def add_fire() -> None:\n    pass\n",
        "backend/src/zebu/domain/entities/proposal.py": "class Proposal:\n    pass\n",
    }
    write_tree(tmp_path, files)
    session = (
        "# Proposal: Add guest workspaces\n\n## What Changes\n\n- A guest session creates "
        "a workspace that keeps its trigger fires; each `TriggerFire` belongs to one.\n"
    )
    scope = planned(tmp_path, session, "add-guest-workspaces").scope_result
    assert scope is not None
    assert not {"add", "proposal"} & set(scope.resources), scope.resources
