"""Reads a target's declared layer rules: ``[tool.archbook]``/``archbook.toml``,
import-linter contracts (pyproject, setup.cfg, .importlinter) and tach.

A team's ``layers`` contract governs the modules it names (its chains are searched
too) and archbook's default folder names classify the rest;
``forbidden``/``independence`` contracts (with their indirect chains, unless
``allow_indirect_imports = true``) and tach ``depends_on`` lists are checked too,
and ``ignore_imports`` is honoured.
archbook's own settings (``exclude``, ``folders``, ``modules``, ``allow``) then
apply on top.
"""

from __future__ import annotations

import os
from dataclasses import replace
from typing import Any

from archbook.application.ports.rules_source import RulesSource
from archbook.domain.contracts import (
    DEPENDS_ON,
    FORBIDDEN,
    INDEPENDENCE,
    LAYERS,
    ImportContract,
    parse_ignore,
)
from archbook.domain.layers import LayerRules, layered_rules
from archbook.exceptions import ConfigError

CODE_SUBFOLDERS = ("backend", "api", "server", "service")


class ConfigFileRulesSource(RulesSource):
    """Rules from the configuration files at a repository's root (or its backend folder)."""

    def rules_for(self, root: str) -> LayerRules:
        for folder in (root, *(os.path.join(root, sub) for sub in CODE_SUBFOLDERS)):
            rules = self._rules_in(folder, root)
            if rules is not None:
                return rules
        return LayerRules()

    def _rules_in(self, folder: str, root: str) -> LayerRules | None:
        pyproject = _read_toml(os.path.join(folder, "pyproject.toml"))
        tool = pyproject.get("tool", {}) if isinstance(pyproject.get("tool"), dict) else {}
        own = tool.get("archbook")
        own_file = os.path.join(folder, "archbook.toml")
        source_name = "[tool.archbook] in pyproject.toml"
        if own is None and os.path.isfile(own_file):
            own, source_name = _read_toml(own_file), "archbook.toml"
        base = _importlinter(folder, tool.get("importlinter")) or _tach(folder)
        if own is None and base is None:
            return None
        rules = base or LayerRules()
        if own:
            rules = _apply_overrides(rules, own, source_name)
        prefix = os.path.relpath(folder, root)
        if prefix != "." and rules.exclude:
            rules = replace(rules, exclude=tuple(f"{prefix}/{p}" for p in rules.exclude))
        return rules


def _read_toml(path: str) -> dict[str, Any]:
    if not os.path.isfile(path):
        return {}
    import tomllib  # only a repository with this file pays for the parser

    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except UnicodeDecodeError as error:
        raise ConfigError(
            f"{path} is not valid UTF-8 ({error.reason} at byte {error.start})"
        ) from error
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path} cannot be read as TOML: {error}") from error


def _apply_overrides(rules: LayerRules, own: dict[str, Any], source: str) -> LayerRules:
    """archbook's own settings on top of a base rule set."""
    known = {"exclude", "folders", "modules", "allow", "order"}
    unknown = set(own) - known
    if unknown:
        names, expected = ", ".join(sorted(unknown)), ", ".join(sorted(known))
        raise ConfigError(f"{source}: unknown key(s) {names}; known: {expected}")
    tokens = dict(rules.tokens)
    folders = {str(k).lower(): str(v) for k, v in _table(own, "folders", source).items()}
    tokens.update(folders)
    allowed = dict(rules.allowed)
    contract = dict(rules.contract_allowed)
    for layer, targets in _table(own, "allow", source).items():
        allowed[str(layer)] = frozenset(str(t) for t in _list(targets, f"allow.{layer}", source))
        if str(layer) in contract:
            contract[str(layer)] = allowed[str(layer)]
    order = tuple(_list(own.get("order", list(rules.order)), "order", source))
    modules = [(str(k), str(v)) for k, v in _table(own, "modules", source).items()]
    # Layers named only by folders, modules or allow join the end, in file order.
    for layer in dict.fromkeys(
        [*folders.values(), *tokens.values(), *allowed, *(name for _, name in modules)]
    ):
        if layer not in order:
            order = (*order, layer)
    exclude = tuple(_list(own.get("exclude", []), "exclude", source))
    return replace(
        rules,
        order=order,
        tokens=tokens,
        allowed=allowed,
        module_layers=tuple(modules) + rules.module_layers,
        exclude=rules.exclude + exclude,
        source=f"{rules.source} + {source}" if rules.source != LayerRules().source else source,
        use_path_tokens=rules.use_path_tokens or bool(tokens),
        contract_allowed=contract,
    )


def _table(own: dict[str, Any], key: str, source: str) -> dict[str, Any]:
    value = own.get(key, {})
    if not isinstance(value, dict):
        raise ConfigError(f"{source}: '{key}' must be a table")
    return value


def _list(value: Any, key: str, source: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{source}: '{key}' must be a list of strings")
    return value


def _importlinter(folder: str, table: Any) -> LayerRules | None:
    contracts: list[dict[str, Any]] = []
    where = "import-linter contract in pyproject.toml"
    if isinstance(table, dict):
        listed = table.get("contracts", [])
        if not isinstance(listed, list):
            raise ConfigError(f"{folder}/pyproject.toml: 'contracts' must be a list of tables")
        contracts = [c for c in listed if isinstance(c, dict)]
    else:
        for name in (".importlinter", "setup.cfg"):
            path = os.path.join(folder, name)
            if os.path.isfile(path):
                contracts = _ini_contracts(path)
                where = f"import-linter contract in {name}"
                if contracts:
                    break
    if not contracts:
        return None
    levels: list[list[tuple[str, bool]]] = []
    modules: list[tuple[str, str]] = []
    checked: list[ImportContract] = []
    for contract in contracts:
        kind = str(contract.get("type", ""))
        name = f"{where}: {contract.get('name', kind or '?')}"
        ignore = parse_ignore(_as_list(contract.get("ignore_imports")))
        if kind == "forbidden":
            sources = tuple(_as_list(contract.get("source_modules")))
            targets = tuple(_as_list(contract.get("forbidden_modules")))
            direct_only = str(contract.get("allow_indirect_imports", "")).lower() == "true"
            checked.append(
                ImportContract(
                    name, FORBIDDEN, sources, targets, ignore=ignore, chains=not direct_only
                )
            )
        elif kind == "independence":
            sources = tuple(_as_list(contract.get("modules")))
            checked.append(ImportContract(name, INDEPENDENCE, sources, ignore=ignore, chains=True))
        elif kind == LAYERS:
            containers = _as_list(contract.get("containers"), "containers", where)
            raw_levels = _as_list(contract.get("layers"), "layers", where)
            parsed = [_parse_level(raw) for raw in raw_levels]
            checked.append(
                ImportContract(
                    name,
                    LAYERS,
                    (),
                    ignore=ignore,
                    chains=True,
                    levels=tuple(
                        (tuple(n for n, _ in level), all(i for _, i in level)) for level in parsed
                    ),
                    containers=tuple(containers),
                )
            )
            for level in parsed:
                levels.append([(n.rsplit(".", 1)[-1], independent) for n, independent in level])
                for layer_name, _ in level:
                    layer = layer_name.rsplit(".", 1)[-1]
                    prefixes = [f"{c}.{layer_name}" for c in containers] or [layer_name]
                    modules.extend((prefix, layer) for prefix in prefixes)
    if not checked:
        return None
    names = ", ".join(c.name.split(": ", 1)[1] for c in checked)
    if not levels:
        return LayerRules(source=f"archbook defaults + {where} ({names})", contracts=tuple(checked))
    return layered_rules(levels, modules, f"{where} ({names})", tuple(checked))


def _ini_contracts(path: str) -> list[dict[str, Any]]:
    import configparser  # only a repository with this file pays for the parser

    parser = configparser.ConfigParser()
    try:
        parser.read(path, encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ConfigError(
            f"{path} is not valid UTF-8 ({error.reason} at byte {error.start})"
        ) from error
    except configparser.Error as error:
        raise ConfigError(f"{path} cannot be read: {error}") from error
    return [
        dict(parser.items(section))
        for section in parser.sections()
        if section.startswith("importlinter:contract")
    ]


def _as_list(value: Any, key: str = "value", where: str = "import-linter contract") -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [line.strip() for line in value.splitlines() if line.strip()]
    if not isinstance(value, list):
        raise ConfigError(f"{where}: '{key}' must be a list of module names, not {value!r}")
    return [str(v) for v in value]


def _parse_level(raw: str) -> list[tuple[str, bool]]:
    """``a | b`` (independent siblings), ``a : b`` (siblings that may import each other)."""
    independent = "|" in raw
    parts = raw.replace(":", "|").split("|")
    return [(part.strip().strip("()"), independent) for part in parts if part.strip()]


def _tach(folder: str) -> LayerRules | None:
    path = os.path.join(folder, "tach.toml")
    config = _read_toml(path)
    if not isinstance(config.get("modules", []), list):
        raise ConfigError(f"{path}: 'modules' must be a list of tables, not {config['modules']!r}")
    if not isinstance(config.get("layers", []), list):
        raise ConfigError(
            f"{path}: 'layers' must be a list of layer names, not {config['layers']!r}"
        )
    declared = [m for m in config.get("modules", []) if isinstance(m, dict) and "path" in m]
    contracts: tuple[ImportContract, ...] = ()
    paths = [str(m["path"]) for m in declared if m["path"] != "<root>"]
    if any("depends_on" in m for m in declared):
        allowed = tuple(
            (str(m["path"]), tuple(_dependency(d) for d in m.get("depends_on", [])))
            for m in declared
            if m["path"] != "<root>"
        )
        contracts = (
            ImportContract("tach.toml modules depends_on", DEPENDS_ON, tuple(paths), (), allowed),
        )
    layers = config.get("layers")
    if not isinstance(layers, list) or not layers:
        return (
            LayerRules(source="archbook defaults + tach.toml modules", contracts=contracts)
            if (contracts)
            else None
        )
    levels = [[(str(name), True)] for name in layers if isinstance(name, str)]
    modules = [(str(m["path"]), str(m["layer"])) for m in declared if "layer" in m]
    return layered_rules(levels, modules, "tach.toml layers", contracts)


def _dependency(entry: Any) -> str:
    """A ``depends_on`` entry: a path, or a table with a ``path``."""
    return str(entry.get("path", "")) if isinstance(entry, dict) else str(entry)
