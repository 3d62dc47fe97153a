from src.billing.ports.invoice_repository import InvoiceRepository
from src.billing.ports.payment_gateway import PaymentGateway

__all__ = ["InvoiceRepository", "PaymentGateway"]
