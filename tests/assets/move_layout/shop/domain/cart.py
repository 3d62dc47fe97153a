from dataclasses import dataclass, field


@dataclass
class Cart:
    prices: list[float] = field(default_factory=list)

    def subtotal(self) -> float:
        return sum(self.prices)
