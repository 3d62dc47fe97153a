"""The app factory, kept beside the routes it mounts."""
from fastapi import FastAPI

from shop.adapters.entrypoints.routes import router
from shop.infrastructure.config.di.application import Container


def create_app() -> FastAPI:
    app = FastAPI()
    app.state.container = Container()
    app.include_router(router)
    return app
