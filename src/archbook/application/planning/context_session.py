"""Reading a context session: its title, sections and the names and routes it uses.

Sessions come in many styles — headings at any depth, numbered sections, rules,
tables, code blocks, task lists, emoji bullets, bold labels, prose, and not always
in English — so every heading level opens a section, every line of text is kept
as an item, and the canonical sections (goal, requirements, constraints,
decisions, open questions) are also found under their usual other names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from archbook.application.planning.session_text import (
    api_lead,
    code_names,
    env_vars,
    in_scope,
    language,
    named_paths,
    package_names,
    without_foreign_code,
    without_front_matter,
)

# The label and number a title may start with: "Story 20.1:", "Task #12 -", "故事 3:".
TITLE_LABEL = re.compile(r"^\s*(?:[^\W\d_][\w-]*\s+){1,2}#?\d+(?:[.-]\d+)*[a-z]?\s*[:：—–-]\s")
HEADING = re.compile(r"^#\s+(?:(?i:context session):\s*)?(?P<title>.+)$", re.M)
SECTION = re.compile(r"^#{2,6}\s+(?P<name>.+)$", re.M)
ANY_HEADING = re.compile(r"^#{1,6}\s+(?P<name>.+)$", re.M)
# A heading over what exists before the feature, not over what it changes.
DESCRIBES_WHAT_IS = re.compile(
    r"\b(?:existing|current|present|today|estado actual|actual(?:es)?|existentes?|"
    r"existants?|actuel(?:le)?s?)\b",
    re.I,
)
NUMBERING = re.compile(r"^[\W\d_]*?(?=[^\W\d_])")
LIST_MARK = re.compile(r"^(?:[-*+•]|\d+[.)]|[^\w\s`*\[(|#<>~/\\\"']{1,2})\s+(?:\[[ xX]\]\s+)?")
RULE = re.compile(r"^(?:-{3,}|\*{3,}|_{3,}|\|?[\s:|-]+\|[\s:|-]*)$")
# Other names a section goes by, per canonical section (any language the code may meet
# is welcome here; names, paths and identifiers still carry most of the meaning).
ALIASES = {
    "goal": ("overview", "why", "user request", "summary", "objective", "objetivo", "context"),
    "requirements": ("requirement", "what changes", "scope", "features", "requisitos"),
    "constraints": ("constraint", "non-functional", "restricciones"),
    "decisions so far": ("decision", "decided", "design", "decisiones"),
    "open questions": ("question", "preguntas", "pending"),
}
# "POST /items", "`GET /items`", and a table's row "| `GET` | `/items` | …"
ROUTE = re.compile(r"\b(GET|POST|PUT|PATCH|DELETE)(?:\s+|`?[ \t]*\|[ \t]*)`?(/[\w{}\-/.]*)")
# The method after the path: "`/tiktok/session` (POST)", "`/items/{id}` [DELETE]".
ROUTE_METHOD_AFTER = re.compile(r"`(/[\w{}\-/.]*)`\s*[(\[]\s*(GET|POST|PUT|PATCH|DELETE)\s*[)\]]")
# A base path the routes listed after it are relative to: "Endpoints (under
# `/api/v1/users`)", "prefix `/users`", "base path: /users".
BASE_PATH = re.compile(
    r"\b(?:under|prefix(?:ed)?(?:\s+(?:with|by))?|base\s+path|mounted\s+(?:at|under)|"
    r"bajo|sob|sous)\s*:?\s*`?(/[\w{}\-/.]*\w)`?",
    re.I,
)
BARE_METHOD = re.compile(r"`(GET|POST|PUT|PATCH|DELETE)`\s+on the same path")
CAMEL = re.compile(r"\b[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]+)+\b")
BACKTICKED = re.compile(r"`([^`\n]{1,120})`")
STATUS = re.compile(r"`?\b([1-5]\d\d)\b(?:\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)?`?")
MINUTES = re.compile(r"(\d+)\s*(minutes?|hours?|days?)", re.I)
REPO_PATH = re.compile(r"(?:\./)?[\w\-]+(?:/[\w\-.]+)+/?\Z")
CLAUSE_BREAK = re.compile(r";\s+|(?<=[.!?])\s+(?=[A-Z`])")
# Server errors a route answers on purpose (its dependency is down or slow).
DESIGNED_5XX = frozenset((502, 503, 504))
# The longest clause a plan quotes from its session.
CLAUSE_CHARS = 240
# Sections that decide what a feature does (constraints only limit how).
DECISIVE = ("goal", "requirements", "decisions so far")
# "`Order` gets a `cancel()` method", "`StripeGateway` implements it", "`X` now raises"
CHANGE_VERB = re.compile(
    r"\s*(?:now\s+|also\s+)?(?:gets?|receives?|gains?|learns?|keeps?|stores?|publish(?:es)?|"
    r"sends?|calls?|implements?|returns?|raises?|rejects?|takes?|accepts?|records?|exposes?|"
    r"emits?|checks?|validates?|loads?|saves?|stops?|supports?|changes?|moves?|no longer)\b",
    re.I,
)
UNCHANGED = re.compile(
    r"\s*(?:already|stays?|remains?|is unchanged|does not change|is not changed)\b", re.I
)
# "like `PlaceOrderUseCase`", "not in `AuthService`", "the existing rule in `AuthService`"
REFERENCE = re.compile(
    r"\b(?:like|unlike|not(?:\s+in)?|than|as in|same as|rule in|follows?)\s+"
    r"(?:the\s+)?(?:existing\s+)?`?\Z",
    re.I,
)
IMPLEMENTED_BY = re.compile(r"\bimplemented by\s+(?:the\s+)?(?:existing\s+)?`?\Z", re.I)
ADDED_TO = re.compile(r"\badd\w*\b[^.;]*\b(?:to|in)\s+(?:the\s+)?(?:existing\s+)?`?\Z", re.I)


@dataclass(frozen=True)
class ContextSession:
    """A parsed context session; ``sections`` maps a lower-case heading to its bullets.

    ``text`` and ``sections`` are what the session puts in the feature's scope: the
    sections and lists it says the feature leaves out ("Out of scope", "This phase
    excludes: …") are not in them, so nothing named only there is planned. ``written``
    is the session as written, for a reader that weighs it all (a model).
    """

    feature: str
    path: str
    text: str
    title: str
    sections: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # what the app serves every router under (``/api/v1`` of ``app.mount("/api/v1",
    # app=api)``) when the session writes paths as the routers do: ``routes`` adds it
    served_prefix: str = ""
    # what the session writes before every path while the routers serve none under it
    # (``/api`` of ``/api/articles`` served at ``/articles``): ``routes`` drops it
    written_prefix: str = ""
    # the parameter leading the routes after the API prefix (``{organization}`` of
    # ``/api/v1/{organization}/signals``) when the session leaves it out: ``routes``
    # puts it back in paths that start with no parameter
    tenant: str = ""
    written: str = ""

    def section(self, *names: str) -> tuple[str, ...]:
        """Items of the named sections; a canonical name absent from the session also
        collects the sections named by one of its aliases (``why`` for ``goal``)."""
        items: list[str] = []
        for name in names:
            if name in self.sections:
                items.extend(self.sections[name])
                continue
            for heading, found in self.sections.items():
                if any(alias in heading for alias in ALIASES.get(name, ())):
                    items.extend(found)
        return tuple(items)

    @property
    def subject(self) -> str:
        """The title without the label and number a tracker leads it with ("Story 20.1:
        Multi-provider set-up", "Phase 2 — Attribution"): the words saying what the
        feature is about."""
        return TITLE_LABEL.sub("", self.title, count=1).strip() or self.title

    @property
    def named_paths(self) -> list[str]:
        """Every path the text names, as written (see ``session_text.named_paths``)."""
        return named_paths(self.text)

    @property
    def code_names(self) -> list[str]:
        """Identifiers the text names (CamelCase, snake_case, backticked)."""
        return code_names(self.text)

    @property
    def env_vars(self) -> list[str]:
        return env_vars(self.text)

    @property
    def packages(self) -> list[str]:
        return package_names(self.text)

    @property
    def language(self) -> str:
        """``en`` or ``other``: the language of the prose."""
        return language(self.text)

    def changing_text(self) -> str:
        """The text less the sections that say what exists already ("Existing Use
        Cases", "Current State", "Estado actual"): a class named only there is
        context, not something the feature changes."""
        kept: list[str] = []
        skipping = False
        for line in self.text.splitlines(keepends=True):
            heading = ANY_HEADING.match(line)
            if heading:
                skipping = DESCRIBES_WHAT_IS.search(heading.group("name")) is not None
            if not skipping:
                kept.append(line)
        return "".join(kept)

    def decisive_text(self) -> str:
        """The sections that decide what the feature does (all of it if unsectioned)."""
        parts = re.split(r"^#{2,6}\s+", self.text, flags=re.M)
        if len(parts) == 1:
            return self.text
        kept = [p for p in parts[1:] if _heading_key(p.split("\n", 1)[0]) in DECISIVE]
        return "\n".join(kept) or self.text

    @property
    def routes(self) -> list[tuple[str, str]]:
        """``(METHOD, /path)`` pairs named in the text, in order, without repeats."""
        found: list[tuple[str, str]] = []
        prefix, written = self.served_prefix, self.written_prefix
        bases = [(m.end(), m.group(1).rstrip("/")) for m in BASE_PATH.finditer(self.text)]
        before = [(m.start(), m.end(), m.group(1), m.group(2)) for m in ROUTE.finditer(self.text)]
        after = [
            (m.start(), m.end(), m.group(2), m.group(1))
            for m in ROUTE_METHOD_AFTER.finditer(self.text)
        ]
        for start, end, method, path in sorted(before + after):
            path = path.rstrip(".`")
            base = self._base_before(bases, start)
            if base and path != base and not path.startswith(base + "/"):
                path = base + ("" if path == "/" else path)
            if written and path.startswith(written + "/"):
                path = path[len(written) :]
            if prefix and path != prefix and not path.startswith(prefix + "/"):
                path = prefix + path
            if self.tenant:
                path = with_tenant(path, self.tenant)
            pair = (method, path)
            if pair not in found:
                found.append(pair)
            tail = self.text[end : end + 200]
            for bare in BARE_METHOD.findall(tail):
                extra = (bare, pair[1])
                if extra not in found:
                    found.append(extra)
        return found

    def _base_before(self, bases: list[tuple[int, str]], position: int) -> str:
        """The base path declared last before ``position`` in the same section (no
        heading between), or ""."""
        for end, base in reversed(bases):
            if end <= position:
                between = self.text[end:position]
                return "" if ANY_HEADING.search(between) else base
        return ""

    @property
    def identifiers(self) -> list[str]:
        """CamelCase names and backticked capitalised names, in order of appearance;
        none from code in another language than Python (``without_foreign_code``)."""
        text = without_foreign_code(self.text)
        names = [m.group(0) for m in CAMEL.finditer(text)]
        for snippet in BACKTICKED.findall(text):
            word = snippet.split(".")[0].split("(")[0].strip()
            if word[:1].isupper() and word.isidentifier():
                names.append(word)
        return list(dict.fromkeys(names))

    @property
    def paths(self) -> list[str]:
        """Backticked repository paths such as ``src/application/ports/mailer.py``."""
        return list(
            dict.fromkeys(
                s for s in BACKTICKED.findall(self.text) if "/" in s and s.endswith(".py")
            )
        )

    @property
    def statuses(self) -> list[int]:
        """HTTP error statuses the goal, requirements or decisions name: a 4xx, or a
        5xx a server answers by design (502, 503, 504: a dependency down or slow),
        never a bare 500."""
        text = "\n".join(self.section(*DECISIVE))
        found = {int(s) for s in STATUS.findall(text)}
        return sorted(s for s in found if 400 <= s < 500 or s in DESIGNED_5XX)

    def clauses(self, *sections: str) -> list[str]:
        """The bullets of ``sections`` split into clauses (at ``;`` and sentence ends)."""
        found: list[str] = []
        for item in self.section(*sections):
            found += [part.strip() for part in CLAUSE_BREAK.split(item) if part.strip()]
        return found

    def changes(self, name: str) -> list[tuple[str, str]]:
        """``(clause, member)`` for each clause of the goal, requirements or decisions
        that says the class ``name`` changes: it is the subject of a change verb
        (```Order` gets a `cancel()` method``), it implements something new
        (``implemented by `OrderService```) or something is added to it. A name
        cited as an example (``like `X```, ``not in `X```) or said to exist already
        is not a change. ``member`` is the ``Name.member`` the clause names, or ''."""
        pattern = re.compile(rf"`?\b{re.escape(name)}\b(?:\.(?P<member>\w+))?(?:\([^)`]*\))?`?")
        found = []
        for clause in self.clauses(*DECISIVE):
            for match in pattern.finditer(clause):
                before, after = clause[: match.start()], clause[match.end() :]
                if REFERENCE.search(before) or UNCHANGED.match(after):
                    continue
                if (
                    CHANGE_VERB.match(after)
                    or IMPLEMENTED_BY.search(before)
                    or ADDED_TO.search(before)
                ):
                    found.append((clause, match.group("member") or ""))
        return found

    def members(self, name: str) -> list[str]:
        """Members named as ``Name.member`` anywhere in the text, in order."""
        return list(dict.fromkeys(re.findall(rf"\b{re.escape(name)}\.(\w+)", self.text)))

    def locations(self, name: str) -> tuple[list[str], list[str]]:
        """Backticked ``.py`` files and folders in the first bullet naming ``name``
        (``A new `DeleteTaskHandler` in `app/core/commands/delete_task.py```)."""
        snippets = [s for s in BACKTICKED.findall(self.sentence_with(name)) if REPO_PATH.match(s)]
        files = [s.removeprefix("./") for s in snippets if s.endswith(".py")]
        folders = [s.removeprefix("./").rstrip("/") for s in snippets if not s.endswith(".py")]
        return files, folders

    def clauses_naming(self, needle: str, most: int = 2) -> tuple[str, ...]:
        """The session's own words about ``needle`` (a path, a name): the first ``most``
        clauses of any section that name it, code blocks left out, each cut to
        ``CLAUSE_CHARS``."""
        found: list[str] = []
        # whole words: `EventDispatcher` is not named by `InProcessEventDispatcher`
        named = re.compile(rf"(?<!\w){re.escape(needle)}(?!\w)").search
        for items in self.sections.values():
            for item in items:
                if needle not in item or "\n" in item:
                    continue
                for part in CLAUSE_BREAK.split(item):
                    part = part.strip()
                    if named(part) and part not in found:
                        cut = len(part) > CLAUSE_CHARS
                        found.append(part[: CLAUSE_CHARS - 1].rstrip() + "…" if cut else part)
                        if len(found) == most:
                            return tuple(found)
        return tuple(found)

    def sentence_with(self, word: str) -> str:
        """The first bullet that mentions ``word`` (case-sensitive), or ''."""
        for items in self.sections.values():
            for item in items:
                if word in item:
                    return item
        return ""


def parse_context(feature: str, path: str, written: str) -> ContextSession:
    """Split a context session into its title and bulleted sections, leaving out what it
    says is out of the feature's scope (``in_scope``)."""
    text = in_scope(without_front_matter(written))
    heading = HEADING.search(text)
    title = heading.group("title").strip() if heading else feature.replace("_", " ")
    sections: dict[str, tuple[str, ...]] = {}
    parts = ANY_HEADING.split(text)
    if parts[0].strip():
        sections["goal"] = _bullets(parts[0])
    for index in range(1, len(parts) - 1, 2):
        key = _heading_key(parts[index])
        if heading and index == 1 and parts[index].strip().endswith(heading.group("title")):
            key = "goal" if parts[index + 1].strip() else ""
        if key:
            sections[key] = sections.get(key, ()) + _bullets(parts[index + 1])
    return ContextSession(feature, path, text, title, sections, written=written)


def _heading_key(heading: str) -> str:
    """``## 2.1 Backend — Payment entity:`` → ``backend — payment entity``."""
    return NUMBERING.sub("", heading.strip()).strip(" :*#").lower()


def _bullets(block: str) -> tuple[str, ...]:
    """The block's items: list entries (``-``, ``1.``, ``- [x]``, emoji bullets) with
    their wrapped lines, table rows (cells joined by `` | ``), whole code blocks, and
    prose paragraphs. Nothing is dropped but rules and table separators."""
    items: list[str] = []
    paragraph: list[str] = []
    code: list[str] | None = None

    def close() -> None:
        if paragraph:
            items.append(" ".join(paragraph))
            paragraph.clear()

    for line in block.splitlines():
        stripped = line.strip()
        if stripped.startswith("```"):
            if code is None:
                close()
                code = []
            else:
                items.append("\n".join(code))
                code = None
            continue
        if code is not None:
            code.append(line)
            continue
        if not stripped or RULE.match(stripped):
            close()
            continue
        if ANY_HEADING.match(stripped):
            close()
            items.append(stripped.lstrip("#").strip())
            continue
        if stripped.startswith("|"):
            close()
            cells = [c.strip() for c in stripped.strip("|").split("|")]
            items.append(" | ".join(c for c in cells if c))
            continue
        mark = LIST_MARK.match(stripped)
        nested = line.startswith(("    ", "\t"))
        if mark and not nested:
            close()
            paragraph.append(stripped[mark.end() :])
        elif mark and nested and not paragraph:
            paragraph.append(stripped[mark.end() :])
        else:
            paragraph.append(stripped[mark.end() :] if mark else stripped)
    if code is not None:
        items.append("\n".join(code))
    close()
    return tuple(items)


def with_tenant(path: str, tenant: str) -> str:
    """``path`` with the ``tenant`` parameter after its API-prefix segments, unless a
    parameter stands there already: ``/api/v1/signals`` → ``/api/v1/{org}/signals``."""
    segments = path.strip("/").split("/")
    lead = api_lead(segments)
    if not segments[lead] or segments[lead].startswith("{"):
        return path
    joined = "/".join([*segments[:lead], tenant, *segments[lead:]])
    return "/" + joined + ("/" if path.endswith("/") and len(path) > 1 else "")
