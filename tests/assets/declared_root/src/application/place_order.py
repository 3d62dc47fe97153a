from domain.order import Order


def place(number: str) -> Order:
    return Order(number)
