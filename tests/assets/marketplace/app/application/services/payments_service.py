from uuid import UUID

from app.application.ports.payments_repository import PaymentRepository
from app.domain.entities.payment import Payment
from app.domain.errors import NotFound
from app.application.services.orders_service import OrdersService


class PaymentsService:
    def __init__(self, repository: PaymentRepository) -> None:
        self.repository = repository

    def get(self, id: UUID) -> Payment:
        found = self.repository.get(id)
        if found is None:
            raise NotFound(str(id))
        return found
