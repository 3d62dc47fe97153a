from abc import ABC, abstractmethod

from ..project.entities import ProjectId
from .entities import Task


class TaskRepository(ABC):
    @abstractmethod
    async def add(self, task: Task) -> Task: ...

    @abstractmethod
    async def get(self, task_id: int) -> Task | None: ...

    @abstractmethod
    async def update(self, task: Task) -> None: ...

    @abstractmethod
    async def for_project(self, project_id: ProjectId) -> list[Task]: ...
