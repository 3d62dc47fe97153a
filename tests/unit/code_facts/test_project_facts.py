"""read_project_facts: package manager, commands, pins, majors, observability and notes."""

from __future__ import annotations

from pathlib import Path

import pytest

import archbook
from archbook.application.code_facts.project_facts import read_project_facts, wanted_project_file
from archbook.domain.project import (
    Pin,
    ProjectFacts,
    exact_version,
    lower_bound,
    lowest_major,
    normalise_name,
)

SAMPLE = Path(archbook.__file__).parent / "samples" / "threads_api"

POETRY_PYPROJECT = """
[tool.poetry]
name = "shop-api"
version = "0.1.0"

[tool.poetry.dependencies]
python = "^3.11"
fastapi = "^0.110"
pydantic = { version = "^2.5", extras = ["email"] }
SQLAlchemy = ">=2.0,<3"
dependency_injector = "4.41.0"

[tool.poetry.group.dev.dependencies]
pytest = "^8.0"

[tool.poetry.dev-dependencies]
ruff = "*"

[build-system]
requires = ["poetry-core"]
build-backend = "poetry.core.masonry.api"
"""

POETRY_LOCK = """
[[package]]
name = "fastapi"
version = "0.115.6"
description = "FastAPI framework"
optional = false

[[package]]
name = "pydantic"
version = "2.9.2"

[[package]]
name = "starlette"
version = "0.41.3"

[[package]]
name = "sqlalchemy"
version = "2.0.36"

[metadata]
lock-version = "2.0"
python-versions = "^3.11"
"""

UV_PYPROJECT = """
[project]
name = "orders_api"
version = "0.1.0"
requires-python = ">=3.12"
dependencies = [
    "fastapi[standard]>=0.115",
    "pydantic-settings>=2.6",
    "motor>=3.6",
    "structlog>=24.1",
]

[dependency-groups]
dev = ["pytest>=8.3", "httpx>=0.28", {include-group = "lint"}]
lint = ["ruff>=0.8"]

[tool.uv]
package = true
"""

UV_LOCK = """
version = 1
requires-python = ">=3.12"

[[package]]
name = "fastapi"
version = "0.115.12"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "orders-api"
version = "0.1.0"
source = { editable = "." }

[[package]]
name = "pydantic"
version = "2.11.3"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "pymongo"
version = "4.10.1"
source = { registry = "https://pypi.org/simple" }
"""

PEP621_PYPROJECT = """
[project]
name = "notes"
requires-python = ">=3.9"
dependencies = ["fastapi>=0.95,<1", "pydantic>=1.10,<2"]
"""

REQUIREMENTS = """\
# runtime
-r base.txt
--index-url https://pypi.example/simple
-e git+https://github.com/acme/lib.git#egg=lib
fastapi==0.99.1 \\
    --hash=sha256:aaaa \\
    --hash=sha256:bbbb
uvicorn[standard]>=0.23  # server
Pydantic_Core==2.6.3 ; python_version >= "3.8"
sentry-sdk[fastapi]~=1.40
opentelemetry-instrumentation-fastapi==0.44b0
https://example.com/pkg-1.0-py3-none-any.whl
./vendor/local_pkg
"""

PIPFILE = """
[[source]]
url = "https://pypi.org/simple"
verify_ssl = true
name = "pypi"

[packages]
fastapi = "*"
pydantic = {version = "==1.10.13", extras = ["email"]}
loguru = "*"

[dev-packages]
pytest = "*"

[requires]
python_version = "3.10"
"""

PIPFILE_LOCK = """
{
    "_meta": {"requires": {"python_version": "3.10"}},
    "default": {
        "fastapi": {"version": "==0.103.2"},
        "pydantic": {"version": "==1.10.13"}
    },
    "develop": {"pytest": {"version": "==7.4.3"}}
}
"""

SETUP_PY = """
from setuptools import find_packages, setup

setup(
    name="legacy-api",
    packages=find_packages(),
    python_requires=">=3.8",
    install_requires=["fastapi>=0.68,<0.90", "SQLAlchemy==1.4.52", "pymongo>=3.12,<4"],
    extras_require={"dev": ["pytest>=7"]},
)
"""

SETUP_CFG = """
[metadata]
name = cfg-api

[options]
python_requires = >=3.10
install_requires =
    fastapi>=0.100  # web
    pydantic>=2.0

[options.extras_require]
dev =
    pytest
"""


def facts_of(**files: str) -> ProjectFacts:
    """Facts of a project whose files are given as keyword arguments (``_`` for ``.``)."""
    return read_project_facts({_path(name): text for name, text in files.items()})


def _path(name: str) -> str:
    return {
        "pyproject": "pyproject.toml",
        "poetry_lock": "poetry.lock",
        "uv_lock": "uv.lock",
        "pdm_lock": "pdm.lock",
        "pipfile": "Pipfile",
        "pipfile_lock": "Pipfile.lock",
        "requirements": "requirements.txt",
        "setup_py": "setup.py",
        "setup_cfg": "setup.cfg",
        "python_version": ".python-version",
        "runtime": "runtime.txt",
    }[name]


def the_pin(facts: ProjectFacts, name: str) -> Pin:
    pin = facts.pin(name)
    assert pin is not None, f"{name} not among {[p.name for p in facts.pins]}"
    return pin


# --- poetry -----------------------------------------------------------------------------


def test_poetry_project_with_lock_takes_versions_from_the_lock() -> None:
    facts = facts_of(pyproject=POETRY_PYPROJECT, poetry_lock=POETRY_LOCK)

    assert facts.package_manager == "poetry"
    assert facts.python == "^3.11"
    assert the_pin(facts, "fastapi") == Pin("fastapi", "^0.110", "0.115.6", "pyproject.toml")
    assert the_pin(facts, "pydantic") == Pin("pydantic", "^2.5", "2.9.2", "pyproject.toml")
    assert the_pin(facts, "sqlalchemy").version == "2.0.36"
    assert facts.fastapi_major == 0
    assert facts.pydantic_major == 2


def test_poetry_lock_only_packages_are_pins_without_a_spec() -> None:
    facts = facts_of(pyproject=POETRY_PYPROJECT, poetry_lock=POETRY_LOCK)

    assert the_pin(facts, "starlette") == Pin("starlette", "", "0.41.3", "poetry.lock")


def test_poetry_pins_cover_groups_and_legacy_dev_dependencies_but_not_python() -> None:
    facts = facts_of(pyproject=POETRY_PYPROJECT)

    names = [pin.name for pin in facts.pins]
    assert names == sorted(names)
    assert {"pytest", "ruff", "dependency-injector", "sqlalchemy"} <= set(names)
    assert "python" not in names
    assert the_pin(facts, "ruff").spec == "*"


def test_poetry_project_without_lock_reads_majors_from_spec_bounds() -> None:
    facts = facts_of(pyproject=POETRY_PYPROJECT)

    assert the_pin(facts, "fastapi") == Pin("fastapi", "^0.110", None, "pyproject.toml")
    assert facts.fastapi_major == 0
    assert facts.pydantic_major == 2


def test_poetry_bare_version_is_an_exact_pin() -> None:
    facts = facts_of(pyproject=POETRY_PYPROJECT)

    assert the_pin(facts, "dependency-injector").version == "4.41.0"


def test_pep621_project_with_poetry_lock_is_poetry() -> None:
    facts = facts_of(pyproject=PEP621_PYPROJECT, poetry_lock=POETRY_LOCK)

    assert facts.package_manager == "poetry"
    assert the_pin(facts, "fastapi").version == "0.115.6"


def test_poetry_core_backend_without_lock_is_poetry() -> None:
    pyproject = PEP621_PYPROJECT + (
        '\n[build-system]\nrequires = ["poetry-core>=2"]\n'
        'build-backend = "poetry.core.masonry.api"\n'
    )

    assert facts_of(pyproject=pyproject).package_manager == "poetry"


# --- uv, pdm, pipenv ----------------------------------------------------------------------


def test_uv_project_reads_lock_and_dependency_groups() -> None:
    facts = facts_of(pyproject=UV_PYPROJECT, uv_lock=UV_LOCK)

    assert facts.package_manager == "uv"
    assert (facts.install_command, facts.add_command, facts.dev_add_command) == (
        "uv sync",
        "uv add <package>",
        "uv add --dev <package>",
    )
    assert facts.python == ">=3.12"
    assert the_pin(facts, "fastapi") == Pin("fastapi", ">=0.115", "0.115.12", "pyproject.toml")
    assert the_pin(facts, "pydantic") == Pin("pydantic", "", "2.11.3", "uv.lock")
    assert the_pin(facts, "ruff").spec == ">=0.8"
    assert the_pin(facts, "httpx").spec == ">=0.28"
    assert facts.pydantic_major == 2


def test_uv_lock_does_not_pin_the_project_itself() -> None:
    facts = facts_of(pyproject=UV_PYPROJECT, uv_lock=UV_LOCK)

    assert facts.pin("orders-api") is None


def test_tool_uv_table_without_lock_is_uv() -> None:
    assert facts_of(pyproject=UV_PYPROJECT).package_manager == "uv"


def test_pdm_lock_is_pdm_and_gives_versions() -> None:
    pdm_lock = '[[package]]\nname = "fastapi"\nversion = "0.112.0"\n'

    facts = facts_of(pyproject=PEP621_PYPROJECT, pdm_lock=pdm_lock)

    assert facts.package_manager == "pdm"
    assert the_pin(facts, "fastapi").version == "0.112.0"
    assert facts.dev_add_command == "pdm add --dev <package>"


def test_pipenv_project_reads_pipfile_and_its_lock() -> None:
    facts = facts_of(pipfile=PIPFILE, pipfile_lock=PIPFILE_LOCK)

    assert facts.package_manager == "pipenv"
    assert facts.python == "3.10"
    assert the_pin(facts, "fastapi") == Pin("fastapi", "*", "0.103.2", "Pipfile")
    assert the_pin(facts, "pydantic") == Pin("pydantic", "==1.10.13", "1.10.13", "Pipfile")
    assert facts.fastapi_major == 0
    assert facts.pydantic_major == 1
    assert facts.add_command == "pipenv install <package>"
    assert facts.dev_add_command == "pipenv install --dev <package>"
    assert "loguru" in facts.observability


# --- pip and setuptools -------------------------------------------------------------------


def test_pep621_with_requirements_is_pip_and_reads_both() -> None:
    facts = facts_of(pyproject=PEP621_PYPROJECT, requirements=REQUIREMENTS)

    assert facts.package_manager == "pip"
    assert facts.python == ">=3.9"
    assert facts.install_command == "pip install -r requirements.txt"
    assert facts.add_command == "pip install <package> and add it to requirements.txt"
    # pyproject declares the range first; the == pin in requirements.txt gives the version
    assert the_pin(facts, "fastapi") == Pin("fastapi", ">=0.95,<1", "0.99.1", "pyproject.toml")
    assert facts.pydantic_major == 1


def test_requirements_skip_comments_options_editables_urls_and_markers() -> None:
    facts = read_project_facts({"requirements.txt": REQUIREMENTS})

    assert [pin.name for pin in facts.pins] == [
        "fastapi",
        "opentelemetry-instrumentation-fastapi",
        "pydantic-core",
        "sentry-sdk",
        "uvicorn",
    ]
    assert the_pin(facts, "fastapi") == Pin("fastapi", "==0.99.1", "0.99.1", "requirements.txt")
    assert the_pin(facts, "uvicorn").spec == ">=0.23"
    assert the_pin(facts, "pydantic_core").spec == "==2.6.3"
    assert the_pin(facts, "sentry-sdk").spec == "~=1.40"


def test_pip_commands_name_the_projects_own_requirement_files() -> None:
    facts = read_project_facts(
        {"requirements/base.txt": "fastapi>=0.110\n", "requirements/dev.txt": "pytest\n"}
    )

    assert facts.package_manager == "pip"
    assert facts.install_command == "pip install -r requirements/base.txt"
    assert facts.dev_add_command == "pip install <package> and add it to requirements/dev.txt"
    assert the_pin(facts, "pytest").source == "requirements/dev.txt"


def test_setup_py_is_setuptools_and_read_without_running_it() -> None:
    facts = facts_of(setup_py=SETUP_PY)

    assert facts.package_manager == "setuptools"
    assert facts.python == ">=3.8"
    assert facts.install_command == "pip install -e ."
    assert "setup.py" in facts.add_command
    assert the_pin(facts, "fastapi").spec == ">=0.68,<0.90"
    assert the_pin(facts, "sqlalchemy").version == "1.4.52"
    assert the_pin(facts, "pytest").spec == ">=7"


def test_setup_py_with_computed_requirements_says_so() -> None:
    setup_py = "from setuptools import setup\nsetup(install_requires=open('r.txt').read())\n"

    facts = facts_of(setup_py=setup_py)

    assert facts.pins == ()
    assert any("install_requires is computed" in note for note in facts.notes)


def test_setup_cfg_is_setuptools_with_options_and_extras() -> None:
    facts = facts_of(setup_cfg=SETUP_CFG)

    assert facts.package_manager == "setuptools"
    assert facts.python == ">=3.10"
    assert the_pin(facts, "fastapi").spec == ">=0.100"
    assert the_pin(facts, "pytest").spec == ""
    assert facts.pydantic_major == 2
    assert "setup.cfg" in facts.add_command


@pytest.mark.parametrize(
    ("backend", "manager"),
    [
        ("flit_core.buildapi", "flit"),
        ("hatchling.build", "hatch"),
        ("pdm.backend", "pdm"),
        ("setuptools.build_meta", "setuptools"),
    ],
)
def test_build_backend_names_the_manager(backend: str, manager: str) -> None:
    pyproject = f'{PEP621_PYPROJECT}\n[build-system]\nbuild-backend = "{backend}"\n'

    assert facts_of(pyproject=pyproject).package_manager == manager


def test_requirements_beat_a_bare_setuptools_backend() -> None:
    pyproject = f'{PEP621_PYPROJECT}\n[build-system]\nbuild-backend = "setuptools.build_meta"\n'

    assert facts_of(pyproject=pyproject, requirements="fastapi\n").package_manager == "pip"


def test_no_files_default_to_pip() -> None:
    facts = read_project_facts({})

    assert facts.package_manager == "pip"
    assert facts.install_command == "pip install -r requirements.txt"
    assert (facts.python, facts.pins, facts.fastapi_major, facts.pydantic_major) == (
        None,
        (),
        None,
        None,
    )


@pytest.mark.parametrize(
    ("files", "commands"),
    [
        (
            {"poetry.lock": ""},
            ("poetry install", "poetry add <package>", "poetry add --group dev <package>"),
        ),
        ({"uv.lock": ""}, ("uv sync", "uv add <package>", "uv add --dev <package>")),
        ({"pdm.lock": ""}, ("pdm install", "pdm add <package>", "pdm add --dev <package>")),
        (
            {"Pipfile": ""},
            ("pipenv install --dev", "pipenv install <package>", "pipenv install --dev <package>"),
        ),
        (
            {"requirements.txt": "", "requirements-dev.txt": ""},
            (
                "pip install -r requirements.txt",
                "pip install <package> and add it to requirements.txt",
                "pip install <package> and add it to requirements-dev.txt",
            ),
        ),
    ],
)
def test_install_and_add_commands_per_manager(
    files: dict[str, str], commands: tuple[str, str, str]
) -> None:
    facts = read_project_facts(files)

    assert (facts.install_command, facts.add_command, facts.dev_add_command) == commands


@pytest.mark.parametrize(
    ("backend", "install", "word"),
    [
        ("flit_core.buildapi", "flit install", "flit"),
        ("hatchling.build", "hatch env create", "hatch"),
    ],
)
def test_flit_and_hatch_commands_say_where_to_add(backend: str, install: str, word: str) -> None:
    pyproject = f'{PEP621_PYPROJECT}\n[build-system]\nbuild-backend = "{backend}"\n'

    facts = facts_of(pyproject=pyproject)

    assert facts.install_command == install
    assert "<package>" in facts.add_command and "pyproject.toml" in facts.add_command
    assert word in facts.dev_add_command or "pyproject.toml" in facts.dev_add_command


# --- where the project lives --------------------------------------------------------------


def test_monorepo_backend_folder_is_read_when_the_root_has_no_manifest() -> None:
    files = {
        "frontend/package.json": "{}",
        "backend/pyproject.toml": POETRY_PYPROJECT,
        "backend/poetry.lock": POETRY_LOCK,
        ".python-version": "3.12.4\n",
    }

    facts = read_project_facts(files)

    assert facts.package_manager == "poetry"
    assert the_pin(facts, "fastapi") == Pin(
        "fastapi", "^0.110", "0.115.6", "backend/pyproject.toml"
    )
    assert the_pin(facts, "starlette").source == "backend/poetry.lock"
    assert any("backend/" in note and "run the package commands" in note for note in facts.notes)


def test_root_manifest_wins_over_subfolders() -> None:
    files = {"requirements.txt": "fastapi==0.100.0\n", "api/pyproject.toml": POETRY_PYPROJECT}

    facts = read_project_facts(files)

    assert facts.package_manager == "pip"
    assert the_pin(facts, "fastapi").source == "requirements.txt"


def test_python_version_falls_back_to_version_files() -> None:
    assert facts_of(python_version="# pyenv\n3.12.1\n").python == "3.12.1"
    assert facts_of(runtime="python-3.11.9\n").python == "3.11.9"


def test_pyproject_python_wins_over_version_file() -> None:
    assert facts_of(pyproject=UV_PYPROJECT, python_version="3.13.0").python == ">=3.12"


@pytest.mark.parametrize(
    ("path", "wanted"),
    [
        ("pyproject.toml", True),
        ("backend/poetry.lock", True),
        ("server/requirements-dev.txt", True),
        ("requirements/prod.txt", True),
        ("app/.python-version", True),
        (".\\Pipfile", True),
        ("src/pyproject.toml", False),
        ("frontend/package.json", False),
        ("docs/requirements.txt", False),
    ],
)
def test_wanted_project_file(path: str, wanted: bool) -> None:
    assert wanted_project_file(path) is wanted


# --- broken files -------------------------------------------------------------------------


def test_broken_pyproject_becomes_a_note_and_other_files_still_count() -> None:
    facts = facts_of(pyproject="[tool.poetry\nname = ", requirements="fastapi==0.110.0\n")

    assert any(note.startswith("pyproject.toml could not be read:") for note in facts.notes)
    assert facts.package_manager == "pip"
    assert facts.fastapi_major == 0


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("poetry.lock", "[[package]\nname="),
        ("uv.lock", "version = = 1"),
        ("Pipfile", "[packages\n"),
        ("Pipfile.lock", "{not json"),
        ("setup.py", "setup(install_requires=[\n"),
        ("setup.cfg", "no section header\n"),
    ],
)
def test_broken_file_is_noted_with_its_path(name: str, text: str) -> None:
    facts = read_project_facts({name: text})

    assert any(note.startswith(f"{name} could not be read: ") for note in facts.notes)


def test_wrongly_shaped_tables_are_ignored_not_fatal() -> None:
    pyproject = (
        'dependency-groups = "dev"\n[project]\ndependencies = "fastapi"\n'
        'optional-dependencies = ["x"]\n[tool]\npoetry = 3\n'
    )
    lock = '[[package]]\nname = 3\n[[package]]\nname = "fastapi"\n'

    facts = facts_of(pyproject=pyproject, poetry_lock=lock)

    assert facts.pins == ()
    assert facts.package_manager == "poetry"


def test_several_lock_files_are_noted() -> None:
    facts = read_project_facts({"poetry.lock": "", "uv.lock": ""})

    assert facts.package_manager == "poetry"
    assert "Several lock files (poetry.lock, uv.lock): assuming poetry" in facts.notes


# --- versions -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "major"),
    [
        ("^0.110", 0),
        (">=2.5,<3", 2),
        ("==1.10.2", 1),
        ("~=2.0", 2),
        ("~1.4", 1),
        (">= 2.1, < 3", 2),
        (">=0.95 <1.0", 0),
        ("2.7.1", 2),
        ("==2.*", 2),
        ("(>=1.8)", 1),
        ("^1.10 || ^2.0", 1),
        (">1.9", 1),
        ("<3", None),
        ("!=2.0", None),
        ("*", None),
        ("", None),
        ("@ https://example.com/x.whl", None),
    ],
)
def test_lowest_major(spec: str, major: int | None) -> None:
    assert lowest_major(spec) == major


def test_lower_bound_takes_the_highest_floor_of_one_range() -> None:
    assert lower_bound(">=2.0,>=2.5,<3") == (2, 5)
    assert lower_bound("^3.11") == (3, 11)


@pytest.mark.parametrize(
    ("spec", "version"),
    [
        ("==1.10.2", "1.10.2"),
        ("=== 2.0", "2.0"),
        ("0.110.0", "0.110.0"),
        ("==2.*", None),
        (">=1.0", None),
        ("==1.0,<2", None),
        ("*", None),
    ],
)
def test_exact_version(spec: str, version: str | None) -> None:
    assert exact_version(spec) == version


def test_locked_version_wins_over_spec_for_the_major() -> None:
    pyproject = '[project]\nname = "x"\ndependencies = ["pydantic>=1.10"]\n'
    lock = '[[package]]\nname = "pydantic"\nversion = "2.10.0"\n'

    facts = facts_of(pyproject=pyproject, uv_lock=lock)

    assert facts.pydantic_major == 2
    assert the_pin(facts, "pydantic").spec == ">=1.10"


@pytest.mark.parametrize(
    ("name", "normal"),
    [("Pydantic_Settings", "pydantic-settings"), ("zope.interface", "zope-interface")],
)
def test_names_are_pep503_normalised(name: str, normal: str) -> None:
    assert normalise_name(name) == normal


def test_pin_lookup_accepts_any_spelling() -> None:
    facts = facts_of(pyproject=POETRY_PYPROJECT)

    assert facts.pin("Dependency.Injector") == facts.pin("dependency-injector")
    assert facts.pin("flask") is None


# --- observability ------------------------------------------------------------------------


def test_observability_from_imports_and_pins_sorted_and_unique() -> None:
    imports = {
        "app.main": frozenset({"fastapi", "logging", "structlog"}),
        "app.telemetry": frozenset({"opentelemetry", "prometheus_client", "logging"}),
    }

    facts = read_project_facts({"requirements.txt": REQUIREMENTS}, module_imports=imports)

    assert facts.observability == (
        "logging",
        "opentelemetry",
        "prometheus_client",
        "sentry_sdk",
        "structlog",
    )


def test_observability_ignores_packages_only_a_lock_names() -> None:
    lock = '[[package]]\nname = "opentelemetry-api"\nversion = "1.28.0"\n'

    assert facts_of(poetry_lock=lock).observability == ()


def test_observability_pins_logfire_and_loguru() -> None:
    facts = facts_of(requirements="logfire>=2\nloguru\nprometheus-client\n")

    assert facts.observability == ("logfire", "loguru", "prometheus_client")


def test_app_factory_and_settings_module_pass_through() -> None:
    facts = read_project_facts({}, app_factory="app.main:create_app", settings_module="app.config")

    assert (facts.app_factory, facts.settings_module) == ("app.main:create_app", "app.config")


# --- notes --------------------------------------------------------------------------------


def note_about(facts: ProjectFacts, start: str) -> str:
    found = [note for note in facts.notes if note.startswith(start)]
    assert len(found) == 1, facts.notes
    return found[0]


def test_notes_for_a_modern_stack_name_the_pinned_versions() -> None:
    facts = facts_of(pyproject=POETRY_PYPROJECT, poetry_lock=POETRY_LOCK)

    assert "lifespan" in note_about(facts, "FastAPI 0.115.6 pinned")
    assert "Annotated" in note_about(facts, "FastAPI 0.115.6 pinned")
    assert "model_dump" in note_about(facts, "Pydantic 2.9.2 pinned")
    assert "select()" in note_about(facts, "SQLAlchemy 2.0.36 pinned")
    assert "WiringConfiguration" in note_about(facts, "dependency-injector 4.41.0 pinned")
    assert "X | None" in note_about(facts, "Python ^3.11 (3.11+)")


def test_notes_for_an_old_stack() -> None:
    facts = facts_of(setup_py=SETUP_PY, requirements="pydantic==1.10.2\n")

    assert "before 0.93" in note_about(facts, "FastAPI >=0.68,<0.90 pinned")
    assert "@validator" in note_about(facts, "Pydantic 1.10.2 pinned (v1 API)")
    assert "session.query()" in note_about(facts, "SQLAlchemy 1.4.52 pinned")
    assert "PyMongo 3 API" in note_about(facts, "PyMongo >=3.12,<4 pinned")
    assert "Optional[X]" in note_about(facts, "Python >=3.8 allows 3.8")


def test_mongo_note_names_motor_and_pymongo() -> None:
    facts = facts_of(pyproject=UV_PYPROJECT, uv_lock=UV_LOCK)

    note = note_about(facts, "Motor >=3.6 / PyMongo 4.10.1 pinned (PyMongo 4 API)")
    assert "count_documents" in note
    assert "AsyncMongoClient" in note
    assert "AsyncClient(transport=ASGITransport" in note_about(facts, "httpx >=0.28 pinned")


def test_motor_alone_implies_pymongo_4() -> None:
    facts = facts_of(requirements="motor==3.3.2\n")

    assert "count_documents" in note_about(facts, "Motor 3.3.2 pinned (PyMongo 4 API)")


def test_fastapi_between_lifespan_and_annotated() -> None:
    facts = facts_of(requirements="fastapi==0.93.0\n")

    note = note_about(facts, "FastAPI 0.93.0 pinned")
    assert "lifespan" in note and "Annotated" not in note


def test_no_notes_for_unversioned_libraries() -> None:
    facts = facts_of(requirements="fastapi\npydantic\n")

    assert facts.notes == ()
    assert facts.fastapi_major is None


# --- the bundled sample -------------------------------------------------------------------


def test_bundled_sample_is_a_poetry_project_on_fastapi_0_and_pydantic_2() -> None:
    files = {
        path.relative_to(SAMPLE).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(SAMPLE.rglob("*"))
        if path.is_file() and wanted_project_file(path.relative_to(SAMPLE).as_posix())
    }

    facts = read_project_facts(files)

    assert set(files) == {"pyproject.toml"}
    assert facts.package_manager == "poetry"
    assert facts.fastapi_major == 0
    assert facts.pydantic_major == 2
    assert facts.python == "^3.11"
    assert the_pin(facts, "motor").spec == "^3.7"
    assert the_pin(facts, "uvicorn").spec == ">=0.34,<1.0"


@pytest.mark.parametrize(
    ("files", "names"),
    [
        ({"pyproject": POETRY_PYPROJECT}, ("shop-api",)),
        ({"pyproject": UV_PYPROJECT}, ("orders-api",)),
        ({"setup_cfg": SETUP_CFG}, ("cfg-api",)),
        ({"requirements": "fastapi==0.115.0\n"}, ()),
    ],
    ids=["poetry", "pep621", "setup.cfg", "none"],
)
def test_the_projects_own_names_are_read_from_its_manifests(
    files: dict[str, str], names: tuple[str, ...]
) -> None:
    assert facts_of(**files).names == names
