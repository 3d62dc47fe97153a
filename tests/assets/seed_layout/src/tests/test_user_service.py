import pytest

from src.application.ports.notifier import Notifier
from src.application.services.user_service import UserService
from src.domain.exceptions import EmailAlreadyRegisteredError
from src.domain.user import User
from src.infrastructure.adapters.in_memory_user_repository import InMemoryUserRepository


class RecordingNotifier(Notifier):
    def __init__(self) -> None:
        self.welcomed: list[User] = []

    async def send_welcome(self, user: User) -> None:
        self.welcomed.append(user)


@pytest.fixture
def service() -> UserService:
    return UserService(users=InMemoryUserRepository(), notifier=RecordingNotifier())


async def test_register_sends_welcome(service: UserService) -> None:
    user = await service.register("Ada@Example.com", "Ada Lovelace")
    assert user.email == "ada@example.com"


async def test_register_rejects_duplicate_email(service: UserService) -> None:
    await service.register("ada@example.com", "Ada")
    with pytest.raises(EmailAlreadyRegisteredError):
        await service.register("ada@example.com", "Ada again")
