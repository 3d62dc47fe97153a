from abc import ABC, abstractmethod

from src.application.ports.payment_repository import PaymentRepository


class UnitOfWork(ABC):
    payments: PaymentRepository

    async def __aenter__(self) -> "UnitOfWork":
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.rollback()

    @abstractmethod
    async def commit(self) -> None: ...

    @abstractmethod
    async def rollback(self) -> None: ...
