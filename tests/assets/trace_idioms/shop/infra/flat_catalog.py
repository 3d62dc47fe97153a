def price_of(sku: str) -> int:
    return 1
