from dataclasses import dataclass, field
from enum import StrEnum
from uuid import UUID, uuid4

from src.domain.exceptions import EmptyOrderError


class OrderStatus(StrEnum):
    PENDING = "pending"
    PAID = "paid"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class OrderLine:
    sku: str
    quantity: int
    unit_price_cents: int

    @property
    def subtotal_cents(self) -> int:
        return self.quantity * self.unit_price_cents


@dataclass
class Order:
    id: UUID
    user_id: UUID
    lines: list[OrderLine] = field(default_factory=list)
    status: OrderStatus = OrderStatus.PENDING

    @classmethod
    def place(cls, user_id: UUID, lines: list[OrderLine]) -> "Order":
        if not lines:
            raise EmptyOrderError(user_id)
        return cls(id=uuid4(), user_id=user_id, lines=list(lines))

    @property
    def total_cents(self) -> int:
        return sum(line.subtotal_cents for line in self.lines)
