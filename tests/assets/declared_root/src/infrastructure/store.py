from application.place_order import place
from domain.order import Order

ORDERS: list[Order] = [place("1")]
