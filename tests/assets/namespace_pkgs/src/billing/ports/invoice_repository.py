from abc import ABC, abstractmethod
from uuid import UUID

from src.billing.domain.invoice import Invoice


class InvoiceRepository(ABC):
    @abstractmethod
    async def save(self, invoice: Invoice) -> None: ...

    @abstractmethod
    async def get(self, invoice_id: UUID) -> Invoice | None: ...
