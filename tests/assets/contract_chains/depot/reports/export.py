"""A direct import of storage: breaks even a contract allowing indirect imports."""

from depot.storage.engine import connect


def export() -> str:
    return connect("file://export")
