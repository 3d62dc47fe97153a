from shop.application.ports.orders import Orders
from shop.domain.order import Order


class PlaceOrder:
    def __init__(self, orders: Orders) -> None:
        self._orders = orders

    def __call__(self, number: str, total: int) -> Order:
        order = Order(number, total)
        self._orders.add(order)
        return order
