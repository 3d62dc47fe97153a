"""Unit tests of MessageService with in-memory adapters."""

import pytest

from src.application.services.message_service import MessageService
from src.application.services.thread_service import ThreadService
from src.domain.entities.user import User
from src.domain.errors import Conflict, InvalidInput, NotFound
from src.domain.value_objects.thread_filters import Pagination
from src.tests.conftest import FakeClock


async def test_post_message_bumps_thread_activity_and_count(
    message_service: MessageService,
    thread_service: ThreadService,
    alice: User,
    bob: User,
    clock: FakeClock,
) -> None:
    thread = await thread_service.start_thread(alice, "Hello", "Body", [])
    clock.advance(hours=2)

    message = await message_service.post_message(thread.id, bob, " Hi Alice ")

    reloaded = (await thread_service.get_thread(thread.id)).thread
    assert message.body == "Hi Alice"
    assert message.author_name == "Bob"
    assert reloaded.message_count == 1
    assert reloaded.last_activity_at == clock.now()


async def test_post_message_to_closed_or_missing_thread_fails(
    message_service: MessageService, thread_service: ThreadService, alice: User
) -> None:
    thread = await thread_service.start_thread(alice, "Hello", "Body", [])
    await thread_service.close_thread(thread.id, alice)

    with pytest.raises(Conflict):
        await message_service.post_message(thread.id, alice, "Too late")
    with pytest.raises(NotFound):
        await message_service.post_message("missing", alice, "Anyone?")


async def test_post_blank_message_is_rejected(
    message_service: MessageService, thread_service: ThreadService, alice: User
) -> None:
    thread = await thread_service.start_thread(alice, "Hello", "Body", [])

    with pytest.raises(InvalidInput):
        await message_service.post_message(thread.id, alice, "   ")


async def test_list_messages_pages_in_posting_order(
    message_service: MessageService,
    thread_service: ThreadService,
    alice: User,
    clock: FakeClock,
) -> None:
    thread = await thread_service.start_thread(alice, "Hello", "Body", [])
    for number in range(5):
        clock.advance(seconds=1)
        await message_service.post_message(thread.id, alice, f"message {number}")

    second_page = await message_service.list_messages(thread.id, Pagination(page=2, size=2))

    assert [message.body for message in second_page.items] == ["message 2", "message 3"]
    assert (second_page.page, second_page.size) == (2, 2)


async def test_list_messages_of_unknown_thread_raises_not_found(
    message_service: MessageService,
) -> None:
    with pytest.raises(NotFound):
        await message_service.list_messages("missing", Pagination())
