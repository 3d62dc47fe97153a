from account.application.create_account.command import CreateAccountCommand
from account.domain import Account, AccountRepository
from shared.domain import DomainError
from shared.domain.value_objects import Email, EntityId


class EmailAlreadyInUseError(DomainError):
    code = "email_in_use"


class CreateAccountHandler:
    def __init__(self, repository: AccountRepository) -> None:
        self._repository = repository

    async def __call__(self, command: CreateAccountCommand) -> EntityId:
        email = Email(command.email)
        if await self._repository.exists_with_email(email):
            raise EmailAlreadyInUseError(f"{command.email} is already registered")
        account = Account.open(email, command.display_name)
        await self._repository.save(account)
        return account.id
