from shop.billing.domain.invoice import Invoice
from shop.orders.domain.order import Order

HANDLERS = (Order, Invoice)
