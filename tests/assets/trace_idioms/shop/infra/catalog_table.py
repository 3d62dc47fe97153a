class TableCatalog:
    def price_of(self, sku: str) -> int:
        return len(sku)
