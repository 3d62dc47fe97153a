from account.domain.account import Account, AccountNotFoundError
from account.domain.account_repository import AccountRepository

__all__ = ["Account", "AccountNotFoundError", "AccountRepository"]
