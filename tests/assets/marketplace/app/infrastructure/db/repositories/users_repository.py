from uuid import UUID

from app.application.ports.users_repository import UserRepository
from app.domain.entities.user import User
from app.infrastructure.db.base import Base
from app.infrastructure.db.session import Session


class SqlUserRepository(UserRepository, Base):
    session = Session

    def get(self, id: UUID) -> User:
        return User(id=id)
