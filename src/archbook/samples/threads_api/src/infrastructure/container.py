"""Dependency injection container: the composition root of the service."""

from dependency_injector import containers, providers

from src.application.services.auth_service import AuthService
from src.application.services.message_service import MessageService
from src.application.services.thread_service import ThreadService
from src.application.services.user_service import UserService
from src.infrastructure.adapters.memory.memory_message_repository import (
    InMemoryMessageRepository,
)
from src.infrastructure.adapters.memory.memory_thread_repository import InMemoryThreadRepository
from src.infrastructure.adapters.memory.memory_user_repository import InMemoryUserRepository
from src.infrastructure.adapters.mongo.indexes import ensure_indexes
from src.infrastructure.adapters.mongo.mongo_message_repository import MongoMessageRepository
from src.infrastructure.adapters.mongo.mongo_thread_repository import MongoThreadRepository
from src.infrastructure.adapters.mongo.mongo_user_repository import MongoUserRepository
from src.infrastructure.adapters.security.hmac_token_service import HmacTokenService
from src.infrastructure.adapters.security.pbkdf2_password_hasher import Pbkdf2PasswordHasher
from src.infrastructure.adapters.system_clock import SystemClock
from src.infrastructure.database import get_database, open_mongo_client


class Container(containers.DeclarativeContainer):
    """Builds adapters and services; ``config.storage`` picks MongoDB or memory."""

    wiring_config = containers.WiringConfiguration(
        modules=[
            "src.presentation.api.dependencies",
            "src.presentation.api.routes.auth",
            "src.presentation.api.routes.health",
            "src.presentation.api.routes.messages",
            "src.presentation.api.routes.threads",
            "src.presentation.api.routes.users",
        ]
    )

    config = providers.Configuration(strict=True)

    clock = providers.Singleton(SystemClock)
    password_hasher = providers.Singleton(
        Pbkdf2PasswordHasher, iterations=config.security.pbkdf2_iterations.as_int()
    )
    token_service = providers.Singleton(
        HmacTokenService,
        secret_key=config.security.secret_key,
        ttl_seconds=config.security.token_ttl_seconds.as_int(),
        clock=clock,
    )

    mongo_client = providers.Resource(open_mongo_client, uri=config.mongo.uri)
    mongo_database = providers.Singleton(
        get_database, client=mongo_client, name=config.mongo.database
    )
    mongo_indexes = providers.Coroutine(ensure_indexes, database=mongo_database)

    user_repository = providers.Selector(
        config.storage,
        mongo=providers.Singleton(MongoUserRepository, database=mongo_database),
        memory=providers.Singleton(InMemoryUserRepository),
    )
    thread_repository = providers.Selector(
        config.storage,
        mongo=providers.Singleton(MongoThreadRepository, database=mongo_database),
        memory=providers.Singleton(InMemoryThreadRepository),
    )
    message_repository = providers.Selector(
        config.storage,
        mongo=providers.Singleton(MongoMessageRepository, database=mongo_database),
        memory=providers.Singleton(InMemoryMessageRepository),
    )

    auth_service = providers.Factory(
        AuthService,
        users=user_repository,
        hasher=password_hasher,
        tokens=token_service,
        clock=clock,
    )
    user_service = providers.Factory(UserService, users=user_repository)
    thread_service = providers.Factory(
        ThreadService, threads=thread_repository, users=user_repository, clock=clock
    )
    message_service = providers.Factory(
        MessageService, messages=message_repository, threads=thread_repository, clock=clock
    )
