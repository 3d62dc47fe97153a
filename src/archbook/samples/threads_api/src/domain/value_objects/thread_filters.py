"""Value objects describing how threads and messages are listed."""

from dataclasses import dataclass, field
from enum import StrEnum
from typing import ClassVar

from src.domain.entities.thread import ThreadStatus
from src.domain.errors import InvalidInput


@dataclass(frozen=True, slots=True)
class Pagination:
    """A 1-based page number and a page size."""

    MAX_SIZE: ClassVar[int] = 100

    page: int = 1
    size: int = 20

    def __post_init__(self) -> None:
        if self.page < 1:
            raise InvalidInput("page must be 1 or greater")
        if not 1 <= self.size <= self.MAX_SIZE:
            raise InvalidInput(f"size must be between 1 and {self.MAX_SIZE}")

    @property
    def offset(self) -> int:
        """Number of items that precede the page."""
        return (self.page - 1) * self.size

    @property
    def limit(self) -> int:
        """Maximum number of items on the page."""
        return self.size


class ThreadSort(StrEnum):
    """Orderings offered by the thread listing."""

    RECENT_ACTIVITY = "recent_activity"
    OLDEST_ACTIVITY = "oldest_activity"


@dataclass(frozen=True, slots=True)
class ThreadFilters:
    """Criteria, ordering and page of a thread listing."""

    author_id: str | None = None
    tag: str | None = None
    status: ThreadStatus | None = None
    text: str | None = None
    sort: ThreadSort = ThreadSort.RECENT_ACTIVITY
    pagination: Pagination = field(default_factory=Pagination)

    def __post_init__(self) -> None:
        object.__setattr__(self, "tag", _normalized(self.tag, lower=True))
        object.__setattr__(self, "text", _normalized(self.text, lower=False))


def _normalized(value: str | None, *, lower: bool) -> str | None:
    """Strip ``value`` and turn blank strings into ``None``."""
    if value is None or not value.strip():
        return None
    stripped = value.strip()
    return stripped.lower() if lower else stripped
