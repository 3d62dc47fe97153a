"""Whether a session names a class as something that changes, in the phrasings and
languages sessions are written in."""

from __future__ import annotations

import pytest

from archbook.application.planning.scoping.mentions import says_changed


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("- Reuse `UserRepository` to read the user.", "UserRepository"),
        ("- Reutilizar `ConversationAdapters` para leer la conversación.", "ConversationAdapters"),
        ("- Réutiliser le `Mailer` existant pour l'envoi.", "Mailer"),
        ("- Lists bookings through the existing `GetAllBookings`.", "GetAllBookings"),
    ],
)
def test_what_is_reused_does_not_change(text: str, name: str) -> None:
    assert not says_changed(text, name)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("- `UserRepository` gains `find_by_email`.", "UserRepository"),
        ("- Cambiar `ConversationAdapters` para filtrar por dueño.", "ConversationAdapters"),
        ("- Reuse the cache; `Mailer` sends a second copy.", "Mailer"),
    ],
)
def test_what_is_named_otherwise_changes(text: str, name: str) -> None:
    assert says_changed(text, name)
