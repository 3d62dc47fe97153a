"""The application: the API router mounted, start-up handlers registered."""

from fastapi import FastAPI

from notes.api.main import api_router
from notes.core.events import on_shutdown, on_startup
from notes.core.settings import settings

app = FastAPI()
app.include_router(api_router)
app.add_event_handler("startup", on_startup(app, settings))
app.add_event_handler("shutdown", on_shutdown(app))
