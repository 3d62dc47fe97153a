from dataclasses import dataclass

from src.application.dto import RefundRequest
from src.application.ports.payment_gateway import PaymentGateway
from src.application.ports.unit_of_work import UnitOfWork
from src.domain.money import Money
from src.domain.refund import Refund


@dataclass(frozen=True)
class RefundPolicy:
    max_days: int = 30
    allow_partial: bool = True


class RefundNotAllowedError(Exception):
    pass


class RefundService:
    def __init__(self, uow: UnitOfWork, gateway: PaymentGateway, policy: RefundPolicy) -> None:
        self._uow = uow
        self._gateway = gateway
        self._policy = policy

    async def refund(self, request: RefundRequest) -> Refund:
        from src.application.services.payment_service import PaymentService

        payment = await PaymentService(self._uow, self._gateway, self._policy).get(request.payment_id)
        if payment is None or payment.provider_ref is None:
            raise RefundNotAllowedError("payment was never captured")
        amount = Money(request.amount_cents, payment.amount.currency)
        if not self._policy.allow_partial and amount != payment.amount:
            raise RefundNotAllowedError("partial refunds are disabled")
        await self._gateway.refund(payment.provider_ref, amount)
        refund = Refund(payment_id=payment.id, amount=amount, reason=request.reason)
        async with self._uow:
            await self._uow.payments.add_refund(refund)
            await self._uow.commit()
        return refund
