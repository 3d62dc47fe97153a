"""``archbook routes | facts | trace | lint-perf`` as users run them: real subprocesses
with their own cache folder, real files, the real Graphviz ``dot``."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from archbook import api

ASSETS = Path(__file__).resolve().parents[1] / "assets"
ARCHBOOK = Path(sys.executable).parent / "archbook"
COMMAND = [str(ARCHBOOK)] if ARCHBOOK.exists() else [sys.executable, "-m", "archbook.cli"]
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz `dot`")

FACTS_KEYS = [
    "schema", "routes", "providers", "ports", "adapters", "services", "models", "tests",
    "project", "problems", "unresolved_routes",
]  # fmt: skip

SAMPLE_ROUTES = [
    ("POST", "/api/auth/login", "login", "src/presentation/api/routes/auth.py:29"),
    ("GET", "/api/auth/me", "me", "src/presentation/api/routes/auth.py:39"),
    ("POST", "/api/auth/register", "register", "src/presentation/api/routes/auth.py:18"),
    ("GET", "/api/health", "health", "src/presentation/api/routes/health.py:13"),
    ("GET", "/api/threads", "list_threads", "src/presentation/api/routes/threads.py:24"),
    ("POST", "/api/threads", "create_thread", "src/presentation/api/routes/threads.py:57"),
    ("GET", "/api/threads/{thread_id}", "get_thread", "src/presentation/api/routes/threads.py:71"),
    ("POST", "/api/threads/{thread_id}/close", "close_thread",
     "src/presentation/api/routes/threads.py:82"),
    ("GET", "/api/threads/{thread_id}/messages", "list_messages",
     "src/presentation/api/routes/messages.py:22"),
    ("POST", "/api/threads/{thread_id}/messages", "post_message",
     "src/presentation/api/routes/messages.py:43"),
    ("PATCH", "/api/users/me", "update_my_profile", "src/presentation/api/routes/users.py:21"),
    ("GET", "/api/users/{user_id}", "get_user", "src/presentation/api/routes/users.py:33"),
]  # fmt: skip

MONGO_THREADS = "src/infrastructure/adapters/mongo/mongo_thread_repository.py"
PLANTED = [
    ("src/application/services/thread_service.py", 68, "await-in-loop"),
    (MONGO_THREADS, 51, "unindexed-filter"),
    (MONGO_THREADS, 57, "find-without-projection"),
    (MONGO_THREADS, 57, "unbounded-query"),
    (MONGO_THREADS, 57, "unindexed-sort"),
    (MONGO_THREADS, 58, "unbounded-to-list"),
]


def run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ARCHBOOK_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("ARCHBOOK_NO_CACHE", None)
    return subprocess.run(
        [*COMMAND, *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def ok(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return done.stdout


def steps(node: dict[str, Any]) -> list[dict[str, Any]]:
    return [node["step"], *(s for child in node["children"] for s in steps(child))]


# ------------------------------------------------------------------------ routes


def test_routes_lists_the_twelve_sample_routes_with_full_paths(tmp_path: Path) -> None:
    lines = ok(run(tmp_path, "routes", "--sample")).splitlines()
    assert lines[-1] == "12 routes"
    rows = [tuple(line.split()) for line in lines[:-1]]
    assert rows == SAMPLE_ROUTES


def test_routes_json(tmp_path: Path) -> None:
    routes = json.loads(ok(run(tmp_path, "routes", "--sample", "--json")))
    assert [(r["method"], r["path"], r["location"]) for r in routes] == [
        (m, p, where) for m, p, _, where in SAMPLE_ROUTES
    ]
    listing = next(r for r in routes if r["key"] == "GET /api/threads")
    assert listing == {
        "method": "GET",
        "path": "/api/threads",
        "handler": "src.presentation.api.routes.threads:list_threads",
        "location": "src/presentation/api/routes/threads.py:24",
        "response_model": "src.presentation.api.schemas.threads:ThreadListResponse",
        "status_code": None,
        "dependencies": ["Provide[src.infrastructure.container:Container.thread_service]"],
        "tags": ["threads"],
        "key": "GET /api/threads",
    }


def test_routes_of_a_given_repository(tmp_path: Path) -> None:
    lines = ok(run(tmp_path, "routes", str(ASSETS / "facts_routes"))).splitlines()
    assert lines[-1] == "14 routes"
    assert "WEBSOCKET /api/v1/users/{user_id}/events user_events app/api/v1/users.py:32" in [
        " ".join(line.split()) for line in lines
    ]


# ------------------------------------------------------------------------- trace


def test_trace_prints_route_service_port_and_adapters_with_file_lines(tmp_path: Path) -> None:
    out = ok(run(tmp_path, "trace", "--sample", "GET /api/threads"))
    lines = [re.sub(r"^[\s│├└─]+", "", line) for line in out.splitlines()]
    expected = [
        "route GET /api/threads  src/presentation/api/routes/threads.py:24  [presentation]",
        "handler list_threads  src/presentation/api/routes/threads.py:24  [presentation]",
        "service ThreadService.list_threads  src/application/services/thread_service.py:62"
        "  [application]",
        "port ThreadRepository.list  src/application/ports/thread_repository.py:29  [ports]"
        "  (2 adapters: chosen at run time)",
        f"adapter MongoThreadRepository.list  {MONGO_THREADS}:45  [infrastructure]"
        "  (thread_repository[mongo], MongoDB (motor), MongoDB (pymongo))",
        "adapter InMemoryThreadRepository.list"
        "  src/infrastructure/adapters/memory/memory_thread_repository.py:33  [infrastructure]"
        "  (thread_repository[memory], fake)",
        "port UserRepository.get_by_id  src/application/ports/user_repository.py:17  [ports]"
        "  (2 adapters: chosen at run time)",
        "adapter MongoUserRepository.get_by_id"
        "  src/infrastructure/adapters/mongo/mongo_user_repository.py:27  [infrastructure]"
        "  (user_repository[mongo], MongoDB (motor), MongoDB (pymongo))",
        "adapter InMemoryUserRepository.get_by_id"
        "  src/infrastructure/adapters/memory/memory_user_repository.py:23  [infrastructure]"
        "  (user_repository[memory], fake)",
    ]
    assert lines == expected
    assert out.splitlines()[1].startswith("└─ handler")


def test_trace_json_parses_into_the_documented_tree(tmp_path: Path) -> None:
    document = json.loads(ok(run(tmp_path, "trace", "--sample", "GET /api/threads", "--json")))
    assert set(document) == {"route", "root"}
    assert document["route"]["location"] == {
        "path": "src/presentation/api/routes/threads.py",
        "line": 24,
    }
    found = steps(document["root"])
    assert [s["kind"] for s in found] == [
        "route", "handler", "service", "port", "adapter", "adapter", "port", "adapter", "adapter",
    ]  # fmt: skip
    assert set(found[0]) == {"kind", "name", "location", "layer", "note"}
    mongo = found[4]
    assert mongo["name"] == (
        "src.infrastructure.adapters.mongo.mongo_thread_repository:MongoThreadRepository.list"
    )
    assert mongo["location"] == {"path": MONGO_THREADS, "line": 45}
    assert mongo["layer"] == "infrastructure"


@needs_dot
def test_trace_writes_the_svg(tmp_path: Path) -> None:
    svg = tmp_path / "out" / "trace.svg"
    out = ok(run(tmp_path, "trace", "--sample", "GET /api/threads", "-o", str(svg)))
    assert out.splitlines()[-1] == f"wrote {svg}"
    root = ET.fromstring(svg.read_bytes())
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    text = svg.read_text()
    assert "Generated by graphviz" in text
    for name in (
        "route: GET /api/threads",
        "service: ThreadService.list_threads",
        "port: UserRepository.get_by_id",
        "adapter: MongoThreadRepository.list",
    ):
        assert f">{name}</text>" in text  # fmt: skip


@needs_dot
def test_trace_json_with_svg_keeps_stdout_pure_json(tmp_path: Path) -> None:
    svg = tmp_path / "trace.svg"
    done = run(
        tmp_path, "trace", "--sample", "--json", "-o", str(svg), "GET /api/threads/{thread_id}"
    )
    document = json.loads(ok(done))
    assert document["route"]["path"] == "/api/threads/{thread_id}"
    assert f"wrote {svg}" in done.stderr
    assert svg.read_text().lstrip().startswith("<?xml")


def test_trace_of_a_given_repository_route_first(tmp_path: Path) -> None:
    out = ok(
        run(tmp_path, "trace", "POST /orders/{order_id}/confirm", str(ASSETS / "facts_protocols"))
    )
    assert (
        "port Notifier.send  app/ports/notifier.py:5  [ports]  (2 adapters: chosen at run time)"
        in out
    )
    assert "adapter EmailNotifier.send  app/adapters/email_notifier.py:10" in out
    assert "adapter SmsNotifier.send  app/adapters/sms_notifier.py:8" in out


def test_an_unknown_route_exits_2_with_the_routes_listed(tmp_path: Path) -> None:
    done = run(tmp_path, "trace", "--sample", "GET /nope")
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("archbook: error: no route 'GET /nope'; routes: ")
    assert "GET /api/threads/{thread_id}/messages" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["trace", str(ASSETS / "facts_routes")], "name a route, for example"),
        (["trace", "a", "b", "GET /x"], "give at most a PATH and a ROUTE"),
        (["trace", "x", "y"], "'y' is not a route"),
        (["lint-perf", "GET /nope"], "no route 'GET /nope'"),
        (["trace", "GET /api/threads", "/does/not/exist"], "/does/not/exist does not exist"),
    ],
)
def test_bad_targets_exit_2_without_a_traceback(
    tmp_path: Path, args: list[str], message: str
) -> None:
    done = run(tmp_path, *args)
    assert done.returncode == 2
    assert done.stderr.startswith("archbook: error: ")
    assert message in done.stderr
    assert "Traceback" not in done.stderr


# --------------------------------------------------------------------- lint-perf


def test_lint_perf_prints_the_planted_findings(tmp_path: Path) -> None:
    out = ok(run(tmp_path, "lint-perf", "--sample", "GET /api/threads"))
    lines = out.splitlines()
    assert lines[-1] == "6 performance findings"
    heads = [re.match(r"^(\S+):(\d+): ([a-z-]+): ", line) for line in lines[:-1:2]]
    assert [(m.group(1), int(m.group(2)), m.group(3)) for m in heads if m] == PLANTED
    assert lines[1] == "    author = await self._users.get_by_id(thread.author_id)"
    assert lines[3] == '    query["tags"] = filters.tag'
    assert lines[11] == "    documents = await cursor.to_list(None)"


def test_lint_perf_of_the_clean_route(tmp_path: Path) -> None:
    out = ok(run(tmp_path, "lint-perf", "--sample", "GET /api/threads/{thread_id}/messages"))
    assert out == "no performance findings\n"


def test_lint_perf_json(tmp_path: Path) -> None:
    findings = json.loads(ok(run(tmp_path, "lint-perf", "--sample", "--json", "GET /api/threads")))
    assert [(f["location"]["path"], f["location"]["line"], f["rule"]) for f in findings] == PLANTED
    assert set(findings[0]) == {"rule", "message", "location", "code", "function"}
    assert findings[0]["function"] == (
        "src.application.services.thread_service:ThreadService.list_threads"
    )
    clean = json.loads(
        ok(
            run(
                tmp_path, "lint-perf", "--sample", "--json", "GET /api/threads/{thread_id}/messages"
            )
        )
    )
    assert clean == []


def test_lint_perf_without_a_route_lints_every_service_and_adapter(tmp_path: Path) -> None:
    out = ok(run(tmp_path, "lint-perf", str(ASSETS / "facts_perf")))
    assert out.splitlines()[-1] == "17 performance findings"
    assert "app/adapters/blocking_price_feed.py:20: blocking-call-in-async: " in out
    assert "app/adapters/async_price_feed.py" not in out


# ------------------------------------------------------------------------- facts


def test_facts_json_has_every_documented_section(tmp_path: Path) -> None:
    document = json.loads(ok(run(tmp_path, "facts", "--sample", "--json")))
    assert list(document) == FACTS_KEYS
    assert document["schema"] == 1
    counts = {key: len(document[key]) for key in FACTS_KEYS[1:8]}
    assert counts == {
        "routes": 12, "providers": 15, "ports": 6, "adapters": 10, "services": 4, "models": 21,
        "tests": 11,
    }  # fmt: skip
    assert document["problems"] == []
    assert document["project"]["package_manager"] == "poetry"
    assert document["project"]["app_factory"] == "src.main:create_app"
    port = next(p for p in document["ports"] if p["qualname"].endswith(":Clock"))
    assert port == {
        "qualname": "src.application.ports.clock:Clock",
        "kind": "abc",
        "location": "src/application/ports/clock.py:7",
        "methods": [
            {"name": "now", "signature": "now() -> datetime", "line": 11, "is_async": False,
             "abstract": True},
        ],
    }  # fmt: skip
    selector = next(p for p in document["providers"] if p["name"] == "thread_repository")
    assert selector["kind"] == "Selector"
    assert selector["branches"] == ["mongo", "memory"]
    assert selector["location"] == "src/infrastructure/container.py:62"


def test_facts_text_counts_each_section(tmp_path: Path) -> None:
    out = ok(run(tmp_path, "facts", "--sample"))
    assert out.splitlines() == [
        "routes: 12", "providers: 15", "ports: 6", "adapters: 10", "services: 4", "models: 21",
        "tests: 11", "package manager: poetry", "(--json prints the whole document)",
    ]  # fmt: skip


def test_a_file_with_a_syntax_error_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(ASSETS / "facts_routes", repo)
    (repo / "app" / "broken.py").write_text("def broken(:\n    pass\n")
    document = json.loads(ok(run(tmp_path, "facts", str(repo), "--json")))
    assert len(document["problems"]) == 1
    assert document["problems"][0].startswith("app/broken.py: not parsed (SyntaxError: ")
    assert len(document["routes"]) == 14
    assert ok(run(tmp_path, "routes", str(repo))).splitlines()[-1] == "14 routes"


# -------------------------------------------------------------------------- docs


def test_every_key_of_the_json_forms_is_documented(tmp_path: Path) -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "facts.md").read_text()
    facts = json.loads(ok(run(tmp_path, "facts", "--sample", "--json")))
    keys = set(facts) | set(facts["project"])
    for section in FACTS_KEYS[1:8]:
        keys |= set(facts[section][0])
    keys |= set(facts["ports"][0]["methods"][0])
    trace = json.loads(ok(run(tmp_path, "trace", "--sample", "--json", "GET /api/threads")))
    keys |= set(trace) | set(trace["route"]) | set(trace["root"]) | set(trace["root"]["step"])
    findings = json.loads(ok(run(tmp_path, "lint-perf", "--sample", "--json", "GET /api/threads")))
    keys |= set(findings[0])
    missing = sorted(key for key in keys if f"`{key}`" not in docs)
    assert missing == []
    for rule in {f["rule"] for f in findings} | {"blocking-call-in-async"}:
        assert f"| `{rule}` |" in docs


def test_a_command_run_in_process_leaves_the_garbage_collector_as_it_was(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import gc

    from archbook.cli import main

    assert gc.isenabled()
    assert main(["routes", "--sample", "--no-cache"]) == 0
    assert "/api/threads" in capsys.readouterr().out
    assert gc.isenabled()


def test_options_may_stand_between_the_path_and_the_route(tmp_path: Path) -> None:
    """``archbook trace PATH --json ROUTE``: argparse ends a positional list at the
    first option; the route after it still counts, an unknown option still fails."""
    sample = api.sample_path()
    document = json.loads(ok(run(tmp_path, "trace", sample, "--json", "GET /api/threads")))
    assert document["route"]["path"] == "/api/threads"
    findings = json.loads(ok(run(tmp_path, "lint-perf", sample, "--json", "GET /api/threads")))
    assert findings
    done = run(tmp_path, "trace", sample, "GET /api/threads", "--nope")
    assert done.returncode == 2 and "unrecognized arguments: --nope" in done.stderr
