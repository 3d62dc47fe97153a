from abc import ABC, abstractmethod

from src.application.dto import ChargeRequest
from src.domain.money import Money


class PaymentGateway(ABC):
    @abstractmethod
    async def charge(self, request: ChargeRequest) -> str:
        """Return the provider reference of the captured charge."""

    @abstractmethod
    async def refund(self, provider_ref: str, amount: Money) -> None: ...
