"""Layers a folder's name alone does not give, and files whose names are no Python names.

``tests/assets/folder_layers`` reproduces the idioms: a ``core`` folder holding the
start-up handlers (composition) and a ``config`` folder of settings (infrastructure),
a router aggregator ``api/main.py``, recipe importers in ``services/migrations``,
scheduler ``tasks`` under services, ``_app`` beside ``_domain``, repository
interfaces in ``domain/``, an alembic revision named by date and a dashed script.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from archbook import api
from archbook.application.layers.module_names import ModuleIndex, script_name
from archbook.domain.folder_layers import application_spelling, plumbing_folders
from archbook.domain.layer_tokens import DEFAULT_TOKENS
from archbook.domain.layers import (
    APPLICATION,
    COMPOSITION,
    DOMAIN,
    INFRASTRUCTURE,
    PRESENTATION,
    UNCLASSIFIED,
)

REPO = Path(__file__).parents[2] / "assets" / "folder_layers"
REVISION = "notes.db.migrations.versions.2024_01_02_10_15_a1b2c3_add_notes"


@pytest.fixture(scope="module")
def analysis() -> api.Analysis:
    return api.analyse(str(REPO), cache=False)


@pytest.mark.parametrize(
    ("module", "expected", "why"),
    [
        # plumbing: the folder holding the start-up handlers is the composition root
        ("notes.core.settings", COMPOSITION, "'core' holds the composition root"),
        ("notes.core.events", COMPOSITION, "(notes.core.events)"),
        ("notes.core.log_setup", COMPOSITION, "'core'"),
        # ... one holding settings only is infrastructure
        ("notes.config.environment", INFRASTRUCTURE, "no composition root"),
        # a core folder with layer folders inside is a shared kernel: its folders decide
        ("notes.plugins.core.naming", UNCLASSIFIED, "no layer"),
        ("notes.plugins.core.services.registry", APPLICATION, "'services'"),
        # mounting routers on an APIRouter, building request dependencies: the web layer
        ("notes.api.main", PRESENTATION, "'api'"),
        ("notes.api.deps", PRESENTATION, "'api'"),
        ("notes.main", COMPOSITION, "'main'"),
        # migrations: schema migrations only when they import a migration tool
        ("notes.services.migrations.csv_import", APPLICATION, "'migrations'"),
        ("notes.db.migrations.env", INFRASTRUCTURE, "importing alembic"),
        (REVISION, INFRASTRUCTURE, "importing alembic"),
        # contextual words take the layer of the folder above them
        ("notes.services.scheduler.tasks.purge", APPLICATION, "'tasks'"),
        ("notes.db.models.server.job", INFRASTRUCTURE, "'server'"),
        # ... but jobs below an infrastructure folder drive use cases: presentation
        ("notes.catalog.infrastructure.tasks.reindex", PRESENTATION, "'tasks'"),
        # implementations: adapters at the top, the services' own below services
        ("notes.search.impl.memory_index", INFRASTRUCTURE, "'impl'"),
        ("notes.services.impl.ranking", APPLICATION, "'impl'"),
        # _app beside _domain is the application layer, a repository file included
        ("notes.billing._app._facade", APPLICATION, "'_app' beside a domain folder"),
        ("notes.billing._app._repository", APPLICATION, "'_app' beside a domain folder"),
        ("notes.billing._domain.invoice", DOMAIN, "'_domain'"),
        # a repository file keeps its folder's layer
        ("notes.catalog.domain.repositories", DOMAIN, "'domain'"),
        ("notes.catalog.application.repository", APPLICATION, "'application'"),
    ],
)
def test_each_module_gets_the_layer_a_reviewer_would_draw(
    analysis: api.Analysis, module: str, expected: str, why: str
) -> None:
    found = analysis.classifications[module]
    assert (found.layer, why in found.reason) == (expected, True), found.reason


def test_a_plumbing_verdict_is_drawn_but_never_accused(analysis: api.Analysis) -> None:
    assert analysis.classifications["notes.core.settings"].tentative
    assert analysis.classifications["notes.config.environment"].tentative
    # the app module imports the settings: composition → composition, never reported
    assert ("notes.main", "notes.core.settings") in analysis.pairs
    assert not [v for v in analysis.violations if v.imported.startswith("notes.core")]


def test_files_with_no_python_name_are_read_as_scripts(analysis: api.Analysis) -> None:
    scan = analysis.scan
    assert scan.skipped == ()
    scripts = sorted(m.name for m in scan.modules if m.script)
    assert scripts == sorted([REVISION, "scripts.seed_data"])
    # their imports count: a migration depends on the tables, a script on the settings
    assert (REVISION, "notes.db.tables") in analysis.pairs
    assert ("scripts.seed_data", "notes.core.settings") in analysis.pairs
    # nothing resolves to them
    assert not [pair for pair in analysis.pairs if pair[1] in scripts]
    modules = analysis.to_dict()["modules"]
    assert {m["name"] for m in modules if m["script"]} == set(scripts)


def test_a_script_is_never_an_import_target_and_never_takes_a_module_name() -> None:
    index = ModuleIndex.build(
        "/repo",
        ["tools/run-shard.py", "tools/run_shard.py", "jobs/nightly-report.py"],
        frozenset(),
        {"tools"},
    )
    by_path = {m.path: m for m in index.modules}
    assert by_path["tools/run_shard.py"].script is False
    # outside every source root and package, named from its own folder like any module
    assert by_path["jobs/nightly-report.py"].name == "nightly_report"
    assert by_path["jobs/nightly-report.py"].script
    assert "nightly_report" not in index.index
    # the dashed twin would take a real module's name: it is reported instead
    assert [s.path for s in index.skipped] == ["tools/run-shard.py"]
    assert "'run_shard' is taken" in index.skipped[0].reason


def test_script_names_sanitise_every_segment() -> None:
    path = "alembic/versions/2024-01-02-10.15.30_ab12_add x.py"
    assert script_name(path, "") == "alembic.versions.2024_01_02_10_15_30_ab12_add_x"
    assert script_name("src/my-tool/__init__.py", "src") == "my_tool"


def test_plumbing_folders_hold_no_layer_folder() -> None:
    modules = [
        ("app.core.settings", False),
        ("app.core.container", False),
        ("kit.core.services.mail", False),
        ("kit.core.util", False),
        ("svc.infrastructure.config.env", False),
    ]
    verdicts = plumbing_folders(modules, DEFAULT_TOKENS, ["app.core.container"])
    assert verdicts["app.core.settings"][0] == COMPOSITION
    assert "kit.core.util" not in verdicts  # a kernel with services/ inside
    assert "svc.infrastructure.config.env" not in verdicts  # a layer folder above


def test_a_core_holding_use_cases_or_ports_is_the_hexagon_not_plumbing() -> None:
    modules = [
        ("shop.core.messages", False),
        ("shop.core.use_cases", False),
        ("lab.core.bus", False),
        ("lab.core.ports", False),
        ("site.core.config", False),
        ("site.core.security", False),
        ("site.core.events", False),
    ]
    verdicts = plumbing_folders(modules, DEFAULT_TOKENS, [])
    assert "shop.core.messages" not in verdicts
    assert "lab.core.bus" not in verdicts
    assert verdicts["site.core.security"][0] == INFRASTRUCTURE  # events.py says what it holds


def test_app_is_application_only_beside_a_domain_folder() -> None:
    names = ["shop.orders._app.facade", "shop.orders._domain.order", "shop.app", "web.app.routes"]
    spelled = application_spelling(names)
    assert spelled == {"shop.orders._app.facade": ("shop.orders.application.facade", "_app")}


def test_a_repository_interface_kept_in_the_domain_is_a_port_step_of_traces() -> None:
    known = api.knowledge(str(REPO), cache=False)
    root = api.trace(known, "POST /entries/{slug}").root
    service = root.children[0].children[0]
    port = service.children[0]
    assert (port.step.kind, port.step.name, port.step.layer) == (
        "port",
        "notes.catalog.domain.repositories:EntryRepository.add",
        DOMAIN,
    )
    assert [c.step.name for c in port.children] == [
        "notes.catalog.infrastructure.memory:MemoryEntries.add"
    ]
