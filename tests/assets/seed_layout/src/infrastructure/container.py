from dependency_injector import containers, providers

from src.application.services.order_service import OrderService
from src.application.services.user_service import UserService
from src.infrastructure.adapters.in_memory_user_repository import InMemoryUserRepository
from src.infrastructure.adapters.smtp_notifier import SmtpNotifier
from src.infrastructure.adapters.sqlalchemy_order_repository import (
    SqlAlchemyOrderRepository,
    create_session_factory,
)


class Container(containers.DeclarativeContainer):
    config = providers.Configuration()

    session_factory = providers.Singleton(create_session_factory, database_url=config.database_url)

    user_repository = providers.Singleton(InMemoryUserRepository)
    order_repository = providers.Factory(SqlAlchemyOrderRepository, session_factory=session_factory)
    notifier = providers.Factory(
        SmtpNotifier,
        host=config.smtp_host,
        port=config.smtp_port,
        sender=config.smtp_sender,
    )

    user_service = providers.Factory(UserService, users=user_repository, notifier=notifier)
    order_service = providers.Factory(OrderService, orders=order_repository, users=user_repository)
