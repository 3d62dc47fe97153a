"""The chain search on small hand-made graphs: wildcards, overlapping packages,
ignored imports, chains through the parent package, and layers contracts
(containers, independent and non-independent levels)."""

from __future__ import annotations

from dataclasses import replace

from archbook.application.layers.analysis import analyse_scan
from archbook.application.layers.contract_chains import chain_violations
from archbook.domain.contracts import FORBIDDEN, INDEPENDENCE, LAYERS, ImportContract
from archbook.domain.layers import Classification, LayerRules
from archbook.domain.source import Import, Module, Scan


def chains(edges: list[tuple[str, str]], contract: ImportContract) -> set[tuple[str, ...]]:
    pairs = {(a, b): [Import(a, b, 1, f"import {b}")] for a, b in edges}
    modules = {m for edge in edges for m in edge}
    classes = {m: Classification("unclassified", "test") for m in modules}
    paths = {m: m.replace(".", "/") + ".py" for m in modules}
    return {v.chain for v in chain_violations(pairs, [contract], classes, paths)}


def test_wildcard_independence_runs_through_the_parent_package_not_a_sibling() -> None:
    edges = [
        ("app.a.x", "app"),
        ("app", "app.b.y"),
        ("app.b.y", "app.util"),
        ("app.util", "app.a.z"),
    ]
    found = chains(edges, ImportContract("c", INDEPENDENCE, ("app.*",), chains=True))
    # app is no module of app.*, app.util is: b → util → a is util's own two breaches
    assert found == {("app.a.x", "app", "app.b.y")}


def test_a_forbidden_target_inside_the_source_package_is_skipped() -> None:
    edges = [("app.web.views", "app.helpers"), ("app.helpers", "app.web.secret")]
    found = chains(
        edges, ImportContract("c", FORBIDDEN, ("app.web",), ("app.web.secret",), chains=True)
    )
    assert found == set()


def test_an_ignored_wildcard_import_cuts_every_chain_through_it() -> None:
    edges = [("app.web", "app.helpers.fmt"), ("app.helpers.fmt", "app.db.engine")]
    kept = ImportContract("c", FORBIDDEN, ("app.web",), ("app.db",), chains=True)
    ignoring = replace(kept, ignore=(("app.helpers.*", "app.db.**"),))
    # as in import-linter, an ignored import names modules exactly: app.db is not app.db.engine
    package_only = replace(kept, ignore=(("app.helpers.*", "app.db"),))
    assert chains(edges, kept) == {("app.web", "app.helpers.fmt", "app.db.engine")}
    assert chains(edges, ignoring) == set()
    assert chains(edges, package_only) == chains(edges, kept)


def test_a_contract_without_chains_is_left_to_the_direct_check() -> None:
    edges = [("app.web", "app.helpers"), ("app.helpers", "app.db")]
    assert chains(edges, ImportContract("c", FORBIDDEN, ("app.web",), ("app.db",))) == set()


def test_reanalysis_after_an_edit_in_the_middle_of_a_chain_finds_and_drops_it() -> None:
    # Reused analyses recheck only the changed importers' direct imports; a chain
    # starts elsewhere, so it must be searched anew after every edit.
    names = ["app.web", "app.helpers", "app.db", *(f"app.pad{i}" for i in range(20))]
    modules = tuple(Module(n, n.replace(".", "/") + ".py") for n in names)
    contract = ImportContract("c", FORBIDDEN, ("app.web",), ("app.db",), chains=True)
    rules = replace(LayerRules(), contracts=(contract,))
    web = Import("app.web", "app.helpers", 1, "import app.helpers")
    before = Scan("/r", (".",), modules, (web,))
    after = Scan("/r", (".",), modules, (web, Import("app.helpers", "app.db", 1, "import app.db")))
    assert not analyse_scan(before, rules).violations
    assert [v.chain for v in analyse_scan(after, rules).violations] == [
        ("app.web", "app.helpers", "app.db")
    ]
    assert not analyse_scan(replace(before, imports=(web,)), rules).violations


def layers(
    *levels: tuple[tuple[str, ...], bool], containers: tuple[str, ...] = ()
) -> ImportContract:
    return ImportContract("c", LAYERS, (), chains=True, levels=levels, containers=containers)


def test_a_lower_layer_reaches_a_higher_one_through_the_container_not_a_layer() -> None:
    edges = [
        ("app.db.rows", "app"),
        ("app", "app.web.views"),
        ("app.domain", "app.util"),
        ("app.util", "app.web.views"),
        ("app.db.rows", "app.domain"),
    ]
    found = chains(
        edges,
        layers((("web",), False), (("domain",), False), (("db",), False), containers=("app",)),
    )
    # db → domain → util → web runs through the domain layer: not db's chain
    assert found == {
        ("app.db.rows", "app", "app.web.views"),
        ("app.domain", "app.util", "app.web.views"),
    }


def test_independent_siblings_are_breached_by_a_chain_non_independent_ones_are_not() -> None:
    edges = [("a", "glue"), ("glue", "b"), ("c", "glue2"), ("glue2", "d")]
    independent = layers((("a", "b"), True), (("c", "d"), False))
    assert chains(edges, independent) == {("a", "glue", "b")}


def test_a_chain_never_runs_through_a_sibling_layer_even_a_permitted_one() -> None:
    # top : side may import each other, but for low → top the side layer is removed
    edges = [("low", "side"), ("side", "top")]
    assert chains(edges, layers((("top", "side"), False), (("low",), False))) == set()


def test_each_container_is_searched_alone_and_may_run_through_anothers_layers() -> None:
    edges = [
        ("shop.one.store", "shop.two.api"),
        ("shop.two.api", "shop.one.api"),
        ("shop.two.store", "shop.two.x"),
    ]
    found = chains(edges, layers((("api",), False), (("store",), False), containers=("shop.*",)))
    assert found == {("shop.one.store", "shop.two.api", "shop.one.api")}


def test_a_layer_pair_joined_directly_gets_no_chain_besides() -> None:
    edges = [("low.a", "top.x"), ("low.b", "mid"), ("mid", "top.y")]
    assert chains(edges, layers((("top",), False), (("low",), False))) == set()


def test_a_layers_ignored_import_cuts_its_chain() -> None:
    edges = [("low", "glue"), ("glue", "top")]
    contract = replace(layers((("top",), False), (("low",), False)), ignore=(("glue", "top"),))
    assert chains(edges, contract) == set()
    assert chains(edges, layers((("top",), False), (("low",), False))) == {("low", "glue", "top")}
