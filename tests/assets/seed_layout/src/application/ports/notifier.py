from abc import ABC, abstractmethod

from src.domain.user import User


class Notifier(ABC):
    @abstractmethod
    async def send_welcome(self, user: User) -> None: ...
