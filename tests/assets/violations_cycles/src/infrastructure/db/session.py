import os

from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from src.infrastructure.db.unit_of_work import SqlAlchemyUnitOfWork

engine = create_async_engine(os.getenv("DATABASE_URL", "postgresql+asyncpg://pay:pay@localhost/payments"))
AsyncSessionFactory = async_sessionmaker(engine, expire_on_commit=False)


def get_unit_of_work() -> SqlAlchemyUnitOfWork:
    return SqlAlchemyUnitOfWork(AsyncSessionFactory)
