"""Source roots a repository declares in its own settings.

Read, never executed: mypy ``mypy_path``, pytest ``pythonpath``, setuptools
``package-dir``/``packages.find.where`` (pyproject or setup.cfg), poetry
``packages[].from``, hatch wheel ``packages``, the extra paths of VS Code's
``.vscode/settings.json``, and ``PYTHONPATH`` set in ``.env`` files (relative to
their folder), Dockerfiles and compose files (container paths are matched to the
repository's folders by their longest existing tail). The scanner keeps a declared
root only when some import of the repository resolves below it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from typing import Any

from archbook.adapters.scanning.folder_walk import within

CONFIG_FOLDERS = ("", "backend", "api", "server", "service", "app")
_PYTHONPATH = re.compile(r"PYTHONPATH[\"']?\s*[=:]\s*[\"']?([^\s\"'#]+)")
_COMPOSE = re.compile(r"^(?:docker-)?compose[\w.-]*\.ya?ml$")
# ``.env`` (the file VS Code and most process managers load) and its variants
_ENV_FILE = re.compile(r"^\.env(?:\.[\w-]+)?$")
# VS Code settings (JSON with comments): the folders its Python extension adds to
# the import path, written relative to the workspace or from ``${workspaceFolder}``
_EXTRA_PATHS = re.compile(r'"python\.(?:analysis|autoComplete)\.extraPaths"\s*:\s*\[([^\]]*)\]')
_WORKSPACE = re.compile(r"^\$\{workspace(?:Folder|Root)\}/?")


def declared_source_roots(root: str) -> tuple[str, ...]:
    """Repository-relative folders (``""`` for the root) the repo's settings put on
    ``sys.path``, existing folders only, sorted."""
    found: set[str] = set()
    for sub in CONFIG_FOLDERS:
        folder = os.path.join(root, sub) if sub else root
        if not os.path.isdir(folder):
            continue
        for entry in _config_entries(folder):
            normal = os.path.normpath(os.path.join(sub, entry)) if entry else sub or "."
            if normal.startswith(".."):
                continue
            if os.path.isdir(os.path.join(root, normal)):
                found.add("" if normal == "." else normal.replace(os.sep, "/"))
        found.update(_pythonpath_roots(root, folder))
    return tuple(sorted(found))


def _config_entries(folder: str) -> Iterator[str]:
    pyproject = _toml(os.path.join(folder, "pyproject.toml"))
    tool = pyproject.get("tool", {}) if isinstance(pyproject.get("tool"), dict) else {}
    yield from _paths(_get(tool, "mypy", "mypy_path"))
    yield from _paths(_get(tool, "pytest", "ini_options", "pythonpath"))
    yield from _paths(_get(tool, "setuptools", "packages", "find", "where"))
    package_dir = _get(tool, "setuptools", "package-dir")
    if isinstance(package_dir, dict) and isinstance(package_dir.get(""), str):
        yield package_dir[""]
    for package in _get(tool, "poetry", "packages") or []:
        if isinstance(package, dict) and isinstance(package.get("from"), str):
            yield package["from"]
    for package in _paths(_get(tool, "hatch", "build", "targets", "wheel", "packages")):
        yield os.path.dirname(package.rstrip("/"))
    for name in ("mypy.ini", ".mypy.ini", "setup.cfg", "tox.ini", "pytest.ini"):
        yield from _ini_entries(os.path.join(folder, name))
    yield from _vscode_entries(folder)


def _vscode_entries(folder: str) -> Iterator[str]:
    """The extra import paths of the workspace's ``.vscode/settings.json``."""
    text = _read_text(os.path.join(folder, ".vscode", "settings.json"))
    for match in _EXTRA_PATHS.finditer(text):
        for entry in re.findall(r'"([^"]*)"', match.group(1)):
            entry = _WORKSPACE.sub("", entry.strip())
            if entry and "$" not in entry and not os.path.isabs(entry):
                yield entry


def _ini_entries(path: str) -> Iterator[str]:
    if not os.path.isfile(path):
        return
    import configparser  # only a repository with this file pays for the parser

    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(path, encoding="utf-8")
    except (configparser.Error, UnicodeDecodeError):
        return
    for section, key in (
        ("mypy", "mypy_path"),
        ("pytest", "pythonpath"),
        ("tool:pytest", "pythonpath"),
        ("options.packages.find", "where"),
    ):
        if parser.has_option(section, key):
            yield from _paths(parser.get(section, key))
    if parser.has_option("options", "package_dir"):
        for line in parser.get("options", "package_dir").splitlines():
            name, _, where = line.partition("=")
            if where.strip() and not name.strip():
                yield where.strip()


def _pythonpath_roots(root: str, folder: str) -> Iterator[str]:
    """``PYTHONPATH`` of ``.env`` files, Dockerfiles and compose files, as repository
    folders: a relative entry of a ``.env`` file from the folder holding it, any
    other entry by its longest tail that exists."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        env_file = _ENV_FILE.match(name) is not None
        if not (env_file or name.startswith("Dockerfile") or _COMPOSE.match(name)):
            continue
        path = os.path.join(folder, name)
        if env_file and not within(os.path.realpath(path), os.path.realpath(root)):
            continue  # a secrets file kept elsewhere is none of the repository's settings
        for match in _PYTHONPATH.finditer(_read_text(path)):
            for entry in re.split(r"[:;,]", match.group(1)):
                if env_file and entry and not entry.startswith("/"):
                    local = _relative_folder(root, folder, entry)
                else:
                    local = _local_folder(root, entry)
                if local is not None:
                    yield local


def _read_text(path: str) -> str:
    """The start of a small settings file, or "" when it cannot be read."""
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return handle.read(200_000)
    except OSError:  # missing, a folder, unreadable
        return ""


def _relative_folder(root: str, folder: str, entry: str) -> str | None:
    """The repository folder ``entry`` names relative to ``folder``, if it exists."""
    if "$" in entry:
        return None
    path = os.path.normpath(os.path.join(folder, entry))
    relative = os.path.relpath(path, root)
    if relative.startswith("..") or not os.path.isdir(path):
        return None
    return "" if relative == "." else relative.replace(os.sep, "/")


def _local_folder(root: str, container_path: str) -> str | None:
    """The repository folder a container path names: its longest tail that exists."""
    parts = [p for p in container_path.strip().split("/") if p and p != "." and "$" not in p]
    for start in range(len(parts)):
        candidate = "/".join(parts[start:])
        if os.path.isdir(os.path.join(root, candidate)):
            return candidate
    return None


def _paths(value: Any) -> list[str]:
    if isinstance(value, str):
        return [p for p in re.split(r"[\s,:]+", value) if p and "$" not in p]
    if isinstance(value, list):
        return [p for p in value if isinstance(p, str)]
    return []


def _get(table: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(table, dict):
            return None
        table = table.get(key)
    return table


def _toml(path: str) -> dict[str, Any]:
    try:
        with open(path, "rb") as handle:
            import tomllib  # only a repository with this file pays for the parser

            try:
                return tomllib.load(handle)
            except tomllib.TOMLDecodeError:
                return {}
    except OSError:
        return {}
