from typing import Annotated

import asyncpg
from fastapi import Depends

from src.settings import settings
from src.shared.db import get_connection
from src.users.adapters.bcrypt_hasher import BcryptPasswordHasher
from src.users.adapters.postgres_user_repository import PostgresUserRepository
from src.users.services.user_service import UserService


def get_user_service(connection: Annotated[asyncpg.Connection, Depends(get_connection)]) -> UserService:
    return UserService(
        repository=PostgresUserRepository(connection),
        hasher=BcryptPasswordHasher(rounds=settings.bcrypt_rounds),
    )


UserServiceDep = Annotated[UserService, Depends(get_user_service)]
