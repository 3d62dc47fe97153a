"""The store: a direct import of service (a layer breach) and a chain to the api
through ``glue``."""

from depot.shop import glue
from depot.shop.service import checkout


def load() -> str:
    return "rows"


def reload() -> str:
    return glue.glued() + checkout()
