from dataclasses import dataclass
from typing import Generic, TypeVar

M = TypeVar("M")


class Handler(Generic[M]):
    def handle(self, message: M) -> None:
        raise NotImplementedError


class Bus:
    def send(self, message: object) -> None:
        return None

    def handler(self, message_type: type):
        def register(function):
            return function

        return register


bus = Bus()


@dataclass
class RefundOrder:
    order_id: int


@dataclass
class ArchiveOrder:
    order_id: int


class RefundOrderHandler(Handler[RefundOrder]):
    def handle(self, message: RefundOrder) -> None:
        return None


@bus.handler(ArchiveOrder)
def archive_order(message: ArchiveOrder) -> None:
    return None
