from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from .infrastructure.repositories import SqlAlchemyProjectRepository, SqlAlchemyTaskRepository
from .services import ProjectService, TaskService


@dataclass
class RequestContainer:
    """Hand-wired object graph for one request/session."""

    session: AsyncSession

    @property
    def project_service(self) -> ProjectService:
        return ProjectService(projects=SqlAlchemyProjectRepository(self.session))

    @property
    def task_service(self) -> TaskService:
        return TaskService(
            tasks=SqlAlchemyTaskRepository(self.session),
            projects=SqlAlchemyProjectRepository(self.session),
        )
