"""A storage engine: the module the contracts keep away from the web and jobs."""


def connect(url: str) -> str:
    return f"connected to {url}"
