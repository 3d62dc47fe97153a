from dataclasses import dataclass
from enum import Enum


class OrderState(Enum):
    OPEN = "open"
    CONFIRMED = "confirmed"


@dataclass
class Order:
    id: str
    email: str
    state: OrderState = OrderState.OPEN

    def confirm(self) -> None:
        self.state = OrderState.CONFIRMED
