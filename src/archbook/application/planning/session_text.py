"""What a context session's text names, whatever its style or language: file paths
(with a leading slash, a line suffix or relative to a sub-folder), code identifiers,
environment variables, package names, and the language it is written in.

Names, paths, routes and identifiers carry most of a session's meaning, and they
read the same in English or Spanish, so the planner leans on them rather than on
English keywords alone.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable

from archbook.application.planning.naming import word_set

# A path: words joined by "/" (optionally "/" or "./" in front, "..." segments allowed),
# or a bare file name with an extension the backend cares about.
PATH_TOKEN = re.compile(
    r"(?<![\w/.:@-])(?:\.{0,2}/)?(?:[\w.\-]+|\.\.\.)(?:/(?:[\w.\-]+|\.\.\.))+/?"
    r"|(?<![\w/.-])[\w\-]+\.(?:py|toml|ini|cfg|txt)\b"
    r"|(?<![\w/.-])(?:Dockerfile|docker-compose\.ya?ml|\.env(?:\.\w+)?|\.\w+\.env)(?![\w.-])"
    r"|(?<=`)[A-Za-z_][\w\-]*/(?=`)"  # a backticked folder: `handlers/`
)
LINE_SUFFIX = re.compile(r":\d+(?:-\d+)?$")
CODE_SPAN = re.compile(r"`[^`]*`")
FILE_SUFFIXES = (".py", ".toml", ".ini", ".cfg", ".txt", ".yml", ".yaml", ".env", ".example")
SPECIAL_FILES = ("Dockerfile", "docker-compose.yml", "docker-compose.yaml")
# Leading route segments any part of an API may share ("" is the root's).
API_PREFIX = re.compile(r"(?:api|v\d+|internal|public|rest)?", re.I)
# An HTTP method just before a path: the path is a route, whatever it ends with.
METHOD_BEFORE = re.compile(r"\b(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)[ \t]+`?\Z")
METHOD_REACH = len("OPTIONS `") + 2
URL_LIKE = re.compile(r"^(?:https?:|www\.|\w+\.(?:com|org|io|net)/)")
# A media type: ``application/json`` is no folder.
MEDIA_TYPE = re.compile(r"^(?:application|text|image|audio|video|multipart|font)/[\w.+-]+$")
CAMEL = re.compile(r"\b[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+\b")
SNAKE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
# an upper-case name with an extension is a document's name (``[PHASE_3.md](…)``)
ENV_VAR = re.compile(
    r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b(?!\.(?:md|markdown|txt|rst|pdf|html?|py|json|ya?ml)\b)"
)
BACKTICKED = re.compile(r"`([^`\n]{1,120})`")
# A path parameter of a route (``{agent_id}``, ``{file_path:path}``).
PATH_PARAMETER = re.compile(r"\{\w+(?::\w+)?\}")
KEBAB_PACKAGE = re.compile(r"^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)+$")
ENGLISH = word_set("the and of to is are with for that this from be it by an on as we not all when")
# The last code point of the Latin script's letters (Latin Extended-B).
LATIN_END = 0x24F
OTHER_LANGUAGES = word_set(
    "el la los las de del que y en con para por una un es se al sin su lo como más le "
    "les des du et est pour dans sur une der die das und ist mit für nicht"
)


# What the feature leaves out, named as a heading or a label ("Out of scope",
# "Non-goals", "**Não inclui:**", "Hors périmètre", "Deferred to phase 6"): the name
# starts the heading or label, and at most a qualifier follows it.
_LEFT_OUT = (
    r"out[ -]of[ -]scope|not in scope|non[- ]?goals?|exclusions?|excluded|not included|"
    r"deferred|future work|won't do|fuera de(?:l)? (?:alcance|[áa]mbito)|exclusiones|"
    r"no incluid[oa]s?|no incluye|hors (?:du )?(?:p[ée]rim[èe]tre|champ)|exclus|"
    r"fora d[oe] escopo|n[ãa]o inclu[ií]\w*|exclus[õo]es|nicht im umfang"
)
_QUALIFIER = r"\s*(?:$|[(:/—–-]|(?:to|until|for|in|and|y|e|et|pour|para|de|da|do)\b)"
LEFT_OUT_HEADING = re.compile(rf"^#{{1,6}}\s+[\W\d_]*?(?:{_LEFT_OUT})\b{_QUALIFIER}", re.I | re.M)
LEFT_OUT_LABEL = re.compile(
    rf"^\s*(?:[-*+]\s+)?(?:\*\*|__)?(?:{_LEFT_OUT})\b[^:\n]{{0,30}}?(?:\*\*|__)?\s*:", re.I
)
# A line that opens a list of what the feature leaves out ("This phase deliberately
# excludes:") or relies on as it is ("Reuse without re-implementing:").
_LEAVES_OUT = (
    r"excludes?|excluding|(?:does|do|will) not (?:include|cover)|won't (?:include|cover)|"
    r"out[ -]of[ -]scope|not in scope|not included|no incluye|excluye|n'inclut pas|exclut|"
    r"n[ãa]o inclui|exclui|fora d[oe] escopo|fuera de(?:l)? alcance|hors p[ée]rim[èe]tre|"
    r"reus\w*\s+(?:\w+\s+)?(?:without|as[- ]is|unchanged)|unchanged|sin cambios|"
    r"inchang\w*|sem altera\w*"
)
LEFT_OUT_LEAD = re.compile(rf"\b(?:{_LEAVES_OUT})\b[^:\n]{{0,40}}:\s*(?:\*\*)?\s*$", re.I)
# A word that takes the lead back: "No exclusions:", "Nothing out of scope:".
_DENIED = re.compile(r"\b(?:no|not|nothing|without|sin|nada|sans|aucune?|sem|nenhum)\s+\Z", re.I)
_MD_HEADING = re.compile(r"^(#{1,6})\s")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s")


# Front matter: a ``---`` line, ``key: value`` lines (lists and indented values
# under them), a closing ``---`` line, before anything but a title and blank lines.
_FRONT_MATTER = re.compile(
    r"\A((?:[ \t]*\n|#[^\n]*\n)*)---[ \t]*\n"
    r"((?:[\w-]+:[^\n]*\n|[ \t]+[^\n]*\n|[ \t]*\n)+)---[ \t]*(?:\n|\Z)"
)


# A list of labelled values a design document may open with instead of front matter
# ("- **Author:** …", "- **Status:** Accepted", "- **Reviewed?:** no"): a bold
# label, its colon inside or after the bold, and a value.
_LABELLED_LINE = re.compile(
    r"[ \t]*(?:[-*+][ \t]+)?(?:\*\*|__)(?P<label>[^*_:\n]{1,40}?)[ \t]*"
    r"(?::(?:\*\*|__)|(?:\*\*|__)[ \t]*:)[ \t]*\S"
)
# Labels that say who wrote a document, when, and where it is tracked: two of them
# make a labelled list at its top a metadata block.
METADATA_LABELS = word_set(
    "issue issues ticket tickets author authors owner owners date created updated status "
    "milestone version epic sprint priority assignee assignees reviewer reviewers estimate "
    "labels tags adr pr branch team squad reporter autor fecha estado auteur statut "
    "id estimated effort"
)
# Labels of such a list whose values say what the feature is, and stay with the text:
# "- **Scope**: `src/api`, `alembic` (migration 0017)".
CONTENT_LABELS = word_set(
    "scope goal goals summary context problem overview description objective objectives "
    "purpose motivation input feature features requirement requirements background "
    "affects components modules endpoint endpoints format alcance objetivo resumen "
    "contexto problema portée objectif résumé"
)
METADATA_LINES = 3  # labelled lines a metadata block holds at least
# A heading saying the list under it is metadata ("## Metadata"): each of its labelled
# values is, whatever its label ("- **Dependencies**: INV-1 (Foundation)").
METADATA_HEADING = re.compile(
    r"#{1,6}[ \t]+(?:meta(?:data)?|m[ée]tadonn[ée]es|metadatos|metadados|metadaten)[ \t]*$",
    re.I,
)


def without_front_matter(text: str) -> str:
    """``text`` less the metadata block a document may open with, as front matter
    (``document_type:``, ``authors:``, ``status:``) or as a list of labelled values
    (``- **Author:** …``, ``- **Status:** Accepted``), which says who wrote it and when,
    not what the feature is; blank lines stand in for it so the rest keeps its line
    numbers."""
    found = _FRONT_MATTER.match(text)
    if found is None or not re.match(r"[\w-]+:", found.group(2).lstrip("\n")):
        return _without_labelled_metadata(text)
    return (
        found.group(1)
        + "\n" * found.group(0)[len(found.group(1)) :].count("\n")
        + (text[found.end() :])
    )


def _without_labelled_metadata(text: str) -> str:
    """``text`` less the metadata of a list of at least ``METADATA_LINES`` labelled
    values before anything but a title, blank lines and a template's HTML comment,
    when two of its labels are metadata's: each value (``- **Status:** Accepted``,
    with the lines carrying it on) but those whose label says what the feature is
    (``CONTENT_LABELS``: ``- **Scope**: `src/api`, `alembic```), and a quoted note
    among the values (``> **Note:** …``) with the blank lines around it. Under a
    heading saying it is metadata, every value goes."""
    lines = text.splitlines(keepends=True)
    start = _after_title_and_comments(lines)
    end = start
    labelled = known = 0
    dropped: set[int] = set()
    meta = True  # whether the value the current line belongs to is metadata
    while end < len(lines):
        label = _LABELLED_LINE.match(lines[end])
        if label is None:
            if labelled and _continues(lines[end]):
                if meta:
                    dropped.add(end)
            elif labelled and _in_note(lines, end):
                dropped.add(end)
            else:
                break
            end += 1
            continue
        words = re.findall(r"[^\W\d_]+", label.group("label").lower())
        known += bool(words) and words[0] in METADATA_LABELS
        meta = not (words and words[0] in CONTENT_LABELS)
        labelled += 1
        if meta:
            dropped.add(end)
        end += 1
    while end > start and not (_LABELLED_LINE.match(lines[end - 1]) or _continues(lines[end - 1])):
        end -= 1  # the block ends with its last value
    headed = start > 0 and METADATA_HEADING.match(lines[start - 1].strip()) is not None
    if headed and labelled:
        dropped = set(range(start, end))
    elif labelled < METADATA_LINES or known < 2:
        return text
    return "".join(
        ("\n" if line.endswith("\n") else "") if start <= index < end and index in dropped else line
        for index, line in enumerate(lines)
    )


def _continues(line: str) -> bool:
    """Whether ``line`` carries on the value above it: indented, not blank, no item of
    its own ("- **Scope**: `src/api`,\n  `alembic` (migration 0017)")."""
    return line[:1] in (" ", "\t") and bool(line.strip()) and not _LIST_ITEM.match(line)


def _in_note(lines: list[str], index: int) -> bool:
    """Whether line ``index`` belongs to a quoted note inside a list of values: a
    quoted line, or a blank line beside one (blank lines alone end the list:
    spec-kit's ``**Input**:`` after a blank line is the feature's own text)."""
    if lines[index].lstrip().startswith(">"):
        return True
    if lines[index].strip():
        return False
    quoted = [line.lstrip().startswith(">") for line in lines[index - 1 : index + 2 : 2]]
    return any(quoted)


def _after_title_and_comments(lines: list[str]) -> int:
    """The first line after the blank lines, headings and HTML comments a document
    opens with."""
    start = 0
    in_comment = False
    while start < len(lines):
        line = lines[start].strip()
        if in_comment or line.startswith("<!--"):
            in_comment = "-->" not in line
        elif line and not line.startswith("#"):
            break
        start += 1
    return start


def in_scope(text: str) -> str:
    """``text`` less what it says the feature leaves out: the sections headed so (to
    the next heading of their level or above), and the lists (or tables) a line opens
    with "excludes:", "out of scope:", "reuse without changing:" and the like (to the
    first line that is no item or row)."""
    kept: list[str] = []
    skip_level = 0  # inside a left-out section of this heading level
    in_list = False  # inside a left-out list
    fenced = False  # inside a code block, whose "# ..." lines are no headings
    for line in text.splitlines(keepends=True):
        if line.lstrip().startswith("```"):
            fenced = not fenced
        heading = None if fenced else _MD_HEADING.match(line)
        if heading:
            level = len(heading.group(1))
            in_list = False
            if skip_level and level > skip_level:
                continue
            # a title (``#``) is the feature's own, whatever it says
            skip_level = level if level > 1 and LEFT_OUT_HEADING.match(line) else 0
            if skip_level:
                continue
        elif skip_level:
            continue
        elif in_list:
            if not line.strip() or _LIST_ITEM.match(line) or line[:1] in " \t|":
                continue
            in_list = False
        label = None if heading else LEFT_OUT_LABEL.match(line)
        if label is not None:
            # "**Out of scope:**" opens a list; "- Deferred: Kafka." is one item
            in_list = not line[label.end() :].strip(" \t*_\r\n")
            continue
        lead = None if heading else LEFT_OUT_LEAD.search(line)
        if lead is not None and not _DENIED.search(line, 0, lead.start()):
            in_list = True
            continue
        kept.append(line)
    return "".join(kept)


def prose(text: str) -> str:
    """``text`` with its code spans blanked: what its words say, not the names and
    paths it quotes (`src/features/authentication/…` says nothing of security)."""
    return CODE_SPAN.sub(" ", text)


def api_lead(segments: list[str]) -> int:
    """How many of a route path's segments (``["api", "v1", "signals"]``) are API-prefix
    segments before the rest: never the last one."""
    lead = 0
    while lead < len(segments) - 1 and API_PREFIX.fullmatch(segments[lead]):
        lead += 1
    return lead


def named_paths(text: str) -> list[str]:
    """Every path-like token, cleaned: no leading ``./`` or ``../`` (a Markdown link
    from a document's own folder, ``[parser](../../app/parser.py#L7)``), no ``:12-30``
    line suffix, no trailing punctuation; URLs and routes (``/api/...`` with no file
    part) are left out."""
    found: list[str] = []
    for match in PATH_TOKEN.finditer(text):
        if text[match.end() : match.end() + 1] in ("{", "<"):
            continue  # a route template such as /api/items/{id}
        if METHOD_BEFORE.search(text, max(0, match.start() - METHOD_REACH), match.start()):
            continue  # ``POST /v1/feedbacks/``: the route of an HTTP method
        raw = LINE_SUFFIX.sub("", match.group(0).rstrip(".,;:)`'\""))
        if URL_LIKE.match(raw) or raw.count("/") > 12:
            continue
        while raw.startswith(("./", "../")):  # a link relative to the document's folder
            raw = raw.partition("/")[2]
        last = raw.rstrip("/").rsplit("/", 1)[-1]
        is_file = last.endswith(FILE_SUFFIXES) or last in SPECIAL_FILES or last.startswith(".env")
        route_like = "{" in raw or raw.count("/") < 3
        if not is_file and raw.startswith("/") and not raw.endswith("/") and route_like:
            continue  # "/api/users/{id}" or "/health/ready" is a route, not a folder
        if "{" in raw or "<" in raw:
            continue
        if not is_file and (MEDIA_TYPE.match(raw) or raw.isupper() or not raw.isascii()):
            continue  # "application/json", "MCP/REST", "创建/列出": no paths of a repository
        found.append(raw)
    return list(dict.fromkeys(found))


# A fenced block of code in a language of another part of the product (the web or
# mobile client's ``interface CartForm``): it names none of the backend's code.
FOREIGN_CODE = re.compile(
    r"^[ \t]*(```|~~~)[ \t]*(?:typescript|ts|tsx|javascript|js|jsx|vue|svelte|html|css|"
    r"scss|dart|kotlin|swift|java|go|rust|ruby|php|csharp|cs)\b[^\n]*\n.*?^[ \t]*\1[ \t]*$",
    re.M | re.S | re.I,
)


def without_foreign_code(text: str) -> str:
    """``text`` less its fenced blocks of code in a language other than Python (see
    ``FOREIGN_CODE``), their lines left blank."""
    return FOREIGN_CODE.sub(lambda block: "\n" * block.group(0).count("\n"), text)


def code_names(text: str) -> list[str]:
    """CamelCase and snake_case identifiers and backticked identifiers, in order; a
    route's path parameters (``/agents/{agent_id}``) and code in another language
    than Python (``without_foreign_code``) name no code."""
    text = PATH_PARAMETER.sub(" ", without_foreign_code(text))
    names = [m.group(0) for m in CAMEL.finditer(text)]
    names += [m.group(0) for m in SNAKE.finditer(text)]
    for snippet in BACKTICKED.findall(text):
        for part in re.split(r"[.()\s,=\[\]]+", snippet):
            if part.isidentifier() and len(part) > 2:
                names.append(part)
    return list(dict.fromkeys(names))


# An HTTP status before a name: the name is the error code an answer carries
# ("returns `403 ADMIN_ACCESS_DENIED`"), no setting.
_STATUS_BEFORE = re.compile(r"\b[1-5]\d\d[ \t]+`?\Z")


def env_vars(text: str) -> list[str]:
    """``UPPER_SNAKE`` names (settings and environment variables); not the error codes
    an HTTP status is written before."""
    found = [
        m.group(0)
        for m in ENV_VAR.finditer(text)
        if not _STATUS_BEFORE.search(text, max(0, m.start() - 6), m.start())
    ]
    return list(dict.fromkeys(found))


def package_names(text: str) -> list[str]:
    """Backticked lower-case kebab names (``faster-whisper``): candidate packages."""
    found = [s for s in BACKTICKED.findall(text) if KEBAB_PACKAGE.match(s) and "-" in s]
    return list(dict.fromkeys(found))


def language(text: str) -> str:
    """``en`` when English function words dominate the prose, ``other`` otherwise: also
    when most of its letters are of another script than the Latin one (a session in
    Chinese or Japanese quoting English names)."""
    letters = re.findall(r"[^\W\d_]", prose(text))
    if sum(ord(letter) > LATIN_END for letter in letters) * 2 > len(letters):
        return "other"
    words = re.findall(r"\b[^\W\d_]+\b", text.lower())
    english = sum(w in ENGLISH for w in words)
    other = sum(w in OTHER_LANGUAGES for w in words)
    return "en" if english >= other else "other"


# An endpoint named by what it does, with no path: "a Logout endpoint", "the
# `export` endpoint", "an endpoint to unsubscribe".
NAMED_ENDPOINT = re.compile(
    r"\b`?([A-Za-z]{4,20})`?\s+endpoint\b|\bendpoint\s+(?:for|to)\s+`?([A-Za-z]{4,20})\b`?"
)
# Words before "endpoint" that say which endpoint, not what it does.
NOT_ACTIONS = word_set(
    "this that each every same single their your other which what some any such "
    "new existing current backend frontend public private internal rest http https api "
    "health get post put patch delete head options one"
)
# Letters an action must share with an existing route's last segment to be its kin
# (``logout`` beside ``login``).
KIN_PREFIX = 3


def unnamed_endpoints(text: str, served: Iterable[str]) -> list[tuple[str, str]]:
    """``(POST, path)`` for each endpoint the text names by its action alone ("a Logout
    endpoint") that is kin to an existing route's last segment (``/auth/login``): it
    goes beside that route (``/auth/logout``). An action kin to no route is left out:
    its path would be a guess."""
    routes = [p.rstrip("/") for p in served]
    found: list[tuple[str, str]] = []
    for match in NAMED_ENDPOINT.finditer(text):
        action = (match.group(1) or match.group(2)).lower()
        if action in NOT_ACTIONS:
            continue
        best, shared = "", 0
        for path in routes:
            last = path.rpartition("/")[2]
            if not last or "{" in last or last == action:
                continue
            common = len(posixpath.commonprefix([last, action]))
            kin = common if common >= KIN_PREFIX else 0
            if not kin and (last in action or action in last) and len(last) >= KIN_PREFIX:
                kin = min(len(last), len(action))
            if kin > shared:
                best, shared = path, kin
        if not best:
            continue
        route = ("POST", f"{posixpath.dirname(best)}/{action}")
        if route[1] not in routes and route not in found:
            found.append(route)
    return found
