"""How names are spelled and compared: snake_case, CamelCase and singular forms, so a
feature's words match the repository's identifiers and paths whatever their spelling."""

from __future__ import annotations

import re

CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
SHORTEST_PLURAL = 4  # "bus", "gas" and "yes" are not plurals


# Nouns spelled alike in the singular and the plural: ``news`` is no plural of ``new``.
SAME_IN_PLURAL = frozenset({"news", "series", "species"})
# Words ending in one "s" that are no plurals, whose plural adds "es".
SINGULAR_IN_S = frozenset({"canvas", "atlas", "alias", "bias", "gas", "lens", "saas"})


def snake(name: str) -> str:
    """``PasswordResetRepository`` or ``password-reset`` → ``password_reset...``."""
    return re.sub(r"[\s\-]+", "_", CAMEL_BOUNDARY.sub("_", name)).lower()


# A ticket key or a number leading a feature's name: ``EPIC-005``, ``NEWS-14``,
# ``JIRA_123``, ``27_`` (a sprint's numbered specs).
TICKET_KEY = re.compile(r"^(?:[A-Za-z]{2,10}[-_])?\d+(?:[-_]+|\Z)")


# Ticket keys in a text, as trackers write them (``NEWS-14``, ``EPIC-005``).
TICKET_KEYS = re.compile(r"\b[A-Z][A-Z0-9]{1,9}-\d+\b")


def without_ticket_keys(text: str) -> str:
    """``text`` with every ticket key taken out: ``NEWS-14`` names no resource."""
    return TICKET_KEYS.sub(" ", text)


# Words closing a feature's name that say what kind of change it is, not what it is
# about: ``auspost_tracking_endpoint``, ``export-api``, ``dark_mode_feature``.
KIND_SUFFIX = re.compile(r"[-_]+(?:endpoints?|api|feature|routes?)\Z", re.I)


def feature_words(feature: str) -> str:
    """A feature's name without the ticket key or number leading it
    (``EPIC-005-consulta-ceo`` → ``consulta-ceo``, ``27_parcel_tracking_endpoint`` →
    ``parcel_tracking``), and without a closing word naming the kind of change
    (``_endpoint``, ``-api``): what code named after the feature is named after, and
    a class name never starts with a digit. A name that is only a key (``NEWS-14``)
    stays whole."""
    rest = TICKET_KEY.sub("", feature, count=1)
    rest = KIND_SUFFIX.sub("", rest) or rest
    return rest or feature


def camel(words: str) -> str:
    """``password_reset`` or ``password-reset`` → ``PasswordReset``."""
    return "".join(part.capitalize() for part in re.split(r"[_\-\s]+", words) if part)


def singular(word: str) -> str:
    """``categories`` → ``category``, ``threads`` → ``thread``, ``canvases`` →
    ``canvas``; ``address``, ``status``, ``canvas``,
    ``news`` and short words stay as they are; ``-`` becomes ``_``."""
    word = word.replace("-", "_")
    if len(word) < SHORTEST_PLURAL or word.endswith(("ss", "us", "is")):
        return word
    last = word.rpartition("_")[2]
    if last in SAME_IN_PLURAL or last in SINGULAR_IN_S:
        return word
    if last.endswith("es") and last[:-2] in SINGULAR_IN_S:  # canvases
        return word[:-2]
    if word.endswith(("eses", "yses")):  # hypotheses, analyses
        return word[:-2] + "is"
    if word.endswith("sses"):  # classes, addresses
        return word[:-2]
    if word.endswith("ies") and len(word) > SHORTEST_PLURAL:
        return word[:-3] + "y"
    if word.endswith("s"):
        return word[:-1]
    return word


def word_set(text: str) -> frozenset[str]:
    """The blank-separated words of ``text``: a readable way to write a word list."""
    return frozenset(text.split())


def plural(word: str) -> str:
    """``invoice`` → ``invoices``, ``category`` → ``categories``, ``box`` → ``boxes``;
    ``news`` stays ``news``."""
    if word.rpartition("_")[2] in SAME_IN_PLURAL:
        return word
    if word.endswith(("esis", "ysis")):  # hypothesis, analysis
        return word[:-2] + "es"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    return word + "s"


def renamed(path: str, old: str, new: str) -> str:
    """``path`` with resource ``old`` made ``new`` wherever a folder or file name holds
    it as a word, in its singular, plural or Camel spelling
    (``tests/api/test_dpd_endpoint.py`` → ``tests/api/test_auspost_endpoint.py``)."""
    spellings: dict[str, str] = {}
    for a, b in ((plural(old), plural(new)), (old, new), (camel(old), camel(new))):
        spellings.setdefault(a, b)  # a word alike in both numbers (``series``): plural
    # one pass, longest spelling first, so a new name holding the old one
    # (``book`` → ``book_link``) is not renamed again
    pattern = re.compile(
        "(?<![a-z])(?:"
        + "|".join(map(re.escape, sorted(spellings, key=len, reverse=True)))
        + ")(?![a-z])"
    )
    parts = []
    for part in path.split("/"):
        # only importable names: a folder such as ``book-service`` above the code
        # is no package of the resource
        if part.removesuffix(".py").isidentifier():
            part = pattern.sub(lambda found: spellings[found.group()], part)
        parts.append(part)
    return "/".join(parts)


# Words that mark a class as an interface rather than a thing that does the work.
INTERFACE_SUFFIXES = ("Protocol", "Interface", "Port", "ABC")


def implemented_name(port: str) -> str:
    """What a port's implementations are named after: the port without the words that
    mark it an interface (``EmailSenderProtocol``, ``IEmailSender`` → ``EmailSender``)."""
    name = port
    for suffix in INTERFACE_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            name = name[: -len(suffix)]
            break
    if len(name) > 2 and name[0] == "I" and name[1].isupper() and name[2].islower():
        name = name[1:]
    if name.startswith("Abstract") and len(name) > len("Abstract"):
        name = name[len("Abstract") :]
    return name
