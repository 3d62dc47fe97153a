"""The bodies of a test file's test functions, left out of its syntax tree.

No fact is read from inside a test (``test_*`` at the top of a test file or in a
top-level ``Test*`` class), and in a large repository tests hold about half of all
source text. ``blank_test_bodies`` blanks them in the text before it is parsed —
parsing is most of the time the code model takes — and ``drop_test_bodies`` empties
the ones the text pass left in the tree. Either way the tree is the same: a dropped
body is one ``pass`` where its first statement stood, the test ends there, and every
other node keeps its place.
"""

from __future__ import annotations

import ast
import re
from bisect import bisect_right

from archbook.application.code_facts.tree_reading import FunctionNode

# A test function's ``def`` up to its opening bracket, indented with spaces only.
_TEST_DEF = re.compile(r"^( *)(?:async[ \t]+)?def[ \t]+test\w*[ \t]*\(", re.M)
# The start of a line of code at the top of the module (a comment is none).
_TOP_LINE = re.compile(r"^[^ \t\r\n#]", re.M)
_TEST_CLASS = re.compile(r"class[ \t]+Test\w*[ \t]*[(:]")
# What may start the line after a body only if that body's last line went on there:
# a closing bracket, or a string at the margin after a backslash.
_CONTINUED = ")]}\"'"
_TRIPLE_QUOTES = ('"""', "'''")


def blank_test_bodies(text: str) -> str:
    """``text`` with the body of each test function of more than one line replaced by
    ``pass`` where its first statement starts, and blank lines after it, so the file
    keeps its line count. A body is left as written wherever that could change what
    the rest of the file means — a string or bracket still open at its last line, a
    signature with strings in it, tabs — so the text may still fail to parse only where
    the original does too, or where the caller parses the original instead."""
    tops = [match.start() for match in _TOP_LINE.finditer(text)]
    quotes = [_all(text, mark) for mark in _TRIPLE_QUOTES]
    pieces: list[str] = []
    done = 0
    for match in _TEST_DEF.finditer(text):
        if match.start() < done or any(bisect_right(q, match.start()) % 2 for q in quotes):
            continue  # inside a body blanked already, or maybe inside a string
        indent = len(match.group(1))
        if indent and not _in_test_class(text, tops, match.start(), indent):
            continue
        body = _body(text, match.end(), indent)
        if body is None:
            continue
        first, code, end = body
        pieces += [text[done:first], " " * code, "pass", "\n" * text.count("\n", first, end)]
        done = end
    if not pieces:
        return text
    pieces.append(text[done:])
    return "".join(pieces)


def drop_test_bodies(tree: ast.Module) -> None:
    """Empty the bodies of a test file's test functions in ``tree`` (those
    ``blank_test_bodies`` left, or all of a tree parsed from the whole text). A test
    ends where its stand-in does, and a ``Test*`` class where its last statement does,
    as they would if the text had been blanked."""
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
            for item in node.body:
                _empty(item)
            node.end_lineno = node.body[-1].end_lineno
            node.end_col_offset = node.body[-1].end_col_offset
        else:
            _empty(node)


def _empty(node: ast.stmt) -> None:
    """A test function's body replaced by ``pass`` where its first statement stood."""
    if isinstance(node, FunctionNode) and node.name.startswith("test"):
        line, column = node.body[0].lineno, node.body[0].col_offset
        node.body = [ast.Pass(lineno=line, col_offset=column)]
        node.end_lineno = node.body[0].end_lineno = line
        node.end_col_offset = node.body[0].end_col_offset = column + len("pass")


def _all(text: str, mark: str) -> list[int]:
    """Where ``mark`` occurs in ``text``, left to right without overlaps."""
    found: list[int] = []
    position = text.find(mark)
    while position >= 0:
        found.append(position)
        position = text.find(mark, position + len(mark))
    return found


def _in_test_class(text: str, tops: list[int], start: int, indent: int) -> bool:
    """Whether the ``def`` at ``start`` is a method of a top-level ``Test*`` class: the
    last line of code at the top before it opens one, and it is indented as that
    class's first line of code."""
    index = bisect_right(tops, start) - 1
    if index < 0 or not _TEST_CLASS.match(text, tops[index]):
        return False
    after = text.find("\n", tops[index]) + 1
    first = _next_code_line(text, after, len(text))
    return first is not None and first[1] == indent


def _body(text: str, opened: int, indent: int) -> tuple[int, int, int] | None:
    """(where the body's first line starts, that line's indentation, where the body
    ends) for the ``def`` whose bracket opens before ``opened`` and indented by
    ``indent``; None where blanking it could change the rest of the file."""
    colon = _signature_end(text, opened)
    if colon is None:
        return None
    line_end = text.find("\n", colon)
    rest = text[colon + 1 : line_end].strip(" \r") if line_end >= 0 else "code"
    if rest and not rest.startswith("#"):
        return None  # the body is on the signature's line
    end = _outdent(text, line_end + 1, indent)
    first = _next_code_line(text, line_end + 1, end)
    if first is None or text.startswith("@", first[0] + first[1]):
        return None  # a decorated statement starts at its ``def``, not here
    region = text[first[0] : end]
    if any(region.count(mark) % 2 for mark in _TRIPLE_QUOTES) or "\t" in region:
        return None
    if any(region.count(o) != region.count(c) for o, c in ("()", "[]", "{}")):
        return None
    if end < len(text) and (text[end] in _CONTINUED or region.rstrip("\r\n").endswith("\\")):
        return None
    return first[0], first[1], end


def _signature_end(text: str, opened: int) -> int | None:
    """The position of the colon ending a signature whose bracket opens just before
    ``opened``; None where a string or comment could hide a bracket or a colon, or
    where the return annotation goes on over lines."""
    depth = 1
    position = opened
    while depth:
        close = text.find(")", position)
        if close < 0:
            return None
        depth += text.count("(", position, close) - 1
        position = close + 1
    colon = text.find(":", position)
    if colon < 0 or "\n" in text[position:colon]:
        return None
    if any(mark in text[opened:colon] for mark in ("'", '"', "#")):
        return None
    return colon


def _outdent(text: str, start: int, indent: int) -> int:
    """Where the first line of code indented by ``indent`` or less starts after
    ``start`` (the end of the text when none does)."""
    pattern = _OUTDENTS.get(indent)
    if pattern is None:
        pattern = _OUTDENTS[indent] = re.compile(rf"^ {{0,{indent}}}[^ \t\r\n#]", re.M)
    found = pattern.search(text, start)
    return found.start() if found else len(text)


_OUTDENTS: dict[int, re.Pattern[str]] = {}


def _next_code_line(text: str, start: int, end: int) -> tuple[int, int] | None:
    """(start, indentation) of the first line of code between ``start`` and ``end``."""
    position = start
    while position < end:
        line_end = text.find("\n", position)
        line_end = end if line_end < 0 or line_end > end else line_end
        stripped = text[position:line_end].lstrip(" ")
        if stripped.strip() and not stripped.startswith("#"):
            return position, line_end - position - len(stripped)
        position = line_end + 1
    return None
