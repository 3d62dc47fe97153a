"""Read-only tools a model may call to study a repository. None takes a path to
write; every answer is redacted and fenced as data."""

from __future__ import annotations

import fnmatch
import json
import posixpath
import re
from collections.abc import Callable
from typing import Any

from archbook.application.code_facts.knowledge import RepoKnowledge
from archbook.application.planning.llm.redaction import (
    DataFence,
    is_secret_path,
    redact,
    redact_known_formats,
)
from archbook.application.ports.source_text import SourceText
from archbook.application.ports.text_search import SearchTimeoutError, TextSearch
from archbook.application.tracing.route_trace import RouteNotFoundError, trace_route
from archbook.domain.trace import trace_text

MAX_LINES = 400
MAX_GREP_RESULTS = 60
MAX_LISTED = 400
MAX_REGEX_LENGTH = 200
DEFAULT_TOOL_TIME_S = 20.0
JSON_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "object": (dict,),
    "array": (list,),
}

TOOL_DEFINITIONS: list[dict[str, Any]] = [
    {
        "name": "list_files",
        "description": "List repository files (Python modules and project files) under a folder.",
        "input_schema": {
            "type": "object",
            "properties": {
                "folder": {"type": "string", "description": "relative folder, '' for all"},
                "pattern": {"type": "string", "description": "glob on the file name, e.g. *.py"},
            },
        },
    },
    {
        "name": "read_file",
        "description": "Read lines of a repository file (1-based, inclusive).",
        "input_schema": {
            "type": "object",
            "required": ["path"],
            "properties": {
                "path": {"type": "string"},
                "start_line": {"type": "integer", "minimum": 1},
                "end_line": {"type": "integer", "minimum": 1},
            },
        },
    },
    {
        "name": "grep",
        "description": "Search Python files for a regular expression; returns path:line: text.",
        "input_schema": {
            "type": "object",
            "required": ["pattern"],
            "properties": {
                "pattern": {"type": "string"},
                "path_glob": {"type": "string", "description": "e.g. src/application/*"},
            },
        },
    },
    {
        "name": "layer_graph",
        "description": "Layers with module counts, imports between layers, violations, cycles.",
        "input_schema": {"type": "object", "properties": {}},
    },
    {
        "name": "route_trace",
        "description": "Follow a route (e.g. 'GET /api/threads') through handler, service, "
        "port and adapters, with file:line of each step.",
        "input_schema": {
            "type": "object",
            "required": ["route"],
            "properties": {"route": {"type": "string"}},
        },
    },
    {
        "name": "find_symbol",
        "description": "Find classes and functions whose name contains the text.",
        "input_schema": {
            "type": "object",
            "required": ["name"],
            "properties": {"name": {"type": "string"}},
        },
    },
]


class RepoTools:
    """Answers the read-only tools for one repository.

    Only files that really lie inside the repository and are not secret files (by
    name, or by what a symlink points to) are listed, read or searched. ``search``
    bounds a model's regular expression in time; without it the search runs here,
    unbounded.
    """

    def __init__(
        self,
        known: RepoKnowledge,
        source_text: SourceText,
        fence: DataFence,
        search: TextSearch | None = None,
    ) -> None:
        self._known = known
        self._text = source_text
        self._fence = fence
        self._search = search
        self._root = known.analysis.scan.root
        listed = {m.path for m in known.analysis.scan.modules} | set(
            source_text.read_config_files(self._root)
        )
        self._refused = {path: why for path in listed if (why := self._refusal(path))}
        self._files = sorted(listed - set(self._refused))
        self._handlers: dict[str, Callable[[dict[str, Any], float], str]] = {
            "list_files": self._list_files,
            "read_file": self._read_file,
            "grep": self._grep,
            "layer_graph": self._layer_graph,
            "route_trace": self._route_trace,
            "find_symbol": self._find_symbol,
        }

    def run(
        self, name: str, arguments: Any, time_s: float = DEFAULT_TOOL_TIME_S
    ) -> tuple[str, bool]:
        """(answer text, is_error) for one tool call, within ``time_s`` seconds where the
        tool can run long; unknown tools and wrongly typed arguments are errors."""
        handler = self._handlers.get(name)
        if handler is None:
            return f"unknown tool '{name}'", True
        try:
            checked = _checked_arguments(name, arguments)
            answer = handler(checked, time_s)
        except (ToolInputError, SearchTimeoutError) as error:
            return str(error), True
        return self._fence.wrap(name, redact(answer)), False

    def _refusal(self, path: str) -> str:
        """Why ``path`` is never shown to a model, or '' when it may be."""
        if is_secret_path(path):
            return f"{path} may hold secrets and is never read"
        real = self._text.real_path(self._root, path)
        if real is None:
            return f"{path} leads outside the repository and is never read"
        if is_secret_path(real):
            return f"{path} leads to {real}, which may hold secrets and is never read"
        return ""

    def _list_files(self, arguments: dict[str, Any], time_s: float) -> str:
        folder = str(arguments.get("folder", "")).strip("/")
        pattern = str(arguments.get("pattern", "*")) or "*"
        listed = [
            f
            for f in self._files
            if (not folder or f.startswith(folder + "/"))
            and fnmatch.fnmatch(posixpath.basename(f), pattern)
        ]
        more = f"\n… {len(listed) - MAX_LISTED} more" if len(listed) > MAX_LISTED else ""
        return "\n".join(listed[:MAX_LISTED]) + more or "no files"

    def _read_file(self, arguments: dict[str, Any], time_s: float) -> str:
        path = _safe_path(arguments.get("path"))
        why = self._refused.get(path) or (self._refusal(path) if path not in self._files else "")
        if why:
            raise ToolInputError(why)
        if path not in self._files:
            raise ToolInputError(f"{path} is not a file archbook scanned; use list_files")
        text = self._text.read_text(self._root, path)
        if text is None:
            raise ToolInputError(f"{path} cannot be read")
        # Redacted whole before slicing: lines 5-9 of a key block carry no BEGIN/END.
        lines = redact_known_formats(text).splitlines()
        start = max(1, int(arguments.get("start_line", 1) or 1))
        end = min(len(lines), int(arguments.get("end_line", start + MAX_LINES - 1) or 0))
        end = min(end, start + MAX_LINES - 1)
        numbered = [f"{n:>5}  {lines[n - 1]}" for n in range(start, end + 1)]
        return f"{path} lines {start}-{end} of {len(lines)}\n" + "\n".join(numbered)

    def _grep(self, arguments: dict[str, Any], time_s: float) -> str:
        raw = str(arguments.get("pattern", ""))
        if not raw or len(raw) > MAX_REGEX_LENGTH:
            raise ToolInputError("give a regular expression of 1-200 characters")
        glob = str(arguments.get("path_glob", "*")) or "*"
        allowed = set(self._files)
        texts = [
            (module.path, redact_known_formats(self._text.read_text(self._root, module.path) or ""))
            for module in self._known.analysis.scan.modules
            if module.path in allowed and fnmatch.fnmatch(module.path, glob)
        ]
        try:
            if self._search is not None:
                found = self._search.search(raw, texts, MAX_GREP_RESULTS, time_s)
            else:
                found = _search_here(raw, texts, MAX_GREP_RESULTS)
        except (ValueError, re.error) as error:
            raise ToolInputError(f"bad regular expression: {error}") from error
        hits = [f"{path}:{number}: {line.strip()}" for path, number, line in found]
        more = "\n… more matches cut" if len(hits) >= MAX_GREP_RESULTS else ""
        return "\n".join(hits) + more if hits else "no matches"

    def _layer_graph(self, arguments: dict[str, Any], time_s: float) -> str:
        analysis = self._known.analysis
        document = {
            "layers": analysis.layer_counts(),
            "edges": [
                f"{e.source} -> {e.target} ({e.count}, {'ok' if e.allowed else 'VIOLATION'})"
                for e in analysis.layer_edges
            ],
            "violations": [v.describe() for v in analysis.violations],
            "cycles": analysis.cycles,
            "modules": {m: c.layer for m, c in sorted(analysis.classifications.items())},
        }
        return json.dumps(document, indent=1)

    def _route_trace(self, arguments: dict[str, Any], time_s: float) -> str:
        route = str(arguments.get("route", ""))
        known = self._known
        try:
            traced = trace_route(known.model, known.facts, known.roles, route)
        except RouteNotFoundError as error:
            raise ToolInputError(str(error)) from error
        return trace_text(traced)

    def _find_symbol(self, arguments: dict[str, Any], time_s: float) -> str:
        needle = str(arguments.get("name", "")).lower()
        if not needle:
            raise ToolInputError("give a name to look for")
        found = []
        for module in self._known.model.modules.values():
            for name, klass in module.classes.items():
                if needle in name.lower():
                    found.append(f"class {name}  {module.path}:{klass.line}")
            for name, function in module.functions.items():
                if needle in name.lower():
                    found.append(f"def {name}  {module.path}:{function.line}")
        return "\n".join(sorted(found)[:MAX_GREP_RESULTS]) or "nothing found"


class ToolInputError(ValueError):
    """A tool call the model should correct; its message goes back as the result."""


def _checked_arguments(name: str, arguments: Any) -> dict[str, Any]:
    """``arguments`` checked against the tool's input schema: an object, required
    properties present, each given property of its declared JSON type."""
    if arguments is None:
        arguments = {}
    if not isinstance(arguments, dict):
        raise ToolInputError(f"{name} takes a JSON object of arguments")
    schema = next(t["input_schema"] for t in TOOL_DEFINITIONS if t["name"] == name)
    missing = [key for key in schema.get("required", ()) if key not in arguments]
    if missing:
        raise ToolInputError(f"{name} needs {', '.join(missing)}")
    for key, value in arguments.items():
        declared = schema.get("properties", {}).get(key, {}).get("type")
        if declared is None or value is None:
            continue
        wrong_bool = isinstance(value, bool) and declared in ("integer", "number")
        if wrong_bool or not isinstance(value, JSON_TYPES[declared]):
            raise ToolInputError(
                f"{name}: '{key}' must be {'an' if declared[0] in 'aeiou' else 'a'} {declared}, "
                f"not {json.dumps(value)[:40]}"
            )
        if declared == "integer" and value < schema["properties"][key].get("minimum", value):
            raise ToolInputError(
                f"{name}: '{key}' must be at least {schema['properties'][key]['minimum']}"
            )
    return arguments


def _search_here(
    pattern: str, texts: list[tuple[str, str]], limit: int
) -> list[tuple[str, int, str]]:
    compiled = re.compile(pattern)
    hits = []
    for label, text in texts:
        for number, line in enumerate(text.splitlines(), 1):
            if compiled.search(line):
                hits.append((label, number, line))
                if len(hits) >= limit:
                    return hits
    return hits


def _safe_path(value: Any) -> str:
    path = posixpath.normpath(str(value or "")).lstrip("/")
    if not path or path.startswith("..") or "\0" in path:
        raise ToolInputError("give a relative path inside the repository")
    return path
