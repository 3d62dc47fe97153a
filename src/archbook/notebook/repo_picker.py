"""Choose the repository: a path, or one of the recently used ones (or the sample)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable

import ipywidgets as widgets

from archbook import api
from archbook.exceptions import ArchbookError
from archbook.notebook.display import Md, Panel, button, code

LoadListener = Callable[[str], None]


class RepoPicker(Panel):
    """A path box (the bundled sample by default), a dropdown of recently used paths and a
    Load button. Listeners hear the absolute folder of every repository loaded."""

    def __init__(self, path: str | None = None) -> None:
        self.root = api.resolve_repo(path)
        self.path = widgets.Text(
            value=self.root,
            description="repository",
            placeholder="folder of a FastAPI repository",
            layout=widgets.Layout(width="48em"),
        )
        self.path.add_class("archbook-repo-path")
        self.recent = widgets.Dropdown(
            description="recent", options=self._options(), value=self.root
        )
        self.recent.add_class("archbook-repo-recent")
        self.recent.observe(self._recent_chosen, names="value")
        self.load_button = button("Load", "archbook-repo-load", "analyse this repository")
        self.load_button.on_click(self._clicked)
        self._listeners: list[LoadListener] = []
        super().__init__(
            [widgets.HBox([self.path, self.load_button]), self.recent], "archbook-repo-picker"
        )
        self._status()

    @property
    def name(self) -> str:
        return os.path.basename(self.root.rstrip(os.sep))

    def on_load(self, listener: LoadListener) -> None:
        """Call ``listener(root)`` after each load."""
        self._listeners.append(listener)

    def load(self, path: str | None, remember: bool = False) -> str:
        """Load ``path`` (the sample when empty); listeners run; returns the absolute folder.
        ``remember`` adds it to the recently used list (what a user's own choice does)."""
        try:
            root = api.resolve_repo(path.strip() if path else None)
        except ArchbookError as error:
            self.error(str(error))
            raise
        self.root = root
        self.path.value = root
        if remember:
            api.remember_repo(root)
        # The list always shows the repository that is loaded.
        self.recent.options = self._options()
        self.recent.value = root
        for listener in self._listeners:
            listener(root)
        self._status()
        return root

    def describe(self) -> str:
        """The repository in words, without its absolute path (outputs stay portable)."""
        if api.is_sample(self.root):
            return f"{code(self.name)} — the bundled sample"
        return code(self.name)

    def summary(self) -> str:
        return f"RepoPicker({self.name})"

    def _options(self) -> list[tuple[str, str]]:
        sample = api.sample_path()
        recent = [p for p in api.recent_repos() if p not in (sample, self.root)]
        loaded = [] if self.root == sample else [self.root]
        return [
            (f"bundled sample ({os.path.basename(sample)})", sample),
            *((p, p) for p in [*loaded, *recent]),
        ]

    def _clicked(self, _: widgets.Button) -> None:
        # The error is already shown under the path box.
        with contextlib.suppress(ArchbookError):
            self.load(self.path.value, remember=True)

    def _recent_chosen(self, change: dict[str, object]) -> None:
        if isinstance(change["new"], str):
            self.path.value = change["new"]

    def _status(self) -> None:
        self.show(Md(f"Repository: {self.describe()}"))
