"""What a recipe says of its own changes once they are final: the summary's counts
and the approach, from the parts of the hexagon the changes touch."""

from __future__ import annotations

from archbook.application.planning.offline.recipe import Recipe
from archbook.domain.plan import CREATE, DELETE, MODIFY, FileChange


def recipe(*changes: tuple[str, str, str]) -> Recipe:
    made = Recipe()
    for path, action, layer in changes:
        made.add(FileChange(path, action, layer, "why"))
    return made


def test_the_counts_name_one_file_in_the_singular_and_deletions_only_when_there_are_any() -> None:
    one = recipe(("app/a.py", CREATE, "application"), ("app/b.py", MODIFY, "domain"))
    assert one.counted_changes() == "; 1 file to create and 1 to modify across application, domain."
    many = recipe(
        ("app/a.py", CREATE, "application"),
        ("app/c.py", CREATE, "application"),
        ("app/b.py", DELETE, "domain"),
    )
    assert many.counted_changes() == (
        "; 2 files to create, 0 to modify and 1 to delete across application, domain."
    )


def test_the_approach_names_only_the_parts_of_the_hexagon_the_changes_touch() -> None:
    worker = recipe(
        ("app/purge.py", CREATE, "application"), ("app/worker.py", MODIFY, "presentation")
    )
    worker.explain_hexagon(routes=False)
    assert worker.approach.startswith(
        "Follow the repository's hexagon: the use cases in an application service that "
        "depends only on ports. "
    )
    assert worker.rationale == [
        "Services talk to ports only, so the use cases are tested with in-memory adapters."
    ]
    settings = recipe(("app/settings.py", MODIFY, "infrastructure"))
    settings.explain_hexagon(routes=False)
    assert settings.approach.startswith("Each change stays in the layer that owns it.")
    assert settings.rationale == []


def test_a_migration_revision_is_no_adapter_and_a_schema_change_says_so() -> None:
    schema = recipe(
        ("app/models.py", MODIFY, "infrastructure"),
        ("migrations/versions/0a1b2c3d4e5f_add_x.py", CREATE, "infrastructure"),
    )
    schema.explain_hexagon(routes=False, stored=True)
    assert schema.approach.startswith(
        "Follow the repository's hexagon: the stored tables in their ORM classes, "
        "migrated by a revision of their own. "
    )
    assert "adapter" not in schema.approach
    assert schema.rationale[0].startswith("A revision of its own keeps the schema change")
