from fastapi import FastAPI

from src.infrastructure.container import Container
from src.presentation.api.routes import payments, refunds


def create_app() -> FastAPI:
    container = Container()
    app = FastAPI(title="payments")
    app.container = container  # type: ignore[attr-defined]
    app.include_router(payments.router)
    app.include_router(refunds.router)
    return app


app = create_app()
