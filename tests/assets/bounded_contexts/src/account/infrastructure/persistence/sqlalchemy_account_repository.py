from sqlalchemy import Boolean, Column, String, Table, Uuid, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from account.domain.account import Account
from account.domain.account_repository import AccountRepository
from shared.domain.value_objects import Email, EntityId
from shared.infrastructure.persistence.database import metadata

accounts_table = Table(
    "accounts",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("email", String(320), unique=True, nullable=False),
    Column("display_name", String(120), nullable=False),
    Column("is_open", Boolean, nullable=False, default=True),
)


class SqlAlchemyAccountRepository(AccountRepository):
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def save(self, account: Account) -> None:
        values = {
            "email": account.owner_email.value,
            "display_name": account.display_name,
            "is_open": account.is_open,
        }
        if await self.find(account.id) is None:
            await self._session.execute(insert(accounts_table).values(id=account.id.value, **values))
        else:
            await self._session.execute(
                update(accounts_table).where(accounts_table.c.id == account.id.value).values(**values)
            )
        await self._session.commit()

    async def find(self, account_id: EntityId) -> Account | None:
        result = await self._session.execute(select(accounts_table).where(accounts_table.c.id == account_id.value))
        row = result.mappings().first()
        if row is None:
            return None
        return Account(EntityId(row["id"]), Email(row["email"]), row["display_name"], row["is_open"])

    async def exists_with_email(self, email: Email) -> bool:
        result = await self._session.execute(select(accounts_table.c.id).where(accounts_table.c.email == email.value))
        return result.first() is not None
