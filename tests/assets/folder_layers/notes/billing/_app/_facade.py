"""What the rest of the application may ask of billing."""

from notes.billing._app._repository import InvoiceRepository
from notes.billing._domain.invoice import Invoice


def bill(repository: InvoiceRepository, number: str, cents: int) -> Invoice:
    invoice = Invoice(number, cents)
    repository.add(invoice)
    return invoice
