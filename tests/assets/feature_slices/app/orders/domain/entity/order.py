from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum


class OrderStatus(StrEnum):
    CREATED = "created"
    CONFIRMED = "confirmed"
    SHIPPED = "shipped"


@dataclass
class OrderItem:
    product_id: int
    quantity: int
    unit_price: Decimal


@dataclass
class Order:
    user_id: int
    items: list[OrderItem] = field(default_factory=list)
    status: OrderStatus = OrderStatus.CREATED
    id: int | None = None

    @property
    def total(self) -> Decimal:
        return sum((item.unit_price * item.quantity for item in self.items), Decimal("0"))

    def confirm(self) -> None:
        if not self.items:
            raise EmptyOrderError(self.user_id)
        self.status = OrderStatus.CONFIRMED


class EmptyOrderError(Exception):
    pass
