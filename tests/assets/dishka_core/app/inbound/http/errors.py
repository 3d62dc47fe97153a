from fastapi import FastAPI, Request, status
from fastapi.responses import JSONResponse

from app.core.domain.errors import DomainError, TaskNotFound


async def _not_found(_: Request, exc: TaskNotFound) -> JSONResponse:
    return JSONResponse(status_code=status.HTTP_404_NOT_FOUND, content={"detail": str(exc)})


async def _domain_error(_: Request, exc: DomainError) -> JSONResponse:
    return JSONResponse(status_code=status.HTTP_409_CONFLICT, content={"detail": str(exc)})


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(TaskNotFound, _not_found)  # type: ignore[arg-type]
    app.add_exception_handler(DomainError, _domain_error)  # type: ignore[arg-type]
