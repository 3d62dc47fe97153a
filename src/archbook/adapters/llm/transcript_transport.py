"""Messages API exchanges kept in a JSON transcript, and played back from one.

A recorded planning run can be read, shared and replayed with no network and no
key: ``ReplayTransport`` hands back the recorded replies in order and re-emits the
streamed text chunks, so the planner makes the same decisions and the same Plan.

Transcript layout (UTF-8 JSON)::

    {"format": "archbook-messages-transcript", "version": 1,
     "exchanges": [{"request": {...}, "reply": {...}, "text_chunks": ["..."],
                    "usage": {...}},                       # a reply, or
                   {"request": {...}, "text_chunks": [...], "error": "..."}]}
"""

from __future__ import annotations

import copy
import json
import os
from typing import Any

from archbook.adapters.safe_paths import write_atomically
from archbook.application.ports.messages_transport import (
    MessagesTransport,
    TextSink,
    TransportError,
)

TRANSCRIPT_FORMAT = "archbook-messages-transcript"
TRANSCRIPT_VERSION = 1
RECORD_AGAIN = "record the run again"


class RecordingTransport(MessagesTransport):
    """Sends through ``inner`` and writes every exchange to ``path`` (a new transcript
    per instance), atomically after each one, so a run that fails half-way still
    leaves a readable transcript of what happened."""

    def __init__(self, inner: MessagesTransport, path: str) -> None:
        self._inner = inner
        self.path = path
        self.exchanges: list[dict[str, Any]] = []

    def send(
        self, request: dict[str, Any], on_text: TextSink | None, timeout_s: float
    ) -> dict[str, Any]:
        # A copy now: the caller keeps appending to the same ``messages`` list.
        sent = _json_copy(request)
        chunks: list[str] = []

        def tee(chunk: str) -> None:
            chunks.append(chunk)
            if on_text is not None:
                on_text(chunk)

        try:
            reply = self._inner.send(request, tee, timeout_s)
        except TransportError as error:
            self._keep({"request": sent, "text_chunks": chunks, "error": str(error)})
            raise
        kept = _json_copy(reply)
        self._keep(
            {"request": sent, "reply": kept, "text_chunks": chunks, "usage": kept.get("usage", {})}
        )
        return reply

    def _keep(self, exchange: dict[str, Any]) -> None:
        self.exchanges.append(exchange)
        document = {
            "format": TRANSCRIPT_FORMAT,
            "version": TRANSCRIPT_VERSION,
            "exchanges": self.exchanges,
        }
        folder = os.path.dirname(os.path.abspath(self.path))
        try:
            os.makedirs(folder, exist_ok=True)
            write_atomically(self.path, json.dumps(document, indent=1, ensure_ascii=False) + "\n")
        except OSError as error:
            raise TransportError(f"cannot write the transcript {self.path}: {error}") from error


class ReplayTransport(MessagesTransport):
    """Answers from a transcript, in order; the network is never used."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.used = 0
        self._exchanges: list[dict[str, Any]] | None = None

    def send(
        self, request: dict[str, Any], on_text: TextSink | None, timeout_s: float
    ) -> dict[str, Any]:
        exchanges = self._load()
        if self.used >= len(exchanges):
            raise TransportError(
                f"transcript {self.path} is exhausted: the run asked for exchange "
                f"{self.used + 1} but it holds {len(exchanges)}; {RECORD_AGAIN}"
            )
        exchange = exchanges[self.used]
        self.used += 1
        self._check_same_turn(request, exchange["request"])
        for chunk in exchange["text_chunks"]:
            if on_text is not None:
                on_text(chunk)
        if "error" in exchange:
            raise TransportError(str(exchange["error"]))
        return copy.deepcopy(exchange["reply"])

    @property
    def remaining(self) -> int:
        """Exchanges not replayed yet."""
        return len(self._load()) - self.used

    def _load(self) -> list[dict[str, Any]]:
        if self._exchanges is None:
            self._exchanges = _read_transcript(self.path)
        return self._exchanges

    def _check_same_turn(self, request: dict[str, Any], recorded: dict[str, Any]) -> None:
        """The run must be where the recording was: same number of messages, answering
        the same tool calls. Fence tokens differ between runs, so text is not compared."""
        now, then = _turn_shape(request), _turn_shape(recorded)
        if now != then:
            raise TransportError(
                f"the run left transcript {self.path} at exchange {self.used}: it sent "
                f"{now[0]} messages answering tool calls {list(now[1])}, the recording "
                f"{then[0]} answering {list(then[1])}; {RECORD_AGAIN}"
            )


def _read_transcript(path: str) -> list[dict[str, Any]]:
    try:
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
    except FileNotFoundError:
        raise TransportError(
            f"transcript {path} not found; record one first (RecordingTransport)"
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise TransportError(f"cannot read transcript {path}: {error}") from error
    except json.JSONDecodeError as error:
        raise TransportError(
            f"transcript {path} is not valid JSON (line {error.lineno}: {error.msg}); "
            f"{RECORD_AGAIN}"
        ) from error
    if not isinstance(document, dict) or document.get("format") != TRANSCRIPT_FORMAT:
        raise TransportError(f"{path} is not an archbook transcript; {RECORD_AGAIN}")
    if document.get("version") != TRANSCRIPT_VERSION:
        raise TransportError(
            f"transcript {path} has version {document.get('version')!r}; this archbook reads "
            f"version {TRANSCRIPT_VERSION}; {RECORD_AGAIN}"
        )
    exchanges = document.get("exchanges")
    if not isinstance(exchanges, list):
        raise TransportError(f"transcript {path} has no list of exchanges; {RECORD_AGAIN}")
    for number, exchange in enumerate(exchanges, 1):
        problem = _exchange_problem(exchange)
        if problem:
            raise TransportError(f"transcript {path}, exchange {number}: {problem}; {RECORD_AGAIN}")
    return exchanges


def _exchange_problem(exchange: Any) -> str:
    if not isinstance(exchange, dict) or not isinstance(exchange.get("request"), dict):
        return "no request"
    chunks = exchange.get("text_chunks")
    if not isinstance(chunks, list) or not all(isinstance(c, str) for c in chunks):
        return "text_chunks is not a list of strings"
    if "error" in exchange:
        return "" if isinstance(exchange["error"], str) else "error is not a string"
    reply = exchange.get("reply")
    if not isinstance(reply, dict) or not isinstance(reply.get("content"), list):
        return "no reply with a content list"
    return ""


def _turn_shape(request: dict[str, Any]) -> tuple[int, tuple[str, ...]]:
    messages = request.get("messages") or []
    last = messages[-1].get("content") if messages and isinstance(messages[-1], dict) else None
    answered = tuple(
        str(block.get("tool_use_id", ""))
        for block in (last if isinstance(last, list) else [])
        if isinstance(block, dict) and block.get("type") == "tool_result"
    )
    return len(messages), answered


def _json_copy(value: dict[str, Any]) -> dict[str, Any]:
    try:
        copied: dict[str, Any] = json.loads(json.dumps(value))
    except (TypeError, ValueError) as error:
        raise TransportError(f"an exchange cannot be written as JSON: {error}") from error
    return copied
