"""The dependency-injector container."""

from dependency_injector import containers, providers
from motor.motor_asyncio import AsyncIOMotorClient

from src.application.use_cases.get_member import GetMemberUseCase
from src.infrastructure.adapters.mongo_member_repository import MongoMemberRepository


class Container(containers.DeclarativeContainer):
    wiring_config = containers.WiringConfiguration(packages=["src.presentation"])
    config = providers.Configuration()
    client = providers.Singleton(AsyncIOMotorClient, config.mongo_url)
    database = providers.Singleton(lambda client: client["members"], client)
    member_repository = providers.Factory(MongoMemberRepository, database=database)
    get_member = providers.Factory(GetMemberUseCase, repository=member_repository)
