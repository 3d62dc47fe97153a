from uuid import UUID

from src.application.dto import ChargeRequest
from src.application.ports.payment_gateway import PaymentGateway
from src.application.ports.unit_of_work import UnitOfWork
from src.application.services.refund_service import RefundPolicy
from src.domain.money import Money
from src.domain.payment import Payment
from src.infrastructure.adapters.stripe_gateway import StripeCardError


class PaymentDeclinedError(Exception):
    pass


class PaymentService:
    def __init__(self, uow: UnitOfWork, gateway: PaymentGateway, refund_policy: RefundPolicy) -> None:
        self._uow = uow
        self._gateway = gateway
        self.refund_policy = refund_policy

    async def charge(self, request: ChargeRequest) -> Payment:
        payment = Payment(order_ref=request.order_ref, amount=Money(request.amount_cents, request.currency))
        try:
            provider_ref = await self._gateway.charge(request)
        except StripeCardError as exc:
            raise PaymentDeclinedError(str(exc)) from exc
        payment.capture(provider_ref)
        async with self._uow:
            await self._uow.payments.add(payment)
            await self._uow.commit()
        return payment

    async def get(self, payment_id: UUID) -> Payment | None:
        async with self._uow:
            return await self._uow.payments.get(payment_id)
