from shop.orders.api.schemas import OrderOut


class Order:
    def show(self) -> "OrderOut":
        return OrderOut()
