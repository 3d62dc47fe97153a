from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ...domain.project.entities import Project, ProjectId
from ...domain.project.interfaces import ProjectRepository
from ..models import ProjectModel


def _to_entity(model: ProjectModel) -> Project:
    return Project(
        id=ProjectId(model.id),
        name=model.name,
        owner_email=model.owner_email,
        archived=model.archived,
    )


class SqlAlchemyProjectRepository(ProjectRepository):
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, project: Project) -> Project:
        model = ProjectModel(name=project.name, owner_email=project.owner_email, archived=project.archived)
        self._session.add(model)
        await self._session.commit()
        project.id = ProjectId(model.id)
        return project

    async def get(self, project_id: ProjectId) -> Project | None:
        model = await self._session.get(ProjectModel, project_id)
        return _to_entity(model) if model else None

    async def list_active(self) -> list[Project]:
        result = await self._session.scalars(select(ProjectModel).where(ProjectModel.archived.is_(False)))
        return [_to_entity(model) for model in result]
