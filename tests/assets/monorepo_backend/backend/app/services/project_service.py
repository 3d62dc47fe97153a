from ..domain.project.entities import Project, ProjectId
from ..domain.project.interfaces import ProjectRepository


class ProjectNotFoundError(Exception):
    pass


class ProjectService:
    def __init__(self, projects: ProjectRepository) -> None:
        self._projects = projects

    async def create(self, name: str, owner_email: str) -> Project:
        return await self._projects.add(Project(name=name.strip(), owner_email=owner_email))

    async def get(self, project_id: ProjectId) -> Project:
        project = await self._projects.get(project_id)
        if project is None:
            raise ProjectNotFoundError(project_id)
        return project

    async def list_active(self) -> list[Project]:
        return await self._projects.list_active()
