from uuid import UUID

from fastapi import APIRouter, HTTPException, status
from pydantic import BaseModel

from src.billing.domain.invoice import InvoiceStatus
from src.billing.routes.dependencies import BillingServiceDep
from src.billing.services.billing_service import InvoiceNotFoundError

router = APIRouter(prefix="/invoices", tags=["billing"])


class InvoiceOut(BaseModel):
    id: UUID
    status: InvoiceStatus
    total_minor: int


@router.post("/{invoice_id}/pay")
async def pay_invoice(invoice_id: UUID, service: BillingServiceDep) -> InvoiceOut:
    try:
        invoice = await service.pay(invoice_id)
    except InvoiceNotFoundError as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "invoice not found") from exc
    return InvoiceOut(id=invoice.id, status=invoice.status, total_minor=invoice.total().to_minor_units())
