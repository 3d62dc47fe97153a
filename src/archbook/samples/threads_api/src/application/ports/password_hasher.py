"""Port for hashing passwords."""

from abc import ABC, abstractmethod


class PasswordHasher(ABC):
    """One-way password hashing; implementations must not block the event loop."""

    @abstractmethod
    async def hash_password(self, password: str) -> str:
        """Return a salted hash of ``password`` that embeds its parameters."""

    @abstractmethod
    async def verify_password(self, password: str, password_hash: str) -> bool:
        """Tell whether ``password`` matches ``password_hash``."""
