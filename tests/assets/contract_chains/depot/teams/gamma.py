"""Team gamma imports alpha directly; its path on to beta runs through alpha, so
only the direct import is gamma's breach."""

from depot.teams.alpha import alpha_score


def gamma_score() -> int:
    return alpha_score() - 1
