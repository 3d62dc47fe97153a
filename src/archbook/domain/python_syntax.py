"""Parse a target's Python 3.8-3.14 source whatever Python archbook itself runs on.

archbook keeps the standard ``ast`` (every fact is read from it) and, only when the
running interpreter rejects a file, rewrites the newer syntax into older syntax that
means the same to a static reader, keeping every line where it was:

- PEP 695 type parameters (``class A[T: X](B)``, ``def f[T](x: T)``) are blanked
  to spaces: bases, arguments and annotations stay, the parameter list goes;
- PEP 695 ``type X[T] = v`` becomes ``X = v`` with the value at its column;
- PEP 758 ``except A, B:`` (3.14) becomes ``except (A, B):``;
- PEP 701 f-strings that reuse their own quote inside ``{}`` get the other quote;
  comments, and strings holding a backslash, inside their ``{}`` are blanked; a
  one-quote f-string whose ``{}`` spans lines gets triple quotes;
- PEP 750 template strings (``t"..."``, 3.14) are read as f-strings.

A file that still fails is reported with the running interpreter's own message.
Rewriting on failure only costs nothing for files the running Python accepts, and a
separate grammar would have to be kept in step with every release by hand.
"""

from __future__ import annotations

import ast
import re
import warnings
from collections.abc import Iterator
from typing import Any

_OPEN, _CLOSE = "([{", ")]}"
_TYPE_PARAMS = re.compile(r"\b(class|def)([ \t]+[^\W\d]\w*)[ \t]*\[")
_TYPE_ALIAS = re.compile(r"(?m)^([ \t]*)type([ \t]+)([^\W\d]\w*)[ \t]*(\[)?")
_EXCEPT = re.compile(r"(?m)^([ \t]*)except(\*?)[ \t]+(?!\()")
_PREFIX = set("rRbBuUfFtT")
# Where a comment or a string may start, and where a string's scan must look again
# (a backslash, its quote, a line end, and a replacement field's brace): every other
# character is skipped by the regular expression, not one by one.
_LITERAL_START = re.compile(r"[#'\"]")
_STRING_STOPS = {
    (quote, formatted): re.compile(r"[\\\n" + quote + ("{" if formatted else "") + "]")
    for quote in "'\""
    for formatted in (False, True)
}
# Python 3.12+ parses PEP 695 natively; its nodes are turned into those the rewrite
# gives older Pythons, so every fact is the same whatever Python runs archbook.
_NATIVE_ALIAS: type[ast.AST] | None = getattr(ast, "TypeAlias", None)
_GENERIC_DEFS = (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)


def parse_python(text: str, filename: str = "<target>") -> ast.Module:
    """The module's AST; newer syntax is rewritten first when this Python rejects it.

    Raises the running interpreter's ``SyntaxError`` when the file is not valid in
    any supported version either.
    """
    try:
        tree = _parse(text, filename)
    except SyntaxError as error:
        rewritten = rewrite_newer_syntax(text)
        if rewritten == text:
            raise
        try:
            return _parse(rewritten, filename)
        except SyntaxError:
            raise error from None
    if _NATIVE_ALIAS is not None and (_TYPE_ALIAS.search(text) or _TYPE_PARAMS.search(text)):
        _as_older_syntax(tree)
    return tree


def rewrite_newer_syntax(text: str) -> str:
    """``text`` with PEP 695/701/750/758 syntax turned into older syntax, line for line."""
    text = _requote_fstrings(text)
    mask = _code_mask(text)
    chars = list(text)
    for match in _TYPE_PARAMS.finditer(mask):
        _blank_brackets(chars, mask, match.end() - 1)
    for match in _TYPE_ALIAS.finditer(mask):
        _rewrite_alias(chars, mask, match)
    for match in _EXCEPT.finditer(mask):
        _parenthesize_except(chars, mask, match.end())
    return "".join(chars)


def _parse(text: str, filename: str) -> ast.Module:
    # the target's warnings (invalid escapes...) are not ours to show
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ast.parse(text, filename=filename)


def _as_older_syntax(tree: ast.Module) -> None:
    """What a Python 3.12+ parse of PEP 695 gives, as the rewrite gives it older
    Pythons: ``type X = v`` an assignment ``X = v`` (the name where ``type`` stood),
    and classes and functions without type parameters."""
    alias: Any = _NATIVE_ALIAS
    for node in ast.walk(tree):
        if isinstance(node, _GENERIC_DEFS) and getattr(node, "type_params", None):
            setattr(node, "type_params", [])  # noqa: B010 - a 3.12+ field
        for field, value in ast.iter_fields(node):
            if isinstance(value, list) and any(isinstance(item, alias) for item in value):
                older = [_assignment(i) if isinstance(i, alias) else i for i in value]
                setattr(node, field, older)


def _assignment(alias: Any) -> ast.Assign:
    name: str = alias.name.id
    line, column = alias.lineno, alias.col_offset
    target = ast.Name(
        id=name,
        ctx=ast.Store(),
        lineno=line,
        col_offset=column,
        end_lineno=line,
        end_col_offset=column + len(name),
    )
    return ast.Assign(
        targets=[target],
        value=alias.value,
        type_comment=None,
        lineno=line,
        col_offset=column,
        end_lineno=alias.end_lineno,
        end_col_offset=alias.end_col_offset,
    )


def _blank_brackets(chars: list[str], mask: str, start: int) -> int:
    """Blank ``[...]`` from ``start``; a newline inside becomes a continuation."""
    end = _matching(mask, start)
    for index in range(start, end + 1):
        if chars[index] == "\n":
            chars[index - 1] = "\\" if index > start else chars[index - 1]
        elif chars[index] != "\r":
            chars[index] = " "
    return end


def _rewrite_alias(chars: list[str], mask: str, match: re.Match[str]) -> None:
    """``type X[T] = v`` → ``X         = v``: same indent, the value stays put."""
    indent, name = match.group(1), match.group(3)
    after = match.end()
    if match.group(4):
        after = _matching(mask, match.end() - 1) + 1
    rest = mask[after:].lstrip(" \t")
    if not rest.startswith("=") or rest.startswith("=="):
        return
    start = match.start() + len(indent)
    width = after - start
    replacement = name.ljust(width)
    chars[start : start + width] = list(replacement)


def _parenthesize_except(chars: list[str], mask: str, start: int) -> None:
    """``except A, B:`` → ``except (A, B):`` when a bare comma list precedes ``:``."""
    depth, index = 0, start
    comma = False
    while index < len(mask) and mask[index] != "\n":
        char = mask[index]
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth -= 1
        elif depth == 0 and char == ",":
            comma = True
        elif depth == 0 and (char == ":" or mask.startswith(" as ", index)):
            break
        index += 1
    if not comma or index >= len(mask) or mask[index] == "\n":
        return
    end = index
    while end > start and chars[end - 1] in " \t":
        end -= 1
    chars[start] = "(" + chars[start]
    chars[end - 1] = chars[end - 1] + ")"


def _matching(mask: str, start: int) -> int:
    depth = 0
    for index in range(start, len(mask)):
        if mask[index] in _OPEN:
            depth += 1
        elif mask[index] in _CLOSE:
            depth -= 1
            if depth == 0:
                return index
    return len(mask) - 1


def _code_mask(text: str) -> str:
    """``text`` with string literals and comments blanked (same length, same lines)."""
    out = list(text)
    for begin, end, comment in _literals(text):
        for pos in range(begin, end):
            if out[pos] != "\n":
                out[pos] = " " if comment else "_"
    return "".join(out)


def _requote_fstrings(text: str) -> str:
    """Swap a quote reused inside an f-string's ``{}`` (PEP 701) for the other one,
    blank comments inside ``{}`` and spell template strings (PEP 750) as f-strings."""
    out = list(text)
    for _ in _literals(text, out):
        pass
    return "".join(out)


def _literals(text: str, out: list[str] | None = None) -> Iterator[tuple[int, int, bool]]:
    """``(begin, end, is_comment)`` of every comment and string literal, in order;
    with ``out``, nested strings reusing an f-string's quote are requoted there."""
    index = 0
    while True:
        found = _LITERAL_START.search(text, index)  # the code between is skipped whole
        if found is None:
            return
        index = found.start()
        char = text[index]
        if char == "#":
            end = text.find("\n", index)
            end = len(text) if end < 0 else end
            yield index, end, True
            index = end
        elif char in "'\"":
            begin = _prefix_start(text, index)
            _template_as_f(text, begin, index, out)
            end = _string_end(text, index, _is_f(text[begin:index]), out)
            yield begin, end, False
            index = end


def _template_as_f(text: str, begin: int, quote: int, out: list[str] | None) -> None:
    """Spell a template string's ``t`` prefix (PEP 750) as ``f``: the same tree shape
    for a static reader (a formatted string with the same fields)."""
    if out is not None:
        for i in range(begin, quote):
            if text[i] in "tT":
                out[i] = "f" if text[i] == "t" else "F"


def _is_f(prefix: str) -> bool:
    return "f" in prefix.lower() or "t" in prefix.lower()


def _prefix_start(text: str, quote: int) -> int:
    begin = quote
    while begin > 0 and text[begin - 1] in _PREFIX and quote - begin < 3:
        begin -= 1
    if begin > 0 and (text[begin - 1].isalnum() or text[begin - 1] == "_"):
        return quote
    return begin


def _string_end(text: str, start: int, formatted: bool, out: list[str] | None = None) -> int:
    """Index after the string literal opening at ``start``; nested f-strings included.

    With ``out``, a string nested in a replacement field that reuses the enclosing
    quote gets the other quote when its body allows it.
    """
    quote = text[start] * 3 if text.startswith(text[start] * 3, start) else text[start]
    index = start + len(quote)
    spans_lines = False  # a replacement field of a one-quote f-string holds a newline
    stops = _STRING_STOPS[text[start], formatted]
    while True:
        found = stops.search(text, index)  # the characters between are plain text
        if found is None:
            return len(text)
        index = found.start()
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if text.startswith(quote, index):
            if spans_lines and out is not None:
                # PEP 701: older Pythons take newlines in fields of triple-quoted
                # f-strings only; the lines stay, the columns after the quotes move
                out[start] = out[index] = quote * 3
            return index + len(quote)
        if char == "\n" and len(quote) == 1 and not formatted:
            return index
        if formatted and char == "{":
            if text.startswith("{{", index):
                index += 2
                continue
            field = index
            index = _field_end(text, index + 1, quote, out)
            spans_lines = spans_lines or (len(quote) == 1 and "\n" in text[field:index])
            continue
        index += 1


def _field_end(text: str, index: int, quote: str, out: list[str] | None) -> int:
    depth = 0
    while index < len(text):
        char = text[index]
        if char in "'\"":
            begin = _prefix_start(text, index)
            _template_as_f(text, begin, index, out)
            end = _string_end(text, index, _is_f(text[begin:index]), out)
            if out is not None and "\\" in text[index:end]:
                _blank_body(text, index, end, out)
                if len(quote) == 1 and char == quote and text[end - 1] == char:
                    out[index] = out[end - 1] = "'" if char == '"' else '"'
            elif out is not None and len(quote) == 1 and char == quote:
                _swap_quotes(text, index, end, out)
            index = end
            continue
        if char == "#":
            # A comment inside a replacement field (PEP 701, multi-line fields only).
            stop = text.find("\n", index)
            stop = len(text) if stop < 0 else stop
            if out is not None:
                out[index:stop] = " " * (stop - index)
            index = stop
            continue
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            if depth == 0:
                return index + 1
            depth -= 1
        index += 1
    return index


def _blank_body(text: str, start: int, end: int, out: list[str]) -> None:
    """Blank the body of a string nested in a replacement field that holds a
    backslash (PEP 701; older Pythons reject backslashes there): its value does not
    matter to a static reader, its quotes and line breaks stay."""
    width = 3 if text.startswith(text[start] * 3, start) else 1
    for i in range(start + width, max(start + width, end - width)):
        if out[i] != "\n":
            out[i] = " "


def _swap_quotes(text: str, start: int, end: int, out: list[str]) -> None:
    other = "'" if text[start] == '"' else '"'
    body = text[start + 1 : end - 1]
    if other in body or "\\" in body or end - start < 2 or text[end - 1] != text[start]:
        return
    out[start] = out[end - 1] = other
