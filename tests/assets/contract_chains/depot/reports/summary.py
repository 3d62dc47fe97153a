"""Reports reach storage through helpers, which their contract allows."""

from depot.helpers.formatting import banner


def summary() -> str:
    return banner("summary")
