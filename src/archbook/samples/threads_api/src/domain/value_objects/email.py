"""E-mail address value object."""

import re
from dataclasses import dataclass

from src.domain.errors import InvalidInput

_EMAIL_PATTERN = re.compile(r"[^@\s]+@[^@\s]+\.[a-z]{2,}")


@dataclass(frozen=True, slots=True)
class Email:
    """A syntactically valid, lower-cased e-mail address."""

    value: str

    def __post_init__(self) -> None:
        normalized = self.value.strip().lower()
        if len(normalized) > 254 or not _EMAIL_PATTERN.fullmatch(normalized):
            raise InvalidInput(f"invalid e-mail address: {self.value!r}")
        object.__setattr__(self, "value", normalized)

    def __str__(self) -> str:
        return self.value
