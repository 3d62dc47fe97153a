from dataclasses import dataclass
from datetime import datetime

from app.core.domain.errors import TaskAlreadyCompleted


@dataclass
class Task:
    title: str
    created_at: datetime
    id: int | None = None
    completed_at: datetime | None = None

    @property
    def is_done(self) -> bool:
        return self.completed_at is not None

    def complete(self, now: datetime) -> None:
        if self.is_done:
            raise TaskAlreadyCompleted(self.title)
        self.completed_at = now
