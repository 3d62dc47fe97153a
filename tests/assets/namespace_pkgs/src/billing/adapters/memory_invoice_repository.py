from uuid import UUID

from src.billing.domain.invoice import Invoice
from src.billing.ports.invoice_repository import InvoiceRepository


class InMemoryInvoiceRepository(InvoiceRepository):
    def __init__(self) -> None:
        self._items: dict[UUID, Invoice] = {}

    async def save(self, invoice: Invoice) -> None:
        self._items[invoice.id] = invoice

    async def get(self, invoice_id: UUID) -> Invoice | None:
        return self._items.get(invoice_id)
