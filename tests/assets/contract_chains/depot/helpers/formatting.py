"""Formatting helpers that happen to open storage: every chain passes here."""

from depot.storage.engine import connect


def banner(title: str) -> str:
    return f"{title} ({connect('memory://')})"
