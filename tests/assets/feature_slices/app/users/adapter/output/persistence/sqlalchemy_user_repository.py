from sqlalchemy import Boolean, String, or_, select
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import Base, Database
from app.users.domain.entity.user import User
from app.users.domain.repository.user_repository import UserRepository


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    email: Mapped[str] = mapped_column(String(255), unique=True)
    nickname: Mapped[str] = mapped_column(String(32), unique=True)
    password_hash: Mapped[str] = mapped_column(String(128))
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)


def _to_entity(row: UserRow) -> User:
    return User(
        id=row.id,
        email=row.email,
        nickname=row.nickname,
        password_hash=row.password_hash,
        is_admin=row.is_admin,
    )


class SQLAlchemyUserRepository(UserRepository):
    def __init__(self, database: Database) -> None:
        self._database = database

    async def get_by_id(self, user_id: int) -> User | None:
        async with self._database.session() as session:
            row = await session.get(UserRow, user_id)
        return _to_entity(row) if row else None

    async def get_by_email_or_nickname(self, email: str, nickname: str) -> User | None:
        query = select(UserRow).where(or_(UserRow.email == email, UserRow.nickname == nickname))
        async with self._database.session() as session:
            row = (await session.execute(query)).scalars().first()
        return _to_entity(row) if row else None

    async def save(self, user: User) -> User:
        row = UserRow(
            email=user.email,
            nickname=user.nickname,
            password_hash=user.password_hash,
            is_admin=user.is_admin,
        )
        async with self._database.session() as session:
            session.add(row)
            await session.flush()
            user.id = row.id
        return user
