import pytest

from app.domain.project.entities import Project, ProjectId
from app.domain.project.interfaces import ProjectRepository
from app.services.project_service import ProjectNotFoundError, ProjectService


class InMemoryProjectRepository(ProjectRepository):
    def __init__(self) -> None:
        self._items: dict[int, Project] = {}

    async def add(self, project: Project) -> Project:
        project.id = ProjectId(len(self._items) + 1)
        self._items[project.id] = project
        return project

    async def get(self, project_id: ProjectId) -> Project | None:
        return self._items.get(project_id)

    async def list_active(self) -> list[Project]:
        return [p for p in self._items.values() if not p.archived]


async def test_create_and_get() -> None:
    service = ProjectService(projects=InMemoryProjectRepository())
    created = await service.create("  Launch  ", "pm@example.com")
    assert (await service.get(created.id)).name == "Launch"


async def test_missing_project() -> None:
    service = ProjectService(projects=InMemoryProjectRepository())
    with pytest.raises(ProjectNotFoundError):
        await service.get(ProjectId(42))
