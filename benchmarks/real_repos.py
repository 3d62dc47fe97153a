"""archbook against hand-checked facts of real FastAPI repositories.

Reads the corpus described in ``../shared/real_repos/README.md`` (``repos.json``
beside it), runs the ``archbook`` CLI on every repository as a user would
(fresh process, ``--json``, ``--no-cache``) and compares what it prints with the
facts counted by hand:

- **routes**: ``found`` routes against ``route_count``; ``recall`` is
  ``min(found, expected) / expected`` and ``extra`` is ``max(0, found - expected)``;
  ``samples`` is how many of the five hand-checked sample routes are printed with
  the same method, full path and handler ``file:line``;
- **trace**: the steps of the two hand-followed traces that ``archbook trace``
  shows (see ``_step_right``);
- **layers**: the share of modules whose layer agrees with the most specific
  ``layers`` key covering their file (modules under ``mixed/none`` keys and
  under no key are not scored);
- **skipped**: skipped files that are valid Python (Jinja templates such as
  cookiecutter sources are not);
- **seconds**: whole-process wall time of ``archbook analyse`` and
  ``archbook facts`` (routes and the rest) on the repository;
- **MiB**: the peak memory (``ru_maxrss``) of that ``archbook facts`` process.

It prints figures and exits 0 whether goals are met or not; it exits 1 only
when archbook crashes. When the corpus is absent it prints one line and exits 0.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "real_repos"
ARCHBOOK = [str(Path(sys.executable).with_name("archbook"))]
TEMPLATE_MARKERS = ("{{", "{%")


@dataclass(frozen=True)
class RepoFigures:
    """What one repository scored."""

    repo: str
    found: int
    expected: int
    samples: int
    traced: int
    trace_steps: int
    layers_agree: int
    layers_scored: int
    skipped: int
    seconds_analyse: float
    seconds_routes: float
    unresolved: int
    mib_facts: float

    @property
    def recall(self) -> float:
        return min(self.found, self.expected) / self.expected if self.expected else 1.0

    @property
    def extra(self) -> int:
        return max(0, self.found - self.expected)


def main(argv: list[str] | None = None) -> int:
    """Parse options, find or materialize the corpus, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of repos.json")
    parser.add_argument("--data", type=Path, help="an already materialized corpus folder")
    parser.add_argument("--mirror-root", type=Path, default=os.environ.get("MIRROR_ROOT"))
    parser.add_argument("--only", action="append", default=[], help="repo name substring")
    options = parser.parse_args(argv)
    facts_file = options.corpus / "repos.json"
    if not facts_file.is_file():
        print(f"real_repos: skipped, no {facts_file}")
        return 0
    entries = json.loads(facts_file.read_text())
    if options.only:
        entries = [e for e in entries if any(o in e["repo"] for o in options.only)]
    data = _corpus_dir(options, entries)
    if data is None:
        return 0
    rows = [_measure(entry, data / entry["repo"].replace("/", "+")) for entry in entries]
    _print_table(rows)
    return 0


def _corpus_dir(options: argparse.Namespace, entries: list[dict]) -> Path | None:
    """The materialized corpus: ``--data``, else a cache folder filled from the mirrors."""
    if options.data is not None:
        return options.data
    names = [e["repo"].replace("/", "+") for e in entries]
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "archbook-real-repos"
    if cache.is_dir() and all((cache / n).is_dir() for n in names):
        return cache
    mirror = options.mirror_root
    if mirror is None or not Path(mirror).is_dir():
        print("real_repos: skipped, mirrors absent (set MIRROR_ROOT or --mirror-root, or --data)")
        return None
    script = options.corpus / "materialize.sh"
    work = Path(tempfile.mkdtemp(prefix="archbook-real-repos-"))
    env = {**os.environ, "MIRROR_ROOT": str(mirror)}
    done = subprocess.run(["bash", str(script), str(work)], env=env, check=False)
    if done.returncode != 0:
        print(f"real_repos: skipped, materialize.sh exited {done.returncode}")
        shutil.rmtree(work, ignore_errors=True)
        return None
    shutil.rmtree(cache, ignore_errors=True)
    cache.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(work), cache)
    return cache


def _measure(entry: dict, root: Path) -> RepoFigures:
    """Run archbook on one repository and score it against its hand-checked facts."""
    analysis, seconds_analyse, _ = _run_json(["analyse", str(root)])
    facts, seconds_routes, mib_facts = _run_json(["facts", str(root)])
    assert isinstance(facts, dict)
    routes = facts["routes"]
    unresolved = len(facts.get("unresolved_routes", []))
    printed = {(r["method"], r["path"], r["location"]) for r in routes}
    samples = sum(
        (s["method"], s["path"], s["handler"]) in printed
        or (s["method"], s["path"], _strip_root(s["handler"], entry)) in printed
        for s in entry["routes"]
    )
    traced = steps = 0
    for trace in entry["traces"]:
        shown = _trace_nodes(root, trace["route"])
        for step in trace["steps"]:
            steps += 1
            traced += _step_right(step, shown, entry)
    agree, scored = _layer_agreement(entry["layers"], analysis.get("modules", []))
    return RepoFigures(
        repo=entry["repo"],
        found=len(routes),
        expected=entry["route_count"],
        samples=samples,
        traced=traced,
        trace_steps=steps,
        layers_agree=agree,
        layers_scored=scored,
        skipped=_valid_skipped(root, analysis.get("skipped", [])),
        seconds_analyse=seconds_analyse,
        seconds_routes=seconds_routes,
        unresolved=unresolved,
        mib_facts=mib_facts,
    )


def _run_json(args: list[str]) -> tuple[object, float, float]:
    """Run ``archbook ARGS --json --no-cache`` in a fresh process: its JSON, wall
    seconds and peak memory in MiB."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        child = subprocess.Popen([*ARCHBOOK, *args, "--json", "--no-cache"], stdout=out, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if child.returncode not in (0, 1) or not stdout.strip():
        sys.stderr.write(stderr)
        raise SystemExit(f"real_repos: archbook {' '.join(args)} exited {child.returncode}")
    return json.loads(stdout), seconds, usage.ru_maxrss / 1024  # Linux: KiB


def _trace_nodes(root: Path, route: str) -> list[dict]:
    """Every step of ``archbook trace ROUTE`` as a flat list (empty when no trace)."""
    done = subprocess.run(
        [*ARCHBOOK, "trace", str(root), route, "--json", "--no-cache"],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0 or not done.stdout.strip():
        return []
    document = json.loads(done.stdout)
    traces = document if isinstance(document, list) else [document]
    nodes: list[dict] = []
    for trace in traces:
        stack = [trace.get("root") or {}]
        while stack:
            node = stack.pop()
            if "step" in node:
                nodes.append(node["step"])
            stack.extend(node.get("children", []))
    return nodes


ROLE_KINDS = {
    "handler": {"handler"},
    "use_case": {"use_case", "service", "call"},
    "port": {"port"},
    "adapter": {"adapter"},
}


def _step_right(step: dict, shown: list[dict], entry: dict) -> bool:
    """Whether archbook's trace shows this hand-followed step.

    A step with a ``file:qualname`` ref is right when some shown step sits in that
    file and names that function or method. A step with ``ref: null`` (the code has
    no interface, or no use case, there) is right when archbook shows no step of
    that role, because showing one would be inventing it. A library ref
    (``sqlmodel.Session (library)``) is right when some step names the class.
    """
    ref = step.get("ref")
    role = step["role"]
    if ref is None:
        return not any(s["kind"] in ROLE_KINDS.get(role, {role}) for s in shown)
    if ref.endswith("(library)"):
        parts = ref.split()[0].split(".")
        return any(p in (s["name"] + " " + s.get("note", "")) for s in shown for p in parts[-2:])
    path, _, qualname = ref.partition(":")
    paths = {path, _strip_root(path, entry)}
    leaf = qualname.split(".")[-1]
    for s in shown:
        where = (s.get("location") or {}).get("path")
        name = s["name"].split(":")[-1]
        if where in paths and (
            name == qualname or name.split(".")[-1] == leaf or name.split(".")[0] == qualname
        ):
            return True
    return False


def _strip_root(path: str, entry: dict) -> str:
    """A repo-relative path made relative to its first non-``.`` source root."""
    for root in entry.get("source_roots", []):
        if root not in (".", "") and path.startswith(root.rstrip("/") + "/"):
            return path[len(root.rstrip("/")) + 1 :]
    return path


def _layer_agreement(layers: dict[str, str], modules: list[dict]) -> tuple[int, int]:
    """Modules whose layer matches the most specific hand-checked key covering them."""
    agree = scored = 0
    for module in modules:
        expected = _expected_layer(layers, module["path"])
        if expected is None or expected == "mixed/none":
            continue
        scored += 1
        agree += module["layer"] == expected
    return agree, scored


def _expected_layer(layers: dict[str, str], path: str) -> str | None:
    """The layer of the longest key that is ``path`` or a folder above it (``*`` = one segment)."""
    segments = path.split("/")
    best: tuple[int, str] | None = None
    for key, layer in layers.items():
        pattern = key.strip("/").split("/")
        if len(pattern) > len(segments):
            continue
        matches = all(fnmatch.fnmatchcase(s, p) for s, p in zip(segments, pattern, strict=False))
        if matches and (best is None or len(pattern) > best[0]):
            best = (len(pattern), layer)
    return best[1] if best else None


def _valid_skipped(root: Path, skipped: list[dict]) -> int:
    """Skipped files that are not templates (a Jinja marker makes a file a template)."""
    count = 0
    for item in skipped:
        path = root / item.get("path", "")
        try:
            text = path.read_text(errors="replace")
        except OSError:
            continue
        count += not any(marker in text for marker in TEMPLATE_MARKERS)
    return count


def _print_table(rows: list[RepoFigures]) -> None:
    """One line per repository, then the means."""
    header = (
        f"{'repo':<44} {'routes':>9} {'recall':>6} {'extra':>5} {'samp':>4} {'unres':>5} "
        f"{'trace':>7} {'layers':>7} {'skip':>4} {'s anl':>5} {'s fct':>5} {'MiB':>5}"
    )
    print(header)
    print("-" * len(header))
    for r in rows:
        layers = r.layers_agree / r.layers_scored if r.layers_scored else 1.0
        print(
            f"{r.repo:<44} {r.found:>4}/{r.expected:<4} {r.recall:>6.2f} {r.extra:>5} "
            f"{r.samples:>2}/5 {r.unresolved:>5} {r.traced:>3}/{r.trace_steps:<3} {layers:>7.2f} "
            f"{r.skipped:>4} {r.seconds_analyse:>5.2f} {r.seconds_routes:>5.2f} "
            f"{r.mib_facts:>5.0f}"
        )
    n = len(rows) or 1
    steps = sum(r.trace_steps for r in rows) or 1
    scored = sum(r.layers_scored for r in rows) or 1
    print("-" * len(header))
    print(
        f"mean route recall {sum(r.recall for r in rows) / n:.2f}  "
        f"extra routes {sum(r.extra for r in rows)}  "
        f"samples {sum(r.samples for r in rows)}/{5 * len(rows)}  "
        f"trace steps right {sum(r.traced for r in rows) / steps:.2f}  "
        f"layer agreement {sum(r.layers_agree for r in rows) / scored:.2f}  "
        f"valid files skipped {sum(r.skipped for r in rows)}  "
        f"max s {max((max(r.seconds_analyse, r.seconds_routes) for r in rows), default=0):.2f}  "
        f"mean s {sum(r.seconds_analyse for r in rows) / n:.2f}  "
        f"max MiB {max((r.mib_facts for r in rows), default=0):.0f}"
    )


if __name__ == "__main__":
    raise SystemExit(main())
