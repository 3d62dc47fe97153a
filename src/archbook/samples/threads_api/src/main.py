"""Application factory of the Threads API."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, status
from fastapi.responses import JSONResponse

from src.domain.errors import (
    AuthenticationError,
    Conflict,
    DomainError,
    InvalidInput,
    NotFound,
    PermissionDenied,
)
from src.infrastructure.config import Settings
from src.infrastructure.container import Container
from src.presentation.api.routes import auth, health, messages, threads, users

_STATUS_BY_ERROR: dict[type[DomainError], int] = {
    NotFound: status.HTTP_404_NOT_FOUND,
    Conflict: status.HTTP_409_CONFLICT,
    InvalidInput: status.HTTP_422_UNPROCESSABLE_CONTENT,
    AuthenticationError: status.HTTP_401_UNAUTHORIZED,
    PermissionDenied: status.HTTP_403_FORBIDDEN,
}


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the container from ``settings`` (default: environment) and the FastAPI app."""
    container = Container()
    container.config.from_dict((settings or Settings.from_env()).as_container_config())

    app = FastAPI(title="Threads API", version="1.0.0", lifespan=_lifespan)
    app.state.container = container
    app.add_exception_handler(DomainError, _handle_domain_error)
    for module in (auth, users, threads, messages, health):
        app.include_router(module.router, prefix="/api")
    return app


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Create MongoDB indexes on start-up and release the client on shutdown."""
    container: Container = app.state.container
    if container.config.storage() == "mongo":
        await container.mongo_indexes()
    yield
    container.shutdown_resources()


async def _handle_domain_error(request: Request, error: Exception) -> JSONResponse:
    """Translate a domain error into an HTTP error response."""
    status_code = next(
        (code for kind, code in _STATUS_BY_ERROR.items() if isinstance(error, kind)),
        status.HTTP_400_BAD_REQUEST,
    )
    unauthorized = status_code == status.HTTP_401_UNAUTHORIZED
    headers = {"WWW-Authenticate": "Bearer"} if unauthorized else None
    return JSONResponse({"detail": str(error)}, status_code=status_code, headers=headers)
