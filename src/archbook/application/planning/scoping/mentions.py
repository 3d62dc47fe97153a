"""How a session mentions a file or a class: as the object of a removal, as what
changes, or only as an example, as what stays or as what is used as it is."""

from __future__ import annotations

import re

from archbook.application.planning.context_session import REFERENCE, UNCHANGED

# A removal verb that takes a path as its object: only fillers stand between them
# (articles, "old", "file", "the files", and the other paths of a list such as
# "delete `a.py` and `b.py`"); "remove X from `a.py`" or a verb elsewhere in the
# paragraph ("the pod drops out of rotation") do not delete `a.py`.
_FILLER = (
    r"the|this|that|these|those|old|legacy|obsolete|unused|dead|now-unused|files?|modules?|"
    r"el|la|los|las|archivos?|ficheros?|módulos?|viejos?|antiguos?|"
    r"le|les|l'|fichiers?|ancien|ancienne|anciens"
)
_LISTED = r"[`'\"*]*[\w./-]+\.py[`'\"*]*(?::\d+)?(?:,|\s+and|\s+y|\s+et)?"
REMOVED_BEFORE = re.compile(
    r"\b(?:delete|remove|drop|eliminar|elimina|borrar|borra|suprimir|suprime|supprimer|"
    r"supprime)\w*:?"
    rf"(?:\s+(?:(?:{_FILLER})\b|{_LISTED}))*\s*[`'\"*]*\Z",
    re.I,
)
# ... or the path is the subject of a passive removal ("`a.py` is deleted", "`a.py` se
# elimina", "`a.py` goes away").
REMOVED_AFTER = re.compile(
    r"(?::\d+)?[`'\"*]*\s*"
    r"(?:(?:is|are|will|be|been|gets|get|should|must|can|to|now|then|also|entirely|"
    r"completely|se|es|será|serán|est|sera|va|être|doit|debe)\s+)*"
    r"(?:deleted|removed|dropped|eliminad[oa]s?|elimina|borrad[oa]s?|borra|"
    r"supprimée?s?|goes away|go away|disappears?)\b",
    re.I,
)
# How far before a path its removal verb is looked for.
_WINDOW = 160
# What stays, alone or in a list: "keep `A`", "keep `A`, `B` and `C` as they are".
KEPT = re.compile(
    r"\b(?:keep|keeps|keeping|leave|leaves)\s+(?:the\s+)?(?:`?\w+`?\s*(?:,|\band\b)\s*)*`?\Z",
    re.I,
)
# What is used as it is: "hashed with the existing `PasswordHasher` port", "uses the
# existing `Clock` port", "through the existing `Mailer`".
USED_AS_IS = re.compile(
    r"\b(?:uses?|using|with|via|through|reuses?|reusing)\s+(?:the\s+|an?\s+)?"
    r"(?:existing|current)\s+`?\Z",
    re.I,
)

# What is reused, in the languages sessions are written in: "reuse `UserRepo`",
# "reutilizar `ConversationAdapters`", "réutiliser le `Mailer` existant".
REUSED = re.compile(
    r"\b(?:reuses?|reusing|reutiliz(?:a|ar|ando|ad)|reutilice|réutilis(?:e|er|ez|ant))\s+"
    r"(?:(?:the|el|la|los|las|le|les|l')\s*)?(?:existing\s+|current\s+)?`?\Z",
    re.I,
)


# A line saying what it names is used as it is: "Uses existing `POST /a` + `POST /b`",
# "calls the current `GET /x`", "reutiliza el endpoint existente `GET /x`".
USED_LINE = re.compile(
    r"\b(?:(?:uses?|using|reuses?|reusing|calls?|calling|via|through)\s+(?:the\s+)?"
    r"(?:existing|current)|already\s+(?:exists?|served|available)|unchanged|as\s+is|"
    r"reutiliz\w*|existente|réutilis\w*|existant\w*)\b",
    re.I,
)


def says_removed(text: str, raw: str) -> bool:
    """Every mention of ``raw`` says the file goes: it is the object of a removal verb
    (delete, remove, drop, eliminar...) or the subject of a passive one."""
    starts = [match.start() for match in re.finditer(re.escape(raw), text)]
    return bool(starts) and all(
        REMOVED_BEFORE.search(text, max(0, start - _WINDOW), start)
        or REMOVED_AFTER.match(text, start + len(raw))
        for start in starts
    )


def written_as_code(text: str, name: str) -> bool:
    """Whether the text writes ``name`` as code (backticked, called or after a dot)
    at least once, rather than only as a word of its prose (``user_id`` in a list of
    the fields an answer holds)."""
    word = re.escape(name)
    return re.search(rf"`[^`\n]*\b{word}\b[^`\n]*`|\b{word}\(|\.{word}\b", text) is not None


def used_as_is(text: str, route: str) -> bool:
    """Every line naming ``route`` (``POST /api/quotes``) says it is used as it is
    (``USED_LINE``): the feature calls it and changes nothing of it."""
    named = re.compile(rf"{re.escape(route)}(?![\w/{{])").search  # not ``POST /a/b`` for ``/a``
    lines = [line for line in text.splitlines() if named(line)]
    return bool(lines) and all(USED_LINE.search(line) for line in lines)


def says_changed(text: str, name: str) -> bool:
    """``name`` is named at least once as something that changes, not only as an
    example (``like `X```, ``not in `X```), as what stays (```X` stays``) or as
    what is used as it is (``with the existing `X```, ``reuse `X```)."""
    for match in re.finditer(rf"`?\b{re.escape(name)}\b(?:\.\w+)?(?:\([^)`]*\))?`?", text):
        before, after = text[max(0, match.start() - 60) : match.start()], text[match.end() :]
        if not (
            REFERENCE.search(before)
            or KEPT.search(before)
            or USED_AS_IS.search(before)
            or REUSED.search(before)
            or UNCHANGED.match(after)
        ):
            return True
    return False
