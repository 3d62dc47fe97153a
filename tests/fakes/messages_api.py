"""FakeMessagesAPI: a loopback HTTP server that speaks the Anthropic Messages API.

Tests point the real ``anthropic`` SDK at it (``base_url=fake.url``), so everything
between archbook and the socket is what a user runs. The server answers
``POST /v1/messages`` from a script, in order: whole messages (as an SSE stream
when the request asks for ``stream: true``, as JSON otherwise), HTTP status errors
with headers, an ``error`` event in the middle of a stream, or no answer at all.
It records every request (headers and parsed JSON body) and every text chunk it
streamed, so tests can compare what the user saw with what was sent.

The SSE wire format follows the Messages API streaming reference: ``message_start``,
then per content block ``content_block_start`` / ``content_block_delta``
(``text_delta`` or ``input_json_delta``) / ``content_block_stop``, a ``ping``,
``message_delta`` with ``stop_reason`` and cumulative ``usage``, ``message_stop``.
"""

from __future__ import annotations

import itertools
import json
import re
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

MESSAGES_PATH = "/v1/messages"
DEFAULT_MODEL = "claude-sonnet-4-6"
JSON_PIECE = 12  # characters of tool input JSON per input_json_delta
DRIP_INTERVAL_S = 0.1
ERROR_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    403: "permission_error",
    404: "not_found_error",
    413: "request_too_large",
    429: "rate_limit_error",
    500: "api_error",
    529: "overloaded_error",
}
_ids = itertools.count(1)


@dataclass(frozen=True)
class Reply:
    """A whole assistant message; streamed as SSE events when the request streams."""

    content: tuple[dict[str, Any], ...]
    stop_reason: str
    usage: dict[str, int]
    model: str = DEFAULT_MODEL
    end_early: bool = False  # stop after the content, with no message_delta/message_stop

    def message(self) -> dict[str, Any]:
        return {
            "id": f"msg_fake{next(_ids):04d}",
            "type": "message",
            "role": "assistant",
            "model": self.model,
            "content": [dict(block) for block in self.content],
            "stop_reason": self.stop_reason,
            "stop_sequence": None,
            "usage": dict(self.usage),
        }


@dataclass(frozen=True)
class Status:
    """An HTTP error status with the API's JSON error body and extra headers."""

    code: int
    message: str
    headers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class StreamError:
    """A 200 stream that sends ``message_start`` and some text, then an ``error`` event."""

    error_type: str = "overloaded_error"
    message: str = "Overloaded"
    text_before: str = "Let me look"


@dataclass(frozen=True)
class Hang:
    """Accept the request and never answer; ``partial`` first streams a little text,
    ``drip`` keeps sending ``ping`` events forever. Ends when the server closes."""

    partial: bool = False
    drip: bool = False


Scripted = Reply | Status | StreamError | Hang


@dataclass
class RecordedRequest:
    """One request as the server received it."""

    method: str
    path: str
    headers: dict[str, str]
    body: Any
    raw: str = ""


@dataclass
class _Script:
    items: list[Scripted] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def pop(self) -> Scripted | None:
        with self.lock:
            return self.items.pop(0) if self.items else None


def text(value: str) -> dict[str, Any]:
    """A text content block."""
    return {"type": "text", "text": value}


def tool_use(name: str, arguments: dict[str, Any], block_id: str | None = None) -> dict[str, Any]:
    """A tool_use content block with a fresh ``toolu_`` id unless one is given."""
    return {
        "type": "tool_use",
        "id": block_id or f"toolu_fake{next(_ids):04d}",
        "name": name,
        "input": arguments,
    }


def reply(
    *blocks: dict[str, Any],
    input_tokens: int = 100,
    output_tokens: int = 20,
    cache_creation: int = 0,
    cache_read: int = 0,
    stop_reason: str | None = None,
    end_early: bool = False,
) -> Reply:
    """A scripted assistant message; the stop reason follows from its blocks."""
    has_tools = any(block["type"] == "tool_use" for block in blocks)
    usage = {
        "input_tokens": input_tokens,
        "output_tokens": output_tokens,
        "cache_creation_input_tokens": cache_creation,
        "cache_read_input_tokens": cache_read,
    }
    reason = stop_reason or ("tool_use" if has_tools else "end_turn")
    return Reply(tuple(blocks), reason, usage, end_early=end_early)


def status(code: int, message: str = "", **headers: str) -> Status:
    """An error status; keyword headers use ``_`` for ``-`` (``retry_after="5"``)."""
    pairs = tuple((name.replace("_", "-"), value) for name, value in headers.items())
    return Status(code, message or f"fake {code}", pairs)


def text_chunks(value: str) -> list[str]:
    """How the fake splits text into ``text_delta`` events: a word and its spacing."""
    return re.findall(r"\s*\S+\s*", value) or ([value] if value else [])


class FakeMessagesAPI:
    """A scripted Messages API on ``127.0.0.1``; use as a context manager."""

    def __init__(self, script: Iterable[Scripted] = ()) -> None:
        self._script = _Script(list(script))
        self.requests: list[RecordedRequest] = []
        self.streamed_text: list[str] = []
        self.unscripted = 0
        self._closing = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    def add(self, *items: Scripted) -> None:
        """Append answers to the script."""
        with self._script.lock:
            self._script.items.extend(items)

    @property
    def url(self) -> str:
        if self._server is None:
            raise RuntimeError("FakeMessagesAPI is not running; use it in a with block")
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def bodies(self) -> list[Any]:
        """The parsed JSON body of every request, in order."""
        return [request.body for request in self.requests]

    @property
    def remaining(self) -> int:
        """Scripted answers not served yet."""
        return len(self._script.items)

    def __enter__(self) -> FakeMessagesAPI:
        handler = type("Handler", (_Handler,), {"fake": self})
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="fake-messages-api",
            daemon=True,
        )
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._closing.set()  # wakes hanging handlers so their connections close
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)


class _Handler(BaseHTTPRequestHandler):
    fake: FakeMessagesAPI
    protocol_version = "HTTP/1.0"  # the connection closes after each answer

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: pytest shows failures, not access logs."""

    def do_POST(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        raw = self.rfile.read(length).decode("utf-8", "replace")
        try:
            body: Any = json.loads(raw) if raw else None
        except json.JSONDecodeError:
            body = None
        headers = {name.lower(): value for name, value in self.headers.items()}
        self.fake.requests.append(RecordedRequest("POST", self.path, headers, body, raw))
        if self.path.split("?")[0] != MESSAGES_PATH:
            self._error(Status(404, f"no route {self.path}"))
            return
        item = self.fake._script.pop()
        if item is None:
            self.fake.unscripted += 1
            self._error(Status(400, "FakeMessagesAPI: the script has no answer left"))
        elif isinstance(item, Status):
            self._error(item)
        elif isinstance(item, Hang):
            self._hang(item)
        elif isinstance(item, StreamError):
            self._stream_error(item)
        elif isinstance(body, dict) and body.get("stream"):
            self._stream(item)
        else:
            self._json(200, item.message())

    def _json(self, code: int, document: Any, headers: Iterable[tuple[str, str]] = ()) -> None:
        data = json.dumps(document).encode()
        self.send_response(code)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.send_header("request-id", f"req_fake{next(_ids):04d}")
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def _error(self, item: Status) -> None:
        kind = ERROR_TYPES.get(item.code, "api_error")
        document = {"type": "error", "error": {"type": kind, "message": item.message}}
        self._json(item.code, document, item.headers)

    def _start_stream(self) -> None:
        self.send_response(200)
        self.send_header("content-type", "text/event-stream; charset=utf-8")
        self.send_header("cache-control", "no-cache")
        self.send_header("request-id", f"req_fake{next(_ids):04d}")
        self.end_headers()

    def _event(self, name: str, data: dict[str, Any]) -> None:
        self.wfile.write(f"event: {name}\ndata: {json.dumps(data)}\n\n".encode())
        self.wfile.flush()

    def _stream(self, item: Reply) -> None:
        message = item.message()
        self._start_stream()
        for name, data in _events(message, self.fake.streamed_text, item.end_early):
            self._event(name, data)

    def _stream_error(self, item: StreamError) -> None:
        self._start_stream()
        start = Reply((), "end_turn", {"input_tokens": 10, "output_tokens": 1}).message()
        start.update(content=[], stop_reason=None)
        self._event("message_start", {"type": "message_start", "message": start})
        self._event(
            "content_block_start",
            {"type": "content_block_start", "index": 0, "content_block": text("")},
        )
        for chunk in text_chunks(item.text_before):
            self.fake.streamed_text.append(chunk)
            delta = {"type": "text_delta", "text": chunk}
            self._event(
                "content_block_delta", {"type": "content_block_delta", "index": 0, "delta": delta}
            )
        error = {"type": "error", "error": {"type": item.error_type, "message": item.message}}
        self._event("error", error)

    def _hang(self, item: Hang) -> None:
        self.close_connection = True
        try:
            if item.partial or item.drip:
                self._start_stream()
            if item.partial:
                start = Reply((), "end_turn", {"input_tokens": 10, "output_tokens": 1}).message()
                start.update(content=[], stop_reason=None)
                self._event("message_start", {"type": "message_start", "message": start})
            while not self._closing_wait(item):
                self._event("ping", {"type": "ping"})
        except OSError:  # the client gave up and closed the connection
            return

    def _closing_wait(self, item: Hang) -> bool:
        """True once the server closes; a dripping hang wakes up to send a ping."""
        return self.fake._closing.wait(DRIP_INTERVAL_S if item.drip else None)


def _events(
    message: dict[str, Any], streamed: list[str], end_early: bool
) -> Iterator[tuple[str, dict[str, Any]]]:
    """The SSE events that stream ``message``, as the Messages API sends them."""
    usage = message["usage"]
    start = dict(message, content=[], stop_reason=None, usage=dict(usage, output_tokens=1))
    yield "message_start", {"type": "message_start", "message": start}
    for index, block in enumerate(message["content"]):
        if block["type"] == "text":
            opening: dict[str, Any] = text("")
            deltas = [{"type": "text_delta", "text": chunk} for chunk in text_chunks(block["text"])]
            streamed.extend(delta["text"] for delta in deltas)
        else:
            opening = dict(block, input={})
            encoded = json.dumps(block["input"])
            deltas = [
                {"type": "input_json_delta", "partial_json": encoded[i : i + JSON_PIECE]}
                for i in range(0, len(encoded), JSON_PIECE)
            ]
        yield (
            "content_block_start",
            {
                "type": "content_block_start",
                "index": index,
                "content_block": opening,
            },
        )
        if index == 0:
            yield "ping", {"type": "ping"}
        for delta in deltas:
            yield (
                "content_block_delta",
                {"type": "content_block_delta", "index": index, "delta": delta},
            )
        yield "content_block_stop", {"type": "content_block_stop", "index": index}
    if end_early:
        return
    yield (
        "message_delta",
        {
            "type": "message_delta",
            "delta": {"stop_reason": message["stop_reason"], "stop_sequence": None},
            "usage": {"output_tokens": usage["output_tokens"]},
        },
    )
    yield "message_stop", {"type": "message_stop"}
