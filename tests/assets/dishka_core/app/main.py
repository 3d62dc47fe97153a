from dishka import make_async_container
from dishka.integrations.fastapi import setup_dishka
from fastapi import FastAPI

from app.config import AppConfig
from app.inbound.http import api_router
from app.inbound.http.errors import install_error_handlers
from app.ioc import CoreProvider, InfrastructureProvider


def create_app() -> FastAPI:
    app = FastAPI(title="dishka-core todo")
    app.include_router(api_router)
    install_error_handlers(app)
    container = make_async_container(
        InfrastructureProvider(),
        CoreProvider(),
        context={AppConfig: AppConfig()},
    )
    setup_dishka(container, app)
    return app


app = create_app()
