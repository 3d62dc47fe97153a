"""Reads a repository's import-linter contracts the way ``lint-imports`` does.

The configuration is found where ``lint-imports`` looks, in its order: an
``[importlinter]`` section of ``setup.cfg``, then of ``.importlinter``, then
``[tool.importlinter]`` in ``pyproject.toml``. Each contract's options are checked as
import-linter checks them (``importlinter_options``: an unknown option, a boolean
that is neither true nor false, a layer named twice are a ``ConfigError`` naming the
contract), so what archbook checks is what the team's CI checks. ``layers``, ``forbidden``,
``independence`` and ``protected`` contracts become ``ImportContract`` values; any
other type (``acyclic_siblings``, ``private_modules``, a custom type registered by
``contract_types``) is kept as an unchecked contract so that ``check`` names it.
"""

from __future__ import annotations

import os
from dataclasses import replace
from typing import Any

from archbook.adapters.rules.importlinter_options import (
    OPTIONS,
    alerting,
    as_list,
    boolean,
    expressions,
    ignores,
    layer_names,
    parse_level,
    refuse_repeats_and_nesting,
    refuse_unknown_options,
)
from archbook.domain.contracts import (
    FORBIDDEN,
    INDEPENDENCE,
    LAYERS,
    PROTECTED,
    UNCHECKED,
    ImportContract,
    under,
)
from archbook.domain.layers import LayerRules, layered_rules
from archbook.exceptions import ConfigError

INI_FILES = ("setup.cfg", ".importlinter")


def importlinter_rules(folder: str, table: Any, prefix: str) -> LayerRules | None:
    """The rules of the import-linter contracts in ``folder`` (``table`` is
    ``[tool.importlinter]`` of its pyproject.toml, if any); ``prefix`` is the folder
    below the repository root (``.`` for the root). ``None`` without contracts."""
    session, contracts, file_name = _read_contracts(folder, table)
    if not contracts:
        return None
    where = f"import-linter contract in {file_name}"
    config = file_name if prefix == "." else f"{prefix}/{file_name}"
    roots = tuple(as_list(session.get("root_packages") or session.get("root_package")))
    custom = {entry.split(":", 1)[0].strip() for entry in as_list(session.get("contract_types"))}
    # lint-imports reads this session option as true only when it says so
    external_graph = str(session.get("include_external_packages")) in ("True", "true")
    type_checking = str(session.get("exclude_type_checking_imports")) not in ("True", "true")
    levels: list[list[tuple[str, bool]]] = []
    modules: list[tuple[str, str]] = []
    checked: list[ImportContract] = []
    for options in contracts:
        kind = str(options.get("type", ""))
        name = f"{where}: {options.get('name', kind or '?')}"
        base = ImportContract(name, UNCHECKED, (), config=config, type_name=kind)
        if kind not in OPTIONS or kind in custom:
            checked.append(base)
            continue
        refuse_unknown_options(options, kind, name)
        base = replace(
            base,
            ignore=ignores(options, name),
            unmatched_ignores=alerting(options.get("unmatched_ignore_imports_alerting"), name),
            external_graph=external_graph,
            type_checking=type_checking,
        )
        if kind == LAYERS:
            contract, parsed = _layers(options, base, roots)
            for level in parsed:
                levels.append([(n.rsplit(".", 1)[-1], free) for n, free in level])
                for layer_name, _ in level:
                    layer = layer_name.rsplit(".", 1)[-1]
                    prefixes = [f"{c}.{layer_name}" for c in contract.containers] or [layer_name]
                    modules.extend((p, layer) for p in prefixes)
        else:
            contract = _package_contract(options, base, roots)
        checked.append(contract)
    names = ", ".join(c.name.split(": ", 1)[1] for c in checked if c.kind != UNCHECKED)
    if not levels:
        return LayerRules(source=f"archbook defaults + {where} ({names})", contracts=tuple(checked))
    return layered_rules(levels, modules, f"{where} ({names})", tuple(checked))


def _package_contract(
    options: dict[str, Any], base: ImportContract, roots: tuple[str, ...]
) -> ImportContract:
    """A forbidden, protected or independence contract on top of its common options."""
    name = base.name
    if base.type_name == INDEPENDENCE:
        sources = tuple(expressions(options, "modules", name))
        return replace(base, kind=INDEPENDENCE, sources=sources, chains=True)
    as_packages = boolean(options.get("as_packages"), True, "as_packages", name)
    if base.type_name == PROTECTED:
        inside, outside = _split(expressions(options, "protected_modules", name), roots)
        allowed = tuple(expressions(options, "allowed_importers", name))
        return replace(
            base,
            kind=PROTECTED,
            sources=allowed,
            targets=inside,
            externals=outside,
            as_packages=as_packages,
        )
    sources = tuple(expressions(options, "source_modules", name))
    inside, outside = _split(expressions(options, "forbidden_modules", name), roots)
    problems = _external_problems(outside, base.external_graph)
    direct = boolean(options.get("allow_indirect_imports"), False, "allow_indirect_imports", name)
    return replace(
        base,
        kind=FORBIDDEN,
        sources=sources,
        targets=inside,
        externals=outside,
        chains=not direct,
        as_packages=as_packages,
        problems=problems,
    )


def _read_contracts(folder: str, table: Any) -> tuple[dict[str, Any], list[dict[str, Any]], str]:
    """(session options, contract options, file name) of the first configuration
    ``lint-imports`` would read in ``folder``."""
    fallback: tuple[dict[str, Any], list[dict[str, Any]], str] | None = None
    for name in INI_FILES:
        path = os.path.join(folder, name)
        found = _ini_contracts(path) if os.path.isfile(path) else None
        if found is not None and "importlinter" in found[0]:
            return (found[0]["importlinter"], found[1], name)
        if found is not None and found[1] and fallback is None:
            # contracts without an [importlinter] section: lint-imports would not find
            # them, archbook reads them all the same
            fallback = ({}, found[1], name)
    if fallback is not None:
        return fallback
    if isinstance(table, dict) and table:
        listed = table.get("contracts", [])
        if not isinstance(listed, list):
            raise ConfigError(f"{folder}/pyproject.toml: 'contracts' must be a list of tables")
        session = {k: v for k, v in table.items() if k != "contracts"}
        return session, [c for c in listed if isinstance(c, dict)], "pyproject.toml"
    return {}, [], ""


def _ini_contracts(path: str) -> tuple[dict[str, dict[str, str]], list[dict[str, Any]]]:
    """({"importlinter": session options} or {}, the contract sections) of an INI file."""
    import configparser  # only a repository with this file pays for the parser

    parser = configparser.ConfigParser()
    try:
        parser.read(path, encoding="utf-8")
        # values are interpolated when read: a stray '%' in import-linter's sections
        # fails here (as in lint-imports), other tools' sections are left unread
        sections = {
            name: dict(parser.items(name))
            for name in parser.sections()
            if name == "importlinter" or name.startswith("importlinter:")
        }
    except UnicodeDecodeError as error:
        raise ConfigError(
            f"{path} is not valid UTF-8 ({error.reason} at byte {error.start})"
        ) from error
    except configparser.Error as error:
        raise ConfigError(f"{path} cannot be read: {error}") from error
    contracts = [options for name, options in sections.items() if name != "importlinter"]
    if "importlinter" not in sections:
        return {}, contracts
    return {"importlinter": sections["importlinter"]}, contracts


def _layers(
    options: dict[str, Any], base: ImportContract, roots: tuple[str, ...]
) -> tuple[ImportContract, list[list[tuple[str, bool]]]]:
    """A ``layers`` contract and its levels, top to bottom (name, independent)."""
    name = base.name
    containers = tuple(expressions(options, "containers", name, required=False))
    parsed = [parse_level(raw, name) for raw in as_list(options.get("layers"), "layers", name)]
    if not parsed:
        raise ConfigError(f"{name}: 'layers' is required (the layers, top to bottom)")
    tails = [tail for level in parsed for tail, _ in level]
    refuse_repeats_and_nesting(tails, name, "Modules cannot be in more than one layer")
    exhaustive = boolean(options.get("exhaustive"), False, "exhaustive", name)
    if exhaustive and not containers:
        raise ConfigError(f"{name}: 'exhaustive' needs 'containers' (as in import-linter)")
    optional = tuple(
        name
        for raw in as_list(options.get("layers"))
        for name, is_optional in layer_names(raw)
        if is_optional
    )
    levels = tuple((tuple(n for n, _ in level), all(i for _, i in level)) for level in parsed)
    ignores = tuple(as_list(options.get("exhaustive_ignores"), "exhaustive_ignores", name))
    contract = replace(
        base,
        kind=LAYERS,
        chains=True,
        levels=levels,
        containers=containers,
        optional=optional,
        exhaustive=exhaustive,
        exhaustive_ignores=ignores,
        problems=tuple(
            f"container {c} is neither a root package ({', '.join(roots)}) nor inside one"
            for c in containers
            if roots and "*" not in c and not any(under(c, root) for root in roots)
        ),
    )
    return contract, parsed


def _split(modules: list[str], roots: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(inside the root packages, outside them); every module is inside without roots."""
    if not roots:
        return tuple(modules), ()
    inside = tuple(m for m in modules if any(under(m, root) for root in roots))
    return inside, tuple(m for m in modules if m not in inside)


def _external_problems(externals: tuple[str, ...], external_graph: bool) -> tuple[str, ...]:
    """What ``lint-imports`` stops on about forbidden modules outside the root packages."""
    if externals and not external_graph:
        return (
            f"forbidden module(s) {', '.join(externals)} lie outside the root packages, "
            "which needs include_external_packages = True in [importlinter]",
        )
    return tuple(
        f"forbidden module {module} is inside an external package: name it by its "
        f"top-level name ({module.split('.')[0]}), as import-linter requires"
        for module in externals
        if "." in module
    )
