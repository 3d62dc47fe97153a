from collections.abc import AsyncIterable

from dishka import AnyOf, Provider, Scope, from_context, provide
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from app.config import AppConfig
from app.core.commands.complete_task import CompleteTaskHandler
from app.core.commands.create_task import CreateTaskHandler
from app.core.ports.clock import Clock
from app.core.ports.task_repository import TaskRepository
from app.core.ports.unit_of_work import UnitOfWork
from app.core.queries.get_task import GetTaskQuery
from app.core.queries.list_tasks import ListTasksQuery
from app.outbound.adapters.sqlalchemy_task_repository import SqlAlchemyTaskRepository
from app.outbound.adapters.sqlalchemy_uow import SqlAlchemyUnitOfWork
from app.outbound.adapters.system_clock import SystemClock


class InfrastructureProvider(Provider):
    config = from_context(provides=AppConfig, scope=Scope.APP)

    @provide(scope=Scope.APP)
    def engine(self, config: AppConfig) -> AsyncEngine:
        return create_async_engine(config.database_url, echo=config.echo_sql)

    @provide(scope=Scope.APP)
    def session_maker(self, engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
        return async_sessionmaker(engine, expire_on_commit=False)

    @provide(scope=Scope.REQUEST)
    async def session(self, session_maker: async_sessionmaker[AsyncSession]) -> AsyncIterable[AsyncSession]:
        async with session_maker() as session:
            yield session

    clock = provide(SystemClock, provides=Clock, scope=Scope.APP)
    tasks = provide(SqlAlchemyTaskRepository, provides=TaskRepository, scope=Scope.REQUEST)
    uow = provide(SqlAlchemyUnitOfWork, provides=AnyOf[UnitOfWork], scope=Scope.REQUEST)


class CoreProvider(Provider):
    scope = Scope.REQUEST

    create_task = provide(CreateTaskHandler)
    complete_task = provide(CompleteTaskHandler)
    get_task = provide(GetTaskQuery)
    list_tasks = provide(ListTasksQuery)
