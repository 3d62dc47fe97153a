"""Thread entity."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from src.domain.errors import Conflict, InvalidInput, PermissionDenied

MAX_TAGS = 5


class ThreadStatus(StrEnum):
    """Lifecycle of a thread."""

    OPEN = "open"
    CLOSED = "closed"


@dataclass(slots=True)
class Thread:
    """A discussion started by a user, followed by messages."""

    id: str
    title: str
    body: str
    author_id: str
    tags: list[str]
    status: ThreadStatus
    created_at: datetime
    last_activity_at: datetime
    message_count: int = 0

    @classmethod
    def start(
        cls,
        *,
        thread_id: str,
        title: str,
        body: str,
        author_id: str,
        tags: list[str],
        now: datetime,
    ) -> "Thread":
        """Open a new thread with normalized, de-duplicated tags."""
        if not title.strip() or not body.strip():
            raise InvalidInput("title and body must not be blank")
        unique_tags = list(dict.fromkeys(tag.strip().lower() for tag in tags if tag.strip()))
        if len(unique_tags) > MAX_TAGS:
            raise InvalidInput(f"a thread has at most {MAX_TAGS} tags")
        return cls(
            id=thread_id,
            title=title.strip(),
            body=body.strip(),
            author_id=author_id,
            tags=unique_tags,
            status=ThreadStatus.OPEN,
            created_at=now,
            last_activity_at=now,
        )

    @property
    def is_open(self) -> bool:
        """Whether new messages are accepted."""
        return self.status is ThreadStatus.OPEN

    def record_message(self, at: datetime) -> None:
        """Account for a message posted at ``at``."""
        if not self.is_open:
            raise Conflict(f"thread {self.id} is closed")
        self.message_count += 1
        self.last_activity_at = at

    def close(self, by_user_id: str, at: datetime) -> None:
        """Close the thread; only its author may do so."""
        if by_user_id != self.author_id:
            raise PermissionDenied("only the author can close a thread")
        if not self.is_open:
            raise Conflict(f"thread {self.id} is already closed")
        self.status = ThreadStatus.CLOSED
        self.last_activity_at = at
