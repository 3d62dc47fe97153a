from uuid import UUID

import pytest

from src.application.dto import ChargeRequest
from src.application.ports.payment_gateway import PaymentGateway
from src.application.ports.payment_repository import PaymentRepository
from src.application.ports.unit_of_work import UnitOfWork
from src.application.services.payment_service import PaymentService
from src.application.services.refund_service import RefundPolicy
from src.domain.money import Money
from src.domain.payment import Payment, PaymentStatus
from src.domain.refund import Refund


class FakeGateway(PaymentGateway):
    async def charge(self, request: ChargeRequest) -> str:
        return "ch_fake"

    async def refund(self, provider_ref: str, amount: Money) -> None:
        return None


class FakeRepository(PaymentRepository):
    def __init__(self) -> None:
        self.items: dict[UUID, Payment] = {}

    async def add(self, payment: Payment) -> None:
        self.items[payment.id] = payment

    async def get(self, payment_id: UUID) -> Payment | None:
        return self.items.get(payment_id)

    async def add_refund(self, refund: Refund) -> None:
        return None


class FakeUnitOfWork(UnitOfWork):
    def __init__(self) -> None:
        self.payments = FakeRepository()
        self.committed = False

    async def commit(self) -> None:
        self.committed = True

    async def rollback(self) -> None:
        return None


@pytest.fixture
def uow() -> FakeUnitOfWork:
    return FakeUnitOfWork()


async def test_charge_captures_payment(uow: FakeUnitOfWork) -> None:
    service = PaymentService(uow, FakeGateway(), RefundPolicy())
    payment = await service.charge(ChargeRequest("ord-1", 1999, "USD", "tok_visa"))
    assert payment.status is PaymentStatus.CAPTURED
    assert uow.committed
