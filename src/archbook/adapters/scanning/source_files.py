"""One source file of a repository: its bytes, its text and its import statements.

A file is read with plain system calls, decoded by its coding cookie (or BOM), and
only its import statements are extracted; it is never imported or executed. Both the
scanner and the code-facts text reader read files this way.
"""

from __future__ import annotations

import codecs
import os
import re

from archbook.adapters.scanning.python_imports import extract_imports
from archbook.application.ports.source_tree import FileImports
from archbook.domain.source import pack_statements, root_keys

__all__ = ["MAX_FILE_BYTES", "decode_source", "read_at_most", "read_file_imports"]

MAX_FILE_BYTES = 2 * 1024 * 1024
_READ_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)  # Windows: no newline translation
)
_COOKIE = re.compile(rb"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)", re.MULTILINE)


def read_file_imports(full: str, max_bytes: int, check_syntax: bool = False) -> FileImports:
    """The import statements of one file, or None and the reason it is skipped: unreadable,
    larger than ``max_bytes``, not text, or (``check_syntax``) not valid Python 3.8-3.14."""
    try:
        data = read_at_most(full, max_bytes + 1)
    except OSError as error:
        return FileImports(None, f"cannot be read: {error.strerror or error}")
    if len(data) > max_bytes:
        return FileImports(None, f"larger than {max_bytes // 1024} KiB")
    text, reason = decode_source(data)
    if text is None:
        return FileImports(None, reason)
    if check_syntax:
        reason = _syntax_problem(text, full)
        if reason is not None:
            return FileImports(None, reason)
    statements, problems = extract_imports(text)
    # packed and keyed here, where files are read (by several processes at once on
    # a first walk), rather than later by the one process that stores them
    packed = pack_statements(statements)
    keys = tuple(sorted(root_keys(statements)))
    reason = None
    if problems:
        first = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        reason = f"unreadable import at {first}{more}"
    return FileImports(statements, reason, packed, keys)


def read_at_most(full: str, limit: int) -> bytes:
    """The first ``limit`` bytes of a file, or all of it when shorter.

    Plain system calls: a buffered file object from ``open()`` adds an ``fstat``, an
    ``isatty``, an ``lseek`` and its own setup to every file, about a fifth of reading
    a small one. ``O_NONBLOCK`` keeps a FIFO put in a file's place since the listing
    from hanging the scan; regular files ignore it.
    """
    fd = os.open(full, _READ_FLAGS)
    try:
        data = os.read(fd, limit)
        while len(data) < limit:  # a read may return less than asked before the end
            more = os.read(fd, limit - len(data))
            if not more:
                break
            data += more
    finally:
        os.close(fd)
    return data


def decode_source(data: bytes) -> tuple[str | None, str | None]:
    """The text of a source file, or None and the reason it cannot be read."""
    if b"\x00" in data:
        return None, "contains NUL bytes (binary file?)"
    encoding = "utf-8"
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    else:
        # the first two lines, without splitting (and copying) the rest
        first = data.find(b"\n")
        second = data.find(b"\n", first + 1) if first >= 0 else -1
        head = data[:second] if second >= 0 else data
        cookie = _COOKIE.search(head)
        if cookie:
            encoding = cookie.group(1).decode("ascii", "replace")
    try:
        codec = codecs.lookup(encoding)
    except LookupError:
        return None, f"unknown encoding '{encoding}' in its coding cookie"
    try:
        return data.decode(codec.name), None
    except UnicodeDecodeError as error:
        return None, (
            f"not valid {encoding}: byte 0x{data[error.start]:02x} at offset {error.start}"
        )
    except UnicodeError as error:  # raised by idna, punycode, undefined...
        return None, f"not valid {encoding}: {error}"
    except LookupError:  # hex, rot13, zlib: codecs, but not text encodings
        return None, f"'{encoding}' in its coding cookie is not a text encoding"


def _syntax_problem(text: str, full: str) -> str | None:
    # imported here: only strict scans compile whole files
    from archbook.domain.python_syntax import parse_python

    try:
        # a file of any Python 3.8-3.14 is valid, whatever Python runs archbook
        parse_python(text, full)
    except SyntaxError as error:
        return f"syntax error at line {error.lineno}: {error.msg}"
    except (RecursionError, MemoryError):
        return "too deeply nested to parse"
    except ValueError as error:
        return f"cannot be compiled: {error}"
    return None
