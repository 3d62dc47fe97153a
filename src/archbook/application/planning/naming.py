"""How names are spelled and compared: snake_case, CamelCase and singular forms, so a
feature's words match the repository's identifiers and paths whatever their spelling."""

from __future__ import annotations

import re

CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
SHORTEST_PLURAL = 4  # "bus", "gas" and "yes" are not plurals


def snake(name: str) -> str:
    """``PasswordResetRepository`` or ``password-reset`` → ``password_reset...``."""
    return re.sub(r"[\s\-]+", "_", CAMEL_BOUNDARY.sub("_", name)).lower()


def camel(words: str) -> str:
    """``password_reset`` or ``password-reset`` → ``PasswordReset``."""
    return "".join(part.capitalize() for part in re.split(r"[_\-\s]+", words) if part)


def singular(word: str) -> str:
    """``categories`` → ``category``, ``threads`` → ``thread``; ``address``, ``status``
    and short words stay as they are; ``-`` becomes ``_``."""
    word = word.replace("-", "_")
    if len(word) < SHORTEST_PLURAL or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > SHORTEST_PLURAL:
        return word[:-3] + "y"
    if word.endswith("s"):
        return word[:-1]
    return word


def word_set(text: str) -> frozenset[str]:
    """The blank-separated words of ``text``: a readable way to write a word list."""
    return frozenset(text.split())


def plural(word: str) -> str:
    """``invoice`` → ``invoices``, ``category`` → ``categories``, ``box`` → ``boxes``."""
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    return word + "s"


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
