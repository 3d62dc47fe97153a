from shop.application.ports.orders import Orders
from shop.domain.order import Order


class SqlOrders(Orders):
    def add(self, order: Order) -> None:
        pass
