from .project_repository import SqlAlchemyProjectRepository
from .task_repository import SqlAlchemyTaskRepository

__all__ = ["SqlAlchemyProjectRepository", "SqlAlchemyTaskRepository"]
