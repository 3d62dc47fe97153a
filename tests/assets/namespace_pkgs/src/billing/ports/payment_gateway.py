from abc import ABC, abstractmethod

from src.billing.domain.money import Money


class PaymentGateway(ABC):
    @abstractmethod
    async def charge(self, customer_ref: str, amount: Money, idempotency_key: str) -> str:
        """Charge the customer and return the provider's payment id."""
