"""Source roots from a repository's own settings, and the scan that uses them."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from archbook import api
from archbook.adapters.scanning.declared_roots import declared_source_roots

ASSET = Path(__file__).parents[2] / "assets" / "declared_root"


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return root


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"mypy.ini": "[mypy]\nmypy_path = src\n"}, ("src",)),
        ({"setup.cfg": "[mypy]\nmypy_path = lib:src\n"}, ("lib", "src")),
        ({"pytest.ini": "[pytest]\npythonpath = src tests\n"}, ("src", "tests")),
        ({"pyproject.toml": '[tool.pytest.ini_options]\npythonpath = ["src"]\n'}, ("src",)),
        ({"pyproject.toml": '[tool.setuptools.packages.find]\nwhere = ["lib"]\n'}, ("lib",)),
        ({"pyproject.toml": '[tool.setuptools]\npackage-dir = {"" = "src"}\n'}, ("src",)),
        (
            {"pyproject.toml": '[tool.poetry]\npackages = [{include = "shop", from = "src"}]\n'},
            ("src",),
        ),
        ({"setup.cfg": "[options]\npackage_dir =\n    =src\n"}, ("src",)),
        ({"backend/mypy.ini": "[mypy]\nmypy_path = src\n"}, ("backend/src",)),
        ({"Dockerfile": "FROM python:3.12\nENV PYTHONPATH=/code/src\n"}, ("src",)),
        (
            {
                "docker-compose.yml": "services:\n  api:\n    environment:\n"
                "      PYTHONPATH: /app/src\n"
            },
            ("src",),
        ),
        # a setting naming a folder the repository does not have is ignored
        ({"mypy.ini": "[mypy]\nmypy_path = missing\n"}, ()),
    ],
)
def test_settings_name_source_roots(
    tmp_path: Path, files: dict[str, str], expected: tuple[str, ...]
) -> None:
    for folder in ("src", "lib", "tests", "backend/src"):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
    write(tmp_path, files)
    assert declared_source_roots(str(tmp_path)) == expected


def test_a_declared_root_that_is_a_package_resolves_the_imports() -> None:
    analysis = api.analyse(str(ASSET), cache=False)
    assert "src" in analysis.scan.source_roots
    internal = {(i.importer, i.imported) for i in analysis.scan.imports if not i.external}
    assert ("application.place_order", "domain.order") in internal
    assert ("infrastructure.store", "application.place_order") in internal
    assert [v.describe() for v in analysis.violations] != []  # infrastructure → application


def test_without_the_setting_the_same_imports_stay_unresolved(tmp_path: Path) -> None:
    for path in ASSET.rglob("*.py"):
        target = tmp_path / path.relative_to(ASSET)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(path.read_text())
    analysis = api.analyse(str(tmp_path), cache=False)
    assert not [i for i in analysis.scan.imports if not i.external]
