"""The application factory, with a lifespan handler."""

from contextlib import asynccontextmanager

from fastapi import FastAPI

from src.infrastructure.container import Container
from src.presentation.routes import members


@asynccontextmanager
async def lifespan(app: FastAPI):
    yield


def create_app() -> FastAPI:
    container = Container()
    app = FastAPI(lifespan=lifespan)
    app.container = container  # type: ignore[attr-defined]
    app.include_router(members.router)
    return app
