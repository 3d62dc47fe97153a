"""Import contracts a repository declares besides layers: import-linter ``forbidden``
and ``independence`` contracts, tach ``depends_on`` lists, and the imports a team
said to ignore.

Direct imports are checked one by one (``breached_by``; a ``layers`` contract's by
the layer rules); the contracts whose ``chains`` is true (import-linter
``forbidden`` without ``allow_indirect_imports``, ``independence``, ``layers``) are
also searched for indirect chains by
``application/layers/contract_chains.py``. The reason of each breach says which
contract.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

FORBIDDEN = "forbidden"
INDEPENDENCE = "independence"
DEPENDS_ON = "depends_on"
LAYERS = "layers"


@dataclass(frozen=True)
class ImportContract:
    """One contract: ``kind`` is forbidden (``sources`` may not import ``targets``),
    independence (``sources`` may not import each other) or depends_on (each of
    ``sources`` may import, of the ``targets`` declared, only those it lists in
    ``allowed``). Module names may hold ``*`` (one part) and ``**`` (any parts).
    ``chains`` is true when indirect imports (a chain of imports) break it too.
    A ``layers`` contract's direct imports are the layer rules' business; it keeps
    here its ``levels`` (top to bottom: the layer names of a level and whether they
    are independent) and ``containers`` for the chain search, and its ``ignore``."""

    name: str
    kind: str
    sources: tuple[str, ...]
    targets: tuple[str, ...] = ()
    allowed: tuple[tuple[str, tuple[str, ...]], ...] = ()
    ignore: tuple[tuple[str, str], ...] = ()
    chains: bool = False
    levels: tuple[tuple[tuple[str, ...], bool], ...] = ()
    containers: tuple[str, ...] = ()

    def ignores(self, importer: str, imported: str) -> bool:
        """True when this contract's ``ignore_imports`` names this import."""
        return any(under(importer, a) and under(imported, b) for a, b in self.ignore)

    def breached_by(self, importer: str, imported: str) -> bool:
        """True when a direct import from ``importer`` into ``imported`` breaks it."""
        if self.ignores(importer, imported):
            return False
        if self.kind == FORBIDDEN:
            return owner(importer, self.sources) is not None and (
                owner(imported, self.targets) is not None
            )
        if self.kind == INDEPENDENCE:
            mine, theirs = owner(importer, self.sources), owner(imported, self.sources)
            return mine is not None and theirs is not None and mine != theirs
        if self.kind == DEPENDS_ON:
            mine, theirs = owner(importer, self.sources), owner(imported, self.sources)
            if mine is None or theirs is None or mine == theirs:
                return False
            permitted = dict(self.allowed).get(mine, ())
            return not any(under(theirs, p) or under(imported, p) for p in permitted)
        return False


def under(module: str, pattern: str) -> bool:
    """True when ``module`` is ``pattern`` or inside it; ``*``/``**`` are wildcards."""
    if "*" not in pattern:
        return module == pattern or module.startswith(pattern + ".")
    return _wildcard(pattern).match(module) is not None


def ignored(importer: str, imported: str, contracts: Iterable[ImportContract]) -> bool:
    """True when a contract's ``ignore_imports`` names this import."""
    return any(under(importer, a) and under(imported, b) for c in contracts for a, b in c.ignore)


def parse_ignore(lines: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """import-linter ``a -> b`` lines as ``(a, b)`` pairs; other lines are left out."""
    pairs: list[tuple[str, str]] = []
    for line in lines:
        left, arrow, right = line.partition("->")
        if arrow and left.strip() and right.strip():
            pairs.append((left.strip(), right.strip().split("#", 1)[0].strip()))
    return tuple(pairs)


def owner(module: str, patterns: tuple[str, ...]) -> str | None:
    """The concrete prefix of ``module`` that one of ``patterns`` names (longest)."""
    best: str | None = None
    parts = module.split(".")
    for pattern in patterns:
        if "*" not in pattern:
            if under(module, pattern) and (best is None or len(pattern) > len(best)):
                best = pattern
            continue
        for end in range(1, len(parts) + 1):
            prefix = ".".join(parts[:end])
            if _wildcard(pattern).fullmatch(prefix):
                if best is None or len(prefix) > len(best):
                    best = prefix
                break
    return best


@lru_cache(maxsize=256)
def _wildcard(pattern: str) -> re.Pattern[str]:
    parts = []
    for part in pattern.split("."):
        if part == "**":
            parts.append(r"[^.]+(?:\.[^.]+)*")
        elif part == "*":
            parts.append(r"[^.]+")
        else:
            parts.append(re.escape(part))
    return re.compile(r"\.".join(parts) + r"(?:\..*)?$")
