"""Clock adapter backed by the operating system."""

from datetime import UTC, datetime

from src.application.ports.clock import Clock


class SystemClock(Clock):
    """Reads the wall clock in UTC."""

    def now(self) -> datetime:
        """Return the current UTC time."""
        return datetime.now(UTC)
