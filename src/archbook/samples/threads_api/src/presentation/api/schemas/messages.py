"""Request and response bodies of the message routes."""

from datetime import datetime

from pydantic import BaseModel, Field

from src.domain.entities.message import MAX_BODY_LENGTH, Message


class PostMessageRequest(BaseModel):
    """A reply to a thread."""

    body: str = Field(min_length=1, max_length=MAX_BODY_LENGTH)


class MessageResponse(BaseModel):
    """A message as returned to clients."""

    id: str
    thread_id: str
    author_id: str
    author_name: str
    body: str
    created_at: datetime

    @classmethod
    def from_entity(cls, message: Message) -> "MessageResponse":
        """Build the response from a message entity."""
        return cls(
            id=message.id,
            thread_id=message.thread_id,
            author_id=message.author_id,
            author_name=message.author_name,
            body=message.body,
            created_at=message.created_at,
        )


class MessagePageResponse(BaseModel):
    """One page of a thread's messages, oldest first."""

    items: list[MessageResponse]
    page: int
    size: int
