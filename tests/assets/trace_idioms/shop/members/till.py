from typing import Any


class Till:
    """Its book is typed Any: only the code building a Till says what it is."""

    def __init__(self, book: Any) -> None:
        self.book = book

    def take(self, amount: int) -> None:
        self.check(amount)
        self.book.write(amount)

    def check(self, amount: int) -> None:
        if amount > self.book.balance():
            raise ValueError(amount)
