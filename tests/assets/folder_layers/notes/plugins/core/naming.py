"""Plug-in names, shared by the plug-in kernel."""


def slug(name: str) -> str:
    return name.lower().replace(" ", "-")
