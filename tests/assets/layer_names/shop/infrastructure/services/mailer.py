from shop.domain.order import Order


def send_receipt(order: Order) -> str:
    return f"receipt {order.number}"
