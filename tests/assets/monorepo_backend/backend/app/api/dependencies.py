from typing import Annotated

from fastapi import Depends
from sqlalchemy.ext.asyncio import AsyncSession

from ..di import RequestContainer
from ..infrastructure.database import get_session
from ..services import ProjectService, TaskService


def get_container(session: Annotated[AsyncSession, Depends(get_session)]) -> RequestContainer:
    return RequestContainer(session=session)


def get_project_service(container: Annotated[RequestContainer, Depends(get_container)]) -> ProjectService:
    return container.project_service


def get_task_service(container: Annotated[RequestContainer, Depends(get_container)]) -> TaskService:
    return container.task_service
