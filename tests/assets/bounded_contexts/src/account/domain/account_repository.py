from abc import ABC, abstractmethod

from account.domain.account import Account
from shared.domain.value_objects import Email, EntityId


class AccountRepository(ABC):
    @abstractmethod
    async def save(self, account: Account) -> None: ...

    @abstractmethod
    async def find(self, account_id: EntityId) -> Account | None: ...

    @abstractmethod
    async def exists_with_email(self, email: Email) -> bool: ...
