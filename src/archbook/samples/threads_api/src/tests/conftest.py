"""Shared fixtures: in-memory adapters, services and an app wired to them."""

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import pytest
from dependency_injector import providers
from fastapi import FastAPI
from fastapi.testclient import TestClient

from src.application.ports.clock import Clock
from src.application.services.auth_service import AuthService
from src.application.services.message_service import MessageService
from src.application.services.thread_service import ThreadService
from src.application.services.user_service import UserService
from src.domain.entities.user import User
from src.infrastructure.adapters.memory.memory_message_repository import (
    InMemoryMessageRepository,
)
from src.infrastructure.adapters.memory.memory_thread_repository import InMemoryThreadRepository
from src.infrastructure.adapters.memory.memory_user_repository import InMemoryUserRepository
from src.infrastructure.adapters.security.hmac_token_service import HmacTokenService
from src.infrastructure.adapters.security.pbkdf2_password_hasher import Pbkdf2PasswordHasher
from src.infrastructure.config import Settings
from src.main import create_app

TEST_SETTINGS = Settings(
    secret_key="test-secret",
    storage="memory",
    token_ttl_seconds=1_800,
    pbkdf2_iterations=1_000,
)


class FakeClock(Clock):
    """A clock that only moves when told to."""

    def __init__(self) -> None:
        self.current = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)

    def now(self) -> datetime:
        """Return the frozen time."""
        return self.current

    def advance(self, **delta: float) -> None:
        """Move the clock forward by a ``timedelta(**delta)``."""
        self.current += timedelta(**delta)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def users() -> InMemoryUserRepository:
    return InMemoryUserRepository()


@pytest.fixture
def threads() -> InMemoryThreadRepository:
    return InMemoryThreadRepository()


@pytest.fixture
def messages() -> InMemoryMessageRepository:
    return InMemoryMessageRepository()


@pytest.fixture
def tokens(clock: FakeClock) -> HmacTokenService:
    return HmacTokenService(TEST_SETTINGS.secret_key, TEST_SETTINGS.token_ttl_seconds, clock)


@pytest.fixture
def auth_service(
    users: InMemoryUserRepository, tokens: HmacTokenService, clock: FakeClock
) -> AuthService:
    hasher = Pbkdf2PasswordHasher(iterations=TEST_SETTINGS.pbkdf2_iterations)
    return AuthService(users, hasher, tokens, clock)


@pytest.fixture
def user_service(users: InMemoryUserRepository) -> UserService:
    return UserService(users)


@pytest.fixture
def thread_service(
    threads: InMemoryThreadRepository, users: InMemoryUserRepository, clock: FakeClock
) -> ThreadService:
    return ThreadService(threads, users, clock)


@pytest.fixture
def message_service(
    messages: InMemoryMessageRepository, threads: InMemoryThreadRepository, clock: FakeClock
) -> MessageService:
    return MessageService(messages, threads, clock)


@pytest.fixture
async def alice(auth_service: AuthService) -> User:
    return await auth_service.register("alice@example.com", "correct horse", "Alice")


@pytest.fixture
async def bob(auth_service: AuthService) -> User:
    return await auth_service.register("bob@example.com", "battery staple", "Bob")


@pytest.fixture
def app(clock: FakeClock) -> Iterator[FastAPI]:
    application = create_app(TEST_SETTINGS)
    container = application.state.container
    container.clock.override(providers.Object(clock))
    yield application
    container.unwire()


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def signup(client: TestClient) -> Callable[[str, str], dict[str, str]]:
    """Return a helper that registers and logs in a user, giving auth headers."""

    def register_and_login(email: str, display_name: str) -> dict[str, str]:
        password = "s3cret-password"
        client.post(
            "/api/auth/register",
            json={"email": email, "password": password, "display_name": display_name},
        ).raise_for_status()
        response = client.post("/api/auth/login", json={"email": email, "password": password})
        response.raise_for_status()
        return {"Authorization": f"Bearer {response.json()['access_token']}"}

    return register_and_login
