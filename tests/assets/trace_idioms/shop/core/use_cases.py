from shop.core.ports import Catalog, Ledger, Notifier


class QuotePrice:
    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog

    def run(self, sku: str) -> int:
        return self.catalog.price_of(sku)


class Checkout:
    def __init__(self, notifier: Notifier, ledger: Ledger) -> None:
        self.notifier = notifier
        self.ledger = ledger

    def run(self, amount: int) -> None:
        self.ledger.record(amount)
        self.notifier.send("paid")


class Reports:
    def daily(self) -> list[str]:
        return []


reports = Reports()
