from uuid import UUID

from dependency_injector.wiring import Provide, inject
from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel

from src.application.dto import RefundRequest
from src.application.services.refund_service import RefundNotAllowedError, RefundService
from src.infrastructure.container import Container

router = APIRouter(prefix="/refunds", tags=["refunds"])


class RefundBody(BaseModel):
    payment_id: UUID
    amount_cents: int
    reason: str = "requested_by_customer"


@router.post("", status_code=201)
@inject
async def create_refund(body: RefundBody, service: RefundService = Depends(Provide[Container.refund_service])) -> dict:
    try:
        refund = await service.refund(RefundRequest(**body.model_dump()))
    except RefundNotAllowedError as exc:
        raise HTTPException(status_code=409, detail=str(exc)) from exc
    return {"id": str(refund.id), "amount_cents": refund.amount.cents}
