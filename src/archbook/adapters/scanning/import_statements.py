"""Import statements the extractor's fast path leaves to careful reading: those
continued by backslashes from the lines above, parenthesised or continued below, or
several on a line with semicolons. Apart from ``python_imports`` because they are
rare: the one-line statements most files hold never reach this module, and a
statement that cannot be read here becomes an :class:`ImportSyntaxError`."""

from __future__ import annotations

import re

from archbook.domain.source import ImportStatement

_AFTER_IMPORT = frozenset((" ", "\t", "\\", "(", "\n", "\r", ""))
FROM_PREFIX = re.compile(r"from[ \t]+(?:\.*[ \t]*[\w. \t]*[ \t])?\Z|from[ \t]+\.+\Z")
_BACKSLASH_NEWLINE = re.compile(r"\\\r?\n")
_FROM = re.compile(
    r"from[ \t]+(\.*)[ \t]*([\w. \t]*?)(?:[ \t]+|(?<=\.))import(?:[ \t]+|(?=\())(.*)\Z", re.S
)
_IMPORT = re.compile(r"import[ \t]+(.*)\Z", re.S)
_DOTTED = re.compile(r"[^\W\d]\w*(?:[ \t]*\.[ \t]*[^\W\d]\w*)*\Z")


class ImportSyntaxError(ValueError):
    """An import statement that cannot be read; carries its 1-based line."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line


def statement_start(text: str, pos: int) -> tuple[int, str]:
    """Start of the line when ``import`` at ``pos`` begins an import statement, else -1.

    A line continued by backslashes from lines above (``from x \\`` then ``import y``)
    starts where the first of those lines starts.
    """
    after = text[pos + 6 : pos + 7]
    if after not in _AFTER_IMPORT:
        return -1, ""
    line_start = text.rfind("\n", 0, pos) + 1
    if line_start > 1 and ends_with_backslash(text, line_start - 1):
        first = line_start
        while first > 1 and ends_with_backslash(text, first - 1):
            first = text.rfind("\n", 0, first - 1) + 1
        joined = _BACKSLASH_NEWLINE.sub(" ", text[first:pos])
        code = joined.lstrip(" \t")
        if not code or FROM_PREFIX.match(code):
            return first, joined[: len(joined) - len(code)]
    prefix = text[line_start:pos]
    stripped = prefix.lstrip(" \t")
    if stripped and not FROM_PREFIX.match(stripped):
        return -1, ""
    return line_start, prefix[: len(prefix) - len(stripped)]


def ends_with_backslash(text: str, newline: int) -> bool:
    """Whether the line ending at the newline at ``newline`` ends with a backslash."""
    end = newline - 1 if text[newline - 1] == "\r" else newline
    return end > 0 and text[end - 1] == "\\"


def statement_text(text: str, start: int) -> str:
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


def parse_statement(
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
