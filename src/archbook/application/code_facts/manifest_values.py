"""Values read out of parsed manifests: a PEP 508 requirement line's name and
specifier (URLs, paths and options are none), the dependency keywords of a
``setup(...)`` call, a Poetry dependency's version, and tables, strings and string
lists taken from loosely typed TOML or JSON without trusting their shape. Pure;
``manifest_reader`` calls them for every format it reads."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable
from typing import Any

_REQUIREMENT = re.compile(
    r"^(?P<name>[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[[^\]]*\])?\s*(?P<rest>[^;]*)"
)
_COMMENT = re.compile(r"(^|\s)#.*$")
_TRAILING_OPTION = re.compile(r"\s+--?[A-Za-z]")
_NOT_A_NAME = ("http:", "https:", "git+", "hg+", "svn+", "bzr+", "file:", ".", "/")
_SETUP = "setup"
_SETUP_KEYWORDS = frozenset({"install_requires", "extras_require", "python_requires"})


def table_at(data: Any, *keys: str) -> dict[str, Any]:
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return data if isinstance(data, dict) else {}


def string_list(value: Any) -> list[str]:
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def text_value(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def parse_requirement(text: str) -> tuple[str, str] | None:
    """Name and specifier of a PEP 508 requirement; None for URLs, paths and options."""
    text = _TRAILING_OPTION.split(_COMMENT.sub("", text).strip(), maxsplit=1)[0].strip()
    if not text or text.startswith(_NOT_A_NAME):
        return None
    found = _REQUIREMENT.match(text)
    if not found:
        return None
    spec = found.group("rest").strip()
    if spec.startswith("("):
        spec = spec.strip("()").strip()
    return found.group("name"), spec


def setup_keywords(tree: ast.AST) -> Iterable[ast.keyword]:
    """The dependency keywords of every ``setup(...)`` call, found without running setup.py."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _SETUP in {
            getattr(node.func, "id", None),
            getattr(node.func, "attr", None),
        }:
            yield from (k for k in node.keywords if k.arg in _SETUP_KEYWORDS)


def poetry_spec(value: Any) -> str:
    if isinstance(value, list):
        value = next((item for item in value if isinstance(item, dict) and "version" in item), {})
    if isinstance(value, dict):
        value = value.get("version", "")
    return value.strip() if isinstance(value, str) else ""
