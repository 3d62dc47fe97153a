from dataclasses import dataclass

from app.core.domain.task import Task
from app.core.ports.clock import Clock
from app.core.ports.task_repository import TaskRepository
from app.core.ports.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class CreateTask:
    title: str


class CreateTaskHandler:
    def __init__(self, tasks: TaskRepository, uow: UnitOfWork, clock: Clock) -> None:
        self._tasks = tasks
        self._uow = uow
        self._clock = clock

    async def __call__(self, command: CreateTask) -> Task:
        task = Task(title=command.title.strip(), created_at=self._clock.now())
        await self._tasks.add(task)
        await self._uow.commit()
        return task
