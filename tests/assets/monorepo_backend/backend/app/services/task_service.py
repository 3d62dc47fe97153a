from ..domain.project.entities import ProjectId
from ..domain.project.interfaces import ProjectRepository
from ..domain.task import Task, TaskStatus
from ..domain.task.interfaces import TaskRepository
from .project_service import ProjectNotFoundError


class TaskNotFoundError(Exception):
    pass


class TaskService:
    def __init__(self, tasks: TaskRepository, projects: ProjectRepository) -> None:
        self._tasks = tasks
        self._projects = projects

    async def add_task(self, project_id: ProjectId, title: str) -> Task:
        project = await self._projects.get(project_id)
        if project is None:
            raise ProjectNotFoundError(project_id)
        project.ensure_active()
        return await self._tasks.add(Task(project_id=project_id, title=title))

    async def move(self, task_id: int, status: TaskStatus) -> Task:
        task = await self._tasks.get(task_id)
        if task is None:
            raise TaskNotFoundError(task_id)
        task.move_to(status)
        await self._tasks.update(task)
        return task

    async def board(self, project_id: ProjectId) -> list[Task]:
        return await self._tasks.for_project(project_id)
