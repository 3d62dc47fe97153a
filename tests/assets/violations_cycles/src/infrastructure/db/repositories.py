from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from src.application.ports.payment_repository import PaymentRepository
from src.domain.payment import Payment
from src.domain.refund import Refund
from src.infrastructure.db.models import PaymentRow, RefundRow
from src.infrastructure.db.session import AsyncSessionFactory


class SqlAlchemyPaymentRepository(PaymentRepository):
    def __init__(self, session: AsyncSession | None = None) -> None:
        self._session = session or AsyncSessionFactory()

    async def add(self, payment: Payment) -> None:
        self._session.add(
            PaymentRow(
                id=payment.id,
                order_ref=payment.order_ref,
                amount_cents=payment.amount.cents,
                refunded_cents=payment.refunded.cents,
                currency=payment.amount.currency,
                status=payment.status.value,
                provider_ref=payment.provider_ref,
            )
        )

    async def get(self, payment_id: UUID) -> Payment | None:
        row = await self._session.get(PaymentRow, payment_id)
        return Payment.from_row(row) if row else None

    async def add_refund(self, refund: Refund) -> None:
        self._session.add(
            RefundRow(id=refund.id, payment_id=refund.payment_id, amount_cents=refund.amount.cents, reason=refund.reason)
        )
