"""Port for issuing and checking access tokens."""

from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class IssuedToken:
    """A bearer token and the moment it stops being accepted."""

    value: str
    expires_at: datetime


class TokenService(ABC):
    """Signed, expiring bearer tokens identifying a user."""

    @abstractmethod
    def issue(self, subject: str) -> IssuedToken:
        """Create a token for the user id ``subject``."""

    @abstractmethod
    def verify(self, token: str) -> str:
        """Return the token's subject; raise ``AuthenticationError`` if invalid or expired."""
