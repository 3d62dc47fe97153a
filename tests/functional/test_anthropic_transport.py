"""AnthropicTransport and the transcript transports against the real anthropic SDK
speaking HTTP to a loopback fake Messages API."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import anthropic
import pytest
from fakes.messages_api import (
    FakeMessagesAPI,
    Hang,
    StreamError,
    reply,
    status,
    text,
    tool_use,
)

from archbook.adapters.llm.anthropic_transport import AnthropicTransport
from archbook.adapters.llm.transcript_transport import RecordingTransport, ReplayTransport
from archbook.application.ports.messages_transport import TransportError

MODEL = "claude-sonnet-4-6"
KEY = "test-key-not-a-secret"
TIMEOUT_S = 10.0
STALL_TIMEOUT_S = 2.0
WORKER = "archbook-messages-api"
BIG_INPUT = {"pattern": r"class \w+Service", "path_glob": "src/application/*", "n": [1, 2, 3]}


def request(*turns: str) -> dict[str, Any]:
    messages = [
        {"role": "user" if n % 2 == 0 else "assistant", "content": turn}
        for n, turn in enumerate(turns or ("Plan it.",))
    ]
    return {"model": MODEL, "max_tokens": 512, "messages": messages}


def transport(fake: FakeMessagesAPI, **options: Any) -> AnthropicTransport:
    return AnthropicTransport(api_key=KEY, base_url=fake.url, **options)


def send(fake: FakeMessagesAPI, **options: Any) -> dict[str, Any]:
    return transport(fake, **options).send(request(), None, TIMEOUT_S)


def workers_alive() -> int:
    return sum(1 for thread in threading.enumerate() if thread.name == WORKER)


def test_text_streams_in_order_and_the_reply_is_a_plain_dict() -> None:
    chunks: list[str] = []
    scripted = reply(
        text("Reading the services first, then the routes."),
        tool_use("grep", BIG_INPUT, block_id="toolu_01"),
        input_tokens=321,
        output_tokens=45,
        cache_read=300,
    )
    with FakeMessagesAPI([scripted]) as fake:
        answer = transport(fake).send(request(), chunks.append, TIMEOUT_S)

    assert chunks == fake.streamed_text and len(chunks) == 7
    assert json.loads(json.dumps(answer)) == answer
    assert answer["content"] == [
        {"type": "text", "text": "Reading the services first, then the routes."},
        {"type": "tool_use", "id": "toolu_01", "name": "grep", "input": BIG_INPUT},
    ]
    assert answer["stop_reason"] == "tool_use" and answer["role"] == "assistant"
    assert answer["usage"]["input_tokens"] == 321
    assert answer["usage"]["output_tokens"] == 45
    assert answer["usage"]["cache_read_input_tokens"] == 300
    (sent,) = fake.requests
    assert sent.path == "/v1/messages"
    assert sent.body == {**request(), "stream": True}
    assert "anthropic-version" in sent.headers


def test_reply_arrives_without_a_text_sink() -> None:
    with FakeMessagesAPI([reply(text("Done."))]) as fake:
        answer = send(fake)
    assert answer["content"][0]["text"] == "Done."


def test_fake_answers_non_streaming_requests_as_the_sdk_expects() -> None:
    with FakeMessagesAPI([reply(text("Plain JSON."), tool_use("list_files", {}))]) as fake:
        client = anthropic.Anthropic(api_key=KEY, base_url=fake.url, max_retries=0)
        message = client.messages.create(**request())
        client.close()
    assert [block.type for block in message.content] == ["text", "tool_use"]
    assert message.stop_reason == "tool_use"
    assert fake.bodies[0].get("stream") in (None, False)


def test_retry_after_is_obeyed_then_the_reply_arrives() -> None:
    with FakeMessagesAPI([status(429, "slow down", retry_after="0.2"), reply(text("ok"))]) as fake:
        answer = send(fake)
    assert answer["content"][0]["text"] == "ok"
    assert len(fake.requests) == 2 and fake.bodies[0] == fake.bodies[1]


def test_server_saying_do_not_retry_is_obeyed() -> None:
    with (
        FakeMessagesAPI([status(503, "down", x_should_retry="false"), reply()]) as fake,
        pytest.raises(TransportError, match="503"),
    ):
        send(fake)
    assert len(fake.requests) == 1


def test_retries_stop_after_max_retries() -> None:
    script = [status(500), status(500, retry_after_ms="10"), reply(text("late"))]
    with (
        FakeMessagesAPI(script) as fake,
        pytest.raises(TransportError, match="gave up after 2 attempts"),
    ):
        send(fake, max_retries=1)
    assert len(fake.requests) == 2


@pytest.mark.parametrize(
    ("code", "advice"),
    [
        (401, "ANTHROPIC_API_KEY"),
        (403, "ANTHROPIC_API_KEY"),
        (404, "model name"),
        (413, "too large"),
    ],
)
def test_client_errors_name_the_status_and_the_remedy(code: int, advice: str) -> None:
    with (
        FakeMessagesAPI([status(code, "refused by the fake"), reply()]) as fake,
        pytest.raises(TransportError) as caught,
    ):
        send(fake)
    message = str(caught.value)
    assert str(code) in message and advice in message and "refused by the fake" in message
    assert len(fake.requests) == 1


def test_error_event_mid_stream_is_not_retried() -> None:
    seen: list[str] = []
    with (
        FakeMessagesAPI([StreamError("api_error", "Internal server error"), reply()]) as fake,
        pytest.raises(TransportError, match="broke off with api_error"),
    ):
        transport(fake).send(request(), seen.append, TIMEOUT_S)
    assert seen == fake.streamed_text and seen
    assert len(fake.requests) == 1


def test_stream_cut_before_message_stop_is_an_error() -> None:
    with (
        FakeMessagesAPI([reply(text("half an ans"), end_early=True)]) as fake,
        pytest.raises(TransportError, match="message_stop"),
    ):
        send(fake)


def test_retry_after_beyond_the_deadline_fails_at_once() -> None:
    with (
        FakeMessagesAPI([status(529, "Overloaded", retry_after="86400"), reply()]) as fake,
        pytest.raises(TransportError) as caught,
    ):
        transport(fake).send(request(), None, STALL_TIMEOUT_S)
    assert "86400 s" in str(caught.value) and "529" in str(caught.value)
    assert len(fake.requests) == 1


@pytest.mark.parametrize(
    "stall",
    [Hang(), Hang(partial=True), Hang(drip=True)],
    ids=["silent", "stalls-after-text", "pings-forever"],
)
def test_a_stalling_server_ends_the_call_and_its_worker(stall: Hang) -> None:
    failure = ""
    with FakeMessagesAPI([stall]) as fake:
        try:
            transport(fake).send(request(), None, STALL_TIMEOUT_S)
        except TransportError as error:
            failure = str(error)
        # While the server still stalls, the worker must end on its own.
        for _ in range(200):
            if not workers_alive():
                break
            time.sleep(0.05)
        alive = workers_alive()
    assert "no complete answer" in failure
    assert alive == 0


def test_unreachable_server_is_a_transport_error() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    unreachable = AnthropicTransport(api_key=KEY, base_url=f"http://127.0.0.1:{port}")
    unreachable.max_retries = 0
    with pytest.raises(TransportError, match="cannot reach the Messages API"):
        unreachable.send(request(), None, TIMEOUT_S)


def test_missing_key_names_the_variable_and_sends_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    with (
        FakeMessagesAPI([reply()]) as fake,
        pytest.raises(TransportError, match="ANTHROPIC_API_KEY"),
    ):
        AnthropicTransport(base_url=fake.url).send(request(), None, TIMEOUT_S)
    assert fake.requests == []


def test_key_and_base_url_default_to_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    with FakeMessagesAPI([reply(text("from env"))]) as fake:
        monkeypatch.setenv("ANTHROPIC_API_KEY", "env-key-for-tests")
        monkeypatch.setenv("ANTHROPIC_BASE_URL", fake.url)
        answer = AnthropicTransport().send(request(), None, TIMEOUT_S)
    headers = fake.requests[0].headers
    assert answer["content"][0]["text"] == "from env"
    assert "env-key-for-tests" in (headers.get("x-api-key", "") + headers.get("authorization", ""))


def test_importing_archbook_does_not_import_anthropic() -> None:
    code = (
        "import sys, archbook, archbook.api, archbook.application.planning.llm.planner, "
        "archbook.adapters.llm.transcript_transport; print('anthropic' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- transcripts -------------------------------------------------------------------


def test_recording_then_replaying_without_a_server(tmp_path: Path) -> None:
    path = tmp_path / "transcripts" / "run.json"
    first_turn = reply(text("Looking around."), tool_use("list_files", {}, block_id="toolu_7"))
    second_turn = reply(text("Finished."))
    conversation = request()
    recorded: list[str] = []
    with FakeMessagesAPI([first_turn, second_turn]) as fake:
        recorder = RecordingTransport(transport(fake), str(path))
        one = recorder.send(conversation, recorded.append, TIMEOUT_S)
        after_one = json.loads(path.read_text(encoding="utf-8"))
        # The caller grows the same list, as LLMPlanner does.
        conversation["messages"] += [{"role": "assistant", "content": one["content"]}]
        conversation["messages"] += [
            {
                "role": "user",
                "content": [{"type": "tool_result", "tool_use_id": "toolu_7", "content": "a.py"}],
            }
        ]
        two = recorder.send(conversation, recorded.append, TIMEOUT_S)

    assert len(after_one["exchanges"]) == 1
    document = json.loads(path.read_text(encoding="utf-8"))
    assert [len(e["request"]["messages"]) for e in document["exchanges"]] == [1, 3]
    assert document["exchanges"][0]["text_chunks"] == fake.streamed_text[:2]
    assert document["exchanges"][1]["usage"] == two["usage"]

    replayed: list[str] = []
    replay = ReplayTransport(str(path))
    assert replay.send(request(), replayed.append, TIMEOUT_S) == one
    assert replay.send(conversation, replayed.append, TIMEOUT_S) == two
    assert replayed == recorded
    with pytest.raises(TransportError, match="exhausted"):
        replay.send(conversation, None, TIMEOUT_S)


def test_a_recorded_failure_replays_as_the_same_failure(tmp_path: Path) -> None:
    path = str(tmp_path / "failed.json")
    with (
        FakeMessagesAPI([status(401, "invalid x-api-key")]) as fake,
        pytest.raises(TransportError) as recorded,
    ):
        RecordingTransport(transport(fake), path).send(request(), None, TIMEOUT_S)
    with pytest.raises(TransportError) as replayed:
        ReplayTransport(path).send(request(), None, TIMEOUT_S)
    assert str(replayed.value) == str(recorded.value)


def test_replay_refuses_a_run_that_took_another_turn(tmp_path: Path) -> None:
    path = str(tmp_path / "run.json")
    with FakeMessagesAPI([reply(text("one"))]) as fake:
        RecordingTransport(transport(fake), path).send(request(), None, TIMEOUT_S)
    with pytest.raises(TransportError, match="left transcript"):
        ReplayTransport(path).send(request("a", "b", "c"), None, TIMEOUT_S)


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (None, "not found"),
        ("{not json", "not valid JSON"),
        ('{"exchanges": []}', "not an archbook transcript"),
        ('{"format": "archbook-messages-transcript", "version": 99}', "version 99"),
        (
            '{"format": "archbook-messages-transcript", "version": 1, '
            '"exchanges": [{"request": {}, "text_chunks": []}]}',
            "exchange 1: no reply",
        ),
    ],
    ids=["missing", "corrupt", "foreign", "future", "no-reply"],
)
def test_unusable_transcripts_say_why(tmp_path: Path, content: str | None, words: str) -> None:
    path = tmp_path / "t.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(TransportError, match=words) as caught:
        ReplayTransport(str(path)).send(request(), None, TIMEOUT_S)
    assert str(path) in str(caught.value)
