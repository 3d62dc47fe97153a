"""Python 3.14 (PEP 758) except clauses and 3.12 (PEP 701) f-strings."""
from inventory.entities import Entity, first


def describe(stock: dict[str, int]) -> str:
    try:
        name = first(list(stock))
    except KeyError, IndexError:
        return "empty"
    return f"{name}: {stock["count"]} ({Entity(name).key!r:>{10}})"
