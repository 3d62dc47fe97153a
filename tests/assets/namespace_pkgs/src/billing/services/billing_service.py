from uuid import UUID

from src.billing.domain.invoice import Invoice
from src.billing.ports import InvoiceRepository, PaymentGateway
from src.users.ports.user_repository import UserRepository


class InvoiceNotFoundError(Exception):
    pass


class BillingService:
    def __init__(self, invoices: InvoiceRepository, gateway: PaymentGateway, users: UserRepository) -> None:
        self._invoices = invoices
        self._gateway = gateway
        self._users = users

    async def pay(self, invoice_id: UUID) -> Invoice:
        invoice = await self._invoices.get(invoice_id)
        if invoice is None:
            raise InvoiceNotFoundError(invoice_id)
        customer = await self._users.get(invoice.customer_id)
        if customer is None or not customer.active:
            raise InvoiceNotFoundError(invoice_id)
        await self._gateway.charge(customer.email, invoice.total(), idempotency_key=str(invoice.id))
        invoice.mark_paid()
        await self._invoices.save(invoice)
        return invoice
