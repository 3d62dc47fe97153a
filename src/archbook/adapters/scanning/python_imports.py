"""Fast extraction of import statements from Python source text.

Parsing whole files is nearly all the cost of an import scan, so this reads only
the statements that start with ``import``/``from`` on their own line, skips those
inside triple-quoted strings, follows parenthesised and backslash-continued
statements, and finds the enclosing block (function, ``if TYPE_CHECKING``) only
for indented imports.
"""

from __future__ import annotations

import bisect
import re

from archbook.domain.source import ImportStatement

_SIMPLE = re.compile(
    r"(?:from[ \t]+(?P<dots>\.*)(?P<module>[\w.]*)[ \t]+import[ \t]+(?P<names>[\w \t,]+)"
    r"|import[ \t]+(?P<modules>[\w. \t,]+))[ \t]*(?:#[^\n]*)?(?=\n|\Z)"
)
_AFTER_IMPORT = frozenset((" ", "\t", "\\", "(", "\n", "\r", ""))
# An ``import`` keyword candidate: followed by what may follow the keyword.
_CANDIDATE = re.compile(r"import(?=[ \t\\(\n\r]|\Z)")
_SIMPLE_MEMO: dict[str, tuple[tuple[str, int, tuple[str, ...], str], ...] | None] = {}
_SIMPLE_MEMO_SIZE = 50_000
# What may precede the ``import`` keyword of a statement: a blank, a dot
# (``from .import x``), a newline, or the backslash-newline of a continued line.
_BEFORE_IMPORT = frozenset(" \t\n.")
_FROM_PREFIX = re.compile(r"from[ \t]+(?:\.*[ \t]*[\w. \t]*[ \t])?\Z|from[ \t]+\.+\Z")
_IF_TYPE_CHECKING = re.compile(r"(?:el)?if[ \t(]+(?:[\w.]+\.)?TYPE_CHECKING\b[ \t)]*:")
_DOTTED = re.compile(r"[^\W\d]\w*(?:[ \t]*\.[ \t]*[^\W\d]\w*)*\Z")
_FROM = re.compile(
    r"from[ \t]+(\.*)[ \t]*([\w. \t]*?)(?:[ \t]+|(?<=\.))import(?:[ \t]+|(?=\())(.*)\Z", re.S
)
_IMPORT = re.compile(r"import[ \t]+(.*)\Z", re.S)
_BACKSLASH_NEWLINE = re.compile(r"\\\r?\n")


class ImportSyntaxError(ValueError):
    """An import statement that cannot be read; carries its 1-based line."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line


def extract_imports(text: str) -> tuple[tuple[ImportStatement, ...], list[ImportSyntaxError]]:
    """Every import statement of ``text`` and the statements that could not be read."""
    found: list[ImportStatement] = []
    problems: list[ImportSyntaxError] = []
    strings = _TripleQuotes(text)
    contexts: dict[int, tuple[str, tuple[bool, bool]]] = {}
    line_no = 1
    last_pos = 0
    previous = -1
    end = len(text)
    rfind, find, from_prefix = text.rfind, text.find, _FROM_PREFIX.match
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
            and _ends_with_backslash(text, line_start - 1)
        ):
            start, indent = _statement_start(text, pos)
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
        if start <= previous or strings.inside(start):
            continue
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
        statement = _statement_text(text, code_start)
        try:
            found.extend(_parse(statement, line_no, type_checking, in_function))
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


def _statement_start(text: str, pos: int) -> tuple[int, str]:
    """Start of the line when ``import`` at ``pos`` begins an import statement, else -1.

    A line continued by backslashes from lines above (``from x \\`` then ``import y``)
    starts where the first of those lines starts.
    """
    after = text[pos + 6 : pos + 7]
    if after not in _AFTER_IMPORT:
        return -1, ""
    line_start = text.rfind("\n", 0, pos) + 1
    if line_start > 1 and _ends_with_backslash(text, line_start - 1):
        first = line_start
        while first > 1 and _ends_with_backslash(text, first - 1):
            first = text.rfind("\n", 0, first - 1) + 1
        joined = _BACKSLASH_NEWLINE.sub(" ", text[first:pos])
        code = joined.lstrip(" \t")
        if not code or _FROM_PREFIX.match(code):
            return first, joined[: len(joined) - len(code)]
    prefix = text[line_start:pos]
    stripped = prefix.lstrip(" \t")
    if stripped and not _FROM_PREFIX.match(stripped):
        return -1, ""
    return line_start, prefix[: len(prefix) - len(stripped)]


def _ends_with_backslash(text: str, newline: int) -> bool:
    """Whether the line ending at the newline at ``newline`` ends with a backslash."""
    end = newline - 1 if text[newline - 1] == "\r" else newline
    return end > 0 and text[end - 1] == "\\"


class _TripleQuotes:
    """Answers "is this position inside a triple-quoted string?" for ascending positions.

    Triple quotes are paired lazily, only as far into the text as asked, so a file
    whose imports all sit at the top costs a scan of its top.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._spans: list[int] = []
        # where the next '\"\"\"' and the next "\'\'\'" are, at or after ``_scanned``
        self._double = text.find('"""')
        self._single = text.find("'''")
        self._opener: str | None = None
        self._scanned = 0

    def inside(self, pos: int) -> bool:
        if self._scanned <= pos:
            while self._advance() and self._scanned <= pos:
                pass
        return bisect.bisect_right(self._spans, pos) % 2 == 1

    def _advance(self) -> bool:
        text, spans = self._text, self._spans
        if self._opener is None:
            double, single = self._double, self._single
            if single < 0 or 0 <= double < single:
                where, quote = double, '"""'
            else:
                where, quote = single, "'''"
            if where < 0:
                self._scanned = len(text) + 1
                return False
            if _not_an_opener(text, where, spans[-1] if spans else 0):
                self._scanned = where + 3
                if quote == '"""':
                    self._double = text.find(quote, where + 3)
                else:
                    self._single = text.find(quote, where + 3)
                return True
            self._opener = quote
            spans.append(where)
        else:
            quote = self._opener
            where = text.find(quote, self._scanned)
            while where > 0 and _escaped(text, where):
                where = text.find(quote, where + 1)
            if where < 0:
                spans.append(len(text) + 1)
                self._scanned = len(text) + 1
                return False
            self._opener = None
            spans.append(where + 3)
        scanned = self._scanned = where + 3
        if 0 <= self._double < scanned:
            self._double = text.find('"""', scanned)
        if 0 <= self._single < scanned:
            self._single = text.find("'''", scanned)
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


def _statement_text(text: str, start: int) -> str:
    """The code of the statement starting at ``start``: continuations joined, comments cut."""
    end = text.find("\n", start)
    if end < 0:
        end = len(text)
    code = text[start:end].split("#", 1)[0]
    parts = [code]
    depth = code.count("(") - code.count(")")
    while end < len(text):
        stripped = code.rstrip()
        if stripped.endswith("\\"):
            parts[-1] = stripped[:-1]
        elif depth <= 0:
            break
        next_end = text.find("\n", end + 1)
        if next_end < 0:
            next_end = len(text)
        code = text[end + 1 : next_end].split("#", 1)[0]
        parts.append(code)
        depth += code.count("(") - code.count(")")
        end = next_end
    return " ".join(parts)


def _parse(
    statement: str, line: int, type_checking: bool, in_function: bool
) -> list[ImportStatement]:
    results: list[ImportStatement] = []
    for piece in statement.split(";"):
        piece = piece.strip()
        if not piece:
            continue
        if not piece.startswith(("import", "from")):
            break
        results.extend(_parse_one(piece, line, type_checking, in_function))
    return results


def _parse_one(
    piece: str, line: int, type_checking: bool, in_function: bool
) -> list[ImportStatement]:
    text = " ".join(piece.split())
    if piece.startswith("from"):
        match = _FROM.match(piece)
        if match is None:
            raise ImportSyntaxError(line, f"cannot read import statement: {text[:80]}")
        dots, module, names_text = match.groups()
        module = "".join(module.split())
        if module and not _DOTTED.match(module):
            raise ImportSyntaxError(line, f"bad module name in: {text[:80]}")
        if not dots and not module:
            raise ImportSyntaxError(line, f"missing module in: {text[:80]}")
        names = _names(names_text, line, text, allow_parens=True)
        return [ImportStatement(module, len(dots), names, line, text, type_checking, in_function)]
    match = _IMPORT.match(piece)
    if match is None:
        raise ImportSyntaxError(line, f"cannot read import statement: {text[:80]}")
    return [
        ImportStatement(name, 0, (), line, text, type_checking, in_function)
        for name in _names(match.group(1), line, text, allow_parens=False, dotted=True)
    ]


def _names(
    names_text: str, line: int, text: str, *, allow_parens: bool, dotted: bool = False
) -> tuple[str, ...]:
    body = names_text.strip()
    if allow_parens and body.startswith("("):
        if not body.endswith(")"):
            raise ImportSyntaxError(line, f"unclosed parenthesis in: {text[:80]}")
        body = body[1:-1]
    names = []
    for item in body.split(","):
        item = item.strip()
        if not item:
            continue
        name = item.split(" as ", 1)[0].strip() if " as " in item else item
        valid = name.isidentifier()
        if not valid and dotted:
            valid = _DOTTED.match(name) is not None
            name = "".join(name.split())
        elif not valid:
            valid = name == "*"
        if not valid:
            raise ImportSyntaxError(line, f"bad name {name!r} in: {text[:80]}")
        names.append(name)
    if not names:
        raise ImportSyntaxError(line, f"nothing imported in: {text[:80]}")
    return tuple(names)
