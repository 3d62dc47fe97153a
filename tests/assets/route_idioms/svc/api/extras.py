from fastapi import APIRouter

health = APIRouter()
debug = APIRouter(prefix="/debug")
forgotten = APIRouter(prefix="/forgotten")


@health.get("/health")
def health_check():
    return "ok"


@debug.get("/state")
def dump_state():
    return {}


@forgotten.get("/x")
def never_served():
    return None


def plugin_registry():
    return {}


@plugin_registry().get("/plugged")
def plugged():
    return None
