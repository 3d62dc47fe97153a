"""Where invoices are kept."""

from notes.billing._domain.invoice import Invoice


class InvoiceRepository:
    def __init__(self) -> None:
        self._rows: dict[str, Invoice] = {}

    def add(self, invoice: Invoice) -> None:
        self._rows[invoice.number] = invoice
