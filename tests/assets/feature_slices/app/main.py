from fastapi import FastAPI

from app.container import Container
from app.core.config import config
from app.orders.adapter.input.api.order_router import order_router
from app.users.adapter.input.api.user_router import user_router


def create_app() -> FastAPI:
    container = Container()
    app = FastAPI(
        title="Feature Slices",
        docs_url=None if config.env == "prod" else "/docs",
        debug=config.debug,
    )
    app.container = container  # type: ignore[attr-defined]
    app.include_router(user_router, prefix="/api/v1/users", tags=["users"])
    app.include_router(order_router, prefix="/api/v1/orders", tags=["orders"])
    return app


app = create_app()
