from uuid import UUID

from app.application.ports.orders_repository import OrderRepository
from app.domain.entities.order import Order
from app.domain.errors import NotFound
from app.infrastructure.adapters.stripe_client import StripeClient
from app.application.services.payments_service import PaymentsService


class OrdersService:
    def __init__(self, repository: OrderRepository) -> None:
        self.repository = repository

    def get(self, id: UUID) -> Order:
        found = self.repository.get(id)
        if found is None:
            raise NotFound(str(id))
        return found
