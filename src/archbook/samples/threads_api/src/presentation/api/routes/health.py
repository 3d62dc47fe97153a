"""Liveness probe."""

from dependency_injector.wiring import Provide, inject
from fastapi import APIRouter, Depends

from src.infrastructure.container import Container

router = APIRouter(prefix="/health", tags=["health"])


@router.get("")
@inject
async def health(
    storage: str = Depends(Provide[Container.config.storage]),
) -> dict[str, str]:
    """Report that the process is up and which storage backend it uses."""
    return {"status": "ok", "storage": storage}
