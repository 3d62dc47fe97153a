from shop.application.ports.orders import Orders


def report(orders: Orders) -> str:
    return "report"
