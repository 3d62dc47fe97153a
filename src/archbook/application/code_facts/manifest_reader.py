"""Reads one project folder's manifests and lock files (pyproject.toml, Pipfile,
setup.cfg, setup.py, requirements files, poetry/uv/pdm locks, Pipfile.lock,
.python-version): the declared and locked pins, Python specs, the package manager
and its commands. Apart from ``project_facts`` because each file format has its own
reader and they share one state; ``read_project_facts`` only assembles the result.
Unreadable files become notes."""

from __future__ import annotations

import ast
import configparser
import json
import re
import tomllib
from collections.abc import Iterable, Mapping
from typing import Any

from archbook.application.code_facts.manifest_values import (
    parse_requirement,
    poetry_spec,
    setup_keywords,
    string_list,
    table_at,
    text_value,
)
from archbook.domain.project import (
    FLIT,
    HATCH,
    PDM,
    PIP,
    PIPENV,
    POETRY,
    REQUIREMENTS_FILE,
    SETUPTOOLS,
    UV,
    Pin,
    commands_for,
    exact_version,
    normalise_name,
)
from archbook.domain.python_syntax import parse_python

_TOML_LOCKS = ("poetry.lock", "uv.lock", "pdm.lock")
_LOCKS = (*_TOML_LOCKS, "Pipfile.lock")
_DEV_REQUIREMENTS = re.compile(r"dev|test|lint")


class ManifestReader:
    """Reads the files of one project folder, collecting pins, Python specs and notes."""

    def __init__(self, texts: Mapping[str, str], folder: str) -> None:
        prefix = f"{folder}/" if folder else ""
        self._paths = {p[len(prefix) :]: p for p in texts if p.startswith(prefix)}
        self._texts = texts
        self.notes: list[str] = []
        self.python: list[str | None] = []
        self.direct: dict[str, Pin] = {}
        self._locked: dict[str, tuple[str, str]] = {}
        self.own: set[str] = set()  # the project's own distribution names
        self.pyproject = self._toml("pyproject.toml")
        self._read_pyproject()
        self._read_pipfile()
        self._read_setup_cfg()
        self._read_setup_py()
        for requirements in self._requirement_files():
            self._declare_all(self._requirement_lines(requirements), self._paths[requirements])
        for lock in _TOML_LOCKS:
            self._read_lock(lock)
        self._read_pipfile_lock()
        self._read_version_files(folder, texts)

    def manager(self) -> str:
        """The package manager the files point to; lock files are the strongest sign."""
        tool = table_at(self.pyproject, "tool")
        backend = text_value(table_at(self.pyproject, "build-system").get("build-backend")) or ""
        has = self._paths.__contains__
        signs = (
            (POETRY, has("poetry.lock")),
            (UV, has("uv.lock")),
            (PDM, has("pdm.lock")),
            (PIPENV, has("Pipfile.lock") or has("Pipfile")),
            (POETRY, "poetry" in tool or backend.startswith("poetry")),
            (UV, "uv" in tool),
            (PDM, "pdm" in tool or backend.startswith("pdm")),
            (FLIT, "flit" in tool or backend.startswith("flit")),
            (HATCH, "hatch" in tool or backend.startswith("hatchling")),
            (SETUPTOOLS, has("setup.py") or has("setup.cfg")),
            (PIP, bool(self._requirement_files())),
            (SETUPTOOLS, backend.startswith("setuptools")),
        )
        manager = next((name for name, present in signs if present), PIP)
        locks = [lock for lock in _LOCKS if has(lock)]
        if len(locks) > 1:
            self.notes.append(f"Several lock files ({', '.join(locks)}): assuming {manager}")
        return manager

    def pins(self) -> tuple[Pin, ...]:
        """Declared pins with their locked versions, plus packages only the lock names."""
        pins = {
            name: Pin(name, pin.spec, self._locked.get(name, ("", pin.version))[1], pin.source)
            for name, pin in self.direct.items()
        }
        for name, (source, version) in self._locked.items():
            if name not in pins and name not in self.own:
                pins[name] = Pin(name, "", version, source)
        return tuple(pins[name] for name in sorted(pins))

    def commands(self, manager: str) -> tuple[str, str, str]:
        files = self._requirement_files()
        dev = [path for path in files if _DEV_REQUIREMENTS.search(path)]
        main = [path for path in files if path not in dev]
        declared_in = "pyproject.toml"
        if not table_at(self.pyproject, "project").get("dependencies"):
            declared_in = next(
                (n for n in ("setup.cfg", "setup.py") if n in self._paths), "setup.py"
            )
        return commands_for(
            manager,
            requirements="requirements.txt"
            if "requirements.txt" in main
            else [*main, "requirements.txt"][0],
            dev_requirements=(dev or ["requirements-dev.txt"])[0],
            declared_in=declared_in,
        )

    def _requirement_files(self) -> list[str]:
        return sorted(path for path in self._paths if REQUIREMENTS_FILE.match(path))

    def _text(self, name: str) -> str | None:
        path = self._paths.get(name)
        return None if path is None else self._texts[path]

    def _unreadable(self, name: str, reason: object) -> None:
        self.notes.append(f"{self._paths[name]} could not be read: {reason}")

    def _toml(self, name: str) -> dict[str, Any]:
        text = self._text(name)
        if text is None:
            return {}
        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            self._unreadable(name, error)
            return {}

    def _declare(self, name: str, spec: str, source: str) -> None:
        """The first declaration of a name wins; a later ``==`` pin fills in its version."""
        key, exact = normalise_name(name), exact_version(spec)
        first = self.direct.get(key)
        if first is None and key != "python":
            self.direct[key] = Pin(key, spec, exact, source)
        elif first is not None and first.version is None and exact:
            self.direct[key] = Pin(key, first.spec, exact, first.source)

    def _declare_all(self, requirements: Iterable[str], source: str) -> None:
        for text in requirements:
            parsed = parse_requirement(text)
            if parsed:
                self._declare(*parsed, source)

    def _declare_table(self, table: Mapping[str, Any], source: str) -> None:
        for name, value in table.items():
            self._declare(name, poetry_spec(value), source)

    def _read_pyproject(self) -> None:
        data, source = self.pyproject, self._paths.get("pyproject.toml", "")
        project, poetry = table_at(data, "project"), table_at(data, "tool", "poetry")
        self.own.update(
            normalise_name(n)
            for n in (project.get("name"), poetry.get("name"))
            if isinstance(n, str)
        )
        self.python += [
            text_value(table_at(poetry, "dependencies").get("python")),
            text_value(project.get("requires-python")),
        ]
        groups = [project.get("dependencies")]
        groups += table_at(project, "optional-dependencies").values()
        groups += table_at(data, "dependency-groups").values()
        groups.append(table_at(data, "tool", "uv").get("dev-dependencies"))
        groups += table_at(data, "tool", "pdm", "dev-dependencies").values()
        groups += [
            table_at(env).get("dependencies")
            for env in table_at(data, "tool", "hatch", "envs").values()
        ]
        self._declare_table(table_at(poetry, "dependencies"), source)
        for group in table_at(poetry, "group").values():
            self._declare_table(table_at(group, "dependencies"), source)
        self._declare_table(table_at(poetry, "dev-dependencies"), source)
        for group in groups:
            self._declare_all(string_list(group), source)

    def _read_pipfile(self) -> None:
        data = self._toml("Pipfile")
        requires = table_at(data, "requires")
        self.python += [
            text_value(requires.get("python_version")),
            text_value(requires.get("python_full_version")),
        ]
        for section in ("packages", "dev-packages"):
            self._declare_table(table_at(data, section), self._paths.get("Pipfile", ""))

    def _read_setup_cfg(self) -> None:
        text = self._text("setup.cfg")
        if text is None:
            return
        config = configparser.ConfigParser(interpolation=None)
        try:
            config.read_string(text)
        except configparser.Error as error:
            self._unreadable("setup.cfg", error)
            return
        source = self._paths["setup.cfg"]
        name = config.get("metadata", "name", fallback="")
        if name:
            self.own.add(normalise_name(name))
        self.python.append(text_value(config.get("options", "python_requires", fallback=None)))
        self._declare_all(
            config.get("options", "install_requires", fallback="").splitlines(), source
        )
        if config.has_section("options.extras_require"):
            for _, value in config.items("options.extras_require"):
                self._declare_all(value.splitlines(), source)

    def _read_setup_py(self) -> None:
        text = self._text("setup.py")
        if text is None:
            return
        try:
            tree = parse_python(text, "setup.py")
        except (SyntaxError, ValueError) as error:
            self._unreadable("setup.py", error)
            return
        source = self._paths["setup.py"]
        for keyword in setup_keywords(tree):
            try:
                value = ast.literal_eval(keyword.value)
            except (ValueError, TypeError, SyntaxError):
                self.notes.append(
                    f"{source}: {keyword.arg} is computed when setup.py runs; "
                    "archbook reads only literal values"
                )
                continue
            if keyword.arg == "python_requires":
                self.python.append(text_value(value))
            for requirements in value.values() if isinstance(value, dict) else [value]:
                self._declare_all(string_list(requirements), source)

    def _requirement_lines(self, name: str) -> list[str]:
        text = self._texts[self._paths[name]]
        return re.sub(r"\\\r?\n", " ", text).splitlines()

    def _read_lock(self, name: str) -> None:
        for package in self._toml(name).get("package", []):
            if (
                isinstance(package, dict)
                and text_value(package.get("name"))
                and text_value(package.get("version"))
            ):
                key = normalise_name(package["name"])
                self._locked.setdefault(key, (self._paths[name], package["version"].strip()))

    def _read_pipfile_lock(self) -> None:
        text = self._text("Pipfile.lock")
        if text is None:
            return
        try:
            data = json.loads(text)
        except ValueError as error:
            self._unreadable("Pipfile.lock", error)
            return
        self.python.append(text_value(table_at(data, "_meta", "requires").get("python_version")))
        for section in ("default", "develop"):
            for name, entry in table_at(data, section).items():
                version = text_value(table_at(entry).get("version"))
                if version:
                    self._locked.setdefault(
                        normalise_name(name), (self._paths["Pipfile.lock"], version.lstrip("="))
                    )

    def _read_version_files(self, folder: str, texts: Mapping[str, str]) -> None:
        for name in (".python-version", "runtime.txt"):
            paths = [f"{folder}/{name}" if folder else name, name]
            text = next((texts[path] for path in paths if path in texts), "")
            lines = [
                line.strip()
                for line in text.splitlines()
                if line.strip() and not line.startswith("#")
            ]
            if lines:
                self.python.append(lines[0].removeprefix("python-"))
