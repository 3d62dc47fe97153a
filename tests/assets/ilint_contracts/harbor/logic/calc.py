from harbor.util import bridge


def total() -> int:
    return bridge.count()
