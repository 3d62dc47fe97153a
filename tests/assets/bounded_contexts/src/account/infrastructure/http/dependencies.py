from typing import Annotated

from fastapi import Depends
from sqlalchemy.ext.asyncio import AsyncSession

from account.application.create_account.handler import CreateAccountHandler
from account.application.get_account.handler import GetAccountHandler
from account.domain.account_repository import AccountRepository
from account.infrastructure.persistence.sqlalchemy_account_repository import SqlAlchemyAccountRepository
from shared.infrastructure.persistence.database import get_session


def get_account_repository(session: Annotated[AsyncSession, Depends(get_session)]) -> AccountRepository:
    return SqlAlchemyAccountRepository(session)


def get_create_account_handler(
    repository: Annotated[AccountRepository, Depends(get_account_repository)],
) -> CreateAccountHandler:
    return CreateAccountHandler(repository)


def get_get_account_handler(
    repository: Annotated[AccountRepository, Depends(get_account_repository)],
) -> GetAccountHandler:
    return GetAccountHandler(repository)
