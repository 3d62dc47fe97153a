"""Use case: read what a target project is built with from its configuration files.

Pure: the caller reads the files :func:`wanted_project_file` accepts and passes their
text; nothing of the target is imported or executed. A file that cannot be parsed
becomes a note of the result, never an exception.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from archbook.application.code_facts.manifest_reader import ManifestReader
from archbook.domain.project import (
    MANIFESTS,
    PROJECT_FOLDERS,
    REQUIREMENTS_FILE,
    Pin,
    ProjectFacts,
    is_project_file,
    lowest_major,
    version_notes,
    version_tuple,
)

OBSERVABILITY = frozenset(
    {"logging", "structlog", "logfire", "sentry_sdk", "loguru", "opentelemetry"}
    | {"prometheus_client"}
)

_OBSERVABILITY_PINS: Mapping[str, str] = {
    "structlog": "structlog",
    "logfire": "logfire",
    "sentry-sdk": "sentry_sdk",
    "loguru": "loguru",
    "prometheus-client": "prometheus_client",
}
_OPENTELEMETRY_PREFIX = "opentelemetry-"


def read_project_facts(
    files: Mapping[str, str],
    module_imports: Mapping[str, frozenset[str]] | None = None,
    app_factory: str | None = None,
    settings_module: str | None = None,
) -> ProjectFacts:
    """Package manager, commands, Python version, pins and version notes of a project.

    ``files`` maps repo-relative paths to text; ``module_imports`` maps each module to
    the external top-level names it imports, for the observability libraries in use.
    """
    texts = {_clean(path): text for path, text in files.items()}
    folder = _project_folder(texts)
    reader = ManifestReader(texts, folder)
    manager = reader.manager()
    pins = reader.pins()
    by_name = {pin.name: pin for pin in pins}
    python = next((spec for spec in reader.python if spec), None)
    notes = [*reader.notes, *version_notes(by_name, python)]
    if folder:
        notes.insert(0, f"Project files live in {folder}/: run the package commands there")
    install, add, dev_add = reader.commands(manager)
    return ProjectFacts(
        package_manager=manager,
        install_command=install,
        add_command=add,
        dev_add_command=dev_add,
        python=python,
        pins=pins,
        fastapi_major=_major(by_name.get("fastapi")),
        pydantic_major=_major(by_name.get("pydantic")),
        app_factory=app_factory,
        settings_module=settings_module,
        observability=_observability(module_imports or {}, reader.direct),
        notes=tuple(notes),
        names=tuple(sorted(reader.own)),
    )


def wanted_project_file(path: str) -> bool:
    """Whether ``path`` (repo-relative) is a file :func:`read_project_facts` reads."""
    parts = _clean(path).split("/", 1)
    relative = parts[1] if len(parts) == 2 and parts[0] in PROJECT_FOLDERS else parts[0]
    return any(is_project_file(name) for name in (relative, _clean(path)))


def _clean(path: str) -> str:
    path = path.replace("\\", "/")
    return path[2:] if path.startswith("./") else path


def _is_manifest(relative: str) -> bool:
    return relative in MANIFESTS or bool(REQUIREMENTS_FILE.match(relative))


def _project_folder(texts: Mapping[str, str]) -> str:
    """The root when it holds a manifest, else the first conventional subfolder that does."""
    if any(_is_manifest(path) for path in texts):
        return ""
    for folder in PROJECT_FOLDERS:
        prefix = f"{folder}/"
        if any(p.startswith(prefix) and _is_manifest(p[len(prefix) :]) for p in texts):
            return folder
    return ""


def _major(pin: Pin | None) -> int | None:
    if pin is None:
        return None
    if pin.version:
        found = version_tuple(pin.version)
        return found[0] if found else None
    return lowest_major(pin.spec)


def _observability(imports: Mapping[str, frozenset[str]], direct: Iterable[str]) -> tuple[str, ...]:
    found = {name.split(".", 1)[0] for names in imports.values() for name in names}
    found &= OBSERVABILITY
    for name in direct:
        if name.startswith(_OPENTELEMETRY_PREFIX):
            found.add("opentelemetry")
        elif name in _OBSERVABILITY_PINS:
            found.add(_OBSERVABILITY_PINS[name])
    return tuple(sorted(found))
