from fastapi import FastAPI
from prometheus_fastapi_instrumentator import Instrumentator as Metrics

from svc.api.routing import register


def create_app() -> FastAPI:
    app = FastAPI()
    register(app)
    Metrics(excluded_handlers=["/health"]).instrument(
        app
    ).expose(app, endpoint="/ops/metrics", include_in_schema=False)
    return app


app = create_app()
