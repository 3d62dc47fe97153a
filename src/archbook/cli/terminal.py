"""Text on a terminal: names from a target repository may hold control characters
(an escape sequence in a file name) or bytes that are not UTF-8; both are printed
escaped, never raw."""

from __future__ import annotations

from typing import TextIO

KEPT = "\n\t"
# C0 controls as \xNN (``json`` never writes them raw); DEL, C1 controls and undecodable
# bytes (surrogate escapes) as \uNNNN, which is also a valid escape inside JSON output.
ESCAPES = (
    {code: f"\\x{code:02x}" for code in range(0x20) if chr(code) not in KEPT}
    | {code: f"\\u{code:04x}" for code in (0x7F, *range(0x80, 0xA0))}
    | {code: f"\\u{code:04x}" for code in range(0xDC80, 0xDD00)}
)


def printable(text: str) -> str:
    """``text`` with control characters and undecodable bytes escaped."""
    return text.translate(ESCAPES)


class TerminalText:
    """A stdout stand-in that escapes what it writes (JSON output, already escaped by
    ``json``, passes unchanged)."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(printable(text))

    def flush(self) -> None:
        self._stream.flush()

    def fileno(self) -> int:
        return self._stream.fileno()

    def isatty(self) -> bool:
        return self._stream.isatty()
