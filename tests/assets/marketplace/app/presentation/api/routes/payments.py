from uuid import UUID

from fastapi import APIRouter, Depends

from app.application.services.payments_service import PaymentsService
from app.container import get_payments_service
from app.presentation.api.schemas.payments import PaymentOut

router = APIRouter(prefix="/payments")


@router.get("/{id}")
def read(id: UUID, service: PaymentsService = Depends(get_payments_service)) -> PaymentOut:
    return PaymentOut(id=service.get(id).id)
