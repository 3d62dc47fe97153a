"""An audit helper one step further from storage than ``formatting``."""

from depot.helpers.formatting import banner


def audit_line(event: str) -> str:
    return banner(f"audit: {event}")
