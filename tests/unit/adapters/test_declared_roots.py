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
        # .env files (the file VS Code loads for its terminals and runs): relative to
        # their folder, the rest of the variable (``${PYTHONPATH}``) ignored
        ({".env": "DEBUG=1\nPYTHONPATH=./src\n"}, ("src",)),
        ({".env.local": "export PYTHONPATH=src:${PYTHONPATH}\n"}, ("src",)),
        ({"backend/.env": "PYTHONPATH=src\n"}, ("backend/src",)),
        ({".env": "PYTHONPATH=/app/lib\n"}, ("lib",)),
        # VS Code settings, JSON with comments and a trailing comma
        (
            {
                ".vscode/settings.json": "{\n  // the sources\n"
                '  "python.analysis.extraPaths": ["src", "${workspaceFolder}/lib",],\n}\n'
            },
            ("lib", "src"),
        ),
        ({".vscode/settings.json": '{"python.autoComplete.extraPaths": ["./tests"]}'}, ("tests",)),
        ({".vscode/settings.json": '{"python.analysis.extraPaths": ["../elsewhere"]}'}, ()),
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


def test_a_dot_env_leading_outside_the_repository_is_not_read(tmp_path: Path) -> None:
    repo, elsewhere = tmp_path / "repo", tmp_path / "secrets"
    (repo / "src").mkdir(parents=True)
    elsewhere.mkdir()
    (elsewhere / "shared.env").write_text("PYTHONPATH=src\nAPI_KEY=k\n")
    (repo / ".env").symlink_to(elsewhere / "shared.env")
    assert declared_source_roots(str(repo)) == ()
    (repo / ".env").unlink()
    (repo / ".env").symlink_to("src/../.env.dev")
    (repo / ".env.dev").write_text("PYTHONPATH=src\n")
    assert declared_source_roots(str(repo)) == ("src",)


def test_a_package_declared_in_dot_env_is_a_root_of_namespace_folders(tmp_path: Path) -> None:
    # src/ holds a stray __init__.py, its folders none; the code imports them by
    # bare name, as PYTHONPATH=./src in .env (and VS Code's extraPaths) allows
    write(
        tmp_path,
        {
            ".env": "PYTHONPATH=./src\n",
            "src/__init__.py": "",
            "src/domain/order/value_object.py": "class Money: ...\n",
            "src/domain/order/repository.py": "from domain.order.value_object import Money\n",
            "src/infrastructure/order/repository.py": (
                "from domain.order.repository import OrderRepository\n"
            ),
        },
    )
    analysis = api.analyse(str(tmp_path), cache=False)
    assert analysis.scan.source_roots == ("src",)
    assert not analysis.scan.skipped  # no module shadowed by a same-named one
    internal = {(i.importer, i.imported) for i in analysis.scan.imports if not i.external}
    assert internal == {
        ("domain.order.repository", "domain.order.value_object"),
        ("infrastructure.order.repository", "domain.order.repository"),
    }


def test_without_the_setting_the_packages_imported_from_src_still_make_it_the_root(
    tmp_path: Path,
) -> None:
    """``src/__init__.py`` is stray: no import names ``src``, while its packages are
    imported by their own names, so ``src`` is where they are imported from."""
    for path in ASSET.rglob("*.py"):
        target = tmp_path / path.relative_to(ASSET)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(path.read_text())
    analysis = api.analyse(str(tmp_path), cache=False)
    assert analysis.scan.source_roots == ("src",)
    internal = {(i.importer, i.imported) for i in analysis.scan.imports if not i.external}
    assert ("application.place_order", "domain.order") in internal


def test_without_the_setting_namespace_folders_below_a_stray_init_stay_unresolved(
    tmp_path: Path,
) -> None:
    """Folders without ``__init__.py`` below a stray one are no evidence of a root:
    only the setting (``PYTHONPATH``, ``mypy_path``) says where they are imported from."""
    write(
        tmp_path,
        {
            "src/__init__.py": "",
            "src/domain/order/value_object.py": "class Money: ...\n",
            "src/domain/order/repository.py": "from domain.order.value_object import Money\n",
        },
    )
    analysis = api.analyse(str(tmp_path), cache=False)
    assert not [i for i in analysis.scan.imports if not i.external]
