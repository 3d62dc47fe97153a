"""User entity."""

from dataclasses import dataclass
from datetime import datetime

from src.domain.errors import InvalidInput
from src.domain.value_objects.email import Email

MAX_DISPLAY_NAME_LENGTH = 50


@dataclass(slots=True)
class User:
    """A registered member of the forum."""

    id: str
    email: Email
    display_name: str
    password_hash: str
    created_at: datetime

    def __post_init__(self) -> None:
        self.display_name = _checked_display_name(self.display_name)

    def rename(self, display_name: str) -> None:
        """Change the name shown next to the user's threads and messages."""
        self.display_name = _checked_display_name(display_name)


def _checked_display_name(display_name: str) -> str:
    """Return the stripped display name or raise if it is blank or too long."""
    stripped = display_name.strip()
    if not stripped or len(stripped) > MAX_DISPLAY_NAME_LENGTH:
        raise InvalidInput(f"display name must be 1 to {MAX_DISPLAY_NAME_LENGTH} characters")
    return stripped
