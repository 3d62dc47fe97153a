from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel

from app.api.dependencies import get_task_service
from app.domain.task.entities import InvalidTransitionError, TaskStatus
from app.services.task_service import TaskNotFoundError, TaskService

router = APIRouter(tags=["tasks"])


class TaskIn(BaseModel):
    title: str


class TaskMove(BaseModel):
    status: TaskStatus


class TaskOut(BaseModel):
    id: int
    project_id: int
    title: str
    status: TaskStatus


@router.post("/projects/{project_id}/tasks", response_model=TaskOut, status_code=201)
async def add_task(
    project_id: int, body: TaskIn, service: Annotated[TaskService, Depends(get_task_service)]
) -> TaskOut:
    task = await service.add_task(project_id, body.title)
    return TaskOut(id=task.id, project_id=task.project_id, title=task.title, status=task.status)


@router.patch("/tasks/{task_id}", response_model=TaskOut)
async def move_task(
    task_id: int, body: TaskMove, service: Annotated[TaskService, Depends(get_task_service)]
) -> TaskOut:
    try:
        task = await service.move(task_id, body.status)
    except TaskNotFoundError as exc:
        raise HTTPException(status_code=404, detail="task not found") from exc
    except InvalidTransitionError as exc:
        raise HTTPException(status_code=409, detail=str(exc)) from exc
    return TaskOut(id=task.id, project_id=task.project_id, title=task.title, status=task.status)
