import asyncpg

from src.users.domain.user import User, UserId
from src.users.ports.user_repository import UserRepository


class PostgresUserRepository(UserRepository):
    def __init__(self, connection: asyncpg.Connection) -> None:
        self._connection = connection

    async def add(self, user: User) -> None:
        await self._connection.execute(
            "INSERT INTO users (id, email, password_hash, active) VALUES ($1, $2, $3, $4)",
            user.id,
            user.email,
            user.password_hash,
            user.active,
        )

    async def get(self, user_id: UserId) -> User | None:
        row = await self._connection.fetchrow("SELECT * FROM users WHERE id = $1", user_id)
        return User(**row) if row else None

    async def by_email(self, email: str) -> User | None:
        row = await self._connection.fetchrow("SELECT * FROM users WHERE email = $1", email.lower())
        return User(**row) if row else None
