"""Files a refactor moves. A session line such as ``move `a/x.py` into `b/` `` or
``a/x.py → b/y.py`` says the old path goes and the new one comes; the move also
needs the new folders' packages (``__init__.py``, when the repository uses regular
packages) and changes every module that imports the old one."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from archbook.application.planning.scoping.repo_index import RepoIndex

MOVE = re.compile(
    r"\b(?:mov(?:e|es|ed|ing)|relocat\w*|mover|mueve\w*|movemos|movid[oa]s?|d[ée]plac\w*)\b"
    r"|→|->|=>",
    re.I,
)


@dataclass(frozen=True)
class Move:
    """One file moved from ``old`` to ``new``; ``raws`` are the paths as written."""

    old: str
    new: str
    raws: tuple[str, ...]
    packages: tuple[str, ...] = ()
    importers: tuple[str, ...] = ()


def session_moves(text: str, named: list[str], index: RepoIndex) -> list[Move]:
    """Moves the session's lines describe: on a line with a move word (or an arrow),
    each existing file is paired with the next path after it that is not an existing
    file — a new file, or a folder the file goes into under its own name."""
    moves: list[Move] = []
    for line in text.splitlines():
        if not MOVE.search(line):
            continue
        raws = [r for r in named if r in line]
        raws = [r for r in raws if not any(r != o and r in o for o in raws)]
        raws.sort(key=line.find)
        resolved = [(raw, *index.resolve(raw)) for raw in raws]
        for position, (raw, old, present) in enumerate(resolved):
            if not present or old.endswith("/") or not old.endswith(".py"):
                continue
            target = next(
                (t for t in resolved[position + 1 :] if not (t[2] and not t[1].endswith("/"))),
                None,
            )
            new = _destination(target[0], old, index) if target else ""
            if not target or not new or new == old or index.exists(new):
                continue
            moves.append(_complete(Move(old, new, (raw, target[0])), index))
    return _unique(moves)


def _destination(raw: str, old: str, index: RepoIndex) -> str:
    """Where ``old`` goes: the new file ``raw`` names, or ``raw`` as a folder (then
    the file keeps its name)."""
    if raw.endswith(".py"):
        path, present = index.resolve(raw)
        return "" if present else path
    path, _ = index.resolve(raw.rstrip("/") + "/")
    return f"{path.rstrip('/')}/{posixpath.basename(old)}" if path else ""


def new_packages(path: str, index: RepoIndex) -> list[str]:
    """The ``__init__.py`` each folder of ``path`` that does not exist yet needs, the
    outermost first: none where the nearest existing folder is no regular package, or
    where most of its sub-folders are none (the repository uses namespace packages
    there: ``use_cases/__init__.py`` above ``use_cases/otp/request_otp_cmd.py``)."""
    packages = []
    folder = posixpath.dirname(path)
    while folder and not index.exists(folder):
        packages.append(f"{folder}/__init__.py")
        folder = posixpath.dirname(folder)
    if not (folder and index.exists(f"{folder}/__init__.py")):
        return []
    if packages:
        below = folder + "/"
        subs = {p[len(below) :].partition("/")[0] for p in index.modules if p.startswith(below)}
        subs = {s for s in subs if not s.endswith(".py")}
        regular = sum(f"{below}{s}/__init__.py" in index.modules for s in subs)
        if regular * 2 < len(subs):
            return []
    return packages[::-1]


def _complete(move: Move, index: RepoIndex) -> Move:
    """The packages the new folders need and the modules importing the old one."""
    packages = new_packages(move.new, index)
    old_name = next((n for n, p in index.paths.items() if p == move.old), "")
    importers = sorted(
        {
            index.paths[a]
            for a, b in index.known.analysis.pairs
            if b == old_name and a in index.paths and index.paths[a] != move.old
        }
    )
    return Move(move.old, move.new, move.raws, tuple(packages), tuple(importers))


def _unique(moves: list[Move]) -> list[Move]:
    seen: set[str] = set()
    kept = []
    for move in moves:
        if move.old not in seen:
            seen.add(move.old)
            kept.append(move)
    return kept
