"""How search results are ordered: an implementation of a service."""


def rank(ids: set[str]) -> list[str]:
    return sorted(ids)
