from shop.billing.domain.invoice import Invoice

ROUTES = [Invoice]
