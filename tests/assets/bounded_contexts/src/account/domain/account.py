from shared.domain import DomainError
from shared.domain.aggregate_root import AggregateRoot
from shared.domain.value_objects import Email, EntityId


class AccountNotFoundError(DomainError):
    code = "account_not_found"


class AccountAlreadyClosedError(DomainError):
    code = "account_closed"


class Account(AggregateRoot):
    def __init__(self, id: EntityId, owner_email: Email, display_name: str, is_open: bool = True) -> None:
        super().__init__(id)
        self.owner_email = owner_email
        self.display_name = display_name
        self.is_open = is_open

    @classmethod
    def open(cls, owner_email: Email, display_name: str) -> "Account":
        account = cls(EntityId.generate(), owner_email, display_name)
        account.record("account_opened", email=owner_email.value)
        return account

    def close(self) -> None:
        if not self.is_open:
            raise AccountAlreadyClosedError(f"account {self.id} is already closed")
        self.is_open = False
        self.record("account_closed")
