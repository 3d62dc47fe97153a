"""Import contracts a repository declares besides layers: import-linter ``forbidden``,
``independence`` and ``protected`` contracts, tach ``depends_on`` lists, the imports
a team said to ignore, and the contracts archbook cannot check.

Direct imports are checked one by one (``breached_by``; a ``layers`` contract's by
the layer rules); the contracts whose ``chains`` is true (import-linter
``forbidden`` without ``allow_indirect_imports``, ``independence``, ``layers``) are
also searched for indirect chains by ``application/layers/contract_chains.py``, and
what concerns a contract as a whole (a module it names is missing, an ignored import
matches nothing, an exhaustive contract leaves a module out) by
``application/layers/contract_checks.py``. The reason of each breach says which
contract.

Module names follow import-linter's expressions: a contract's packages (``sources``,
``targets``) cover their descendants unless ``as_packages`` is false; an
``ignore_imports`` expression names modules exactly; ``*`` stands for one part of a
name and ``**`` for one or more.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache

from archbook.domain.source import Import

FORBIDDEN = "forbidden"
INDEPENDENCE = "independence"
DEPENDS_ON = "depends_on"
LAYERS = "layers"
PROTECTED = "protected"
UNCHECKED = "unchecked"  # a type archbook does not check: named once, never counted as kept

# What to do with an ``ignore_imports`` expression that matches no import.
ALERT_ERROR, ALERT_WARN, ALERT_NONE = "error", "warn", "none"
ALERT_LEVELS = (ALERT_NONE, ALERT_WARN, ALERT_ERROR)


@dataclass(frozen=True)
class ImportContract:
    """One contract: ``kind`` is forbidden (``sources`` may not import ``targets``),
    independence (``sources`` may not import each other), protected (only
    ``sources``, the allowed importers, or modules of the protected package itself
    may import ``targets`` directly) or depends_on (each of ``sources`` may import,
    of the ``targets`` declared, only those it lists in ``allowed``). ``chains`` is
    true when indirect imports (a chain of imports) break it too.

    A ``layers`` contract's direct imports are the layer rules' business; it keeps
    here its ``levels`` (top to bottom: the layer names of a level and whether they
    are independent), ``containers``, the ``optional`` layers a container may lack,
    and ``exhaustive`` (every child of a container must be a layer or one of
    ``exhaustive_ignores``). ``externals`` are the targets outside the repository's
    root packages (``sqlalchemy``), checked on the imports of libraries;
    ``external_graph`` says the graph holds those imports (import-linter's
    ``include_external_packages``). ``unmatched_ignores`` is error, warn or none.
    ``config`` is the file that declares it, ``type_name`` the type as written;
    ``problems`` are what breaks it whatever the imports (``lint-imports`` stops on
    them: an external target without ``include_external_packages``).
    ``type_checking`` is false when its graph leaves out the imports under ``if
    TYPE_CHECKING:`` (import-linter's ``exclude_type_checking_imports``).
    """

    name: str
    kind: str
    sources: tuple[str, ...]
    targets: tuple[str, ...] = ()
    allowed: tuple[tuple[str, tuple[str, ...]], ...] = ()
    ignore: tuple[tuple[str, str], ...] = ()
    chains: bool = False
    levels: tuple[tuple[tuple[str, ...], bool], ...] = ()
    containers: tuple[str, ...] = ()
    as_packages: bool = True
    optional: tuple[str, ...] = ()
    exhaustive: bool = False
    exhaustive_ignores: tuple[str, ...] = ()
    externals: tuple[str, ...] = ()
    external_graph: bool = False
    unmatched_ignores: str = ALERT_NONE
    config: str = ""
    type_name: str = ""
    problems: tuple[str, ...] = ()
    type_checking: bool = True

    def ignores(self, importer: str, imported: str) -> bool:
        """True when this contract's ``ignore_imports`` names this import."""
        return any(matches(importer, a) and matches(imported, b) for a, b in self.ignore)

    def holds(self, item: Import) -> bool:
        """True when this contract's graph holds that import statement."""
        return self.type_checking or not item.type_checking

    def breached_by(self, importer: str, imported: str) -> bool:
        """True when a direct import from ``importer`` into ``imported`` breaks it."""
        return self._breached(importer, imported) and not self.ignores(importer, imported)

    def _breached(self, importer: str, imported: str) -> bool:
        """``breached_by`` before ``ignore_imports``: most imports are no breach, so
        the cheaper test comes first."""
        if self.kind == FORBIDDEN:
            mine = owner(importer, self.sources, self.as_packages)
            if mine is None:
                return False
            theirs = owner(imported, self._guarded, self.as_packages)
            return theirs is not None and not self.overlap(mine, theirs)
        if self.kind == PROTECTED:
            theirs = owner(imported, self._guarded, self.as_packages)
            if theirs is None or owner(importer, (theirs,), self.as_packages) is not None:
                return False
            return owner(importer, self.sources, self.as_packages) is None
        if self.kind == INDEPENDENCE:
            mine = owner(importer, self.sources)
            theirs = owner(imported, self.sources) if mine is not None else None
            return theirs is not None and mine != theirs
        if self.kind == DEPENDS_ON:
            mine, theirs = owner(importer, self.sources), owner(imported, self.sources)
            if mine is None or theirs is None or mine == theirs:
                return False
            permitted = dict(self.allowed).get(mine, ())
            return not any(under(theirs, p) or under(imported, p) for p in permitted)
        return False  # layers (the layer rules' business) and unchecked types

    @cached_property
    def _guarded(self) -> tuple[str, ...]:
        """The forbidden or protected modules, internal and external."""
        return self.targets + self.externals

    def overlap(self, source: str, target: str) -> bool:
        """True when a source and a target package are one (or, as packages, one holds
        the other): import-linter skips such a pair."""
        if source == target:
            return True
        return self.as_packages and (under(source, target) or under(target, source))


def under(module: str, pattern: str) -> bool:
    """True when ``module`` is ``pattern`` or inside it; ``*``/``**`` are wildcards."""
    if "*" not in pattern:
        return module == pattern or module.startswith(pattern + ".")
    return _wildcard(pattern, True).match(module) is not None


def matches(module: str, pattern: str) -> bool:
    """True when ``module`` is what ``pattern`` names, descendants left out (an
    ``ignore_imports`` side, a protected module when ``as_packages`` is false)."""
    if "*" not in pattern:
        return module == pattern
    return _wildcard(pattern, False).match(module) is not None


def ignored(importer: str, imported: str, contracts: Iterable[ImportContract]) -> bool:
    """True when a contract's ``ignore_imports`` names this import."""
    return any(c.ignores(importer, imported) for c in contracts)


def parse_ignore(lines: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """import-linter ``a -> b`` lines as ``(a, b)`` pairs; other lines are left out."""
    pairs: list[tuple[str, str]] = []
    for line in lines:
        left, arrow, right = line.partition("->")
        if arrow and left.strip() and right.strip():
            pairs.append((left.strip(), right.strip().split("#", 1)[0].strip()))
    return tuple(pairs)


def owner(module: str, patterns: tuple[str, ...], as_packages: bool = True) -> str | None:
    """The concrete prefix of ``module`` that one of ``patterns`` names (longest);
    with ``as_packages`` false, ``module`` itself when a pattern names it exactly."""
    if not as_packages:
        return module if any(matches(module, p) for p in patterns) else None
    best: str | None = None
    parts = module.split(".")
    for pattern in patterns:
        if "*" not in pattern:
            if under(module, pattern) and (best is None or len(pattern) > len(best)):
                best = pattern
            continue
        for end in range(1, len(parts) + 1):
            prefix = ".".join(parts[:end])
            if _wildcard(pattern, False).match(prefix):
                if best is None or len(prefix) > len(best):
                    best = prefix
                break
    return best


@lru_cache(maxsize=256)
def _wildcard(pattern: str, descendants: bool) -> re.Pattern[str]:
    parts = []
    for part in pattern.split("."):
        if part == "**":
            parts.append(r"[^.]+(?:\.[^.]+)*")
        elif part == "*":
            parts.append(r"[^.]+")
        else:
            parts.append(re.escape(part))
    return re.compile(r"\.".join(parts) + (r"(?:\..*)?$" if descendants else "$"))
