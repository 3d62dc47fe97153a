"""Findings of an architecture analysis: violations, cycles, metrics."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ImportSite:
    """One import statement from a classified module into another, with where it is
    written: what a violation and a layer edge's import have in common."""

    importer: str
    imported: str
    importer_layer: str
    imported_layer: str
    path: str
    line: int
    text: str

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True, slots=True)
class Violation(ImportSite):
    """An import that breaks the layer rules, with where it is written.

    ``contract`` names the repository contract it breaks (forbidden, independence,
    depends_on); empty for a break of the layer rules. ``chain`` is empty for a
    direct import; for an indirect breach of a contract it holds the shortest chain
    of modules from ``importer`` to ``imported``, and ``path``/``line``/``text`` are
    those of its first import. A breach of a contract as a whole (a module it names
    is missing, an ignored import matches nothing) has line 0: ``path`` is the file
    declaring the contract, ``text`` the reason, ``importer`` the module concerned
    (or empty) and ``imported`` empty.
    """

    contract: str = ""
    chain: tuple[str, ...] = ()

    def describe(self) -> str:
        """One line a reviewer can act on."""
        broken = f" breaks {self.contract}" if self.contract else ""
        if not self.line:
            return f"{self.path}: {self.text}{broken}"
        if self.chain:
            return (
                f"{self.location}: {self.importer_layer} → {self.imported_layer}: "
                f"{self.importer} imports {self.imported} indirectly "
                f"({' → '.join(self.chain)}){broken}"
            )
        return (
            f"{self.location}: {self.importer_layer} → {self.imported_layer}: "
            f"{self.importer} imports {self.imported} ({self.text}){broken}"
        )


@dataclass(frozen=True, slots=True)
class Metrics:
    """Coupling figures of a module or a layer.

    ``instability`` = fan-out / (fan-in + fan-out): 0 is depended on only, 1 depends only.
    """

    name: str
    layer: str
    fan_in: int
    fan_out: int

    @property
    def instability(self) -> float:
        total = self.fan_in + self.fan_out
        return round(self.fan_out / total, 3) if total else 0.0


@dataclass(frozen=True, slots=True)
class LayerEdge:
    """Imports from one layer into another: how many, a few examples, whether allowed."""

    source: str
    target: str
    count: int
    allowed: bool
    examples: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LayerImport(ImportSite):
    """One import statement behind a layer edge, with where it is written."""

    allowed: bool
