"""An invoice and its total."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Invoice:
    number: str
    cents: int
