"""Traces through the ways real services reach their use cases, on ``trace_idioms``.

Expected steps are worked out by hand from the fixture's source (see its README),
never by running archbook.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fakes.planned_trees import write_tree

from archbook import api
from archbook.domain.trace import TraceNode

ASSETS = Path(__file__).resolve().parents[1] / "assets"

Step = tuple[int, str, str, str]  # depth, kind, name, file:line ("-" when none)


def flat(node: TraceNode, depth: int = 0) -> list[Step]:
    where = str(node.step.location) if node.step.location else "-"
    rows = [(depth, node.step.kind, node.step.name, where)]
    for child in node.children:
        rows.extend(flat(child, depth + 1))
    return rows


@pytest.fixture(scope="module")
def known() -> api.RepoKnowledge:
    return api.knowledge(str(ASSETS / "trace_idioms"), cache=False)


def steps(known: api.RepoKnowledge, route: str) -> list[Step]:
    root = api.trace(known, route).root  # the route step itself is left out
    return [row for child in root.children for row in flat(child)]


def test_a_depends_factory_returning_a_use_case_and_a_protocol_port(
    known: api.RepoKnowledge,
) -> None:
    # get_quote() -> QuotePrice; QuotePrice.catalog is the Catalog Protocol, served by
    # TableCatalog (structurally) and by the flat_catalog module's price_of function.
    assert steps(known, "GET /shop/quote/{sku}") == [
        (0, "handler", "shop.web.routes:quote", "shop/web/routes.py:14"),
        (1, "service", "shop.core.use_cases:QuotePrice.run", "shop/core/use_cases.py:8"),
        (2, "port", "shop.core.ports:Catalog.price_of", "shop/core/ports.py:6"),
        (3, "adapter", "shop.infra.catalog_table:TableCatalog.price_of",
         "shop/infra/catalog_table.py:2"),
        (3, "adapter", "shop.infra.flat_catalog:price_of", "shop/infra/flat_catalog.py:1"),
    ]  # fmt: skip


def test_a_use_case_built_in_the_handler_shows_every_branch_and_unresolved(
    known: api.RepoKnowledge,
) -> None:
    rows = steps(known, "POST /shop/checkout")
    assert rows[:2] == [
        (0, "handler", "shop.web.routes:checkout", "shop/web/routes.py:19"),
        (1, "service", "shop.core.use_cases:Checkout.run", "shop/core/use_cases.py:17"),
    ]
    # Ledger has no implementation: one "unresolved" adapter step with the reason.
    assert rows[2:4] == [
        (2, "port", "shop.core.ports:Ledger.record", "shop/core/ports.py:15"),
        (3, "adapter", "unresolved", "-"),
    ]
    trace = api.trace(known, "POST /shop/checkout")
    unresolved = [n for n in trace.root.walk() if n.step.name == "unresolved"]
    assert "no class or module in the repository implements it" in unresolved[0].step.note
    # Notifier is an ABC with two subclasses: two branches, never the ABC itself.
    assert rows[4:] == [
        (2, "port", "shop.core.ports:Notifier.send", "shop/core/ports.py:11"),
        (3, "adapter", "shop.infra.notifiers:MailNotifier.send", "shop/infra/notifiers.py:5"),
        (3, "adapter", "shop.infra.notifiers:SmsNotifier.send", "shop/infra/notifiers.py:10"),
    ]


def test_module_level_instance_and_class_based_handler_property(
    known: api.RepoKnowledge,
) -> None:
    assert steps(known, "GET /shop/reports") == [
        (0, "handler", "shop.web.routes:daily_reports", "shop/web/routes.py:25"),
        (1, "service", "shop.core.use_cases:Reports.daily", "shop/core/use_cases.py:23"),
    ]
    assert steps(known, "GET /shop/price/{sku}")[:2] == [
        (0, "handler", "shop.web.routes:PriceController.price", "shop/web/routes.py:40"),
        (1, "service", "shop.core.use_cases:QuotePrice.run", "shop/core/use_cases.py:8"),
    ]


def test_functions_handed_a_session_reach_the_library(known: api.RepoKnowledge) -> None:
    assert steps(known, "GET /shop/orders/count") == [
        (0, "handler", "shop.web.routes:order_count", "shop/web/routes.py:30"),
        (1, "adapter", "shop.infra.orders_sql:count_orders", "shop/infra/orders_sql.py:4"),
        (2, "adapter", "sqlalchemy.orm.Session (library)", "-"),
    ]


def test_messages_sent_to_a_bus_reach_the_handlers_of_their_type(
    known: api.RepoKnowledge,
) -> None:
    # RefundOrderHandler(Handler[RefundOrder]).handle; archive_order is registered
    # with @bus.handler(ArchiveOrder). Bus.send itself is shown too.
    refund = steps(known, "POST /shop/orders/{order_id}/refund")
    assert (1, "service", "shop.core.messages:RefundOrderHandler.handle",
            "shop/core/messages.py:37") in refund  # fmt: skip
    archive = steps(known, "POST /shop/orders/{order_id}/archive")
    assert (1, "service", "shop.core.messages:archive_order",
            "shop/core/messages.py:42") in archive  # fmt: skip
    assert not any("RefundOrderHandler" in name for _, _, name, _ in archive)


SESSION = (4, "adapter", "sqlalchemy.orm.Session (library)", "-")


def test_a_container_kept_on_the_app_state(known: api.RepoKnowledge) -> None:
    # main.py: app.state.container = container (a ShopContainer); the handler calls
    # request.app.state.container.enrolment().run(...), and the container binds
    # Enrol's store to SqlMemberStore. tidy() is a leaf helper: not a step.
    assert steps(known, "POST /shop/members/{name}") == [
        (0, "handler", "shop.web.members:enrol", "shop/web/members.py:21"),
        (1, "service", "shop.members.use_cases:Enrol.run", "shop/members/use_cases.py:8"),
        (2, "port", "shop.members.ports:MemberStore.add", "shop/members/ports.py:6"),
        (3, "adapter", "shop.infra.members_sql:SqlMemberStore.add", "shop/infra/members_sql.py:10"),
        SESSION,
    ]  # fmt: skip


def test_a_use_case_from_a_factory_object_reached_through_attributes(
    known: api.RepoKnowledge,
) -> None:
    # ctx.factories.members.make_leave(): a dataclass field, a property returning
    # MemberUseCases, a method returning Leave. The factory call itself is no step;
    # no container binds Leave's store, so both implementations are branches.
    assert steps(known, "DELETE /shop/members/{name}") == [
        (0, "handler", "shop.web.members:leave", "shop/web/members.py:26"),
        (1, "service", "shop.members.use_cases:Leave.run", "shop/members/use_cases.py:16"),
        (2, "port", "shop.members.ports:MemberStore.remove", "shop/members/ports.py:9"),
        (3, "adapter", "shop.infra.members_memory:MemoryMemberStore.remove",
         "shop/infra/members_memory.py:11"),
        (3, "adapter", "shop.infra.members_sql:SqlMemberStore.remove",
         "shop/infra/members_sql.py:13"),
        SESSION,
    ]  # fmt: skip


def test_a_store_factory_object_held_by_the_service(known: api.RepoKnowledge) -> None:
    # Roster.size calls self.stores.members.count(): Stores.members is a
    # cached_property returning SqlMemberStore, whose session is a typed attribute.
    assert steps(known, "GET /shop/members/size") == [
        (0, "handler", "shop.web.members:size", "shop/web/members.py:32"),
        (1, "service", "shop.members.roster:Roster.size", "shop/members/roster.py:10"),
        (2, "collaborator", "shop.infra.members_sql:SqlMemberStore.count",
         "shop/infra/members_sql.py:16"),
        (3, "adapter", "sqlalchemy.orm.Session (library)", "-"),
    ]  # fmt: skip


def test_an_attribute_typed_any_takes_the_class_its_builder_passes(
    known: api.RepoKnowledge,
) -> None:
    # Till(book: Any) is built as Till(CashBook(session)) by get_till; the public
    # self.check() is a step of its own.
    assert steps(known, "POST /shop/members/fees/{amount}") == [
        (0, "handler", "shop.web.members:pay_fee", "shop/web/members.py:38"),
        (1, "service", "shop.members.till:Till.take", "shop/members/till.py:10"),
        (2, "collaborator", "shop.members.till:Till.check", "shop/members/till.py:14"),
        (3, "collaborator", "shop.infra.cash_book:CashBook.balance", "shop/infra/cash_book.py:11"),
        SESSION,
        (2, "collaborator", "shop.infra.cash_book:CashBook.write", "shop/infra/cash_book.py:8"),
        (3, "adapter", "sqlalchemy.orm.Session (library)", "-"),
    ]  # fmt: skip


def test_a_use_case_built_in_a_class_init(known: api.RepoKnowledge) -> None:
    # DeskController.__init__ sets self.leave = Leave(MemoryMemberStore()).
    assert steps(known, "DELETE /shop/members/desk/{name}")[:3] == [
        (0, "handler", "shop.web.members:DeskController.leave_at_desk",
         "shop/web/members.py:47"),
        (1, "service", "shop.members.use_cases:Leave.run", "shop/members/use_cases.py:16"),
        (2, "port", "shop.members.ports:MemberStore.remove", "shop/members/ports.py:9"),
    ]  # fmt: skip


def test_query_builders_are_no_library_steps_and_helpers_no_steps(tmp_path: Path) -> None:
    # A Select handed to a repository function is a query, not an I/O object; the
    # session it runs on is. parse_limit (a leaf outside the application layer) and
    # make_store (a factory returning a concrete class) are no steps; pick_reader
    # returns an interface, so it is where the implementation is chosen: a step.
    (tmp_path / "infrastructure").mkdir()
    (tmp_path / "infrastructure" / "rows.py").write_text(
        "from abc import ABC, abstractmethod\n\n"
        "from sqlalchemy import Select\n"
        "from sqlalchemy.orm import Session\n\n\n"
        "class Store:\n"
        "    pass\n\n\n"
        "def make_store() -> Store:\n"
        "    return Store()\n\n\n"
        "def newest(session: Session, query: Select) -> object:\n"
        "    return session.execute(query.limit(1))\n\n\n"
        "class Reader(ABC):\n"
        "    @abstractmethod\n"
        "    def read(self) -> str: ...\n\n\n"
        "class FileReader(Reader):\n"
        "    def read(self) -> str:\n"
        "        return ''\n\n\n"
        "def pick_reader(kind: str) -> Reader:\n"
        "    return {'file': FileReader}[kind]()\n"
    )
    (tmp_path / "web.py").write_text(
        "from fastapi import FastAPI\n"
        "from sqlalchemy import select\n"
        "from sqlalchemy.orm import Session\n\n"
        "from infrastructure.rows import make_store, newest, pick_reader\n\n"
        "app = FastAPI()\n\n\n"
        "def parse_limit(text: str) -> int:\n"
        "    return int(text)\n\n\n"
        "@app.get('/rows')\n"
        "def rows(session: Session, limit: str) -> object:\n"
        "    make_store()\n"
        "    parse_limit(limit)\n"
        "    pick_reader('file').read()\n"
        "    return newest(session, select())\n"
    )
    known = api.knowledge(str(tmp_path), cache=False)
    assert steps(known, "GET /rows") == [
        (0, "handler", "web:rows", "web.py:15"),
        (1, "adapter", "infrastructure.rows:pick_reader", "infrastructure/rows.py:29"),
        (1, "port", "infrastructure.rows:Reader.read", "infrastructure/rows.py:21"),
        (2, "adapter", "infrastructure.rows:FileReader.read", "infrastructure/rows.py:25"),
        (1, "adapter", "infrastructure.rows:newest", "infrastructure/rows.py:15"),
        (2, "adapter", "sqlalchemy.orm.Session (library)", "-"),
    ]


FACTORY_CLASSMETHODS = {
    "shop/__init__.py": "",
    "shop/kit.py": (
        "from typing import Self\n\n\nclass RepositoryBase:\n"
        "    def __init__(self, session: object) -> None:\n        self.session = session\n\n"
        "    @classmethod\n    def from_session(cls, session: object) -> Self:\n"
        "        return cls(session)\n\n"
        "    @classmethod\n    def count(cls) -> int:\n        return 0\n"
    ),
    "shop/orders/__init__.py": "",
    "shop/orders/repository.py": (
        "from shop.kit import RepositoryBase\n\n\nclass OrderRepository(RepositoryBase):\n"
        "    async def get_by_id(self, id: int) -> dict:\n        return {}\n"
    ),
    "shop/orders/ledger.py": (
        "class Ledger:\n    @classmethod\n    def open(cls, name):\n        return cls()\n\n"
        "    def total(self, id: int) -> int:\n        return 0\n"
    ),
    "shop/orders/service.py": (
        "from shop.orders.ledger import Ledger\n"
        "from shop.orders.repository import OrderRepository\n\n\nclass OrderService:\n"
        "    async def get(self, session: object, id: int) -> dict:\n"
        "        repository = OrderRepository.from_session(session)\n"
        "        ledger = Ledger.open('orders')\n"
        "        many = OrderRepository.count()\n"
        "        return {**(await repository.get_by_id(id)), 'total': ledger.total(id),\n"
        "                'bits': many.bit_length()}\n\n\n"
        "order = OrderService()\n"
    ),
    "shop/orders/endpoints.py": (
        "from fastapi import APIRouter\n\n"
        "from shop.orders.repository import OrderRepository\n"
        "from shop.orders.service import order as order_service\n\n"
        "router = APIRouter(prefix='/orders')\n\n\n@router.get('/{id}')\n"
        "async def get_order(id: int) -> dict:\n    return await order_service.get(None, id)\n\n\n"
        "async def _rows(session: object) -> list:\n"
        "    repository = OrderRepository.from_session(session)\n"
        "    return [await repository.get_by_id(1)]\n\n\n"
        "@router.get('/')\nasync def list_orders() -> list:\n    return await _rows(None)\n"
    ),
    "shop/main.py": (
        "from fastapi import FastAPI\n\nfrom shop.orders.endpoints import router\n\n"
        "app = FastAPI()\napp.include_router(router)\n"
    ),
}


def test_an_object_a_classmethod_builds_is_an_instance_of_the_class_it_is_called_on(
    tmp_path: Path,
) -> None:
    """``OrderRepository.from_session(session)`` (a base's ``-> Self`` classmethod)
    and ``Ledger.open(...)`` (``return cls()``) give instances of the class they are
    called on, so the trace goes on into their methods; a classmethod returning
    something else (``count() -> int``) gives no step."""
    for path, text in FACTORY_CLASSMETHODS.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")
    rows = steps(api.knowledge(str(tmp_path), cache=False), "GET /orders/{id}")
    names = [name for _, _, name, _ in rows]
    assert names[:2] == ["shop.orders.endpoints:get_order", "shop.orders.service:OrderService.get"]
    assert sorted(names[2:]) == [
        "shop.orders.ledger:Ledger.total",
        "shop.orders.repository:OrderRepository.get_by_id",
    ]


def test_what_a_private_helper_of_the_handlers_module_reaches_is_the_handlers(
    tmp_path: Path,
) -> None:
    """``list_orders`` reads its rows through ``_rows(session)``, a private helper of
    its own module: the helper is no step, the repository method it calls is."""
    for path, text in FACTORY_CLASSMETHODS.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")
    rows = steps(api.knowledge(str(tmp_path), cache=False), "GET /orders/")
    assert [(depth, name) for depth, _, name, _ in rows] == [
        (0, "shop.orders.endpoints:list_orders"),
        (1, "shop.orders.repository:OrderRepository.get_by_id"),
    ]


SERVICE_FUNCTIONS = {
    "shop/__init__.py": "",
    "shop/cases/__init__.py": "",
    "shop/cases/models.py": "class Case:\n    pass\n",
    "shop/cases/service.py": (
        "from shop.cases.models import Case\n\n\n"
        "def get(*, db_session, case_id: int) -> Case | None:\n"
        "    return db_session.query(Case).filter(Case.id == case_id).one_or_none()\n\n\n"
        "def blank() -> Case:\n    return Case()\n"
    ),
    "shop/cases/views.py": (
        "from fastapi import APIRouter\n\nfrom shop.cases.service import blank, get\n\n"
        "router = APIRouter(prefix='/cases')\n\n\n@router.get('/blank')\n"
        "def blank_case() -> object:\n    return blank()\n\n\n@router.get('/{case_id}')\n"
        "def get_case(case_id: int) -> object:\n"
        "    return get(db_session=None, case_id=case_id)\n"
    ),
    "shop/main.py": (
        "from fastapi import FastAPI\n\nfrom shop.cases.views import router\n\n"
        "app = FastAPI()\napp.include_router(router)\n"
    ),
}


def test_a_service_function_that_finds_a_model_is_a_step_one_that_builds_it_is_not(
    tmp_path: Path,
) -> None:
    """``get(db_session, case_id) -> Case | None`` (a service module's query, the
    session unannotated) reaches nothing archbook can name, but it is the use case:
    a step. ``blank() -> Case`` builds what it returns: a factory, no step."""
    for path, text in SERVICE_FUNCTIONS.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")
    known = api.knowledge(str(tmp_path), cache=False)
    assert [(d, k, n) for d, k, n, _ in steps(known, "GET /cases/{case_id}")] == [
        (0, "handler", "shop.cases.views:get_case"),
        (1, "service", "shop.cases.service:get"),
    ]
    assert [n for _, _, n, _ in steps(known, "GET /cases/blank")] == ["shop.cases.views:blank_case"]


MODULE_CLIENTS = {
    "app/__init__.py": "",
    "app/cache.py": (
        'from redis.asyncio import Redis\n\nredis_client = Redis.from_url("redis://localhost")\n'
    ),
    "app/crud/__init__.py": "",
    "app/crud/crud_posts.py": (
        "from fastcrud import FastCRUD\n\nfrom app.models import Post\n\n"
        "CRUDPost = FastCRUD[Post, dict, dict, dict, dict, None]\n"
        "crud_posts = CRUDPost(Post)\n"
    ),
    "app/models.py": "class Post:\n    pass\n",
    "app/api.py": (
        "from fastapi import APIRouter\n\n"
        "from app.cache import redis_client\n"
        "from app.crud.crud_posts import crud_posts\n\n"
        "router = APIRouter()\n\n\n"
        '@router.get("/posts/{id}")\n'
        "async def read_post(id: int, db: object) -> dict:\n"
        "    cached = await redis_client.get(str(id))\n"
        "    return cached or await crud_posts.get(db=db, id=id)\n\n\n"
        '@router.get("/posts")\n'
        "async def list_posts(crud_posts: object) -> list:\n"
        "    return await crud_posts.get_multi()  # a parameter, not the module's object\n"
    ),
}


def test_module_level_objects_built_from_library_classes_reach_the_library(
    tmp_path: Path,
) -> None:
    """``redis_client = Redis.from_url(...)`` and ``crud_posts = CRUDPost(Post)`` with
    ``CRUDPost = FastCRUD[...]``, imported and called by a handler: one library step
    each. A parameter of the same name is not the module's object."""
    write_tree(tmp_path, MODULE_CLIENTS)
    known = api.knowledge(str(tmp_path), cache=False)
    assert steps(known, "GET /posts/{id}")[1:] == [
        (1, "adapter", "redis.asyncio.Redis (library)", "-"),
        (1, "adapter", "fastcrud.FastCRUD (library)", "-"),
    ]
    assert steps(known, "GET /posts")[1:] == []


def test_a_module_of_handlers_is_no_adapter_of_a_protocol_it_shares_a_name_with(
    tmp_path: Path,
) -> None:
    """Dishka's example: a one-method ``Protocol`` port (``ProductGateway.add_product``)
    and a route handler called ``add_product`` that injects the interactor. The
    handler's module is not an adapter of the port; the class implementing it is."""
    write_tree(
        tmp_path,
        {
            "shop/__init__.py": "",
            "shop/use_cases.py": (
                "from typing import Protocol\n\n\n"
                "class ProductGateway(Protocol):\n"
                "    def add_product(self, name: str) -> None: ...\n\n\n"
                "class AddProduct:\n"
                "    def __init__(self, gateway: ProductGateway) -> None:\n"
                "        self.gateway = gateway\n\n"
                "    def __call__(self) -> None:\n"
                '        self.gateway.add_product("x")\n'
            ),
            "shop/db.py": (
                "from shop.use_cases import ProductGateway\n\n\n"
                "class SqlProductGateway(ProductGateway):\n"
                "    def add_product(self, name: str) -> None:\n        pass\n"
            ),
            "shop/web.py": (
                "from fastapi import APIRouter, Depends\n\n"
                "from shop.use_cases import AddProduct\n\nrouter = APIRouter()\n\n\n"
                '@router.post("/products")\n'
                "def add_product(interactor: AddProduct = Depends()) -> None:\n"
                "    interactor()\n"
            ),
        },
    )
    rows = steps(api.knowledge(str(tmp_path), cache=False), "POST /products")
    adapters = [name for _, kind, name, _ in rows if kind == "adapter"]
    assert adapters == ["shop.db:SqlProductGateway.add_product"]


def test_an_endpoint_declared_inside_its_router_factory_is_traced(tmp_path: Path) -> None:
    """The endpoint is a ``def`` inside ``make_archive_router()`` (or inside a method
    that registers it), injecting its use case: the trace goes from that nested
    handler through the use case and its port to the adapter, as for a module-level
    handler. A module-level object's method is still no definition."""
    write_tree(
        tmp_path,
        {
            "notes/__init__.py": "",
            "notes/core.py": (
                "from typing import Protocol\n\n\n"
                "class NoteStore(Protocol):\n"
                "    def archive(self, note_id: int) -> None: ...\n\n\n"
                "class ArchiveNote:\n"
                "    def __init__(self, store: NoteStore) -> None:\n"
                "        self._store = store\n\n"
                "    def execute(self, note_id: int) -> None:\n"
                "        self._store.archive(note_id)\n"
            ),
            "notes/sql.py": (
                "from notes.core import NoteStore\n\n\n"
                "class SqlNoteStore(NoteStore):\n"
                "    def archive(self, note_id: int) -> None:\n        pass\n"
            ),
            "notes/web.py": (
                "from dishka import FromDishka\nfrom dishka.integrations.fastapi import inject\n"
                "from fastapi import APIRouter, FastAPI\n\nfrom notes.core import ArchiveNote\n\n\n"
                "def make_archive_router() -> APIRouter:\n"
                "    router = APIRouter()\n\n"
                "    if True:\n"
                '        @router.post("/notes/{note_id}/archive")\n'
                "        @inject\n"
                "        def archive(note_id: int, use_case: FromDishka[ArchiveNote]) -> None:\n"
                "            use_case.execute(note_id)\n\n"
                "    return router\n\n\n"
                "app = FastAPI()\napp.include_router(make_archive_router())\n"
            ),
        },
    )
    known = api.knowledge(str(tmp_path), cache=False)
    assert steps(known, "POST /notes/{note_id}/archive") == [
        (0, "handler", "notes.web:make_archive_router.archive", "notes/web.py:14"),
        (1, "service", "notes.core:ArchiveNote.execute", "notes/core.py:12"),
        (2, "port", "notes.core:NoteStore.archive", "notes/core.py:5"),
        (3, "adapter", "notes.sql:SqlNoteStore.archive", "notes/sql.py:5"),
    ]
    assert known.model.function("notes.web:app.include_router") is None


def test_a_server_object_handed_by_a_factory_archbook_cannot_read_is_its_annotation(
    tmp_path: Path,
) -> None:
    """``server: "SyncServer" = Depends(get_server)``, where ``get_server`` imports the
    app's module-level ``server`` inside itself: the quoted annotation says what it is,
    and its managers are reached through it. A query-parameters schema handed by a
    factory (``Depends(make_dependable(PageQuery))``) is data, never a step."""
    write_tree(
        tmp_path,
        {
            "srv/__init__.py": "",
            "srv/managers.py": (
                "class AgentManager:\n"
                "    async def count_agents(self, actor: str) -> int:\n        return 0\n"
            ),
            "srv/server.py": (
                "from srv.managers import AgentManager\n\n\n"
                "class SyncServer(object):\n"
                "    def __init__(self) -> None:\n"
                "        self.agent_manager = AgentManager()\n"
            ),
            "srv/app.py": "from srv.server import SyncServer\n\nserver = SyncServer()\n",
            "srv/deps.py": (
                "from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n"
                "    from srv.server import SyncServer\n\n\n"
                'async def get_server() -> "SyncServer":\n'
                "    from srv.app import server\n\n    return server\n\n\n"
                "def make_dependable(cls):\n    return cls\n"
            ),
            "srv/schemas.py": (
                "from pydantic import BaseModel\n\n\n"
                "class PageQuery(BaseModel):\n    page: int = 1\n"
            ),
            "srv/routes.py": (
                "from fastapi import APIRouter, Depends\n\n"
                "from srv.deps import get_server, make_dependable\n"
                "from srv.schemas import PageQuery\n"
                "from srv.server import SyncServer\n\nrouter = APIRouter()\n\n\n"
                '@router.get("/agents/count")\n'
                "async def count_agents(\n"
                '    server: "SyncServer" = Depends(get_server),\n'
                "    q: PageQuery = Depends(make_dependable(PageQuery)),\n"
                ") -> int:\n"
                "    q.model_dump()\n"
                '    return await server.agent_manager.count_agents(actor="x")\n'
            ),
        },
    )
    known = api.knowledge(str(tmp_path), cache=False)
    assert steps(known, "GET /agents/count") == [
        (0, "handler", "srv.routes:count_agents", "srv/routes.py:11"),
        (1, "service", "srv.managers:AgentManager.count_agents", "srv/managers.py:2"),
    ]


def test_a_port_dishka_binds_at_module_level_leads_to_that_adapter_alone(
    tmp_path: Path,
) -> None:
    """``provider = Provider(scope=Scope.APP)`` and ``provider.provide(SqlNoteStore,
    provides=NoteStore)`` at the top of a module: the container hands that
    implementation for the port, so the trace follows it and not the in-memory one
    beside it."""
    write_tree(
        tmp_path,
        {
            "notes/__init__.py": "",
            "notes/ports.py": (
                "from abc import ABC, abstractmethod\n\n\n"
                "class NoteStore(ABC):\n"
                "    @abstractmethod\n"
                "    def all(self) -> list: ...\n"
            ),
            "notes/stores.py": (
                "from notes.ports import NoteStore\n\n\n"
                "class SqlNoteStore(NoteStore):\n"
                "    def all(self) -> list:\n        return []\n\n\n"
                "class MemoryNoteStore(NoteStore):\n"
                "    def all(self) -> list:\n        return []\n"
            ),
            "notes/use_cases.py": (
                "from notes.ports import NoteStore\n\n\n"
                "class ListNotes:\n"
                "    def __init__(self, store: NoteStore) -> None:\n"
                "        self._store = store\n\n"
                "    def handle(self) -> list:\n        return self._store.all()\n"
            ),
            "notes/di.py": (
                "from dishka import Provider, Scope\n\n"
                "from notes.ports import NoteStore\nfrom notes.stores import SqlNoteStore\n"
                "from notes.use_cases import ListNotes\n\n"
                "provider = Provider(scope=Scope.APP)\n"
                "provider.provide(SqlNoteStore, provides=NoteStore)\n"
                "provider.provide(ListNotes)\n"
            ),
            "notes/api.py": (
                "from dishka import FromDishka\nfrom dishka.integrations.fastapi import inject\n"
                "from fastapi import APIRouter\n\nfrom notes.use_cases import ListNotes\n\n"
                "router = APIRouter()\n\n\n"
                '@router.get("/notes")\n@inject\n'
                "def list_notes(use_case: FromDishka[ListNotes]) -> list:\n"
                "    return use_case.handle()\n"
            ),
        },
    )
    known = api.knowledge(str(tmp_path), cache=False)
    provided = {p.provides: p.builds for p in known.facts.providers if p.provides}
    assert provided == {"notes.ports:NoteStore": ("notes.stores:SqlNoteStore",)}
    assert steps(known, "GET /notes") == [
        (0, "handler", "notes.api:list_notes", "notes/api.py:12"),
        (1, "service", "notes.use_cases:ListNotes.handle", "notes/use_cases.py:8"),
        (2, "port", "notes.ports:NoteStore.all", "notes/ports.py:6"),
        (3, "adapter", "notes.stores:SqlNoteStore.all", "notes/stores.py:5"),
    ]
