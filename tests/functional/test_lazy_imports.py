"""What each command loads: ``archbook check`` and ``analyse`` run in CI and pre-commit
hooks, so they must not import the graph library, the model SDK, the planner, the
facts model, drawing or Jupyter pieces. Checked through ``sys.modules`` of a real
subprocess after the command ran (never by timing)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from archbook import api

# Module prefixes ``archbook check`` / ``archbook analyse`` must never load.
DENIED_FOR_LAYER_COMMANDS = (
    "networkx",
    "anthropic",
    "httpx",
    "matplotlib",
    "graphviz",
    "pydeps",
    "yaml",
    "ipywidgets",
    "IPython",
    "ipykernel",
    "jupyter_client",
    "difflib",  # suggestions for misspelt names: only an error message needs them
    "shutil",  # and with it bz2 and lzma: argparse imports it for the terminal width
    "archbook.application.code_facts",
    "archbook.application.planning",
    "archbook.application.tracing",
    "archbook.application.drawing",
    "archbook.application.workshop",
    "archbook.domain.facts",
    "archbook.domain.plan",
    "archbook.domain.python_syntax",  # whole files are compiled by --strict scans only
    "archbook.notebook",
)

# Run the CLI's ``main`` in a fresh interpreter, then print what got imported.
PROBE = textwrap.dedent(
    """
    import json, sys
    from archbook.cli import main
    try:
        code = main(sys.argv[1:])
    except SystemExit as stop:
        code = stop.code
    print("@@" + json.dumps({"code": code, "modules": sorted(sys.modules)}))
    """
)


def loaded_modules(tmp_path: Path, *args: str) -> tuple[int, list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
        env={"ARCHBOOK_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"},
    )
    marker = [line for line in done.stdout.splitlines() if line.startswith("@@")]
    assert marker, done.stderr
    result = json.loads(marker[-1][2:])
    return int(result["code"] or 0), list(result["modules"])


def denied(modules: list[str]) -> list[str]:
    return [
        name
        for name in modules
        if any(
            name == prefix or name.startswith(prefix + ".") for prefix in DENIED_FOR_LAYER_COMMANDS
        )
    ]


@pytest.mark.parametrize("command", ["check", "analyse"])
def test_layer_commands_load_nothing_on_the_deny_list(tmp_path: Path, command: str) -> None:
    code, modules = loaded_modules(tmp_path, command, api.sample_path(), "--no-cache")
    assert code in (0, 1)
    assert "archbook.application.layers.analysis" in modules  # the probe really ran it
    assert denied(modules) == []


def test_help_loads_no_use_case(tmp_path: Path) -> None:
    code, modules = loaded_modules(tmp_path, "--help")
    assert code == 0
    assert [m for m in modules if m.startswith("archbook.application")] == []
    assert "archbook.api" not in modules


def test_import_archbook_loads_only_itself(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import archbook, json, sys; print(json.dumps(sorted(sys.modules)))",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    loaded = [m for m in json.loads(done.stdout) if m.startswith("archbook")]
    assert loaded == ["archbook"]


def test_routes_still_loads_the_facts_it_needs(tmp_path: Path) -> None:
    """The deny list is not vacuous: a facts command does load the facts model."""
    code, modules = loaded_modules(tmp_path, "routes", api.sample_path(), "--no-cache")
    assert code == 0
    assert "archbook.application.code_facts.knowledge" in modules
    assert "archbook.application.planning.session" not in modules


def test_lazy_facade_names_resolve() -> None:
    """Names the facade loads on first use are the real objects."""
    from archbook.application.code_facts.knowledge import RepoKnowledge
    from archbook.application.tracing.route_trace import trace_request

    assert api.RepoKnowledge is RepoKnowledge
    assert api.trace is trace_request
    for name in api.__all__:
        assert getattr(api, name) is not None
    with pytest.raises(AttributeError):
        api.no_such_name  # noqa: B018


# What a check of a repository without configuration files needs no parser or helper
# for: config parsers load only when such a file exists, the snapshot store (hashing,
# temporary files) only with the cache on, the bundled sample's location only without
# a folder.
UNNEEDED_WITHOUT_CONFIG = ("configparser", "tomllib", "tempfile", "hashlib", "importlib.resources")


def test_a_check_without_config_or_cache_loads_no_parser_or_store(tmp_path: Path) -> None:
    repo = tmp_path / "repo" / "app"
    repo.mkdir(parents=True)
    (repo / "__init__.py").write_text("")
    (repo / "domain.py").write_text("import dataclasses\n")
    code, modules = loaded_modules(tmp_path, "check", str(repo.parent), "--no-cache")
    assert code == 0
    assert [m for m in UNNEEDED_WITHOUT_CONFIG if m in modules] == []
    (repo.parent / "pyproject.toml").write_text("[tool.other]\nx = 1\n")
    code, modules = loaded_modules(tmp_path, "check", str(repo.parent))
    assert code == 0
    assert {"tomllib", "hashlib"} <= set(modules)  # the lists above are not vacuous
