"""The scope step as editable fields: a workshop corrects what archbook derived (kinds
of change, resources and those it is about, files touched, new files, external systems,
packages, settings, the fields added to stored tables, new tables, the frontend files a
backend plan leaves out)
and the draft follows the corrected scope."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets

from archbook.application.planning.scoping.scope import Scope
from archbook.notebook.display import button

# (field, label, one item per line?) in the order they are shown
FIELDS = (
    ("kinds", "Kinds of change", False),
    ("resources", "Existing resources", False),
    ("subjects", "Resources it is about", False),
    ("new_resources", "New resources", False),
    ("externals", "External systems", False),
    ("packages", "Packages to add", False),
    ("settings", "Settings", False),
    ("stored_fields", "Stored fields", False),
    ("new_tables", "New tables", False),
    ("touched", "Files touched", True),
    ("created", "Files to create", True),
    ("deleted", "Files to delete", True),
    ("outside", "Left to the frontend", True),
)
Apply = Callable[[dict[str, list[str]]], None]


class ScopeEditor(widgets.VBox):
    """One text field per scope field (``archbook-scope-<field>``; lists are comma- or
    line-separated) and ``archbook-scope-apply``, which hands the corrections on."""

    def __init__(self, apply: Apply) -> None:
        self.fields: dict[str, widgets.Text | widgets.Textarea] = {}
        rows: list[widgets.Widget] = []
        for name, label, multiline in FIELDS:
            field: widgets.Text | widgets.Textarea = (
                widgets.Textarea(description=label, rows=6)
                if multiline
                else widgets.Text(description=label)
            )
            field.style = {"description_width": "initial"}
            field.layout = widgets.Layout(width="95%")
            field.add_class(f"archbook-scope-{name}")
            self.fields[name] = field
            rows.append(field)
        self.apply_button = button(
            "Use this scope", "archbook-scope-apply", "draft from the corrected scope"
        )
        self.apply_button.on_click(lambda _: apply(self.values()))
        self.status = widgets.Label("")
        self.status.add_class("archbook-scope-status")
        super().__init__([*rows, widgets.HBox([self.apply_button, self.status])])
        self.add_class("archbook-scope-editor")
        self.layout.display = "none"

    def load(self, scope: Scope) -> None:
        """Show ``scope`` in the fields."""
        for name, _, multiline in FIELDS:
            items = getattr(scope, name)
            self.fields[name].value = ("\n" if multiline else ", ").join(items)
        self.layout.display = ""

    def hide(self) -> None:
        self.layout.display = "none"
        self.status.value = ""

    def values(self) -> dict[str, list[str]]:
        """The fields as lists (commas and new lines both separate items)."""
        found = {}
        for name, field in self.fields.items():
            raw = str(field.value).replace("\n", ",")
            found[name] = [item.strip() for item in raw.split(",") if item.strip()]
        return found
