from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ...domain.project.entities import ProjectId
from ...domain.task.entities import Task, TaskStatus
from ...domain.task.interfaces import TaskRepository
from ..models import TaskModel


class SqlAlchemyTaskRepository(TaskRepository):
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, task: Task) -> Task:
        model = TaskModel(project_id=task.project_id, title=task.title, status=task.status.value)
        self._session.add(model)
        await self._session.commit()
        task.id = model.id
        return task

    async def get(self, task_id: int) -> Task | None:
        model = await self._session.get(TaskModel, task_id)
        if model is None:
            return None
        return Task(id=model.id, project_id=ProjectId(model.project_id), title=model.title, status=TaskStatus(model.status))

    async def update(self, task: Task) -> None:
        model = await self._session.get(TaskModel, task.id)
        if model is not None:
            model.title = task.title
            model.status = task.status.value
            await self._session.commit()

    async def for_project(self, project_id: ProjectId) -> list[Task]:
        result = await self._session.scalars(select(TaskModel).where(TaskModel.project_id == project_id))
        return [
            Task(id=m.id, project_id=ProjectId(m.project_id), title=m.title, status=TaskStatus(m.status))
            for m in result
        ]
