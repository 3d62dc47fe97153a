"""Start-up and shutdown handlers: open and close the database pool."""

from collections.abc import Callable

from fastapi import FastAPI

from notes.core.settings import Settings
from notes.db.pool import close_pool, open_pool


def on_startup(app: FastAPI, settings: Settings) -> Callable[[], None]:
    def start() -> None:
        app.state.pool = open_pool(settings.database_url)

    return start


def on_shutdown(app: FastAPI) -> Callable[[], None]:
    def stop() -> None:
        close_pool(app.state.pool)

    return stop
