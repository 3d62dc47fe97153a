from .project_service import ProjectNotFoundError, ProjectService
from .task_service import TaskNotFoundError, TaskService

__all__ = ["ProjectNotFoundError", "ProjectService", "TaskNotFoundError", "TaskService"]
