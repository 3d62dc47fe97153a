from abc import ABC, abstractmethod
from typing import Protocol


class Catalog(Protocol):
    def price_of(self, sku: str) -> int: ...


class Notifier(ABC):
    @abstractmethod
    def send(self, text: str) -> None: ...


class Ledger(Protocol):
    def record(self, amount: int) -> None: ...
