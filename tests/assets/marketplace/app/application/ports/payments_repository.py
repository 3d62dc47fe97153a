from abc import ABC, abstractmethod
from uuid import UUID

from app.domain.entities.payment import Payment


class PaymentRepository(ABC):
    @abstractmethod
    def get(self, id: UUID) -> Payment: ...
