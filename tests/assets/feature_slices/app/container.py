from dependency_injector import containers, providers

from app.core.config import config
from app.core.db import Database
from app.orders.container import OrdersContainer
from app.users.container import UsersContainer


class Container(containers.DeclarativeContainer):
    wiring_config = containers.WiringConfiguration(
        packages=["app.users.adapter.input.api", "app.orders.adapter.input.api"],
    )

    database = providers.Singleton(Database, url=config.writer_db_url)

    users = providers.Container(UsersContainer, database=database)
    orders = providers.Container(
        OrdersContainer,
        database=database,
        user_repository=users.user_repository,
    )
