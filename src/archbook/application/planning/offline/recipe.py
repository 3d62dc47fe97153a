"""What a planning recipe produces before it becomes a Plan."""

from __future__ import annotations

from dataclasses import dataclass, field

from archbook.domain.layers import APPLICATION, COMPOSITION, INFRASTRUCTURE, PRESENTATION
from archbook.domain.plan import CREATE, DELETE, MODIFY, ErrorMapping, FileChange, TestCase
from archbook.domain.project import is_schema_revision

# Layers whose new files are adapters: a repository's own rules may name it "adapters".
ADAPTER_LAYERS = frozenset((INFRASTRUCTURE, "adapters"))


@dataclass
class Recipe:
    """Changes and the prose around them, filled in by a recipe."""

    summary: str = ""
    approach: str = ""
    rationale: list[str] = field(default_factory=list)
    changes: list[FileChange] = field(default_factory=list)
    di_wiring: list[str] = field(default_factory=list)
    tests: list[TestCase] = field(default_factory=list)
    errors: list[ErrorMapping] = field(default_factory=list)
    security: list[str] = field(default_factory=list)
    performance: list[str] = field(default_factory=list)
    migration: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    # each new resource or module (``auspost``), the existing ones it is laid out like
    # (``dpd``) and the words their tests' names may hold besides (``crawl`` of the
    # routes ``/crawl/dpd`` and ``/crawl/auspost``): its tests are laid out like theirs
    analogs: dict[str, tuple[tuple[str, ...], frozenset[str]]] = field(default_factory=dict)

    def add(self, change: FileChange) -> None:
        """Add a change once per path; a later change of the same path adds its reason
        and its details to the first one's details."""
        for index, existing in enumerate(self.changes):
            if existing.path == change.path:
                reason = (change.purpose,) if change.purpose != existing.purpose else ()
                details = tuple(dict.fromkeys(existing.details + reason + change.details))
                self.changes[index] = FileChange(
                    existing.path,
                    existing.action,
                    existing.layer,
                    existing.purpose,
                    details,
                    existing.code_sketch or change.code_sketch,
                    existing.where or change.where,
                )
                return
        self.changes.append(change)

    def counted_changes(self) -> str:
        """The new-feature summary's closing clause, counted on the plan's final
        changes (the scope's included): "; 3 files to create and 2 to modify across …"."""
        created = sum(c.action == CREATE for c in self.changes)
        counts = [
            f"{created} file{'' if created == 1 else 's'} to create",
            f"{sum(c.action == MODIFY for c in self.changes)} to modify",
        ]
        deleted = sum(c.action == DELETE for c in self.changes)
        if deleted:
            counts.append(f"{deleted} to delete")
        layers = ", ".join(sorted({c.layer for c in self.changes if c.layer}))
        return f"; {', '.join(counts[:-1])} and {counts[-1]} across {layers}."

    def explain_hexagon(self, routes: bool, stored: bool = False) -> None:
        """The new-feature approach and its reasons, from the parts of the hexagon the
        plan's final changes touch; ``routes``: the feature adds or changes routes (one
        without says nothing of HTTP); ``stored``: it adds fields or tables (a migration
        revision is no adapter)."""
        layers = {c.layer for c in self.changes}
        created = {
            c.layer for c in self.changes if c.action == CREATE and not is_schema_revision(c.path)
        }
        parts = [
            (routes and PRESENTATION in layers, "HTTP parsing in the routes"),
            (
                APPLICATION in layers,
                "the use cases in an application service that depends only on ports",
            ),
            (
                bool(ADAPTER_LAYERS & created),
                "one adapter per technology plus an in-memory one for tests",
            ),
            (COMPOSITION in layers, "the wiring in the container"),
            (
                stored,
                "the stored tables in their ORM classes, migrated by a revision of their own",
            ),
        ]
        said = [text for present, text in parts if present]
        copy = "New files copy the folders, names and idioms of the closest existing feature."
        if not said:
            self.approach = f"Each change stays in the layer that owns it. {copy}"
            return
        joined = " and ".join(said) if len(said) < 3 else f"{', '.join(said[:-1])}, and {said[-1]}"
        self.approach = f"Follow the repository's hexagon: {joined}. {copy}"
        reasons = []
        if APPLICATION in layers:
            reasons.append(
                "Services talk to ports only, so the use cases are tested with in-memory adapters."
            )
        if routes and COMPOSITION in layers and PRESENTATION in layers:
            reasons.append(
                "Only the container knows concrete adapters; routes receive services by injection."
            )
        if stored:
            reasons.append(
                "A revision of its own keeps the schema change reviewable and reversible "
                "(`downgrade()`), and deployable before the code that reads it."
            )
        self.rationale[:0] = reasons
