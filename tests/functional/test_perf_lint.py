"""Performance lint along a route's trace and over all services and adapters.

The sample's findings are exactly the planted problems of its PLANTED.md; every rule
is also checked on ``tests/assets/facts_perf``, where each method shows a problem
(``*_bad``) or the same code done right (``*_ok``), which must give no finding.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from archbook import api
from archbook.application.tracing.mongo_indexes import Indexes, declared_indexes
from archbook.application.tracing.perf_lint import lint_functions
from archbook.domain.trace import PerfFinding

ASSETS = Path(__file__).resolve().parents[1] / "assets"
PERF = ASSETS / "facts_perf"

THREAD_SERVICE = "src/application/services/thread_service.py"
MONGO_THREADS = "src/infrastructure/adapters/mongo/mongo_thread_repository.py"
FIND_LINE = 'cursor = self._collection.find(query).sort("last_activity_at", direction)'

# PLANTED.md, "Heavy endpoint: GET /api/threads": (rule, path, line, code)
PLANTED = [
    ("await-in-loop", THREAD_SERVICE, 68,
     "author = await self._users.get_by_id(thread.author_id)"),
    ("unindexed-filter", MONGO_THREADS, 51, 'query["tags"] = filters.tag'),
    ("find-without-projection", MONGO_THREADS, 57, FIND_LINE),
    ("unbounded-query", MONGO_THREADS, 57, FIND_LINE),
    ("unindexed-sort", MONGO_THREADS, 57, FIND_LINE),
    ("unbounded-to-list", MONGO_THREADS, 58, "documents = await cursor.to_list(None)"),
]  # fmt: skip


def found(findings: list[PerfFinding]) -> list[tuple[str, str, int, str]]:
    return [(f.rule, f.location.path, f.location.line, f.code) for f in findings]


def line_of(path: Path, text: str) -> int:
    """The 1-based line of the one line of ``path`` containing ``text``."""
    lines = [n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line]
    assert len(lines) == 1, (path, text, lines)
    return lines[0]


@pytest.fixture(scope="module")
def sample() -> api.RepoKnowledge:
    return api.knowledge(cache=False)


@pytest.fixture(scope="module")
def perf() -> api.RepoKnowledge:
    return api.knowledge(str(PERF), cache=False)


# ------------------------------------------------------------------------ sample


def test_the_heavy_route_gives_exactly_the_planted_findings(sample: api.RepoKnowledge) -> None:
    findings = api.perf_findings(sample, "GET /api/threads")
    assert found(findings) == PLANTED


def test_planted_findings_say_what_is_wrong(sample: api.RepoKnowledge) -> None:
    findings = {(f.rule, f.location.line): f for f in api.perf_findings(sample, "GET /api/threads")}
    assert findings[("unindexed-filter", 51)].message == (
        "filter on 'tags' but no declared index covers it"
    )
    assert findings[("unindexed-sort", 57)].message == (
        "sort on 'last_activity_at' but no declared index covers it"
    )
    assert findings[("await-in-loop", 68)].function == (
        "src.application.services.thread_service:ThreadService.list_threads"
    )
    assert findings[("unbounded-to-list", 58)].function == (
        "src.infrastructure.adapters.mongo.mongo_thread_repository:MongoThreadRepository.list"
    )


def test_the_clean_messages_route_has_no_findings(sample: api.RepoKnowledge) -> None:
    assert api.perf_findings(sample, "GET /api/threads/{thread_id}/messages") == []


def test_every_other_route_of_the_sample_is_clean(sample: api.RepoKnowledge) -> None:
    for route in sample.facts.routes:
        if route.key != "GET /api/threads":
            assert api.perf_findings(sample, route.key) == [], route.key


def test_all_services_and_adapters_hold_only_the_planted_problems(
    sample: api.RepoKnowledge,
) -> None:
    # "Outside src/tests, no other find() or to_list() call exists and no other loop
    # awaits"; no blocking calls anywhere (PBKDF2 runs in asyncio.to_thread).
    assert found(api.perf_findings(sample)) == PLANTED


def test_the_sample_declares_exactly_its_indexes(sample: api.RepoKnowledge) -> None:
    # indexes.py lines 9-15
    assert declared_indexes(sample.model).by_collection == {
        "users": {"email"},
        "threads": {"author_id", "status", "title", "body"},
        "messages": {"thread_id", "created_at"},
    }


# ---------------------------------------------------------------- each rule

REPO = PERF / "app/adapters/mongo_item_repository.py"
BLOCKING = PERF / "app/adapters/blocking_price_feed.py"
ASYNC = PERF / "app/adapters/async_price_feed.py"
SERVICE = PERF / "app/services/item_service.py"

# function: [(rule, file, text of the line)]
EXPECTED: dict[str, list[tuple[str, Path, str]]] = {
    "app.adapters.mongo_item_repository:MongoItemRepository.search": [
        ("unindexed-filter", REPO, 'query["tags"] = tag'),
        ("find-without-projection", REPO, "cursor = self._items.find(query)"),
        ("unbounded-query", REPO, "cursor = self._items.find(query)"),
        ("unindexed-sort", REPO, "cursor = self._items.find(query)"),
        ("unbounded-to-list", REPO, "return await cursor.to_list(None)"),
    ],
    # projection, .limit(), to_list(length=), filter and sort on the compound index
    "app.adapters.mongo_item_repository:MongoItemRepository.recent": [],
    "app.adapters.mongo_item_repository:MongoItemRepository.find": [],
    "app.adapters.mongo_item_repository:MongoItemRepository.projection_keyword_ok": [],
    # .skip() without .limit() bounds nothing
    "app.adapters.mongo_item_repository:MongoItemRepository.skip_only_bad": [
        ("unbounded-query", REPO, ".skip(offset)"),
    ],
    "app.adapters.mongo_item_repository:MongoItemRepository.sort_list_bad": [
        ("unindexed-sort", REPO, '.sort([("price", -1)])'),
    ],
    # "$comment" is an operator, not a field
    "app.adapters.mongo_item_repository:MongoItemRepository.filter_literal_bad": [
        ("unindexed-filter", REPO, '{"colour": colour'),
    ],
    "app.adapters.mongo_item_repository:MongoItemRepository.to_list_bare_bad": [
        ("unbounded-to-list", REPO, ".limit(5).to_list()"),
    ],
    # self.find() is the repository's own method, not a MongoDB query
    "app.adapters.mongo_item_repository:MongoItemRepository.own_find_ok": [],
    "app.adapters.blocking_price_feed:BlockingPriceFeed.price": [
        ("blocking-call-in-async", BLOCKING, "time.sleep(0.1)"),
        ("blocking-call-in-async", BLOCKING, "requests.get("),
    ],
    # from time import sleep
    "app.adapters.blocking_price_feed:BlockingPriceFeed.from_import_bad": [
        ("blocking-call-in-async", BLOCKING, "        sleep(1)"),
    ],
    "app.adapters.blocking_price_feed:BlockingPriceFeed.subprocess_bad": [
        ("blocking-call-in-async", BLOCKING, "subprocess.run("),
    ],
    "app.adapters.blocking_price_feed:BlockingPriceFeed.urlopen_bad": [
        ("blocking-call-in-async", BLOCKING, "urllib.request.urlopen("),
    ],
    # a plain def may block: it runs in FastAPI's thread pool
    "app.adapters.blocking_price_feed:BlockingPriceFeed.sync_ok": [],
    # await asyncio.sleep, httpx.AsyncClient
    "app.adapters.async_price_feed:HttpxPriceFeed.price": [],
    # local names called `requests` and `time` are no libraries
    "app.adapters.async_price_feed:HttpxPriceFeed.local_names_ok": [],
    "app.services.item_service:ItemService.search_with_prices": [
        ("await-in-loop", SERVICE, 'item["price"] = await'),
    ],
    # asyncio.gather over a generator: no await inside a loop
    "app.services.item_service:ItemService.recent_with_prices": [],
    # a port's find() in a service that imports no MongoDB driver
    "app.services.item_service:ItemService.item": [],
    "app.services.item_service:ItemService.drain_bad": [
        ("await-in-loop", SERVICE, "prices.append(await"),
    ],
    "app.services.item_service:ItemService.comprehension_bad": [
        ("await-in-loop", SERVICE, "return [await"),
    ],
    # the awaited call is the loop's iterable, evaluated once
    "app.services.item_service:ItemService.loop_over_awaited_ok": [],
}


@pytest.mark.parametrize("qualname", sorted(EXPECTED))
def test_each_rule_flags_the_problem_and_not_the_fix(
    perf: api.RepoKnowledge, qualname: str
) -> None:
    function = perf.model.function(qualname)
    assert function is not None, qualname
    findings = lint_functions(perf.model, [function])
    expected = sorted(
        (rule, str(path.relative_to(PERF)), line_of(path, text))
        for rule, path, text in EXPECTED[qualname]
    )
    got = sorted((f.rule, f.location.path, f.location.line) for f in findings)
    assert got == expected
    assert all(f.function == qualname for f in findings)


def test_every_method_of_the_fixture_is_covered(perf: api.RepoKnowledge) -> None:
    linted = {f"{klass}.{name}" for klass in (
        "app.adapters.mongo_item_repository:MongoItemRepository",
        "app.adapters.blocking_price_feed:BlockingPriceFeed",
        "app.adapters.async_price_feed:HttpxPriceFeed",
        "app.services.item_service:ItemService",
    ) for name in perf.model.classes[klass].methods if name != "__init__"}  # fmt: skip
    assert linted == set(EXPECTED)


def test_findings_messages_name_the_field(perf: api.RepoKnowledge) -> None:
    findings = api.perf_findings(perf)
    messages = {f.message for f in findings if f.rule.startswith("unindexed")}
    assert messages == {
        "filter on 'tags' but no declared index covers it",
        "filter on 'colour' but no declared index covers it",
        "sort on 'name' but no declared index covers it",
        "sort on 'price' but no declared index covers it",
    }


def test_fixture_indexes_from_create_index_forms(perf: api.RepoKnowledge) -> None:
    # create_index([(...), (...)]), create_indexes([IndexModel([...])]), create_index("sku")
    assert declared_indexes(perf.model).by_collection == {
        "items": {"owner_id", "created_at", "sku"},
        "prices": {"sku"},
    }


def test_index_coverage_by_collection() -> None:
    indexes = Indexes({"items": {"owner_id"}, "": {"tenant"}})
    assert indexes.covers("items", "owner_id")
    assert indexes.covers("items", "tenant")  # from an index of unknown collection
    assert indexes.covers("items", "_id")  # always indexed
    assert not indexes.covers("items", "name")
    assert indexes.covers(None, "owner_id")  # unknown collection: any index will do
    assert not Indexes().declared


# ------------------------------------------------------------ along the traces


def test_a_trace_lints_the_service_and_every_adapter_it_reaches(perf: api.RepoKnowledge) -> None:
    rows = [
        (f.rule, f.location.path, f.location.line) for f in api.perf_findings(perf, "GET /items")
    ]
    blocking, repo, service = (str(p.relative_to(PERF)) for p in (BLOCKING, REPO, SERVICE))
    find_line = line_of(REPO, "cursor = self._items.find(query)")
    assert rows == [
        ("blocking-call-in-async", blocking, line_of(BLOCKING, "time.sleep(0.1)")),
        ("blocking-call-in-async", blocking, line_of(BLOCKING, "requests.get(")),
        ("unindexed-filter", repo, line_of(REPO, 'query["tags"] = tag')),
        ("find-without-projection", repo, find_line),
        ("unbounded-query", repo, find_line),
        ("unindexed-sort", repo, find_line),
        ("unbounded-to-list", repo, line_of(REPO, "to_list(None)")),
        ("await-in-loop", service, line_of(SERVICE, 'item["price"] = await')),
    ]


def test_a_clean_query_still_reaches_a_blocking_adapter(perf: api.RepoKnowledge) -> None:
    rows = {(f.rule, f.function) for f in api.perf_findings(perf, "GET /items/recent")}
    assert rows == {
        ("blocking-call-in-async", "app.adapters.blocking_price_feed:BlockingPriceFeed.price")
    }


def test_a_clean_route_has_no_findings(perf: api.RepoKnowledge) -> None:
    assert api.perf_findings(perf, "GET /items/{item_id}") == []


def test_sql_repositories_and_ports_named_find_are_not_mongo_queries() -> None:
    # GetAccountHandler awaits self._repository.find(...) (a port); the SQLAlchemy
    # repository calls its own self.find(...). Neither is a MongoDB find().
    known = api.knowledge(str(ASSETS / "bounded_contexts"), cache=False)
    assert api.perf_findings(known, "GET /accounts/{account_id}") == []
    assert api.perf_findings(known, "POST /accounts") == []
    assert api.perf_findings(known) == []


def test_without_declared_indexes_no_index_rule_fires(tmp_path: Path) -> None:
    (tmp_path / "repo.py").write_text(
        "import motor.motor_asyncio\n\n\n"
        "class Repo:\n"
        "    def __init__(self, db) -> None:\n"
        '        self._c = db["things"]\n\n'
        "    async def all(self, colour: str) -> list:\n"
        '        return await self._c.find({"colour": colour}).sort("name").to_list(None)\n'
    )
    known = api.knowledge(str(tmp_path), cache=False)
    function = known.model.function("repo:Repo.all")
    assert function is not None
    rules = [f.rule for f in lint_functions(known.model, [function])]
    assert rules == ["find-without-projection", "unbounded-query", "unbounded-to-list"]


def test_findings_are_reported_once_in_file_and_line_order(perf: api.RepoKnowledge) -> None:
    findings = api.perf_findings(perf)
    keys = [(f.location.path, f.location.line, f.rule) for f in findings]
    assert keys == sorted(set(keys))
    search = perf.model.function("app.adapters.mongo_item_repository:MongoItemRepository.search")
    assert search is not None
    assert lint_functions(perf.model, [search, search]) == lint_functions(perf.model, [search])


def test_a_collection_kept_by_the_class_is_queried_without_a_driver_import(
    tmp_path: Path,
) -> None:
    # No motor/pymongo import, but self._c = db["things"]: the find() is a MongoDB query;
    # self._repo.find() in the same class is not (its receiver is no collection).
    (tmp_path / "store.py").write_text(
        "class Store:\n"
        "    def __init__(self, db, repo) -> None:\n"
        '        self._c = db["things"]\n'
        "        self._repo = repo\n\n"
        "    async def things(self) -> list:\n"
        "        return await self._c.find({}).to_list(None)\n\n"
        "    async def other(self, key: str) -> object:\n"
        '        name = {"k": key}["k"]\n'
        "        return await self._repo.find(name)\n"
    )
    known = api.knowledge(str(tmp_path), cache=False)
    things, other = (known.model.function(f"store:Store.{m}") for m in ("things", "other"))
    assert things is not None and other is not None
    assert [(f.rule, f.location.line) for f in lint_functions(known.model, [things])] == [
        ("find-without-projection", 7),
        ("unbounded-query", 7),
        ("unbounded-to-list", 7),
    ]
    assert lint_functions(known.model, [other]) == []


def test_the_collections_a_class_keeps_serve_each_of_its_methods_linted_together(
    tmp_path: Path,
) -> None:
    # The class is read once for all its methods; a module-level function keeps its own.
    (tmp_path / "store.py").write_text(
        "class Store:\n"
        "    def __init__(self, db) -> None:\n"
        '        self._c = db["things"]\n\n'
        "    async def things(self) -> list:\n"
        "        return await self._c.find({}).to_list(None)\n\n"
        "    async def more(self) -> list:\n"
        "        return await self._c.find({}).to_list(None)\n\n\n"
        "async def loose(db, c) -> list:\n"
        "    return await c.find({}).to_list(None)\n"
    )
    known = api.knowledge(str(tmp_path), cache=False)
    functions = [
        known.model.function(f"store:{n}") for n in ("Store.things", "Store.more", "loose")
    ]
    assert all(f is not None for f in functions)
    lines = {f.location.line for f in lint_functions(known.model, functions)}  # type: ignore[arg-type]
    assert lines == {6, 9}
