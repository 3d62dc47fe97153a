from abc import ABC, abstractmethod
from uuid import UUID

from src.domain.payment import Payment
from src.domain.refund import Refund


class PaymentRepository(ABC):
    @abstractmethod
    async def add(self, payment: Payment) -> None: ...

    @abstractmethod
    async def get(self, payment_id: UUID) -> Payment | None: ...

    @abstractmethod
    async def add_refund(self, refund: Refund) -> None: ...
