from fastapi import FastAPI

from svc.api.routing import register


def create_app() -> FastAPI:
    app = FastAPI()
    register(app)
    return app


app = create_app()
