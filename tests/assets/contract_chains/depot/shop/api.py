"""The shop's top layer: it may import every layer below it."""

from depot.shop.service import checkout


def handle() -> str:
    return checkout()
