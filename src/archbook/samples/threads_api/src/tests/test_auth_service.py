"""Unit tests of AuthService with in-memory adapters."""

import pytest

from src.application.services.auth_service import AuthService
from src.domain.entities.user import User
from src.domain.errors import AuthenticationError, Conflict, InvalidInput
from src.domain.value_objects.email import Email
from src.infrastructure.adapters.memory.memory_user_repository import InMemoryUserRepository
from src.tests.conftest import FakeClock


async def test_register_normalizes_email_and_hashes_password(
    auth_service: AuthService, users: InMemoryUserRepository
) -> None:
    user = await auth_service.register("  Ada@Example.COM ", "analytical", "Ada")

    stored = await users.get_by_email(Email("ada@example.com"))
    assert stored is not None and stored.id == user.id
    assert stored.password_hash.startswith("pbkdf2_sha256$")
    assert "analytical" not in stored.password_hash


async def test_register_rejects_email_taken_in_another_case(
    auth_service: AuthService, alice: User
) -> None:
    with pytest.raises(Conflict):
        await auth_service.register("ALICE@example.com", "another password", "Alice 2")


@pytest.mark.parametrize(
    ("email", "password"),
    [("not-an-email", "long enough"), ("carol@example.com", "short")],
)
async def test_register_rejects_invalid_input(
    auth_service: AuthService, email: str, password: str
) -> None:
    with pytest.raises(InvalidInput):
        await auth_service.register(email, password, "Carol")


async def test_login_issues_a_token_that_authenticates_the_user(
    auth_service: AuthService, alice: User, clock: FakeClock
) -> None:
    token = await auth_service.login("alice@example.com", "correct horse")

    assert token.expires_at > clock.now()
    assert (await auth_service.authenticate(token.value)).id == alice.id


@pytest.mark.parametrize(
    ("email", "password"),
    [("alice@example.com", "wrong horse"), ("nobody@example.com", "correct horse")],
)
async def test_login_rejects_bad_credentials(
    auth_service: AuthService, alice: User, email: str, password: str
) -> None:
    with pytest.raises(AuthenticationError):
        await auth_service.login(email, password)


async def test_expired_token_is_rejected(
    auth_service: AuthService, alice: User, clock: FakeClock
) -> None:
    token = await auth_service.login("alice@example.com", "correct horse")
    clock.advance(minutes=31)

    with pytest.raises(AuthenticationError, match="expired"):
        await auth_service.authenticate(token.value)


async def test_tampered_token_is_rejected(auth_service: AuthService, alice: User) -> None:
    token = await auth_service.login("alice@example.com", "correct horse")
    payload, signature = token.value.split(".")

    with pytest.raises(AuthenticationError, match="invalid"):
        await auth_service.authenticate(f"{payload}x.{signature}")
