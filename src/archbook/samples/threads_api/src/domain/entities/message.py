"""Message entity."""

from dataclasses import dataclass
from datetime import datetime

from src.domain.errors import InvalidInput

MAX_BODY_LENGTH = 5_000


@dataclass(frozen=True, slots=True)
class Message:
    """A reply posted in a thread; the author's name is copied at posting time."""

    id: str
    thread_id: str
    author_id: str
    author_name: str
    body: str
    created_at: datetime

    def __post_init__(self) -> None:
        if not self.body.strip() or len(self.body) > MAX_BODY_LENGTH:
            raise InvalidInput(f"message body must be 1 to {MAX_BODY_LENGTH} characters")
