"""Port for reading the current time."""

from abc import ABC, abstractmethod
from datetime import datetime


class Clock(ABC):
    """Source of timezone-aware UTC timestamps."""

    @abstractmethod
    def now(self) -> datetime:
        """Return the current UTC time."""
