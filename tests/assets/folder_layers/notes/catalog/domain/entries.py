"""A catalogue entry."""

from dataclasses import dataclass


@dataclass
class Entry:
    slug: str
