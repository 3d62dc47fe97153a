from dataclasses import dataclass


@dataclass(frozen=True)
class Money:
    cents: int
    currency: str = "USD"

    def __post_init__(self) -> None:
        if self.cents < 0:
            raise ValueError("amount cannot be negative")

    def __sub__(self, other: "Money") -> "Money":
        return Money(self.cents - other.cents, self.currency)
