from dependency_injector.wiring import Provide, inject
from fastapi import APIRouter, Depends, Header, HTTPException, Request
from pydantic import BaseModel

from src.application.dto import ChargeRequest
from src.application.services.payment_service import PaymentDeclinedError, PaymentService
from src.infrastructure.adapters.stripe_gateway import StripeWebhookVerifier
from src.infrastructure.container import Container

router = APIRouter(prefix="/payments", tags=["payments"])


class ChargeBody(BaseModel):
    order_ref: str
    amount_cents: int
    currency: str = "USD"
    card_token: str


@router.post("", status_code=201)
@inject
async def charge(body: ChargeBody, service: PaymentService = Depends(Provide[Container.payment_service])) -> dict:
    try:
        payment = await service.charge(ChargeRequest(**body.model_dump()))
    except PaymentDeclinedError as exc:
        raise HTTPException(status_code=402, detail=str(exc)) from exc
    return {"id": str(payment.id), "status": payment.status}


@router.post("/webhooks/stripe", status_code=204)
@inject
async def stripe_webhook(
    request: Request,
    stripe_signature: str = Header(alias="Stripe-Signature"),
    verifier: StripeWebhookVerifier = Depends(Provide[Container.webhook_verifier]),
) -> None:
    if not verifier.verify(await request.body(), stripe_signature):
        raise HTTPException(status_code=400, detail="bad signature")
