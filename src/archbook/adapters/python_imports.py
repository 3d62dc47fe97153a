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
    line_no = 1
    last_pos = 0
    previous = -1
    rfind, from_prefix, simple_match = text.rfind, _FROM_PREFIX.match, _SIMPLE.match
    for candidate in _CANDIDATE.finditer(text):
        pos = candidate.start()
        line_start = rfind("\n", 0, pos) + 1
        if line_start > 1 and _ends_with_backslash(text, line_start - 1):
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
            type_checking, in_function = _context(text, start, indent, strings)
        simple = simple_match(text, start + len(indent))
        if simple is not None:
            quick = _simple_statements(simple.group(0), line_no, type_checking, in_function)
            if quick is not None:
                found.extend(quick)
                continue
        statement = _statement_text(text, start + len(indent))
        try:
            found.extend(_parse(statement, line_no, type_checking, in_function))
        except ImportSyntaxError as error:
            problems.append(error)
    return tuple(found), problems


def _simple_statements(
    line: str, number: int, type_checking: bool, in_function: bool
) -> list[ImportStatement] | None:
    """The statements of a one-line import without parentheses, continuations or
    semicolons — most imports — or None to take the careful path.

    The same lines recur across a repository's files, so their reading is memoised.
    """
    if line in _SIMPLE_MEMO:
        parts = _SIMPLE_MEMO[line]
    else:
        parts = _read_simple(line)
        if len(_SIMPLE_MEMO) >= _SIMPLE_MEMO_SIZE:
            _SIMPLE_MEMO.clear()
        _SIMPLE_MEMO[line] = parts
    if parts is None:
        return None
    make = tuple.__new__
    return [
        make(ImportStatement, (target, level, names, number, text, type_checking, in_function))
        for target, level, names, text in parts
    ]


def _read_simple(line: str) -> tuple[tuple[str, int, tuple[str, ...], str], ...] | None:
    match = _SIMPLE.match(line)
    if match is None:  # pragma: no cover - ``line`` is a match of _SIMPLE already
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
        self._next = {'"""': text.find('"""'), "'''": text.find("'''")}
        self._opener: str | None = None
        self._scanned = 0

    def inside(self, pos: int) -> bool:
        while self._scanned <= pos and self._advance():
            pass
        return bisect.bisect_right(self._spans, pos) % 2 == 1

    def _advance(self) -> bool:
        text, upcoming = self._text, self._next
        if self._opener is None:
            found = [(where, quote) for quote, where in upcoming.items() if where >= 0]
            if not found:
                self._scanned = len(text) + 1
                return False
            where, quote = min(found)
            if _not_an_opener(text, where, self._spans[-1] if self._spans else 0):
                self._scanned = where + 3
                upcoming[quote] = text.find(quote, where + 3)
                return True
            self._opener = quote
            self._spans.append(where)
        else:
            quote = self._opener
            where = upcoming[quote]
            while where > 0 and _escaped(text, where):
                where = text.find(quote, where + 1)
            if where < 0:
                self._spans.append(len(text) + 1)
                self._scanned = len(text) + 1
                return False
            self._opener = None
            self._spans.append(where + 3)
        self._scanned = where + 3
        for other, at in upcoming.items():
            if 0 <= at < self._scanned:
                upcoming[other] = text.find(other, self._scanned)
        return True


def _not_an_opener(text: str, where: int, after: int) -> bool:
    """True for triple quotes inside a one-line string (``"\'\'\'"``) or a comment.

    Reads the line up to ``where`` (from ``after``, the end of the last triple-quoted
    string, when that ends on this line), following one-line strings and escapes.
    """
    pos = max(text.rfind("\n", 0, where) + 1, after)
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


def _context(text: str, start: int, indent_text: str, strings: _TripleQuotes) -> tuple[bool, bool]:
    """Whether an indented import sits under ``if TYPE_CHECKING`` and/or in a function.

    Walks up the lines above it: each less-indented code line is an enclosing block
    header, up to the module level.
    """
    type_checking = False
    indent = _width(indent_text)
    end = start - 1
    while end > 0 and indent > 0:
        line_start = text.rfind("\n", 0, end) + 1
        if line_start == end or text.startswith(indent_text, line_start):
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
        if code.startswith(("def ", "async def", "def\t")):
            return type_checking, True
        header = _IF_TYPE_CHECKING.match(code)
        if header is not None:
            type_checking = True
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
