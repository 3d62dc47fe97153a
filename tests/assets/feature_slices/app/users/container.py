from dependency_injector import containers, providers

from app.users.adapter.output.persistence.sqlalchemy_user_repository import SQLAlchemyUserRepository
from app.users.application.service.user_service import UserService


class UsersContainer(containers.DeclarativeContainer):
    database = providers.Dependency()

    user_repository = providers.Singleton(SQLAlchemyUserRepository, database=database)
    user_service = providers.Factory(UserService, repository=user_repository)
