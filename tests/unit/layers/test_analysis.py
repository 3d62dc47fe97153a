"""Analysis of a small repository: layer edges, counts, cycles, metrics, hot spots, JSON.

Every expected figure below is worked out by hand from ``REPO``.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from fakes.planned_trees import write_tree

from archbook import __version__, api
from archbook.adapters.rules.config_rules import ConfigFileRulesSource
from archbook.adapters.scanning.filesystem_scanner import FilesystemSourceTreeReader
from archbook.application.layers.analysis import Analysis, analyse, analyse_scan
from archbook.application.layers.scanning import Scanner
from archbook.domain.layers import LayerRules
from archbook.domain.source import Import, Module, Scan

REPO = {
    "app/__init__.py": "",
    "app/main.py": """
        from app.api import routes
        from app.infrastructure.memory_repo import MemoryRepo
    """,
    "app/api/__init__.py": "",
    "app/api/routes.py": """
        from app.services.user_service import UserService
        from app.domain.user import User
        from app.domain.email import Email
        from app.api import schemas
    """,
    "app/api/schemas.py": """
        from app.domain.user import User
        from app.domain.email import Email
    """,
    "app/services/__init__.py": "",
    "app/services/user_service.py": """
        from app.ports.user_repo import UserRepo
        from app.domain.user import User
    """,
    "app/ports/__init__.py": "",
    "app/ports/user_repo.py": "from app.domain.user import User\n",
    "app/domain/__init__.py": "",
    "app/domain/user.py": """
        import dataclasses
        from app.domain.email import Email
    """,
    "app/domain/email.py": """
        from app.domain import user
    """,
    "app/domain/bad.py": """
        from app.infrastructure.memory_repo import MemoryRepo
        import app.infrastructure.memory_repo
    """,
    "app/infrastructure/__init__.py": "",
    "app/infrastructure/memory_repo.py": """
        from app.ports.user_repo import UserRepo
        from app.domain.user import User
        import json
    """,
}

DOCUMENTED_KEYS = [
    "schema",
    "archbook",
    "root",
    "source_roots",
    "rules",
    "summary",
    "modules",
    "imports",
    "externals",
    "layers",
    "layer_edges",
    "violations",
    "cycles",
    "hotspots",
    "skipped",
    "stats",
]


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


@pytest.fixture
def analysis(tmp_path: Path) -> Analysis:
    write(tmp_path, REPO)
    return analyse(str(tmp_path), Scanner(FilesystemSourceTreeReader()), ConfigFileRulesSource())


# ----------------------------------------------------------------- classification


def test_modules_are_classified_by_their_folders(analysis: Analysis) -> None:
    layers = {name: c.layer for name, c in analysis.classifications.items()}
    assert layers == {
        "app": "unclassified",
        "app.main": "composition",
        "app.api": "presentation",
        "app.api.routes": "presentation",
        "app.api.schemas": "presentation",
        "app.services": "application",
        "app.services.user_service": "application",
        "app.ports": "ports",
        "app.ports.user_repo": "ports",
        "app.domain": "domain",
        "app.domain.user": "domain",
        "app.domain.email": "domain",
        "app.domain.bad": "domain",
        "app.infrastructure": "infrastructure",
        "app.infrastructure.memory_repo": "infrastructure",
    }
    assert analysis.modules_in("presentation") == ["app.api", "app.api.routes", "app.api.schemas"]


def test_layer_counts_follow_rule_order_with_empty_layers_present(analysis: Analysis) -> None:
    counts = analysis.layer_counts()
    assert list(counts.items()) == [
        ("tests", 0),
        ("composition", 1),
        ("presentation", 3),
        ("infrastructure", 2),
        ("application", 2),
        ("ports", 2),
        ("domain", 4),
        ("unclassified", 1),
    ]


def test_layers_outside_the_rules_come_after_unclassified(analysis: Analysis) -> None:
    rules = LayerRules().with_module_layers([("app.main", "bootstrap")])
    counts = analyse_scan(analysis.scan, rules).layer_counts()
    assert list(counts)[-2:] == ["unclassified", "bootstrap"]
    assert counts["bootstrap"] == 1
    assert counts["composition"] == 0


# --------------------------------------------------------------------- pairs


def test_pairs_hold_every_import_statement_behind_them(analysis: Analysis) -> None:
    assert len(analysis.pairs) == 16
    behind = analysis.pairs[("app.domain.bad", "app.infrastructure.memory_repo")]
    assert [(i.line, i.text) for i in behind] == [
        (1, "from app.infrastructure.memory_repo import MemoryRepo"),
        (2, "import app.infrastructure.memory_repo"),
    ]
    assert ("app.domain.email", "app.domain.user") in analysis.pairs
    assert analysis.externals == {"json": 1, "dataclasses": 1}


# ------------------------------------------------------------------ violations


def test_violations_list_each_offending_statement_in_file_order(analysis: Analysis) -> None:
    found = [
        (v.importer, v.imported, v.importer_layer, v.imported_layer, v.path, v.line)
        for v in analysis.violations
    ]
    bad = ("app.domain.bad", "app.infrastructure.memory_repo", "domain", "infrastructure")
    assert found == [(*bad, "app/domain/bad.py", 1), (*bad, "app/domain/bad.py", 2)]
    assert analysis.violations[0].describe() == (
        "app/domain/bad.py:1: domain → infrastructure: app.domain.bad imports "
        "app.infrastructure.memory_repo (from app.infrastructure.memory_repo import MemoryRepo)"
    )


def test_other_rules_on_the_same_scan_change_the_verdict(analysis: Analysis) -> None:
    rules = LayerRules().with_module_layers([("app.domain.bad", "infrastructure")])
    assert analyse_scan(analysis.scan, rules).violations == []


# ----------------------------------------------------------------- layer edges


def test_layer_edges_counts_examples_allowed_in_rank_order(analysis: Analysis) -> None:
    edges = [(e.source, e.target, e.count, e.allowed) for e in analysis.layer_edges]
    assert edges == [
        ("composition", "presentation", 1, True),
        ("composition", "infrastructure", 1, True),
        ("presentation", "application", 1, True),
        ("presentation", "domain", 4, True),
        ("infrastructure", "ports", 1, True),
        ("infrastructure", "domain", 1, True),
        ("application", "ports", 1, True),
        ("application", "domain", 1, True),
        ("ports", "domain", 1, True),
        ("domain", "infrastructure", 2, False),
    ]
    by_key = {(e.source, e.target): e for e in analysis.layer_edges}
    # at most three examples, taken in sorted pair order
    assert by_key[("presentation", "domain")].examples == (
        "app.api.routes → app.domain.email",
        "app.api.routes → app.domain.user",
        "app.api.schemas → app.domain.email",
    )
    assert by_key[("domain", "infrastructure")].examples == (
        "app.domain.bad → app.infrastructure.memory_repo",
    )


def test_same_layer_imports_are_not_layer_edges(analysis: Analysis) -> None:
    assert all(e.source != e.target for e in analysis.layer_edges)


def test_layer_graph_mirrors_counts_and_edges(analysis: Analysis) -> None:
    graph = analysis.layer_graph
    assert list(graph.nodes) == list(analysis.layer_counts())
    assert graph.nodes["domain"]["modules"] == 4
    assert graph.nodes["tests"]["modules"] == 0
    assert graph.edges["presentation", "domain"]["weight"] == 4
    assert graph.edges["domain", "infrastructure"]["allowed"] is False
    assert graph.number_of_edges() == 10


# ----------------------------------------------------------------------- cycles


def test_cycles_are_the_strongly_connected_groups(analysis: Analysis) -> None:
    assert analysis.cycles == [["app.domain.email", "app.domain.user"]]


def test_cycles_are_ordered_largest_first() -> None:
    names = ["a.x", "a.y", "b.p", "b.q", "b.r", "c.solo"]
    edges = [("a.x", "a.y"), ("a.y", "a.x"), ("b.p", "b.q"), ("b.q", "b.r"), ("b.r", "b.p")]
    edges.append(("c.solo", "a.x"))
    scan = Scan(
        root="/virtual",
        source_roots=(".",),
        modules=tuple(Module(n, n.replace(".", "/") + ".py") for n in names),
        imports=tuple(Import(a, b, 1, f"import {b}") for a, b in edges),
    )
    cycles = analyse_scan(scan, LayerRules()).cycles
    assert cycles == [["b.p", "b.q", "b.r"], ["a.x", "a.y"]]


# ---------------------------------------------------------------------- metrics


def test_module_metrics_count_distinct_neighbours(analysis: Analysis) -> None:
    metrics = analysis.module_metrics
    user = metrics["app.domain.user"]
    assert (user.fan_in, user.fan_out, user.instability) == (6, 1, 0.143)
    routes = metrics["app.api.routes"]
    assert (routes.fan_in, routes.fan_out, routes.instability) == (1, 4, 0.8)
    assert metrics["app.main"].instability == 1.0
    assert metrics["app"].instability == 0.0
    assert metrics["app.domain.bad"].layer == "domain"


def test_layer_metrics_sum_layer_edge_counts(analysis: Analysis) -> None:
    figures = {
        layer: (m.fan_in, m.fan_out, m.instability) for layer, m in analysis.layer_metrics.items()
    }
    assert figures == {
        "tests": (0, 0, 0.0),
        "composition": (0, 2, 1.0),
        "presentation": (1, 5, 0.833),
        "infrastructure": (3, 2, 0.4),
        "application": (1, 2, 0.667),
        "ports": (2, 1, 0.333),
        "domain": (7, 2, 0.222),
        "unclassified": (0, 0, 0.0),
    }


def test_hotspots_rank_by_product_then_sum_then_name(analysis: Analysis) -> None:
    assert [m.name for m in analysis.hotspots()] == [
        "app.domain.user",  # 6 × 1
        "app.api.routes",  # 1 × 4, sum 5
        "app.infrastructure.memory_repo",  # 2 × 2, sum 4
        "app.domain.email",  # 3 × 1
        "app.api.schemas",  # 1 × 2, ties broken by name
        "app.ports.user_repo",  # 2 × 1
        "app.services.user_service",  # 1 × 2
    ]
    assert [m.name for m in analysis.hotspots(2)] == ["app.domain.user", "app.api.routes"]


# ------------------------------------------------------------------------- JSON


def test_to_dict_has_the_documented_keys_in_order(analysis: Analysis) -> None:
    assert list(analysis.to_dict()) == DOCUMENTED_KEYS


def test_to_dict_round_trips_through_json(analysis: Analysis) -> None:
    document = analysis.to_dict()
    assert json.loads(json.dumps(document)) == document


def test_to_dict_content(analysis: Analysis, tmp_path: Path) -> None:
    document = analysis.to_dict()
    assert document["schema"] == 1
    assert document["archbook"] == __version__
    assert document["root"] == str(tmp_path.resolve())
    assert document["source_roots"] == ["."]
    assert document["rules"]["source"] == "archbook default hexagonal rules"
    assert document["rules"]["layers"] == list(analysis.layer_counts())
    assert document["rules"]["allowed"]["domain"] == []
    assert document["rules"]["allowed"]["application"] == ["domain", "ports"]
    assert document["summary"] == {
        "modules": 15,
        "internal_imports": 16,
        "violations": 2,
        "cycles": 1,
        "skipped": 0,
        "layers": analysis.layer_counts(),
    }
    user = next(m for m in document["modules"] if m["name"] == "app.domain.user")
    assert user == {
        "name": "app.domain.user",
        "path": "app/domain/user.py",
        "layer": "domain",
        "reason": "'domain' in path",
        "script": False,
        "fan_in": 6,
        "fan_out": 1,
        "instability": 0.143,
    }
    assert [m["name"] for m in document["modules"]] == sorted(analysis.classifications)
    # internal imports only, one per resolved statement
    assert len(document["imports"]) == 17
    assert {"json", "dataclasses"}.isdisjoint(i["imported"] for i in document["imports"])
    assert document["externals"] == {"dataclasses": 1, "json": 1}
    assert document["layers"][0] == {
        "name": "tests",
        "modules": 0,
        "fan_in": 0,
        "fan_out": 0,
        "instability": 0.0,
    }
    assert document["layer_edges"][-1] == {
        "source": "domain",
        "target": "infrastructure",
        "count": 2,
        "allowed": False,
        "examples": ["app.domain.bad → app.infrastructure.memory_repo"],
    }
    assert [(v["path"], v["line"]) for v in document["violations"]] == [
        ("app/domain/bad.py", 1),
        ("app/domain/bad.py", 2),
    ]
    assert document["cycles"] == [["app.domain.email", "app.domain.user"]]
    assert document["hotspots"][0] == {
        "name": "app.domain.user",
        "layer": "domain",
        "fan_in": 6,
        "fan_out": 1,
    }
    assert document["skipped"] == []
    assert document["stats"]["files"] == 15


def test_skipped_files_appear_in_summary_and_json(tmp_path: Path) -> None:
    write(tmp_path, {**REPO, "app/domain/broken.py": "from app.domain import (\n"})
    document = api.analyse(str(tmp_path), cache=False).to_dict()
    assert [s["path"] for s in document["skipped"]] == ["app/domain/broken.py"]
    assert document["summary"]["skipped"] == 1


def test_cycles_match_networkx_on_random_graphs() -> None:
    """The plain-Python cycle finder agrees with networkx's strongly connected components."""
    import random

    import networkx as nx

    from archbook.application.layers.cycles import strongly_connected_groups

    chooser = random.Random(12)
    for _ in range(200):
        nodes = [f"m{i}" for i in range(chooser.randint(1, 25))]
        pairs = {
            (chooser.choice(nodes), chooser.choice(nodes))
            for _ in range(chooser.randint(0, 3 * len(nodes)))
        }
        graph = nx.DiGraph(list(pairs))
        expected = sorted(
            (sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1),
            key=lambda c: (-len(c), c),
        )
        assert strongly_connected_groups(pairs) == expected


def test_cycle_finder_survives_a_very_long_chain() -> None:
    """Iterative, so a 50,000-module ring does not hit the recursion limit."""
    from archbook.application.layers.cycles import strongly_connected_groups

    count = 50_000
    pairs = [(f"m{i}", f"m{(i + 1) % count}") for i in range(count)]
    groups = strongly_connected_groups(pairs)
    assert len(groups) == 1 and len(groups[0]) == count


def test_a_package_init_importing_its_own_sub_modules_is_no_violation(tmp_path: Path) -> None:
    """A domain package whose ``__init__`` re-exports its repository interfaces
    (``from . import entities, repositories``) contains them; a service importing
    those interfaces from outside is judged as ever, and so is production code whose
    ``__init__`` imports its own tests."""
    files = {
        "shop/__init__.py": "",
        "shop/domain/__init__.py": "",
        "shop/domain/order/__init__.py": "from . import entities, repositories\n",
        "shop/domain/order/entities.py": "",
        "shop/domain/order/repositories/__init__.py": "from .orders import OrderRepository\n",
        "shop/domain/order/repositories/orders.py": (
            "from abc import ABC\n\nfrom shop.domain.order import entities\n\n\n"
            "class OrderRepository(ABC):\n    pass\n"
        ),
        "shop/domain/order/adapters.py": "from shop.infrastructure import db\n",
        "shop/infrastructure/__init__.py": "",
        "shop/infrastructure/db.py": "",
        "shop/worker/__init__.py": "from .tests import test_jobs\n",
        "shop/worker/tests/__init__.py": "",
        "shop/worker/tests/test_jobs.py": "",
    }
    write_tree(tmp_path, files)
    analysis = api.analyse(str(tmp_path), cache=False)
    layers = analysis.classifications
    assert layers["shop.domain.order"].layer == "domain"
    assert layers["shop.domain.order.repositories"].layer == "ports"
    found = {(v.importer, v.imported) for v in analysis.violations}
    assert ("shop.domain.order", "shop.domain.order.repositories") not in found
    assert ("shop.domain.order.adapters", "shop.infrastructure.db") in found
    assert ("shop.worker", "shop.worker.tests.test_jobs") in found
