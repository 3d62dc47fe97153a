"""In-memory implementation of the user repository."""

from copy import deepcopy

from src.application.ports.user_repository import UserRepository
from src.domain.entities.user import User
from src.domain.errors import Conflict
from src.domain.value_objects.email import Email


class InMemoryUserRepository(UserRepository):
    """Keeps users in a dict; used by tests and local runs without MongoDB."""

    def __init__(self) -> None:
        self._users: dict[str, User] = {}

    async def add(self, user: User) -> None:
        """Store a copy of ``user``; e-mail addresses are unique."""
        if any(stored.email == user.email for stored in self._users.values()):
            raise Conflict(f"{user.email} is already registered")
        self._users[user.id] = deepcopy(user)

    async def get_by_id(self, user_id: str) -> User | None:
        """Return a copy of the user with ``user_id``, if any."""
        user = self._users.get(user_id)
        return deepcopy(user) if user else None

    async def get_by_email(self, email: Email) -> User | None:
        """Return a copy of the user registered with ``email``, if any."""
        user = next((user for user in self._users.values() if user.email == email), None)
        return deepcopy(user) if user else None

    async def update(self, user: User) -> None:
        """Replace the stored copy of ``user``."""
        self._users[user.id] = deepcopy(user)
