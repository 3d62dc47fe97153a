"""Port for storing users."""

from abc import ABC, abstractmethod

from src.domain.entities.user import User
from src.domain.value_objects.email import Email


class UserRepository(ABC):
    """Persistence of :class:`User` entities."""

    @abstractmethod
    async def add(self, user: User) -> None:
        """Store a new user; raise ``Conflict`` if the e-mail is taken."""

    @abstractmethod
    async def get_by_id(self, user_id: str) -> User | None:
        """Return the user with ``user_id``, if any."""

    @abstractmethod
    async def get_by_email(self, email: Email) -> User | None:
        """Return the user registered with ``email``, if any."""

    @abstractmethod
    async def update(self, user: User) -> None:
        """Persist the changes made to an existing user."""
