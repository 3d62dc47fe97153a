"""Messages posted in a thread."""

from dependency_injector.wiring import Provide, inject
from fastapi import APIRouter, Depends, Query, status

from src.application.services.message_service import MessageService
from src.domain.entities.user import User
from src.domain.value_objects.thread_filters import Pagination
from src.infrastructure.container import Container
from src.presentation.api.dependencies import get_current_user
from src.presentation.api.schemas.messages import (
    MessagePageResponse,
    MessageResponse,
    PostMessageRequest,
)

router = APIRouter(prefix="/threads", tags=["messages"])


@router.get("/{thread_id}/messages", response_model=MessagePageResponse)
@inject
async def list_messages(
    thread_id: str,
    page: int = Query(1, ge=1),
    size: int = Query(50, ge=1, le=Pagination.MAX_SIZE),
    message_service: MessageService = Depends(Provide[Container.message_service]),
) -> MessagePageResponse:
    """Return one page of a thread's messages, oldest first."""
    result = await message_service.list_messages(thread_id, Pagination(page=page, size=size))
    return MessagePageResponse(
        items=[MessageResponse.from_entity(message) for message in result.items],
        page=result.page,
        size=result.size,
    )


@router.post(
    "/{thread_id}/messages",
    response_model=MessageResponse,
    status_code=status.HTTP_201_CREATED,
)
@inject
async def post_message(
    thread_id: str,
    payload: PostMessageRequest,
    current_user: User = Depends(get_current_user),
    message_service: MessageService = Depends(Provide[Container.message_service]),
) -> MessageResponse:
    """Reply to an open thread as the authenticated user."""
    message = await message_service.post_message(thread_id, current_user, payload.body)
    return MessageResponse.from_entity(message)
