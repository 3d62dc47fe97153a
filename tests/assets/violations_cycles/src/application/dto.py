from dataclasses import dataclass
from uuid import UUID


@dataclass(frozen=True)
class ChargeRequest:
    order_ref: str
    amount_cents: int
    currency: str
    card_token: str


@dataclass(frozen=True)
class RefundRequest:
    payment_id: UUID
    amount_cents: int
    reason: str
