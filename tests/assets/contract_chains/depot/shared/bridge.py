"""Shared code that leans on team beta: team alpha reaches beta through it."""

from depot.teams.beta import beta_score


def bridged() -> int:
    return beta_score() + 1
