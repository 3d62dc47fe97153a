from dataclasses import dataclass

from app.core.domain.errors import TaskNotFound
from app.core.domain.task import Task
from app.core.ports.clock import Clock
from app.core.ports.task_repository import TaskRepository
from app.core.ports.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class CompleteTask:
    task_id: int


class CompleteTaskHandler:
    def __init__(self, tasks: TaskRepository, uow: UnitOfWork, clock: Clock) -> None:
        self._tasks = tasks
        self._uow = uow
        self._clock = clock

    async def __call__(self, command: CompleteTask) -> Task:
        task = await self._tasks.get(command.task_id)
        if task is None:
            raise TaskNotFound(command.task_id)
        task.complete(self._clock.now())
        await self._uow.commit()
        return task
