from app.core.domain.task import Task
from app.core.ports.task_repository import TaskRepository


class ListTasksQuery:
    def __init__(self, tasks: TaskRepository) -> None:
        self._tasks = tasks

    async def __call__(self, only_open: bool = False) -> list[Task]:
        return await self._tasks.list(only_open=only_open)
