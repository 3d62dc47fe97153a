import uuid
from dataclasses import dataclass

from account.domain import AccountNotFoundError, AccountRepository
from shared.domain.value_objects import EntityId


@dataclass(frozen=True)
class AccountView:
    id: str
    email: str
    display_name: str
    is_open: bool


class GetAccountHandler:
    def __init__(self, repository: AccountRepository) -> None:
        self._repository = repository

    async def __call__(self, account_id: uuid.UUID) -> AccountView:
        account = await self._repository.find(EntityId(account_id))
        if account is None:
            raise AccountNotFoundError(f"account {account_id} not found")
        return AccountView(
            id=str(account.id),
            email=account.owner_email.value,
            display_name=account.display_name,
            is_open=account.is_open,
        )
