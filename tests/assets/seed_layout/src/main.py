from fastapi import FastAPI

from src.config import get_settings
from src.infrastructure.container import Container
from src.presentation.api.routes import api_router


def create_app() -> FastAPI:
    settings = get_settings()
    container = Container()
    container.config.from_dict(settings.model_dump())
    container.wire(packages=["src.presentation.api.routes"])

    app = FastAPI(title=settings.app_name)
    app.container = container  # type: ignore[attr-defined]
    app.include_router(api_router, prefix="/api")
    return app


app = create_app()
