"""Plug-ins known to the application."""

PLUGINS: dict[str, str] = {}
