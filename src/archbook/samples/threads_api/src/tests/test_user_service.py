"""Unit tests of UserService with in-memory adapters."""

import pytest

from src.application.services.user_service import UserService
from src.domain.entities.user import User
from src.domain.errors import InvalidInput, NotFound


async def test_get_unknown_user_raises_not_found(user_service: UserService) -> None:
    with pytest.raises(NotFound):
        await user_service.get_user("missing")


async def test_rename_persists_the_new_display_name(user_service: UserService, alice: User) -> None:
    await user_service.rename(alice.id, "  Alice L. ")

    assert (await user_service.get_user(alice.id)).display_name == "Alice L."


async def test_rename_rejects_blank_names(user_service: UserService, alice: User) -> None:
    with pytest.raises(InvalidInput):
        await user_service.rename(alice.id, "   ")
