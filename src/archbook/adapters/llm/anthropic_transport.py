"""The Messages API over HTTP with the official ``anthropic`` SDK.

Text is streamed to the caller as it arrives. Whatever the server does (asks to
retry in a day, accepts the connection and never answers, sends pings forever) the
call ends within the caller's ``timeout_s``: the request runs in a daemon worker
whose every HTTP attempt carries an SDK timeout bounded by the time left, and the
caller waits for its events only until the deadline, then closes the stream. Retries
are done here, not by the SDK, because the SDK sleeps as long as ``retry-after``
says, and ``timeout_s`` must bound the retries too.
"""

from __future__ import annotations

import contextlib
import email.utils
import os
import queue
import random
import threading
import time
from typing import Any

import anthropic

from archbook.application.ports.messages_transport import (
    MessagesTransport,
    TextSink,
    TransportError,
)

DEFAULT_MAX_RETRIES = 3
CONNECT_TIMEOUT_S = 10.0
WORKER_GRACE_S = 1.0
FIRST_BACKOFF_S = 0.5
MAX_BACKOFF_S = 8.0
RETRY_STATUSES = frozenset({408, 409, 429})  # and every 5xx, 529 "overloaded" included
KEY_HELP = "set ANTHROPIC_API_KEY to a key from https://console.anthropic.com/settings/keys"
STATUS_ADVICE = {
    400: "the request was rejected; check the model name and max_tokens",
    401: "authentication failed; check that ANTHROPIC_API_KEY holds a valid key "
    "(https://console.anthropic.com/settings/keys)",
    403: "this API key may not use this model or workspace; check ANTHROPIC_API_KEY",
    404: "not found; check the model name and ANTHROPIC_BASE_URL",
    413: "the request is too large; plan a narrower feature or a smaller repository map",
    429: "rate limited; wait a minute or lower the request rate of this key",
    529: "the API is overloaded; try again in a few minutes",
}


class AnthropicTransport(MessagesTransport):
    """Streams ``messages.create`` requests through ``anthropic.Anthropic``."""

    def __init__(
        self,
        api_key: str | None = None,
        base_url: str | None = None,
        max_retries: int = DEFAULT_MAX_RETRIES,
    ) -> None:
        self._api_key = api_key or os.environ.get("ANTHROPIC_API_KEY") or None
        self.base_url = base_url or os.environ.get("ANTHROPIC_BASE_URL") or None
        self.max_retries = max(0, max_retries)
        self._client: anthropic.Anthropic | None = None

    def send(
        self, request: dict[str, Any], on_text: TextSink | None, timeout_s: float
    ) -> dict[str, Any]:
        client = self._sdk()
        deadline = time.monotonic() + max(0.0, timeout_s)
        channel = _Channel()
        worker = threading.Thread(
            target=self._work,
            args=(client, request, deadline, channel),
            name="archbook-messages-api",
            daemon=True,
        )
        worker.start()
        try:
            while True:
                try:
                    kind, value = channel.events.get(timeout=max(0.0, deadline - time.monotonic()))
                except queue.Empty:
                    raise TransportError(_late(timeout_s)) from None
                if kind == "text":
                    if on_text is not None:
                        on_text(value)
                elif kind == "error":
                    raise value
                else:
                    return dict(value)
        finally:
            channel.cancel()

    def close(self) -> None:
        """Release the SDK's connection pool."""
        if self._client is not None:
            self._client.close()
            self._client = None

    def _sdk(self) -> anthropic.Anthropic:
        if self._client is None:
            if not self._api_key:
                raise TransportError(
                    f"no Anthropic API key: {KEY_HELP}, or use the offline planner"
                )
            self._client = anthropic.Anthropic(
                api_key=self._api_key, base_url=self.base_url, max_retries=0
            )
        return self._client

    def _work(
        self,
        client: anthropic.Anthropic,
        request: dict[str, Any],
        deadline: float,
        channel: _Channel,
    ) -> None:
        """The worker: every outcome becomes an event, so the caller never waits in vain."""
        try:
            channel.put("done", self._with_retries(client, request, deadline, channel))
        except TransportError as error:
            channel.put("error", error)
        except Exception as error:
            if not channel.cancelled.is_set():
                problem = TransportError(f"the Messages API call failed: {_describe(error)}")
                problem.__cause__ = error
                channel.put("error", problem)

    def _with_retries(
        self,
        client: anthropic.Anthropic,
        request: dict[str, Any],
        deadline: float,
        channel: _Channel,
    ) -> dict[str, Any]:
        failures = 0
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TransportError(_late(None))
            try:
                return _stream_once(client, request, left, channel)
            except anthropic.APIStatusError as error:
                if error.status_code < 400:  # an ``error`` event inside a 200 stream
                    raise TransportError(_broken_stream(error)) from error
                problem = _status_text(error)
                if not _should_retry(error.response.status_code, error.response.headers):
                    raise TransportError(problem) from error
                wait = _retry_after(error.response.headers)
            except anthropic.APITimeoutError:
                problem, wait = _late(None), None
            except anthropic.APIConnectionError as error:
                problem = f"cannot reach the Messages API at {client.base_url}: {_describe(error)}"
                wait = None
            failures += 1
            if failures > self.max_retries:
                raise TransportError(f"{problem} (gave up after {failures} attempts)")
            asked, wait = wait, wait if wait is not None else _backoff(failures)
            left = deadline - time.monotonic()
            if wait >= left:
                raise TransportError(f"{problem}{_no_time(asked, left)}")
            if channel.cancelled.wait(wait):
                raise TransportError("cancelled")


class _Channel:
    """Events from the worker to the caller, and the caller's cancellation."""

    def __init__(self) -> None:
        self.events: queue.Queue[tuple[str, Any]] = queue.Queue()
        self.cancelled = threading.Event()
        self._lock = threading.Lock()
        self._open: Any = None

    def put(self, kind: str, value: Any) -> None:
        self.events.put((kind, value))

    def attach(self, stream: Any) -> None:
        """The stream being read, closed by ``cancel``; closed at once if already cancelled."""
        with self._lock:
            self._open = stream
        if self.cancelled.is_set():
            _close(stream)

    def cancel(self) -> None:
        self.cancelled.set()
        with self._lock:
            stream, self._open = self._open, None
        if stream is not None:
            _close(stream)


def _stream_once(
    client: anthropic.Anthropic, request: dict[str, Any], left: float, channel: _Channel
) -> dict[str, Any]:
    """One HTTP attempt: stream events, forward text, return the final message."""
    # The caller gives up at the deadline; the worker's own limit comes a little later,
    # so a stall is always reported by the caller, and the worker still ends by itself.
    timeout = anthropic.Timeout(left + WORKER_GRACE_S, connect=min(CONNECT_TIMEOUT_S, left))
    stopped = False
    with client.messages.stream(**request, timeout=timeout) as stream:
        channel.attach(stream)
        for event in stream:
            if channel.cancelled.is_set():
                raise TransportError("cancelled")
            if event.type == "text":
                channel.put("text", event.text)
            elif event.type == "message_stop":
                stopped = True
        if not stopped:
            raise TransportError("the Messages API stream ended before message_stop; try again")
        message = stream.get_final_message()
    return message.model_dump(mode="json", exclude_none=True)


def _should_retry(status: int, headers: Any) -> bool:
    verdict = headers.get("x-should-retry")
    if verdict in ("true", "false"):
        return bool(verdict == "true")
    return status in RETRY_STATUSES or status >= 500


def _backoff(failures: int) -> float:
    """Exponential backoff with jitter, as the SDK does when the server names no delay."""
    wait = min(FIRST_BACKOFF_S * 2 ** (failures - 1), MAX_BACKOFF_S)
    return wait * (1 - 0.25 * random.random())


def _no_time(asked: float | None, left: float) -> str:
    if asked is None:
        return "; no time is left to retry within this run's time limit"
    return (
        f"; it asked to retry after {asked:.0f} s, more than the {max(left, 0):.0f} s left "
        "of this run's time limit"
    )


def _retry_after(headers: Any) -> float | None:
    """Seconds the server asked to wait (``retry-after-ms``, ``retry-after``), if any."""
    with contextlib.suppress(TypeError, ValueError):
        return max(0.0, float(headers.get("retry-after-ms")) / 1000)
    value = headers.get("retry-after")
    if not value:
        return None
    with contextlib.suppress(TypeError, ValueError):
        return max(0.0, float(value))
    parsed = email.utils.parsedate_tz(value)
    return None if parsed is None else max(0.0, email.utils.mktime_tz(parsed) - time.time())


def _status_text(error: anthropic.APIStatusError) -> str:
    code = error.status_code
    detail = error.api_message or str(error)
    kind = error.type or "error"
    advice = STATUS_ADVICE.get(code) or (
        "the API had an internal error; try again later" if code >= 500 else "see the message"
    )
    return f"the Messages API answered {code} ({kind}: {detail}): {advice}"


def _broken_stream(error: anthropic.APIStatusError) -> str:
    kind = error.type or "error"
    return (
        f"the Messages API stream broke off with {kind} ({error.api_message or error}); "
        "the partial answer was dropped; try again"
    )


def _late(timeout_s: float | None) -> str:
    limit = "the time limit" if timeout_s is None else f"{timeout_s:.0f} s"
    return (
        f"the Messages API gave no complete answer within {limit}; "
        "try again later or allow more time"
    )


def _describe(error: BaseException) -> str:
    cause = error.__cause__ or error.__context__
    text = f"{type(error).__name__}: {error}"
    return f"{text} ({type(cause).__name__}: {cause})" if cause is not None else text


def _close(stream: Any) -> None:
    with contextlib.suppress(Exception):  # best effort: the worker may be closing it too
        stream.close()
