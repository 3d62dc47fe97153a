"""No layer: a chain from pricing to its independent sibling service runs through it."""

from depot.shop import service


def taxed() -> int:
    return len(service.__name__)
