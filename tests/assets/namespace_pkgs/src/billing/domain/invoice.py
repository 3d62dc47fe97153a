from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from uuid import UUID, uuid4

import src.billing.domain.money as money
from src.users.domain.user import UserId


class InvoiceStatus(StrEnum):
    DRAFT = "draft"
    ISSUED = "issued"
    PAID = "paid"


@dataclass
class InvoiceLine:
    description: str
    price: money.Money


@dataclass
class Invoice:
    customer_id: UserId
    issued_on: date
    id: UUID = field(default_factory=uuid4)
    lines: list[InvoiceLine] = field(default_factory=list)
    status: InvoiceStatus = InvoiceStatus.DRAFT

    def total(self) -> money.Money:
        result = money.Money(amount=0)  # type: ignore[arg-type]
        for line in self.lines:
            result = result + line.price
        return result

    def mark_paid(self) -> None:
        self.status = InvoiceStatus.PAID
