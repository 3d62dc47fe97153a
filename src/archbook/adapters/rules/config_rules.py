"""Reads a target's declared layer rules: ``[tool.archbook]``/``archbook.toml``,
import-linter contracts (pyproject, setup.cfg, .importlinter) and tach.

A team's ``layers`` contract governs the modules it names and archbook's default
folder names classify the rest; import-linter contracts are read by
``importlinter_contracts`` the way ``lint-imports`` reads them, and tach
``depends_on`` lists are checked too.
archbook's own settings (``exclude``, ``folders``, ``modules``, ``allow``) then
apply on top.
"""

from __future__ import annotations

import os
from dataclasses import replace
from typing import Any

from archbook.adapters.rules.importlinter_contracts import importlinter_rules
from archbook.application.ports.rules_source import RulesSource
from archbook.domain.contracts import DEPENDS_ON, ImportContract
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
        prefix = os.path.relpath(folder, root)
        base = importlinter_rules(folder, tool.get("importlinter"), prefix) or _tach(folder)
        if own is None and base is None:
            return None
        rules = base or LayerRules()
        if own:
            rules = _apply_overrides(rules, own, source_name)
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
