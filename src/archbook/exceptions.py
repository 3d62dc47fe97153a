"""Errors archbook raises; each message says what to do next."""


class ArchbookError(Exception):
    """Base of every error archbook reports to a user."""

    exit_code = 2


class RepoNotFoundError(ArchbookError):
    """The path given as a target repository does not exist or is not a folder."""


class ConfigError(ArchbookError):
    """A target's archbook, import-linter or tach configuration cannot be used."""


class RenderError(ArchbookError):
    """A drawing could not be produced (missing binary, time limit, bad layer)."""


class GraphvizNotFoundError(RenderError):
    """The Graphviz `dot` binary is not on PATH."""

    def __init__(self) -> None:
        super().__init__(
            "Graphviz `dot` not found: apt-get install graphviz, brew install graphviz, "
            "or conda install graphviz"
        )


class InvalidFeatureError(ArchbookError):
    """A feature name that is not allowed, or a feature without a context session."""


class GitError(ArchbookError):
    """A git ref or repository archbook was asked to compare with cannot be read."""
