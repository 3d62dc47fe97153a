"""Request and response bodies of the thread routes."""

from datetime import datetime

from pydantic import BaseModel, Field

from src.domain.entities.thread import MAX_TAGS, Thread, ThreadStatus


class CreateThreadRequest(BaseModel):
    """A new thread."""

    title: str = Field(min_length=3, max_length=200)
    body: str = Field(min_length=1, max_length=20_000)
    tags: list[str] = Field(default_factory=list, max_length=MAX_TAGS)


class ThreadSummaryResponse(BaseModel):
    """A thread as shown in listings."""

    id: str
    title: str
    author_id: str
    author_name: str
    tags: list[str]
    status: ThreadStatus
    message_count: int
    created_at: datetime
    last_activity_at: datetime

    @classmethod
    def from_entity(cls, thread: Thread, author_name: str) -> "ThreadSummaryResponse":
        """Build the listing entry of ``thread``."""
        return cls(
            id=thread.id,
            title=thread.title,
            author_id=thread.author_id,
            author_name=author_name,
            tags=thread.tags,
            status=thread.status,
            message_count=thread.message_count,
            created_at=thread.created_at,
            last_activity_at=thread.last_activity_at,
        )


class ThreadResponse(ThreadSummaryResponse):
    """A thread with its opening post."""

    body: str

    @classmethod
    def from_entity(cls, thread: Thread, author_name: str) -> "ThreadResponse":
        """Build the full representation of ``thread``."""
        summary = ThreadSummaryResponse.from_entity(thread, author_name)
        return cls(**summary.model_dump(), body=thread.body)


class ThreadListResponse(BaseModel):
    """One page of a thread listing."""

    items: list[ThreadSummaryResponse]
    total: int
    page: int
    size: int
