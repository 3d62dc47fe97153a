"""Logging configured once at start-up."""

import logging


def configure(level: int = logging.INFO) -> None:
    logging.basicConfig(level=level)
