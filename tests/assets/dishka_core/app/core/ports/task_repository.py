from typing import Protocol

from app.core.domain.task import Task


class TaskRepository(Protocol):
    async def add(self, task: Task) -> None: ...

    async def get(self, task_id: int) -> Task | None: ...

    async def list(self, only_open: bool = False) -> list[Task]: ...
