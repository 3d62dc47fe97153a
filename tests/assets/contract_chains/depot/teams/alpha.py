"""Team alpha: alpha → shared.bridge → beta, an indirect dependency between teams."""

from depot.shared.bridge import bridged


def alpha_score() -> int:
    return bridged() * 2
