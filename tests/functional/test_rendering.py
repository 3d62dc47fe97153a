"""Drawings rendered by the real Graphviz ``dot`` binary, matplotlib and pydeps."""

from __future__ import annotations

import random
import re
import shutil
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

from archbook import api
from archbook.adapters.drawing.graphviz_renderer import (
    MUTED,
    VIOLATION,
    GraphvizRenderer,
    dot_source,
)
from archbook.adapters.drawing.matplotlib_renderer import MatplotlibRenderer
from archbook.application.drawing.layer_drawings import MAX_MODULE_NODES, module_drawing
from archbook.application.drawing.layer_graph import layer_drawing
from archbook.application.layers.analysis import Analysis, analyse_scan
from archbook.configuration import GRAPHVIZ_HINT
from archbook.domain.drawing import DrawEdge, Drawing, DrawNode
from archbook.domain.layers import DEFAULT_ORDER, TESTS, UNCLASSIFIED, LayerRules
from archbook.domain.source import Import, Module, Scan
from archbook.exceptions import RenderError

pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz `dot`")

SVG = "{http://www.w3.org/2000/svg}"
XLINK_TITLE = "{http://www.w3.org/1999/xlink}title"

# domain imports infrastructure (a violation) and the unclassified app.config
VIOLATION_REPO = {
    "app/__init__.py": "",
    "app/config.py": "settings = {}\n",
    "app/domain/__init__.py": "",
    "app/domain/user.py": """
        from app.infrastructure.db import Session
        from app.config import settings
    """,
    "app/infrastructure/__init__.py": "",
    "app/infrastructure/db.py": "from app.domain.user import User\n",
}


@dataclass
class SvgNode:
    texts: list[str]
    tooltip: str | None
    stroke: str | None
    dashed: bool


@dataclass
class SvgEdge:
    source: str
    target: str
    texts: list[str]
    stroke: str | None
    dashed: bool


def parse_svg(svg: str) -> tuple[dict[str, SvgNode], list[SvgEdge]]:
    """Nodes keyed by the first line of their label, and visible edges between those."""
    root = ET.fromstring(svg.encode())
    by_id: dict[str, SvgNode] = {}
    for group in root.iter(f"{SVG}g"):
        if group.get("class") != "node":
            continue
        shape = next(
            e for e in group.iter() if e.tag in (f"{SVG}path", f"{SVG}polygon", f"{SVG}ellipse")
        )
        link = next((e for e in group.iter(f"{SVG}a")), None)
        by_id[group.findtext(f"{SVG}title", "")] = SvgNode(
            [t.text or "" for t in group.iter(f"{SVG}text")],
            link.get(XLINK_TITLE) if link is not None else None,
            shape.get("stroke"),
            shape.get("stroke-dasharray") is not None,
        )
    edges = []
    for group in root.iter(f"{SVG}g"):
        line = group.find(f"{SVG}path")
        if group.get("class") != "edge" or line is None:
            continue  # invisible edges are drawn without a path
        source, target = group.findtext(f"{SVG}title", "").split("->")
        edges.append(
            SvgEdge(
                by_id[source].texts[0],
                by_id[target].texts[0],
                [t.text or "" for t in group.iter(f"{SVG}text")],
                line.get("stroke"),
                line.get("stroke-dasharray") is not None,
            )
        )
    return {node.texts[0]: node for node in by_id.values() if node.texts}, edges


def node_rows(svg: str) -> dict[str, float]:
    """The vertical position of each node's first text line (SVG y grows downwards)."""
    root = ET.fromstring(svg.encode())
    rows = {}
    for group in root.iter(f"{SVG}g"):
        if group.get("class") == "node":
            text = next(group.iter(f"{SVG}text"))
            rows[text.text or ""] = float(text.get("y", "0"))
    return rows


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def sample() -> Analysis:
    return api.analyse(cache=False)


@pytest.fixture
def violation_repo(tmp_path: Path) -> Analysis:
    return api.analyse(str(write(tmp_path, VIOLATION_REPO)), cache=False)


# ------------------------------------------------------------------ layer graph


def test_sample_layer_svg_hides_tests_and_says_so_in_the_title(sample: Analysis) -> None:
    svg = GraphvizRenderer().render_svg(layer_drawing(sample))
    nodes, edges = parse_svg(svg)
    counts = sample.layer_counts()
    drawn = [
        layer for layer, count in counts.items() if count and layer not in (TESTS, UNCLASSIFIED)
    ]
    assert len(drawn) == 6
    for layer in drawn:
        assert nodes[layer].texts == [layer, f"{counts[layer]} modules"]
    assert TESTS not in nodes
    assert all(TESTS not in (e.source, e.target) for e in edges)
    tests_imports = sum(e.count for e in sample.layer_edges if TESTS in (e.source, e.target))
    assert tests_imports > 0
    assert f"tests hidden ({counts[TESTS]} modules, {tests_imports} imports)" in svg
    shown = {TESTS, UNCLASSIFIED}
    expected = {
        frozenset((e.source, e.target))
        for e in sample.layer_edges
        if not shown & {e.source, e.target}
    }
    assert {frozenset((e.source, e.target)) for e in edges} == expected
    with_tests, _ = parse_svg(GraphvizRenderer().render_svg(layer_drawing(sample, show_tests=True)))
    assert with_tests[TESTS].texts == [TESTS, f"{counts[TESTS]} modules"]


def test_opposite_imports_are_one_line_with_both_counts(sample: Analysis) -> None:
    drawing = layer_drawing(sample)
    by_pair = {(e.source, e.target): e.count for e in sample.layer_edges}
    both_ways = [e for e in drawing.edges if e.back_label]
    assert both_ways, "the sample has layers importing each other"
    for edge in both_ways:
        assert edge.label == f"{by_pair[(edge.source, edge.target)]} → {edge.target}"
        assert edge.back_label == f"{by_pair[(edge.target, edge.source)]} → {edge.source}"
    pairs = [frozenset((e.source, e.target)) for e in drawing.edges]
    assert len(pairs) == len(set(pairs))


def test_rendered_rows_follow_rule_order_with_composition_beside_the_top(
    sample: Analysis,
) -> None:
    rows = node_rows(GraphvizRenderer().render_svg(layer_drawing(sample)))
    order = ("presentation", "infrastructure", "application", "ports", "domain")
    heights = [rows[layer] for layer in order]
    assert heights == sorted(heights)
    assert len(set(heights)) == len(heights)
    assert rows["composition"] == rows["presentation"]


def test_dot_source_declares_one_row_per_rank_and_real_edges_do_not_bend_them(
    sample: Analysis,
) -> None:
    source = dot_source(layer_drawing(sample))
    label_of = dict(re.findall(r"^\s*(n\d+) \[label=\"?([a-z]+)", source, re.M))
    rows = [
        [label_of[n] for n in row.split()]
        for row in re.findall(r"\{\s*rank=same\s+((?:n\d+\s+)+)\}", source)
    ]
    assert rows[0] == ["presentation", "composition"]
    assert [row[0] for row in rows[1:]] == ["infrastructure", "application", "ports", "domain"]
    real = re.findall(r"^\s*n\d+ -> n\d+ \[(?!style=invis)(.*)\]$", source, re.M)
    assert real and all("constraint=false" in attrs for attrs in real)


def test_rows_follow_a_custom_rule_order(sample: Analysis) -> None:
    upside_down = LayerRules(order=tuple(reversed(DEFAULT_ORDER)))
    drawing = layer_drawing(analyse_scan(sample.scan, upside_down))
    rows = node_rows(GraphvizRenderer().render_svg(drawing))
    order = [layer for layer in reversed(DEFAULT_ORDER) if layer not in (TESTS, "composition")]
    heights = [rows[layer] for layer in order]
    assert heights == sorted(heights)


def test_violation_direction_is_red_on_the_shared_line(violation_repo: Analysis) -> None:
    svg = GraphvizRenderer().render_svg(layer_drawing(violation_repo))
    _, edges = parse_svg(svg)
    [edge] = edges
    assert {edge.source, edge.target} == {"domain", "infrastructure"}
    assert VIOLATION in (edge.stroke or "")
    colours = dict(re.findall(r'<text[^>]*fill="(#[0-9a-f]+)"[^>]*>(\d+ → \w+)</text>', svg))
    colour_of = {text: colour for colour, text in colours.items()}
    assert colour_of == {"1 → infrastructure": VIOLATION, "1 → domain": "#555555"}
    assert "(1 violation)" in svg


def test_unclassified_is_a_small_note_with_the_reason_and_a_config_hint(
    violation_repo: Analysis,
) -> None:
    svg = GraphvizRenderer().render_svg(layer_drawing(violation_repo))
    nodes, edges = parse_svg(svg)
    note = nodes["unclassified: 2 modules"]
    assert note.stroke == MUTED
    assert note.dashed
    assert note.texts[1:] == [
        "no layer folder or file name in their paths",
        "classify with [tool.archbook.modules]",
        '"app" = "<layer>"',
        '"app.config" = "<layer>"',
    ]
    assert not nodes["domain"].dashed
    assert all(UNCLASSIFIED not in (e.source, e.target) for e in edges)
    assert "imports of 2 unclassified modules not drawn" in svg


def test_empty_layers_stay_and_tests_go() -> None:
    scan = Scan("/virtual/repo", (".",), (Module("app.domain.user", "app/domain/user.py"),), ())
    drawing = layer_drawing(analyse_scan(scan, LayerRules()))
    assert [node.id for node in drawing.nodes] == [
        "presentation",
        "infrastructure",
        "application",
        "ports",
        "domain",
        "composition",
    ]
    assert drawing.title == "Layers of repo (0 violations)"


def test_rings_put_the_domain_in_the_middle_and_adapters_outside(sample: Analysis) -> None:
    svg = GraphvizRenderer().render_svg(layer_drawing(sample, view="rings"))
    root = ET.fromstring(svg.encode())
    where = {}
    for group in root.iter(f"{SVG}g"):
        texts = list(group.iter(f"{SVG}text"))
        if group.get("class") == "node" and texts:
            where[texts[0].text] = (float(texts[0].get("x", 0)), float(texts[0].get("y", 0)))
    cx, cy = where["domain"]

    def distance(layer: str) -> float:
        x, y = where[layer]
        return ((x - cx) ** 2 + (y - cy) ** 2) ** 0.5

    inner = (distance("application"), distance("ports"))
    outer = (distance("presentation"), distance("infrastructure"))
    assert abs(inner[0] - inner[1]) < 2 and abs(outer[0] - outer[1]) < 2
    assert 0 < inner[0] < outer[0]
    assert abs(distance("composition") - outer[0]) < 2
    assert where["presentation"][0] < cx < where["infrastructure"][0]


def test_rings_draw_violations_as_red_chords(violation_repo: Analysis) -> None:
    svg = GraphvizRenderer().render_svg(layer_drawing(violation_repo, view="rings"))
    _, edges = parse_svg(svg)
    assert [VIOLATION in (e.stroke or "") for e in edges] == [True]
    assert "domain in the middle" in svg


def test_highlighted_layer_is_outlined(sample: Analysis) -> None:
    svg = GraphvizRenderer().render_svg(layer_drawing(sample, frozenset({"ports"})))
    nodes, _ = parse_svg(svg)
    assert nodes["ports"].stroke == "#1f618d"
    assert nodes["domain"].stroke != "#1f618d"


# ---------------------------------------------------------------- module views


def test_module_drill_down_shows_that_layers_modules(sample: Analysis) -> None:
    members = sample.modules_in("application")
    drawing = module_drawing(sample, "application")
    inside = {node.id for node in drawing.nodes if not node.muted}
    assert inside == set(members)
    # neighbours in other layers are drawn muted
    outside = {node.id for node in drawing.nodes if node.muted}
    assert "src.application.ports.thread_repository" in outside
    assert all(sample.layer_of(name) != "application" for name in outside)

    nodes, edges = parse_svg(api.module_svg(sample, "application"))
    assert set(members) <= set(nodes)
    assert (
        "src.application.services.thread_service",
        "src.application.ports.thread_repository",
    ) in {(e.source, e.target) for e in edges}


def test_module_drill_down_of_a_prefix(sample: Analysis) -> None:
    drawing = module_drawing(sample, "src.domain.entities")
    inside = {node.id for node in drawing.nodes if not node.muted}
    assert inside == {
        "src.domain.entities",
        "src.domain.entities.message",
        "src.domain.entities.thread",
        "src.domain.entities.user",
    }


def test_module_drill_down_of_an_unknown_focus_names_the_layers(sample: Analysis) -> None:
    with pytest.raises(RenderError, match="'nowhere' is neither.*application"):
        module_drawing(sample, "nowhere")


def test_module_drawing_draws_violations_red(violation_repo: Analysis) -> None:
    nodes, edges = parse_svg(api.module_svg(violation_repo, "domain"))
    assert "app.domain.user" in nodes
    red = [(e.source, e.target) for e in edges if e.stroke == VIOLATION]
    assert red == [("app.domain.user", "app.infrastructure.db")]


def big_domain(modules: int = 600, packages: int = 30) -> Analysis:
    names = [f"big.domain.pkg{i % packages}.mod{i}" for i in range(modules)]
    names.append("big.infrastructure.repo")
    imports = [Import(names[i], names[(i + 1) % modules], 1, "import x") for i in range(modules)]
    imports.append(Import(names[0], "big.infrastructure.repo", 2, "import repo"))
    scan = Scan(
        "/virtual/big",
        (".",),
        tuple(Module(n, n.replace(".", "/") + ".py") for n in names),
        tuple(imports),
    )
    return analyse_scan(scan, LayerRules())


def test_large_module_sets_collapse_to_packages() -> None:
    analysis = big_domain()
    assert len(analysis.modules_in("domain")) == 600
    drawing = module_drawing(analysis, "domain")
    assert len(drawing.nodes) <= MAX_MODULE_NODES
    assert "collapsed to depth 3" in drawing.title
    ids = {node.id for node in drawing.nodes}
    assert {f"big.domain.pkg{i}" for i in range(30)} <= ids
    assert "big.infrastructure.repo" in ids
    # weights of collapsed edges add up; the one bad import still shows red
    assert sum(e.weight for e in drawing.edges) == 601
    red = [(e.source, e.target) for e in drawing.edges if e.violation]
    assert red == [("big.domain.pkg0", "big.infrastructure.repo")]
    nodes, _ = parse_svg(GraphvizRenderer().render_svg(drawing))
    assert len(nodes) == len(drawing.nodes)


def test_highlighting_a_module_marks_only_the_package_holding_it() -> None:
    drawing = module_drawing(
        big_domain(), "domain", highlight=frozenset({"big.domain.pkg10.mod10"})
    )
    # not big.domain.pkg1, whose name is a string prefix of big.domain.pkg10
    assert {node.id for node in drawing.nodes if node.highlighted} == {"big.domain.pkg10"}


def test_collapse_goes_only_as_shallow_as_needed() -> None:
    analysis = big_domain(modules=150, packages=10)
    drawing = module_drawing(analysis, "domain", max_nodes=200)
    assert len(drawing.nodes) == 151
    assert "collapsed" not in drawing.title


# ---------------------------------------------------------------------- timeout


def test_graphviz_time_limit_raises_an_actionable_render_error() -> None:
    # 200 nodes and 3000 crossing edges: dot needs tens of seconds for this layout
    chooser = random.Random(7)
    nodes = tuple(DrawNode(f"m{i}", f"module {i}", "domain", i % 10) for i in range(200))
    edges = tuple(
        DrawEdge(f"m{chooser.randrange(200)}", f"m{chooser.randrange(200)}", "1")
        for _ in range(3000)
    )
    with pytest.raises(RenderError) as error:
        GraphvizRenderer(timeout_s=0.05).render_svg(Drawing("big", nodes, edges))
    message = str(error.value)
    assert "took more than 0.05 s for 200 nodes" in message
    assert "--layer" in message


# ------------------------------------------------------------------ fallbacks


def test_matplotlib_fallback_draws_the_layers(sample: Analysis) -> None:
    svg = MatplotlibRenderer().render_svg(layer_drawing(sample))
    assert svg.lstrip().startswith("<?xml")
    ET.fromstring(svg.encode())  # well-formed
    for layer, count in sample.layer_counts().items():
        if count:
            assert layer in svg
    assert VIOLATION not in svg


def test_matplotlib_fallback_leaves_the_callers_backend_alone() -> None:
    # a notebook's inline backend must survive a fallback drawing
    script = textwrap.dedent(
        """
        import matplotlib
        matplotlib.use("svg")
        import matplotlib.pyplot as plt
        from archbook.adapters.drawing.matplotlib_renderer import MatplotlibRenderer
        from archbook.domain.drawing import Drawing, DrawNode
        drawing = Drawing("t", (DrawNode("domain", "domain", "domain", 0),), ())
        svg = MatplotlibRenderer().render_svg(drawing)
        print(matplotlib.get_backend(), len(plt.get_fignums()), "domain" in svg)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["svg", "0", "True"]


def test_matplotlib_fallback_draws_violations_red(violation_repo: Analysis) -> None:
    svg = MatplotlibRenderer().render_svg(layer_drawing(violation_repo))
    assert VIOLATION in svg


def test_facade_falls_back_to_matplotlib_without_dot(
    sample: Analysis, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    assert api.renderer_hint() == GRAPHVIZ_HINT
    svg = api.layer_svg(sample)
    assert "matplotlib" in svg
    assert "Graphviz" not in svg.split("<svg", 1)[0]
    assert "presentation" in svg


# ---------------------------------------------------------------------- pydeps


def test_pydeps_engine_draws_the_samples_modules(tmp_path: Path) -> None:
    copy = tmp_path / "threads_api"
    shutil.copytree(api.sample_path(), copy, ignore=shutil.ignore_patterns("__pycache__"))
    analysis = api.analyse(str(copy), cache=False)
    svg = api.module_svg(analysis, "application", engine="pydeps")
    ET.fromstring(svg.encode())
    titles = set(re.findall(r"<title>([^<]*)</title>", svg))
    for module in ("auth_service", "message_service", "thread_service", "user_service"):
        assert f"src_application_services_{module}" in titles
    assert "src_domain_entities_user" not in titles
    # pydeps reads the target without leaving bytecode in it
    assert not list(copy.rglob("__pycache__"))


def test_unknown_engine_is_a_render_error(sample: Analysis) -> None:
    with pytest.raises(RenderError, match="unknown engine 'neato'"):
        api.module_svg(sample, "domain", engine="neato")
