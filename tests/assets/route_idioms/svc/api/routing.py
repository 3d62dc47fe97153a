from fastapi import FastAPI
from prometheus_fastapi_instrumentator.instrumentation import PrometheusFastApiInstrumentator

from svc.api import controller, extras, tickets
from svc.api.server import Server
from svc.core.settings import settings

ROUTERS = [tickets.router, controller.router]


def register(app: FastAPI) -> None:
    for router in ROUTERS:
        app.include_router(router, prefix=settings.api_prefix)
    app.include_router(extras.health)
    app.include_router(extras.health, prefix="/internal")
    if settings.debug_tools:
        app.include_router(extras.debug)
    app.include_router(Server().router)
    exporter = PrometheusFastApiInstrumentator()
    exporter.instrument(app)
    exporter.expose(app, tags=["ops"])
