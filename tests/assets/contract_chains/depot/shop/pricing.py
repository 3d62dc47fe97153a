"""Pricing, independent of its sibling ``service``: it reaches service through
``tax`` (a chain) and the api through ``legacy`` (an import the contract ignores)."""

from depot.shop.legacy import old_price
from depot.shop.tax import taxed


def price() -> int:
    return taxed() + old_price()
