from abc import ABC, abstractmethod

from shop.domain.order import Order


class Orders(ABC):
    @abstractmethod
    def add(self, order: Order) -> None: ...
