from app.core.domain.errors import TaskNotFound
from app.core.domain.task import Task
from app.core.ports.task_repository import TaskRepository


class GetTaskQuery:
    def __init__(self, tasks: TaskRepository) -> None:
        self._tasks = tasks

    async def __call__(self, task_id: int) -> Task:
        task = await self._tasks.get(task_id)
        if task is None:
            raise TaskNotFound(task_id)
        return task
