"""Fast extraction of import statements from Python source text.

Parsing whole files is nearly all the cost of an import scan, so this reads only
the statements that start with ``import``/``from`` on their own line, skips those
inside triple-quoted strings, follows parenthesised and backslash-continued
statements (read by ``import_statements``), and finds the enclosing block
(function, ``if TYPE_CHECKING``) only for indented imports.
"""

from __future__ import annotations

import bisect
import re

from archbook.adapters.scanning.import_statements import (
    FROM_PREFIX,
    ImportSyntaxError,
    ends_with_backslash,
    parse_statement,
    statement_start,
    statement_text,
)
from archbook.domain.source import ImportStatement

_SIMPLE = re.compile(
    r"(?:from[ \t]+(?P<dots>\.*)(?P<module>[\w.]*)[ \t]+import[ \t]+(?P<names>[\w \t,]+)"
    r"|import[ \t]+(?P<modules>[\w. \t,]+))[ \t]*(?:#[^\n]*)?(?=\n|\Z)"
)
# An ``import`` keyword candidate: followed by what may follow the keyword.
_CANDIDATE = re.compile(r"import(?=[ \t\\(\n\r]|\Z)")
_SIMPLE_MEMO: dict[str, tuple[tuple[str, int, tuple[str, ...], str], ...] | None] = {}
_SIMPLE_MEMO_SIZE = 50_000
# What may precede the ``import`` keyword of a statement: a blank, a dot
# (``from .import x``), a newline, or the backslash-newline of a continued line.
_BEFORE_IMPORT = frozenset(" \t\n.")
_UNKNOWN = -2
_IF_TYPE_CHECKING = re.compile(r"(?:el)?if[ \t(]+(?:[\w.]+\.)?TYPE_CHECKING\b[ \t)]*:")


def extract_imports(text: str) -> tuple[tuple[ImportStatement, ...], list[ImportSyntaxError]]:
    """Every import statement of ``text`` and the statements that could not be read."""
    found: list[ImportStatement] = []
    problems: list[ImportSyntaxError] = []
    strings = _TripleQuotes(text)
    contexts: dict[int, tuple[str, tuple[bool, bool]]] = {}
    line_no = 1
    last_pos = 0
    previous = -1
    outside_until = -1
    end = len(text)
    rfind, find, from_prefix = text.rfind, text.find, FROM_PREFIX.match
    memo, make, add = _SIMPLE_MEMO, tuple.__new__, found.append
    for candidate in _CANDIDATE.finditer(text):
        pos = candidate.start()
        # what precedes ``import`` in a statement ends with a blank, a dot or a newline
        if pos and text[pos - 1] not in _BEFORE_IMPORT:
            continue
        line_start = rfind("\n", 0, pos) + 1
        if (
            line_start > 1
            and text[line_start - 2] in "\\\r"
            and ends_with_backslash(text, line_start - 1)
        ):
            start, indent = statement_start(text, pos)
        else:
            # the common case, inlined: no continuation from the line above
            indent = text[line_start:pos]
            stripped = indent.lstrip(" \t")
            if stripped:
                if from_prefix(stripped) is None:
                    continue
                indent = indent[: len(indent) - len(stripped)]
            start = line_start
        # start <= previous: not a statement (-1), or a second `import` of the same one
        if start <= previous:
            continue
        # most imports follow the module docstring and precede the next triple quote:
        # below ``outside_until`` a position is known to be outside every string
        if start >= outside_until:
            if strings.inside(start):
                continue
            outside_until = strings.outside_until
        previous = start
        line_no += text.count("\n", last_pos, start)
        last_pos = start
        type_checking = in_function = False
        if indent:
            type_checking, in_function = _context(text, start, indent, strings, contexts)
        code_start = start + len(indent)
        line_end = find("\n", code_start)
        line = text[code_start : line_end if line_end >= 0 else end]
        # one-line imports without parentheses, continuations or semicolons — most
        # imports — recur across a repository's files: their reading is memoised
        parts = memo.get(line)
        if parts is None and line not in memo:
            parts = _read_simple(line)
            if len(memo) >= _SIMPLE_MEMO_SIZE:
                memo.clear()
            memo[line] = parts
        if parts is not None:
            for target, level, names, statement in parts:
                add(
                    make(
                        ImportStatement,
                        (target, level, names, line_no, statement, type_checking, in_function),
                    )
                )
            continue
        statement = statement_text(text, code_start)
        try:
            found.extend(parse_statement(statement, line_no, type_checking, in_function))
        except ImportSyntaxError as error:
            problems.append(error)
    return tuple(found), problems


def _read_simple(line: str) -> tuple[tuple[str, int, tuple[str, ...], str], ...] | None:
    """The statements of a one-line import (``line``: from its keyword to the end of
    its line) without parentheses, continuations or semicolons, or None to take the
    careful path."""
    match = _SIMPLE.fullmatch(line)
    if match is None:
        return None
    code = line.split("#", 1)[0]
    text = " ".join(code.split())
    modules = match.group("modules")
    if modules is not None:
        names = []
        for item in modules.split(","):
            name = item.split(" as ", 1)[0].strip()
            if not name or not all(part.isidentifier() for part in name.split(".")):
                return None
            names.append(name)
        return tuple((name, 0, (), text) for name in names)
    imported = []
    for item in match.group("names").split(","):
        name = item.split(" as ", 1)[0].strip()
        if not name.isidentifier():
            return None
        imported.append(name)
    module = match.group("module")
    if module and not all(part.isidentifier() for part in module.split(".")):
        return None
    dots = match.group("dots")
    if not dots and not module:
        return None
    return ((module, len(dots), tuple(imported), text),)


class _TripleQuotes:
    """Answers "is this position inside a triple-quoted string?" for ascending positions.

    Triple quotes are paired lazily, only as far into the text as asked, so a file
    whose imports all sit at the top costs a scan of its top.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._spans: list[int] = []
        self._scanned = 0  # every triple quote before is paired
        # the next '"""' at or after ``_scanned`` when that is not before, -1 for none
        self._double = _UNKNOWN
        self.outside_until = 0  # see ``inside``

    def inside(self, pos: int) -> bool:
        """Whether ``pos`` is inside a triple-quoted string. When it is not,
        ``outside_until`` is where the next one starts (or where pairing stopped): every
        position from ``pos`` up to there is outside too."""
        if self._scanned <= pos:
            while self._advance() and self._scanned <= pos:
                pass
        spans = self._spans
        index = bisect.bisect_right(spans, pos)
        if index % 2 == 1:
            return True
        self.outside_until = spans[index] if index < len(spans) else self._scanned
        return False

    def _advance(self) -> bool:
        """Pair the next triple quote at or after ``_scanned`` with its closing one;
        False at the end of the text."""
        text, spans, scanned = self._text, self._spans, self._scanned
        where, quote = self._double, '"""'
        if 0 <= where < scanned or where == _UNKNOWN:
            where = self._double = text.find(quote, scanned)
        # most files hold no ''' at all: it is looked for only up to the next """
        single = text.find("'''", scanned, where if where >= 0 else len(text))
        if single >= 0:
            where, quote = single, "'''"
        if where < 0:
            self._scanned = len(text) + 1
            return False
        if _not_an_opener(text, where, spans[-1] if spans else 0):
            self._scanned = where + 3
            return True
        spans.append(where)
        close = text.find(quote, where + 3)
        while close > 0 and _escaped(text, close):
            close = text.find(quote, close + 1)
        if close < 0:
            spans.append(len(text) + 1)
            self._scanned = len(text) + 1
            return False
        spans.append(close + 3)
        self._scanned = close + 3
        return True


def _not_an_opener(text: str, where: int, after: int) -> bool:
    """True for triple quotes inside a one-line string (``"\'\'\'"``) or a comment.

    Reads the line up to ``where`` (from ``after``, the end of the last triple-quoted
    string, when that ends on this line), following one-line strings and escapes.
    """
    pos = max(text.rfind("\n", 0, where) + 1, after)
    before = text[pos:where]
    if "#" not in before and "'" not in before and '"' not in before:
        return False  # the common case: the quotes open a docstring
    quote = ""
    while pos < where:
        char = text[pos]
        if quote:
            if char == "\\":
                pos += 1
            elif char == quote:
                quote = ""
        elif char == "#":
            return True
        elif char in "'\"":
            quote = char
        pos += 1
    return bool(quote)


def _escaped(text: str, where: int) -> bool:
    """Whether the character at ``where`` follows an odd run of backslashes."""
    start = where
    while start > 0 and text[start - 1] == "\\":
        start -= 1
    return (where - start) % 2 == 1


def _context(
    text: str,
    start: int,
    indent_text: str,
    strings: _TripleQuotes,
    known: dict[int, tuple[str, tuple[bool, bool]]],
) -> tuple[bool, bool]:
    """Whether an indented import sits under ``if TYPE_CHECKING`` and/or in a function.

    Walks up the lines above it: each less-indented code line is an enclosing block
    header, up to the module level. ``known`` holds the answers for the indented
    imports above (start → indent, answer): reaching one with the same indent before
    any header, the walk would go on exactly as that import's did, so its answer is
    this one's too (imports often come several to a function).
    """
    type_checking = False
    indent = _width(indent_text)
    first_indent = indent_text
    header_met = False
    end = start - 1
    while end > 0 and indent > 0:
        line_start = text.rfind("\n", 0, end) + 1
        if line_start == end:
            end = line_start - 1
            continue
        if text.startswith(indent_text, line_start):
            if not header_met:
                above = known.get(line_start)
                if above is not None and above[0] == indent_text:
                    known[start] = above
                    return above[1]
            end = line_start - 1
            continue
        line = text[line_start:end]
        end = line_start - 1
        code = line.lstrip(" \t")
        if not code or code.startswith(("#", ")", "]", "}")):
            continue
        width = _width(line[: len(line) - len(code)])
        if width >= indent or strings.inside(line_start):
            continue
        indent = width
        indent_text = line[: len(line) - len(code)]
        header_met = True
        if code.startswith(("def ", "async def", "def\t")):
            known[start] = (first_indent, (type_checking, True))
            return type_checking, True
        header = _IF_TYPE_CHECKING.match(code)
        if header is not None:
            type_checking = True
    known[start] = (first_indent, (type_checking, False))
    return type_checking, False


def _width(indent: str) -> int:
    return len(indent.expandtabs(8))
