"""Unit tests of ThreadService with in-memory adapters."""

import pytest

from src.application.services.thread_service import ThreadService
from src.domain.entities.thread import ThreadStatus
from src.domain.entities.user import User
from src.domain.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from src.domain.value_objects.thread_filters import Pagination, ThreadFilters, ThreadSort
from src.tests.conftest import FakeClock


async def test_start_thread_normalizes_tags_and_sets_activity(
    thread_service: ThreadService, alice: User, clock: FakeClock
) -> None:
    thread = await thread_service.start_thread(alice, " Hello ", "Body", ["Python", "python "])

    assert thread.title == "Hello"
    assert thread.tags == ["python"]
    assert thread.status is ThreadStatus.OPEN
    assert thread.last_activity_at == clock.now()


async def test_start_thread_rejects_too_many_tags(
    thread_service: ThreadService, alice: User
) -> None:
    with pytest.raises(InvalidInput):
        await thread_service.start_thread(alice, "Tags", "Body", ["a", "b", "c", "d", "e", "f"])


async def test_get_thread_includes_author_name_and_raises_when_missing(
    thread_service: ThreadService, alice: User
) -> None:
    thread = await thread_service.start_thread(alice, "Hello", "Body", [])

    assert (await thread_service.get_thread(thread.id)).author_name == "Alice"
    with pytest.raises(NotFound):
        await thread_service.get_thread("missing")


async def test_list_threads_applies_filters(
    thread_service: ThreadService, alice: User, bob: User
) -> None:
    await thread_service.start_thread(alice, "Async in Python", "asyncio tips", ["python"])
    await thread_service.start_thread(bob, "Rust lifetimes", "borrowing", ["rust"])
    closed = await thread_service.start_thread(bob, "Python packaging", "poetry", ["python"])
    await thread_service.close_thread(closed.id, bob)

    by_tag = await thread_service.list_threads(ThreadFilters(tag="PYTHON"))
    open_by_bob = await thread_service.list_threads(
        ThreadFilters(author_id=bob.id, status=ThreadStatus.OPEN)
    )
    searched = await thread_service.list_threads(ThreadFilters(text="asyncio"))

    assert {item.thread.title for item in by_tag.items} == {"Async in Python", "Python packaging"}
    assert [item.thread.title for item in open_by_bob.items] == ["Rust lifetimes"]
    assert [item.author_name for item in searched.items] == ["Alice"]


async def test_list_threads_sorts_by_activity_and_paginates(
    thread_service: ThreadService, alice: User, clock: FakeClock
) -> None:
    for title in ("first", "second", "third"):
        await thread_service.start_thread(alice, title, "body", [])
        clock.advance(minutes=1)

    recent = await thread_service.list_threads(ThreadFilters(pagination=Pagination(1, 2)))
    oldest = await thread_service.list_threads(
        ThreadFilters(sort=ThreadSort.OLDEST_ACTIVITY, pagination=Pagination(2, 2))
    )

    assert [item.thread.title for item in recent.items] == ["third", "second"]
    assert recent.total == 3
    assert [item.thread.title for item in oldest.items] == ["third"]


async def test_only_the_author_can_close_a_thread_once(
    thread_service: ThreadService, alice: User, bob: User
) -> None:
    thread = await thread_service.start_thread(alice, "Hello", "Body", [])

    with pytest.raises(PermissionDenied):
        await thread_service.close_thread(thread.id, bob)
    closed = await thread_service.close_thread(thread.id, alice)
    assert closed.status is ThreadStatus.CLOSED
    with pytest.raises(Conflict):
        await thread_service.close_thread(thread.id, alice)
