import httpx

from shop.application.use_cases.place_order import PlaceOrder
from shop.domain.order import Order

USED_BY = PlaceOrder


def post_receipt(order: Order) -> int:
    return httpx.post("https://mail.invalid/send", json={"order": order.number}).status_code
