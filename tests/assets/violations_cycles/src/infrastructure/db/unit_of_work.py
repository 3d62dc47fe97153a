from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from src.application.ports.unit_of_work import UnitOfWork
from src.infrastructure.db.repositories import SqlAlchemyPaymentRepository


class SqlAlchemyUnitOfWork(UnitOfWork):
    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self._session_factory = session_factory

    async def __aenter__(self) -> "SqlAlchemyUnitOfWork":
        self._session = self._session_factory()
        self.payments = SqlAlchemyPaymentRepository(self._session)
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self._session.rollback()
        await self._session.close()

    async def commit(self) -> None:
        await self._session.commit()

    async def rollback(self) -> None:
        await self._session.rollback()
