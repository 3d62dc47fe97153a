"""Request dependencies: a database engine per request."""

from collections.abc import Iterator

import sqlalchemy

from notes.api.routes import items
from notes.db.pool import close_pool, open_pool


def engine() -> Iterator[sqlalchemy.Engine]:
    pool = open_pool("sqlite://")
    yield pool
    close_pool(pool)


ROUTERS = [items.router]
