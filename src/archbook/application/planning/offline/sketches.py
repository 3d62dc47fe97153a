"""Short code sketches for planned files, in the repository's own style (its import
paths, base classes and dependency-injection idiom)."""

from __future__ import annotations

from archbook.application.planning.naming import snake
from archbook.application.planning.offline.conventions import AdapterFamily, Conventions
from archbook.domain.facts import PortFact

INDENT = "    "


def entity_sketch(name: str, fields: list[str]) -> str:
    lines = [
        "from dataclasses import dataclass",
        "from datetime import datetime",
        "",
        "",
        "@dataclass",
        f"class {name}:",
        f'{INDENT}"""{_words(name).capitalize()} as the domain sees it."""',
        "",
    ]
    lines += [f"{INDENT}{field}" for field in fields or ["id: str", "created_at: datetime"]]
    return "\n".join(lines)


def port_sketch(
    conventions: Conventions,
    name: str,
    entity: str | None,
    entity_path: str | None,
    methods: list[str],
) -> str:
    lines = ["from abc import ABC, abstractmethod"]
    if entity and entity_path:
        lines += ["", f"from {conventions.module_name(entity_path)} import {entity}"]
    lines += ["", "", f"class {name}(ABC):", f'{INDENT}"""Port: {_words(name)}."""']
    for method in methods:
        lines += ["", f"{INDENT}@abstractmethod", f"{INDENT}async def {method}: ..."]
    return "\n".join(lines)


def repository_methods(entity: str, analog: PortFact | None) -> list[str]:
    """The analog repository port's method names, typed for the new entity."""
    variable = snake(entity)
    generic = ("add", "save", "update", "delete", "remove", "exists", "get", "get_by_id", "list")
    names = [m.name for m in analog.methods if m.name in generic] if analog else []
    names = names or ["add", "get_by_id", "update"]
    methods = []
    for name in names:
        if name in ("add", "update", "save"):
            methods.append(f"{name}(self, {variable}: {entity}) -> None")
        elif name.startswith("get"):
            methods.append(f"{name}(self, {variable}_id: str) -> {entity} | None")
        elif name == "exists":
            methods.append(f"exists(self, {variable}_id: str) -> bool")
        elif name.startswith("list"):
            methods.append(f"{name}(self) -> list[{entity}]")
        elif name == "delete":
            methods.append(f"delete(self, {variable}_id: str) -> None")
    return methods or [f"add(self, {variable}: {entity}) -> None"]


def adapter_sketch(
    conventions: Conventions, family: AdapterFamily, port: str, port_path: str, methods: list[str]
) -> str:
    class_name = family.class_pattern.format(port)
    analog = family.example.qualname.rpartition(":")[2] if family.example else "its siblings"
    lines = [f"from {conventions.module_name(port_path)} import {port}", "", ""]
    lines += [f"class {class_name}({port}):", f'{INDENT}"""{port} on {family.branch}."""', ""]
    lines += [
        f"{INDENT}def __init__(self, *args: object) -> None:  # same arguments as {analog}",
        f"{INDENT}{INDENT}...",
        "",
    ]
    for method in methods:
        lines += [f"{INDENT}async def {method}:", f"{INDENT}{INDENT}..."]
    return "\n".join(lines).rstrip()


def service_sketch(
    conventions: Conventions,
    name: str,
    dependencies: list[tuple[str, str, str]],
    methods: list[str],
) -> str:
    """``dependencies`` are (parameter, class, path) triples."""
    lines = [f"from {conventions.module_name(path)} import {cls}" for _, cls, path in dependencies]
    lines += ["", "", f"class {name}:", f'{INDENT}"""{_words(name).capitalize()}."""', ""]
    params = ", ".join(f"{p}: {c}" for p, c, _ in dependencies)
    lines.append(
        f"{INDENT}def __init__(self, {params}) -> None:"
        if params
        else f"{INDENT}def __init__(self) -> None:"
    )
    lines += [f"{INDENT}{INDENT}self._{p} = {p}" for p, _, _ in dependencies] or [
        f"{INDENT}{INDENT}..."
    ]
    for method in methods:
        lines += [
            "",
            f"{INDENT}async def {method}(self, *args: object) -> ...:",
            f"{INDENT}{INDENT}...",
        ]
    return "\n".join(lines)


def route_sketch(
    conventions: Conventions,
    method: str,
    path: str,
    handler: str,
    service: str,
    service_path: str,
    service_method: str,
    status: str,
    router: str = "router",
) -> str:
    """A route handler in the DI idiom of the repository, on the router variable the
    target file really binds (``booking_router``, not always ``router``)."""
    provider = snake(service)
    decorator = f'@{router}.{method.lower()}("{path}"{", status_code=" + status if status else ""})'
    if conventions.di_idiom == "provide":
        container = conventions.container_class or "Container"
        return "\n".join(
            [
                decorator,
                "@inject",
                f"async def {handler}(",
                f"{INDENT}payload: ...,",
                f"{INDENT}{provider}: {service} = Depends(Provide[{container}.{provider}]),",
                ") -> ...:",
                f"{INDENT}return await {provider}.{service_method}(...)",
            ]
        )
    if conventions.di_idiom == "dishka":
        return "\n".join(
            [
                decorator,
                f"async def {handler}(payload: ..., {provider}: FromDishka[{service}]) -> ...:",
                f"{INDENT}return await {provider}.{service_method}(...)",
            ]
        )
    return "\n".join(
        [
            decorator,
            f"async def {handler}(",
            f"{INDENT}payload: ...,",
            f"{INDENT}{provider}: Annotated[{service}, Depends(get_{provider})],",
            ") -> ...:",
            f"{INDENT}return await {provider}.{service_method}(...)",
        ]
    )


def _words(name: str) -> str:
    return snake(name).replace("_", " ")
