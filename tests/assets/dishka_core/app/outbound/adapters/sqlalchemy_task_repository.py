from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.domain.task import Task
from app.core.ports.task_repository import TaskRepository
from app.outbound.adapters.orm import tasks_table


class SqlAlchemyTaskRepository(TaskRepository):
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, task: Task) -> None:
        result = await self._session.execute(
            insert(tasks_table)
            .values(title=task.title, created_at=task.created_at, completed_at=task.completed_at)
            .returning(tasks_table.c.id)
        )
        task.id = result.scalar_one()

    async def get(self, task_id: int) -> Task | None:
        row = (await self._session.execute(select(tasks_table).where(tasks_table.c.id == task_id))).mappings().first()
        return Task(**row) if row else None

    async def list(self, only_open: bool = False) -> list[Task]:
        query = select(tasks_table).order_by(tasks_table.c.id)
        if only_open:
            query = query.where(tasks_table.c.completed_at.is_(None))
        rows = (await self._session.execute(query)).mappings().all()
        return [Task(**row) for row in rows]
