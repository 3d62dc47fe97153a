"""Team beta: imports no other team."""


def beta_score() -> int:
    return 3
