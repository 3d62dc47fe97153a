"""Port: send one Messages API request and get the model's reply.

The request and the reply are plain dicts in the Anthropic Messages API shape, so
a run can be recorded to a transcript and replayed without a network.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import Any

TextSink = Callable[[str], None]


class TransportError(Exception):
    """The model could not be reached or refused the request; the message says why."""


class MessagesTransport(ABC):
    """Sends ``messages.create``-shaped requests; streams text to ``on_text``."""

    @abstractmethod
    def send(
        self, request: dict[str, Any], on_text: TextSink | None, timeout_s: float
    ) -> dict[str, Any]:
        """The reply message (``content``, ``stop_reason``, ``usage``) as a dict."""
