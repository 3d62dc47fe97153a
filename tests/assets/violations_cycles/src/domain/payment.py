from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING
from uuid import UUID, uuid4

from src.domain.money import Money

if TYPE_CHECKING:
    from src.infrastructure.db.models import PaymentRow


class PaymentStatus(StrEnum):
    PENDING = "pending"
    CAPTURED = "captured"
    REFUNDED = "refunded"


@dataclass
class Payment:
    order_ref: str
    amount: Money
    id: UUID = field(default_factory=uuid4)
    status: PaymentStatus = PaymentStatus.PENDING
    provider_ref: str | None = None
    refunded: Money = field(default_factory=lambda: Money(0))

    def capture(self, provider_ref: str) -> None:
        self.provider_ref = provider_ref
        self.status = PaymentStatus.CAPTURED

    @classmethod
    def from_row(cls, row: PaymentRow) -> Payment:
        return cls(
            id=row.id,
            order_ref=row.order_ref,
            amount=Money(row.amount_cents, row.currency),
            status=PaymentStatus(row.status),
            provider_ref=row.provider_ref,
            refunded=Money(row.refunded_cents, row.currency),
        )
