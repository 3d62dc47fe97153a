from abc import ABC, abstractmethod

from app.domain.value_objects.money import Money


class PaymentGateway(ABC):
    @abstractmethod
    def charge(self, amount: Money) -> str: ...
