"""Contract checks beyond the importing pairs, on small hand-made scans: module
expressions as import-linter reads them, protected contracts, imports of forbidden
external packages, and breaches of a contract as a whole (line 0)."""

from __future__ import annotations

from dataclasses import replace

from archbook.application.layers.analysis import analyse_scan
from archbook.application.layers.contract_checks import contract_notices
from archbook.domain.analysis import Violation
from archbook.domain.contracts import (
    ALERT_ERROR,
    ALERT_WARN,
    FORBIDDEN,
    INDEPENDENCE,
    LAYERS,
    PROTECTED,
    UNCHECKED,
    ImportContract,
    matches,
    owner,
)
from archbook.domain.layers import LayerRules, layered_rules
from archbook.domain.source import Import, Module, Scan

PAD = [f"app.pad{i}" for i in range(20)]  # enough modules for a re-analysis to reuse


def scan(names: list[str], imports: list[Import]) -> Scan:
    modules = tuple(Module(n, n.replace(".", "/") + ".py") for n in [*names, *PAD])
    return Scan("/r", (".",), modules, tuple(imports))


def imp(a: str, b: str, line: int = 1, external: bool = False) -> Import:
    return Import(a, b, line, f"import {b}", external)


def violations(s: Scan, *contracts: ImportContract) -> list[Violation]:
    return analyse_scan(s, replace(LayerRules(), contracts=contracts)).violations


def test_module_expressions_name_modules_as_import_linter_does() -> None:
    assert matches("app.db", "app.db") and not matches("app.db.engine", "app.db")
    assert matches("app.x.y", "app.**") and not matches("app", "app.**")
    assert matches("app.a.b.c", "app.**.c") and not matches("app.a.b", "app.*")
    assert owner("app.web.views", ("app.*",)) == "app.web"
    assert owner("app.web.views", ("app.web",), as_packages=False) is None
    assert owner("app.web", ("app.*",), as_packages=False) == "app.web"


def test_protected_modules_are_imported_only_by_allowed_importers_or_themselves() -> None:
    vault = ImportContract("c", PROTECTED, ("app.admin",), ("app.vault",))
    assert vault.breached_by("app.web.views", "app.vault.keys")
    assert not vault.breached_by("app.admin.tools", "app.vault.keys")
    assert not vault.breached_by("app.vault.inner", "app.vault.keys")
    door = replace(vault, as_packages=False)
    assert door.breached_by("app.web.views", "app.vault")
    assert not door.breached_by("app.web.views", "app.vault.keys")
    assert door.breached_by("app.admin.tools", "app.vault")  # not app.admin itself


def test_a_forbidden_pair_that_overlaps_is_skipped_only_as_packages() -> None:
    nested = ImportContract("c", FORBIDDEN, ("app",), ("app.db",))
    assert not nested.breached_by("app.web", "app.db.engine")
    flat = replace(nested, as_packages=False)
    assert flat.breached_by("app", "app.db") and not flat.breached_by("app.web", "app.db")


def test_a_forbidden_external_package_is_broken_directly_and_by_a_chain() -> None:
    orm = ImportContract(
        "c", FORBIDDEN, ("app.web", "app.jobs"), (), chains=True, externals=("sqlalchemy",),
        external_graph=True,
    )  # fmt: skip
    s = scan(
        ["app.web", "app.web.a", "app.web.b", "app.jobs", "app.jobs.run", "app.rows"],
        [
            imp("app.web.a", "sqlalchemy", external=True),
            imp("app.web.b", "app.rows"),
            imp("app.jobs.run", "app.rows"),
            imp("app.rows", "sqlalchemy", 2, external=True),
            imp("app.rows", "fastapi", 3, external=True),
        ],
    )
    found = violations(s, orm)
    # a package pair a direct import joins gets no chain besides (app.web.b's)
    assert [(v.importer, v.imported, v.chain, v.imported_layer) for v in found] == [
        ("app.jobs.run", "sqlalchemy", ("app.jobs.run", "app.rows", "sqlalchemy"), "external"),
        ("app.web.a", "sqlalchemy", (), "external"),
    ]
    ignoring = replace(orm, ignore=(("app.rows", "sqlalchemy"),))
    assert [v.importer for v in violations(s, ignoring)] == ["app.web.a"]
    # without include_external_packages the graph has no library: only its problem
    blind = replace(orm, external_graph=False, problems=("needs include_external_packages",))
    assert [(v.line, v.text) for v in violations(s, blind)] == [
        (0, "needs include_external_packages")
    ]


def test_missing_modules_break_their_contract_but_wildcards_and_optional_layers_do_not() -> None:
    s = scan(["app.web", "app.teams.a", "app.box.upper", "app.box.extra"], [])
    contracts = (
        ImportContract("f", FORBIDDEN, ("app.web", "app.gone"), ("app.db",), config="x.ini"),
        ImportContract("i", INDEPENDENCE, ("app.teams.*", "app.other.*")),
        ImportContract(
            "l", LAYERS, (), levels=((("upper",), True), (("middle",), True), (("lower",), True)),
            containers=("app.box",), optional=("middle",), exhaustive=True,
        ),
    )  # fmt: skip
    found = [(v.contract, v.path, v.line, v.importer, v.text) for v in violations(s, *contracts)]
    assert sorted(found) == [
        ("f", "x.ini", 0, "app.db", "forbidden module app.db does not exist"),
        ("f", "x.ini", 0, "app.gone", "source module app.gone does not exist"),
        ("l", "", 0, "app.box.extra",
         "app.box.extra is not listed as a layer (the contract is exhaustive)"),
        ("l", "", 0, "app.box.lower",
         "layer app.box.lower does not exist in container app.box (write (lower) if optional)"),
    ]  # fmt: skip
    assert violations(s, *contracts)[0].describe().startswith(": ")  # path, no line


def test_an_ignored_import_must_match_one_or_the_contract_breaks_or_warns() -> None:
    s = scan(["app.a", "app.a.x", "app.b"], [imp("app.a.x", "app.b")])
    base = ImportContract("c", INDEPENDENCE, ("app.a", "app.b"), chains=True)
    wild = replace(base, ignore=(("app.*.x", "app.b"),), unmatched_ignores=ALERT_ERROR)
    assert violations(s, wild) == []
    exact = replace(wild, ignore=(("app.a", "app.b"),))  # app.a is not app.a.x
    (broken, direct) = sorted(violations(s, exact), key=lambda v: v.line)
    assert broken.text == (
        "ignore_imports 'app.a -> app.b' matches no import "
        "(unmatched_ignore_imports_alerting = error)"
    )
    assert direct.importer == "app.a.x"  # not ignored either
    warned = replace(exact, unmatched_ignores=ALERT_WARN)
    assert [v.line for v in violations(s, warned)] == [1]
    assert contract_notices([warned], {("app.a.x", "app.b"): []}, s.imports) == [
        "c: ignore_imports 'app.a -> app.b' matches no import"
    ]


def test_an_unchecked_contract_gives_a_notice_and_no_violation() -> None:
    odd = ImportContract("custom one", UNCHECKED, (), type_name="sealed")
    s = scan(["app.a"], [])
    assert violations(s, odd) == []
    assert contract_notices([odd], {}, ()) == [
        "custom one: contract type 'sealed' is not checked by archbook (run lint-imports for it)"
    ]


def test_reanalysis_keeps_one_copy_of_each_whole_contract_and_external_breach() -> None:
    orm = ImportContract(
        "c", FORBIDDEN, ("app.web", "app.gone"), (), externals=("sqlalchemy",),
        external_graph=True,
    )  # fmt: skip
    first = scan(["app.web", "app.other"], [imp("app.web", "sqlalchemy", external=True)])
    before = violations(first, orm)
    edited = replace(first, imports=(*first.imports, imp("app.other", "app.web")))
    after = violations(edited, orm)
    assert sorted((v.importer, v.line) for v in after) == [("app.gone", 0), ("app.web", 1)]
    assert after == before
    dropped = violations(replace(first, imports=()), orm)
    assert [(v.importer, v.line) for v in dropped] == [("app.gone", 0)]


def test_a_graph_without_type_checking_imports_spares_them_in_its_layers_too() -> None:
    hinted = Import("app.lower", "app.upper", 3, "from app import upper", type_checking=True)
    s = scan(["app", "app.upper", "app.lower"], [hinted])
    levels = ((("upper",), True), (("lower",), True))
    for graph_holds_them, expected in [(True, 1), (False, 0)]:
        contract = ImportContract(
            "l", LAYERS, (), levels=levels, containers=("app",), type_checking=graph_holds_them
        )
        rules = layered_rules(
            [[("upper", True)], [("lower", True)]],
            [("app.upper", "upper"), ("app.lower", "lower")],
            "x",
            (contract,),
        )
        assert len(analyse_scan(s, rules).violations) == expected
