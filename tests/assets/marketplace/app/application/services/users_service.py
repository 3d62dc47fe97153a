from uuid import UUID

from app.application.ports.users_repository import UserRepository
from app.domain.entities.user import User
from app.domain.errors import NotFound


class UsersService:
    def __init__(self, repository: UserRepository) -> None:
        self.repository = repository

    def get(self, id: UUID) -> User:
        found = self.repository.get(id)
        if found is None:
            raise NotFound(str(id))
        return found
