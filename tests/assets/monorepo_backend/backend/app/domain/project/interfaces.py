from abc import ABC, abstractmethod

from .entities import Project, ProjectId


class ProjectRepository(ABC):
    @abstractmethod
    async def add(self, project: Project) -> Project: ...

    @abstractmethod
    async def get(self, project_id: ProjectId) -> Project | None: ...

    @abstractmethod
    async def list_active(self) -> list[Project]: ...
