from dependency_injector import containers, providers

from app.orders.adapter.output.persistence.sqlalchemy_order_repository import SQLAlchemyOrderRepository
from app.orders.application.service.order_service import OrderService


class OrdersContainer(containers.DeclarativeContainer):
    database = providers.Dependency()
    user_repository = providers.Dependency()

    order_repository = providers.Singleton(SQLAlchemyOrderRepository, database=database)
    order_service = providers.Factory(OrderService, orders=order_repository, users=user_repository)
