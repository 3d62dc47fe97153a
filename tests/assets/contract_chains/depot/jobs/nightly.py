"""A nightly job: its chain to storage runs through an import its contract ignores."""

from depot.helpers.formatting import banner


def run() -> str:
    return banner("nightly")
