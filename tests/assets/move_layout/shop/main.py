from fastapi import FastAPI

from shop.api.carts import cart_router


def create_app() -> FastAPI:
    app = FastAPI()
    app.include_router(cart_router)
    return app
