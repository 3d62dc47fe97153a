from shop.orders.api.schemas import OrderOut

LEGACY = OrderOut
