"""Admin: a longer chain to storage (via audit); one chain per package pair is shown."""

from depot.helpers.audit import audit_line


def dashboard() -> str:
    return audit_line("dashboard opened")
