"""The options of import-linter contracts, each checked as ``lint-imports`` checks it:
an unknown option, a boolean that is neither true nor false, a module expression
with a misplaced wildcard, an ``ignore_imports`` line without ``->``, a layer named
twice or inside another are a ``ConfigError`` naming the contract, never a traceback.
"""

from __future__ import annotations

from typing import Any

from archbook.domain.contracts import (
    ALERT_ERROR,
    ALERT_LEVELS,
    FORBIDDEN,
    INDEPENDENCE,
    LAYERS,
    PROTECTED,
    parse_ignore,
    under,
)
from archbook.exceptions import ConfigError

COMMON_OPTIONS = frozenset(
    {"id", "name", "type", "ignore_imports", "unmatched_ignore_imports_alerting",
     "broken_contract_guidance"}
)  # fmt: skip
# The options of each contract type archbook checks (import-linter 2.17), besides the common.
OPTIONS = {
    LAYERS: frozenset({"layers", "containers", "exhaustive", "exhaustive_ignores"}),
    FORBIDDEN: frozenset(
        {"source_modules", "forbidden_modules", "allow_indirect_imports", "as_packages"}
    ),
    INDEPENDENCE: frozenset({"modules"}),
    PROTECTED: frozenset({"protected_modules", "allowed_importers", "as_packages"}),
}


def parse_level(raw: str, where: str) -> list[tuple[str, bool]]:
    """``a | b`` (independent siblings), ``a : b`` (siblings that may import each
    other); ``(a)`` is an optional layer."""
    if "|" in raw and ":" in raw:
        raise ConfigError(f"{where}: layer '{raw}' mixes '|' and ':' (independent or not)")
    independent = ":" not in raw
    names = [name for name, _ in layer_names(raw)]
    if not all(names):
        raise ConfigError(f"{where}: layer '{raw}' has an empty module name")
    refuse_repeats_and_nesting(names, where, "Modules cannot be repeated in a layer")
    return [(name, independent) for name in names]


def layer_names(raw: str) -> list[tuple[str, bool]]:
    """The module names of one ``layers`` line, each with whether it is optional
    (written in parentheses)."""
    parts = [part.strip() for part in raw.replace(":", "|").split("|")]
    return [
        (part[1:-1].strip(), True) if part.startswith("(") and part.endswith(")") else (part, False)
        for part in parts
    ]


def refuse_repeats_and_nesting(names: list[str], where: str, repeated: str) -> None:
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise ConfigError(f"{where}: {repeated}: {', '.join(twice)}")
    nested = sorted((a, b) for a in names for b in names if a != b and under(b, a))
    if nested:
        pairs = ", ".join(f"'{a}' contains '{b}'" for a, b in nested)
        raise ConfigError(f"{where}: layers cannot contain each other: {pairs}")


def refuse_unknown_options(options: dict[str, Any], kind: str, name: str) -> None:
    known = COMMON_OPTIONS | OPTIONS[kind]
    for option in sorted(set(options) - known):
        import difflib  # only a misspelt option pays for it

        close = difflib.get_close_matches(option, sorted(known), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        raise ConfigError(
            f"{name}: unrecognized option '{option}' for a {kind} contract "
            f"(lint-imports rejects it too){hint}"
        )


def expressions(options: dict[str, Any], key: str, name: str, required: bool = True) -> list[str]:
    found = as_list(options.get(key), key, name)
    for module in found:
        parts = module.split(".")
        if any(not part or ("*" in part and part not in ("*", "**")) for part in parts):
            raise ConfigError(f"{name}: '{module}' in '{key}' is no module name or expression")
        if any(
            a == "**" and b in ("*", "**") or a == "*" and b == "**"
            for a, b in zip(parts, parts[1:], strict=False)
        ):
            raise ConfigError(f"{name}: '{module}' in '{key}': a wildcard cannot follow '**'")
    if required and key not in options:
        raise ConfigError(f"{name}: '{key}' is required")
    return found


def ignores(options: dict[str, Any], name: str) -> tuple[tuple[str, str], ...]:
    lines = as_list(options.get("ignore_imports"), "ignore_imports", name)
    pairs = parse_ignore(lines)
    if len(pairs) != len(lines):
        bad = next(line for line in lines if not parse_ignore([line]))
        raise ConfigError(f"{name}: ignore_imports line '{bad}' is not 'importer -> imported'")
    return pairs


def boolean(value: Any, default: bool, key: str, where: str) -> bool:
    """An import-linter boolean: true or false in any case (TOML booleans too)."""
    if value is None:
        return default
    text = str(value).strip().lower()
    if text in ("true", "false"):
        return text == "true"
    raise ConfigError(f"{where}: '{key or 'value'}' must be true or false, not {value!r}")


def alerting(value: Any, where: str) -> str:
    if value is None or str(value).strip() == "":
        return ALERT_ERROR
    text = str(value).strip()
    if text not in ALERT_LEVELS:
        raise ConfigError(
            f"{where}: 'unmatched_ignore_imports_alerting' must be one of "
            f"{', '.join(ALERT_LEVELS)}, not {value!r}"
        )
    return text


def as_list(value: Any, key: str = "value", where: str = "import-linter contract") -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [line.strip() for line in value.splitlines() if line.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: '{key}' must be a list of module names, not {value!r}")
    return [v.strip() for v in value if v.strip()]
