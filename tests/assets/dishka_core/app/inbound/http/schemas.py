from datetime import datetime

from pydantic import BaseModel, Field

from app.core.domain.task import Task


class TaskIn(BaseModel):
    title: str = Field(min_length=1, max_length=200)


class TaskOut(BaseModel):
    id: int
    title: str
    created_at: datetime
    completed_at: datetime | None

    @classmethod
    def of(cls, task: Task) -> "TaskOut":
        return cls(id=task.id, title=task.title, created_at=task.created_at, completed_at=task.completed_at)
