"""Use case: read a backend.md that people or agents wrote, whatever its style.

A plan names the files it touches in many ways — a table of files, ``### File:``
headings, ``#### 1. Create `path``` headings, ``**Modify:** `path``` lines, bullets,
or a path comment on a code block's first line — under section titles in any language.
The reader turns each of those into a ``PlannedFile`` (the action taken from the
wording, or from whether the file exists when the wording says nothing), gives it the
code blocks written under it, and collects the commands and installs the plan asks for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from archbook.application.planning.review.commands import dependencies_of, shell_commands
from archbook.application.planning.review.paths import PathLocator
from archbook.application.planning.session_text import prose
from archbook.domain.plan import CREATE, DELETE, MODIFY
from archbook.domain.plan_review import (
    FROM_TREE,
    FROM_WORDING,
    PlanBlock,
    PlannedFile,
    ReadPlan,
)

HEADING = re.compile(r"^(?P<marks>#{1,6})\s+(?P<text>.+?)\s*#*\s*$")
FENCE = re.compile(r"^\s*(?P<fence>`{3,}|~{3,})\s*(?P<lang>[\w+.-]*)")
TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")
BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
FILE_NAME = (
    r"[\w.-]*[\w-]\.(?:py|pyi|toml|cfg|ini|txt|env|example|ya?ml|json|sql|sh)"
    r"|Dockerfile|Makefile|\.env(?:\.\w+)?"
)
PATH = re.compile(rf"(?<![\w/.-])(?P<path>(?:\.{{0,2}}/)?(?:[\w.-]+/)*(?:{FILE_NAME}))(?![\w/-])")
PATH_COMMENT = re.compile(
    rf"^\s*(?:#|//|--|<!--)\s*(?:(?:file|path|archivo|fichier|datei|arquivo)\s*:\s*)?"
    rf"`?(?P<path>(?:\.{{0,2}}/)?(?:[\w.-]+/)+(?:{FILE_NAME}))`?\s*(?:\(.*\))?\s*(?:-->)?\s*$",
    re.I,
)
# Words that say what happens to a file, in the languages plans are written in.
ACTION_WORDS = {
    DELETE: r"delete[ds]?|remove[ds]?|drop|eliminar|borrar|suprimir|supprimer|"
    r"l[öo]schen|entfernen|remover|excluir|rimuovere|eliminare",
    CREATE: r"create[ds]?|new|add(?:ed)? file|crear|nuev[oa]s?|cr[ée]er|nouveaux?|"
    r"nouvelles?|erstellen|neue?[nrs]?|anlegen|criar|nov[oa]s?|creare|nuov[oa]|nuovi",
    MODIFY: r"modif(?:y|ied|ies|ications?|icar|ier|icare|icaciones)|update[ds]?|"
    r"edit(?:ed|s)?|change[ds]?|extend(?:ed|s)?|refactor(?:ed|s)?|actualizar|cambiar|"
    r"ampliar|mettre [àa] jour|"
    r"[äa]ndern|aktualisieren|erweitern|alterar|atualizar|aggiornare|existing|existente|"
    r"existant|bestehende",
}
ACTION = {
    action: re.compile(rf"(?<![\w-])(?:{words})(?![\w-])", re.I)
    for action, words in ACTION_WORDS.items()
}
# Headings of sections that describe the code as it is, not what to do to it.
REFERENCE_SECTION = re.compile(
    r"\b(existing|current|analysis|overview|context|actual(?:es)?|existentes?|"
    r"an[aá]lisis|[ée]tat actuel|bestand|ist-zustand)\b",
    re.I,
)
MAX_LABEL = 40
FILE_WORD = re.compile(
    r"\b(file|path|archivo|fichero|ruta|fichier|chemin|datei|pfad|arquivo|"
    r"example|ejemplo|exemple|beispiel)\b",
    re.I,
)
INTO = re.compile(r"\b(?:to|in|into|en|dans|zu|em|nel)\s*(?:the\s+)?(?:\*\*|__)?\s*:?\s*$", re.I)
ANCHOR_LINE = re.compile(
    r"^\s*(?:[-*+]\s+|\d+[.)]\s+)?(?:\*\*|__)?[\w /.()-]{0,40}?(?::\s*)?(?:\*\*|__)?\s*:?\s*`",
)


@dataclass
class _Mention:
    written: str
    line: int
    action: str | None
    section: str
    blocks: list[PlanBlock] = field(default_factory=list)
    weak: bool = False


@dataclass
class _State:
    section: str = ""
    reference: bool = False
    headings: list[tuple[int, str]] = field(default_factory=list)
    owner: _Mention | None = None
    owner_level: int = 7
    table_action_column: int | None = None


def read_plan(text: str, locate: PathLocator, path: str = "") -> ReadPlan:
    """The files, code blocks, commands and installs of the plan ``text``.

    ``locate`` normalises the paths the plan writes and tells which exist;
    ``path`` is where the plan was read from (shown, not opened).
    """
    lines = text.splitlines()
    mentions: list[_Mention] = []
    blocks: list[PlanBlock] = []
    state = _State()
    title = ""
    index = 0
    while index < len(lines):
        line = lines[index]
        fence = FENCE.match(line)
        if fence:
            block, index = _block(lines, index, fence.group("fence"), fence.group("lang"))
            blocks.append(block)
            _own_block(block, state, mentions)
            continue
        heading = HEADING.match(line)
        if heading:
            level, words = len(heading.group("marks")), heading.group("text")
            title = title or _plain(words)
            _enter_heading(state, level, words, index + 1, mentions)
        elif line.lstrip().startswith("|"):
            _table_row(line, index + 1, state, mentions)
        elif not state.reference or _action(line):
            _anchor_line(line, index + 1, state, mentions)
        index += 1
    files = _merge(mentions, locate)
    commands = shell_commands(blocks, text)
    return ReadPlan(
        path=path,
        title=title,
        files=files,
        blocks=tuple(blocks),
        commands=commands,
        dependencies=dependencies_of(commands, files),
        lines=len(lines),
    )


def _block(lines: list[str], start: int, fence: str, language: str) -> tuple[PlanBlock, int]:
    end = start + 1
    while end < len(lines) and not lines[end].strip().startswith(fence):
        end += 1
    body = "\n".join(lines[start + 1 : end])
    return PlanBlock(language.lower(), body, start + 1), end + 1


def _own_block(block: PlanBlock, state: _State, mentions: list[_Mention]) -> None:
    """A block whose first line names a file belongs to that file; any other block to
    the file the text above it is about."""
    first = block.text.lstrip("\n").split("\n", 1)[0]
    comment = PATH_COMMENT.match(first)
    if comment and block.language not in ("", "text", "bash", "sh", "shell", "console"):
        mention = _Mention(
            comment.group("path"), block.line + 1, _action(first), state.section, [block]
        )
        mentions.append(mention)
        return
    if state.owner is not None:
        state.owner.blocks.append(block)


def _enter_heading(
    state: _State, level: int, words: str, line: int, mentions: list[_Mention]
) -> None:
    state.headings = [(lvl, text) for lvl, text in state.headings if lvl < level]
    state.headings.append((level, words))
    state.section = " › ".join(_plain(text) for _, text in state.headings)
    state.reference = any(REFERENCE_SECTION.search(text) for _, text in state.headings)
    state.table_action_column = None
    if level <= state.owner_level:
        state.owner, state.owner_level = None, 7
    found = _paths(words)
    if found:
        action = _action(words)
        mention = _Mention(found[0], line, action or _section_action(state), state.section)
        mention.weak = action is None
        mentions.append(mention)
        state.owner, state.owner_level = mention, level


def _anchor_line(line: str, number: int, state: _State, mentions: list[_Mention]) -> None:
    """``**File:** `x.py```, ``Create: `x.py```, ``- Modify `x.py```, ``- `x.py` (new)``."""
    found = _paths(line)
    if not found:
        return
    stripped = line.strip()
    is_bullet = bool(BULLET.match(line))
    lead = stripped.split("`", 1)[0] if "`" in stripped else stripped
    label = _plain(BULLET.sub("", lead)).strip(" :-—")
    anchor = bool(ANCHOR_LINE.match(line)) and len(label) <= MAX_LABEL
    action = _lead_action(lead) or (_action(stripped) if is_bullet else None)
    labelled = not label or bool(FILE_WORD.search(label))
    if not (anchor and (action or labelled)) and not (is_bullet and action):
        return
    mention = _Mention(found[0], number, action, state.section)
    if action is None:
        mention.action, mention.weak = _section_action(state), True
    mentions.append(mention)
    if not is_bullet or len(found) == 1:
        state.owner, state.owner_level = mention, 7
    for extra in found[1:] if is_bullet else ():
        mentions.append(_Mention(extra, number, mention.action, state.section, weak=mention.weak))


def _table_row(line: str, number: int, state: _State, mentions: list[_Mention]) -> None:
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    if TABLE_RULE.match(line):
        return
    found = [(i, p) for i, cell in enumerate(cells) for p in _paths(cell)[:1]]
    if not found:
        headers = [_plain(c).lower() for c in cells]
        state.table_action_column = next(
            (i for i, h in enumerate(headers) if re.search(r"action|acci[oó]n|aktion|change", h)),
            None,
        )
        return
    column = state.table_action_column
    words = cells[column] if column is not None and column < len(cells) else ""
    others = " ".join(c for i, c in enumerate(cells) if i != found[0][0])
    action = _action(words) or _action(others)
    if state.reference and not action:
        return
    mention = _Mention(found[0][1], number, action or _section_action(state), state.section)
    mention.weak = action is None
    mentions.append(mention)


def _merge(mentions: list[_Mention], locate: PathLocator) -> tuple[PlannedFile, ...]:
    """One ``PlannedFile`` per path: the first mention's line, the first worded action,
    every block of every mention."""
    merged: dict[str, PlannedFile] = {}
    for mention in mentions:
        path = locate.normalise(mention.written)
        if not path:
            continue
        exists = locate.exists(path)
        worded = mention.action
        if mention.weak and (worded == CREATE) == exists:
            # A heading's word ("New exceptions") yields to the tree: adding to a file
            # that exists modifies it.
            worded = None
        action = worded or (MODIFY if exists else CREATE)
        known = merged.get(path)
        if known is None:
            merged[path] = PlannedFile(
                path,
                action,
                mention.line,
                mention.written,
                FROM_WORDING if worded else FROM_TREE,
                mention.section,
                exists,
                tuple(mention.blocks),
            )
            continue
        upgrade = known.action_from == FROM_TREE and worded is not None
        merged[path] = replace(
            known,
            action=action if upgrade else known.action,
            action_from=FROM_WORDING if upgrade else known.action_from,
            blocks=known.blocks + tuple(mention.blocks),
        )
    return tuple(merged.values())


def _paths(text: str) -> list[str]:
    """Paths in ``text``: backticked ones first, then bare ones that hold a folder."""
    quoted = [p for q in re.findall(r"`([^`\n]+)`", text) for p in [_path_in(q)] if p]
    if quoted:
        return list(dict.fromkeys(quoted))
    bare = [m.group("path") for m in PATH.finditer(re.sub(r"\*\*|`", "", text))]
    return list(dict.fromkeys(p for p in bare if "/" in p))


def _path_in(quoted: str) -> str | None:
    candidate = quoted.strip().split(" ", 1)[0].rstrip(":,;")
    match = PATH.fullmatch(candidate)
    if not match or "://" in quoted:
        return None
    return candidate


def _lead_action(lead: str) -> str | None:
    """The action the words before a path name; adding something *to* or *in* a file
    modifies it."""
    return MODIFY if INTO.search(lead) else _action(lead)


def _action(text: str) -> str | None:
    """The action the words of ``text`` name: delete, then create, then modify."""
    words = prose(text)
    for action in (DELETE, CREATE, MODIFY):
        if ACTION[action].search(words):
            return action
    return None


def _section_action(state: _State) -> str | None:
    """The action the nearest heading names alone ("New files"); none for a heading that
    names several ("Files to create or modify")."""
    for _, text in reversed(state.headings):
        words = prose(text)
        named = [a for a in (DELETE, CREATE, MODIFY) if ACTION[a].search(words)]
        if len(named) == 1:
            return named[0]
        if named:
            return None
    return None


def _plain(text: str) -> str:
    return re.sub(r"[*_`]+", "", text).strip()
