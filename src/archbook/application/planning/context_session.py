"""Reading a context session: its title, sections and the names and routes it uses."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

HEADING = re.compile(r"^#\s+(?:Context session:\s*)?(?P<title>.+)$", re.M)
SECTION = re.compile(r"^##\s+(?P<name>.+)$", re.M)
ROUTE = re.compile(r"\b(GET|POST|PUT|PATCH|DELETE)\s+`?(/[\w{}\-/.]*)")
BARE_METHOD = re.compile(r"`(GET|POST|PUT|PATCH|DELETE)`\s+on the same path")
CAMEL = re.compile(r"\b[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]+)+\b")
BACKTICKED = re.compile(r"`([^`\n]{1,120})`")
STATUS = re.compile(r"`?\b([1-5]\d\d)\b(?:\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)?`?")
MINUTES = re.compile(r"(\d+)\s*(minutes?|hours?|days?)", re.I)
REPO_PATH = re.compile(r"(?:\./)?[\w\-]+(?:/[\w\-.]+)+/?\Z")
CLAUSE_BREAK = re.compile(r";\s+|(?<=[.!?])\s+(?=[A-Z`])")
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
    """A parsed context session; ``sections`` maps a lower-case heading to its bullets."""

    feature: str
    path: str
    text: str
    title: str
    sections: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def section(self, *names: str) -> tuple[str, ...]:
        items: list[str] = []
        for name in names:
            items.extend(self.sections.get(name, ()))
        return tuple(items)

    def decisive_text(self) -> str:
        """The sections that decide what the feature does (all of it if unsectioned)."""
        parts = re.split(r"^##\s+", self.text, flags=re.M)
        if len(parts) == 1:
            return self.text
        kept = [p for p in parts[1:] if p.split("\n", 1)[0].strip().lower() in DECISIVE]
        return "\n".join(kept) or self.text

    @property
    def routes(self) -> list[tuple[str, str]]:
        """``(METHOD, /path)`` pairs named in the text, in order, without repeats."""
        found: list[tuple[str, str]] = []
        for match in ROUTE.finditer(self.text):
            pair = (match.group(1), match.group(2).rstrip(".`"))
            if pair not in found:
                found.append(pair)
            tail = self.text[match.end() : match.end() + 200]
            for method in BARE_METHOD.findall(tail):
                extra = (method, pair[1])
                if extra not in found:
                    found.append(extra)
        return found

    @property
    def identifiers(self) -> list[str]:
        """CamelCase names and backticked capitalised names, in order of appearance."""
        names = [m.group(0) for m in CAMEL.finditer(self.text)]
        for snippet in BACKTICKED.findall(self.text):
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
        """HTTP error statuses (4xx) the requirements name."""
        text = "\n".join(self.section("requirements"))
        return sorted({int(s) for s in STATUS.findall(text) if s.startswith("4")})

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

    def sentence_with(self, word: str) -> str:
        """The first bullet that mentions ``word`` (case-sensitive), or ''."""
        for items in self.sections.values():
            for item in items:
                if word in item:
                    return item
        return ""


def parse_context(feature: str, path: str, text: str) -> ContextSession:
    """Split a context session into its title and bulleted sections."""
    heading = HEADING.search(text)
    title = heading.group("title").strip() if heading else feature.replace("_", " ")
    sections: dict[str, tuple[str, ...]] = {}
    parts = SECTION.split(text)
    for index in range(1, len(parts) - 1, 2):
        sections[parts[index].strip().lower()] = _bullets(parts[index + 1])
    return ContextSession(feature, path, text, title, sections)


def _bullets(block: str) -> tuple[str, ...]:
    items: list[str] = []
    paragraph: list[str] = []
    for line in block.splitlines():
        stripped = line.strip()
        if stripped.startswith(("- ", "* ")) and not line.startswith("    "):
            if paragraph:
                items.append(" ".join(paragraph))
            paragraph = [stripped[2:]]
        elif stripped:
            paragraph.append(
                stripped.lstrip("-* ").strip() if line.startswith("    ") else stripped
            )
        elif paragraph:
            items.append(" ".join(paragraph))
            paragraph = []
    if paragraph:
        items.append(" ".join(paragraph))
    return tuple(items)
