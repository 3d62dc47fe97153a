"""Views: web → helpers.formatting → storage.engine, the shortest forbidden chain."""

from depot.helpers.formatting import banner


def home() -> str:
    return banner("home")
