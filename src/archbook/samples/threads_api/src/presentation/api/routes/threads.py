"""Thread listing, creation, reading and closing."""

from dependency_injector.wiring import Provide, inject
from fastapi import APIRouter, Depends, Query, status

from src.application.services.thread_service import ThreadService
from src.domain.entities.thread import ThreadStatus
from src.domain.entities.user import User
from src.domain.value_objects.thread_filters import Pagination, ThreadFilters, ThreadSort
from src.infrastructure.container import Container
from src.presentation.api.dependencies import get_current_user
from src.presentation.api.schemas.threads import (
    CreateThreadRequest,
    ThreadListResponse,
    ThreadResponse,
    ThreadSummaryResponse,
)

router = APIRouter(prefix="/threads", tags=["threads"])


@router.get("", response_model=ThreadListResponse)
@inject
async def list_threads(
    author_id: str | None = Query(None, description="Only threads started by this user"),
    tag: str | None = Query(None, max_length=30),
    status_: ThreadStatus | None = Query(None, alias="status"),
    q: str | None = Query(None, min_length=2, max_length=100, description="Full-text search"),
    sort: ThreadSort = Query(ThreadSort.RECENT_ACTIVITY),
    page: int = Query(1, ge=1),
    size: int = Query(20, ge=1, le=Pagination.MAX_SIZE),
    thread_service: ThreadService = Depends(Provide[Container.thread_service]),
) -> ThreadListResponse:
    """List threads matching the filters, one page at a time."""
    filters = ThreadFilters(
        author_id=author_id,
        tag=tag,
        status=status_,
        text=q,
        sort=sort,
        pagination=Pagination(page=page, size=size),
    )
    result = await thread_service.list_threads(filters)
    return ThreadListResponse(
        items=[
            ThreadSummaryResponse.from_entity(item.thread, item.author_name)
            for item in result.items
        ],
        total=result.total,
        page=result.page,
        size=result.size,
    )


@router.post("", response_model=ThreadResponse, status_code=status.HTTP_201_CREATED)
@inject
async def create_thread(
    payload: CreateThreadRequest,
    current_user: User = Depends(get_current_user),
    thread_service: ThreadService = Depends(Provide[Container.thread_service]),
) -> ThreadResponse:
    """Start a thread as the authenticated user."""
    thread = await thread_service.start_thread(
        current_user, payload.title, payload.body, payload.tags
    )
    return ThreadResponse.from_entity(thread, current_user.display_name)


@router.get("/{thread_id}", response_model=ThreadResponse)
@inject
async def get_thread(
    thread_id: str,
    thread_service: ThreadService = Depends(Provide[Container.thread_service]),
) -> ThreadResponse:
    """Return a thread with its opening post."""
    summary = await thread_service.get_thread(thread_id)
    return ThreadResponse.from_entity(summary.thread, summary.author_name)


@router.post("/{thread_id}/close", response_model=ThreadResponse)
@inject
async def close_thread(
    thread_id: str,
    current_user: User = Depends(get_current_user),
    thread_service: ThreadService = Depends(Provide[Container.thread_service]),
) -> ThreadResponse:
    """Close a thread; only its author may do so."""
    thread = await thread_service.close_thread(thread_id, current_user)
    return ThreadResponse.from_entity(thread, current_user.display_name)
