"""Ports a session points at without naming them: by two words of their name in its
prose ("the internal-token writer"), or through a method it adds to one of them."""

from __future__ import annotations

import re
from collections.abc import Callable

from archbook.application.code_facts.knowledge import RepoKnowledge
from archbook.application.planning.context_session import ContextSession
from archbook.application.planning.naming import singular, snake
from archbook.application.planning.scoping.mentions import says_changed
from archbook.application.planning.scoping.repo_index import ROLE_WORDS, RepoIndex, term_words
from archbook.application.planning.scoping.scope_terms import without_project_names

INTERFACE_WORDS = (
    "interface|port|writer|reader|repository|store|gateway|protocol|interfaz|puerto|repositorio"
)
PORT_NOISE = frozenset(("protocol", "transaction", "abstract", "base", "gateway"))
# Words of a method name that say what it does, not what it is about.
METHOD_VERBS = frozenset(
    (
        *("get", "set", "add", "create", "update", "delete", "remove", "list", "find"),
        *("mark", "upsert", "save", "new", "by", "for", "all", "is", "has", "of", "to"),
        *("from", "the", "and", "or", "in", "on", "with"),
    )
)
# Words a new method must share with a port's to join it.
MIN_SHARED_WORDS = 2


def described_ports(
    context: ContextSession, known: RepoKnowledge, touch: Callable[[str, str], None]
) -> None:
    """Ports the prose describes by two words of their name in a row ("the
    internal-token writer" for ``AuthInternalTokenTransactionPort``)."""
    prose = " ".join(term_words(without_project_names(known)(context.text)))
    for port in known.facts.ports:
        name = port.qualname.rpartition(":")[2]
        if name in context.code_names and not says_changed(context.text, name):
            continue  # named outright, and only as used as it is or cited
        words = [singular(w) for w in snake(name).split("_")]
        words = [w for w in words if w and w not in ROLE_WORDS and w not in PORT_NOISE]
        for first, second in zip(words, words[1:], strict=False):
            said = rf"\b{first} {second}(?: \w+){{0,2}} (?:{INTERFACE_WORDS})\b"
            if re.search(said, prose):
                touch(port.location.path, f"the session describes `{name}` ({first} {second})")
                break


# "the weeks repository port gets a new query", "the user repository needs a new method"
GIVEN_A_METHOD = re.compile(
    r"\b(?P<resource>[A-Za-z]\w*)\s+repository(?:\s+(?:port|interface))?\s+"
    r"(?:gets?|gains?|needs?|receives?)\s+(?:a\s+|one\s+)?(?:new\s+)?"
    r"(?:query|queries|method|methods|lookup|finder|operation)\b",
    re.I,
)


def ports_of_new_methods(
    context: ContextSession, known: RepoKnowledge, index: RepoIndex
) -> list[tuple[str, str]]:
    """(port file, method) for each method the session adds without naming its class
    ("Add repository methods `delete_expired_refresh_tokens(cutoff)`"): it joins the
    port whose methods share the most words with it, two at least (``refresh`` and
    ``token`` with ``revoke_refresh_token``); on a tie, the port the sentence names
    by its kind ("repository")."""
    found: list[tuple[str, str]] = []
    ports: list[tuple[set[str], set[str], str]] | None = None  # (kind words, all, path)
    for name in context.code_names:
        if "_" not in name or not name.islower():
            continue
        if not re.search(rf"(?<![\w.]){re.escape(name)}\(", context.text):
            continue  # not called: a table, a field, a file
        if index.defined_in(name):
            continue  # an existing function: the code names rule handles it
        if ports is None:
            ports = []
            for port in known.facts.ports:
                kinds = _name_words(snake(port.qualname.rpartition(":")[2]))
                words = kinds.union(*(_name_words(m.name) for m in port.methods))
                ports.append((kinds, words, port.location.path))
        wanted = _name_words(name)
        sentence = set(term_words(context.sentence_with(name))) - wanted
        best: tuple[int, int, str] | None = None
        for kinds, words, path in ports:
            rank = (len(wanted & words), len(kinds & sentence), path)
            if rank[0] >= MIN_SHARED_WORDS and (best is None or rank[:2] > best[:2]):
                best = rank
        if best is not None and (best[2], name) not in found:
            found.append((best[2], name))
    return found


def ports_given_a_method(context: ContextSession, known: RepoKnowledge) -> list[tuple[str, str]]:
    """(file, why) of each repository port a sentence gives an unnamed method ("the
    weeks repository port gets a new query"), and of the adapters implementing it
    ("implement it in the SQLAlchemy adapter" or not: a port's method is theirs too).
    Fakes aside; a port is named by its resource and the word ``repository``."""
    found: list[tuple[str, str]] = []
    for match in GIVEN_A_METHOD.finditer(context.text):
        resource = singular(match.group("resource").lower())
        for port in known.facts.ports:
            # ``IWeeksRepository``: the interface's ``I`` is no part of its name
            name = port.qualname.rpartition(":")[2]
            words = _name_words(snake(re.sub(r"^I(?=[A-Z])", "", name)))
            if resource not in words or "repository" not in words:
                continue
            found.append((port.location.path, f"`{name}` gets the method the session adds"))
            found += [
                (a.location.path, f"implements the method `{name}` gets")
                for a in known.facts.adapters
                if port.qualname in a.implements and not a.fake
            ]
    return list(dict.fromkeys(found))


def _name_words(name: str) -> set[str]:
    """The words of a snake_case name that say what it is about, not what it does."""
    return {singular(w) for w in name.split("_") if w and w not in METHOD_VERBS}
