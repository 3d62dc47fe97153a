"""Generic entities written with PEP 695 type parameters (Python 3.12+)."""
from collections.abc import Hashable

type StockId = int
type Pair[T] = tuple[T, T]


class Entity[T: Hashable]:
    def __init__(self, key: T) -> None:
        self.key = key


class Repository[
    E: Entity,
    K,
]:
    def get(self, key: K) -> E | None:
        return None


def first[T](items: list[T]) -> T:
    return items[0]
