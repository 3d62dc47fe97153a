"""How a repository files a class of a role, learned from its existing classes of
that role: the folder, the file's name and, for a package per class, the files
beside it."""

from __future__ import annotations

import posixpath
from collections import Counter
from dataclasses import dataclass

from archbook.application.planning.naming import CAMEL_BOUNDARY, singular, snake

ROLE_WORDS = (
    "UseCase",
    "Interactor",
    "Service",
    "Handler",
    "Query",
    "Command",
    "Repository",
    "Gateway",
    "Controller",
    "Provider",
    "Client",
)


def role_word(name: str) -> str:
    """The word naming a class's role: ``UseCase`` in ``PlaceOrderUseCase``, else its
    last CamelCase word when it has several (``Handler``), else ''."""
    for role in ROLE_WORDS:
        if name.endswith(role) and name != role:
            return role
    words = CAMEL_BOUNDARY.split(name)
    return words[-1] if len(words) > 1 else ""


def name_stems(name: str) -> set[str]:
    """The lower-case words of a class name but its role word: ``EventHandler`` →
    {"event"}; ``PlaceOrderUseCase`` → {"place", "order"}."""
    role = role_word(name)
    stem = name[: -len(role)] if role else name
    return {word.lower() for word in CAMEL_BOUNDARY.split(stem) if word}


@dataclass(frozen=True)
class Filing:
    """Where new classes of a role go and how their files are named, copied from the
    existing classes of that role: ``class`` files are named after the class
    (``thread_service.py``), ``stem`` files after the class without its role word
    (``complete_task.py`` for ``CompleteTaskHandler``), and ``folder`` gives every
    class a package of its own (``create_account/handler.py`` beside the other files
    of that package, listed in ``siblings``), and ``suffix`` files after the class
    without its role word and with the word the others end with (``logout_cmd.py``
    for ``LogoutHandler`` beside ``request_otp_cmd.py``)."""

    style: str
    folder: str
    siblings: tuple[str, ...] = ()
    suffix: str = ""

    def place(self, name: str, folder: str = "") -> tuple[str, list[str]]:
        """The new file of class ``name`` and the sibling files to create with it;
        ``folder`` (from the context session) replaces the learned one."""
        role = role_word(name)
        stem = name[: -len(role)] if role else name
        base = folder or self.folder
        if self.style == "folder" and role:
            package = base if posixpath.basename(base) == snake(stem) else f"{base}/{snake(stem)}"
            return f"{package}/{snake(role)}.py", [f"{package}/{s}" for s in self.siblings]
        if self.style == "suffix" and role:
            return posixpath.join(base, f"{snake(stem)}_{self.suffix}.py"), []
        name_part = snake(stem) if self.style == "stem" and role else snake(name)
        return posixpath.join(base, f"{name_part}.py"), []


def filing_for(
    name: str,
    analogs: list[tuple[str, str]],
    fallback_folder: str,
    files: set[str],
    ranked: tuple[str, ...] = (),
    resource: str = "",
) -> Filing:
    """How to file class ``name``, learned from ``analogs`` (class name, path) of the
    same kind — those sharing its role word first; the analog ranked highest for the
    feature picks the folder, unless they live in a folder per resource
    (``use_cases/otp/``, ``use_cases/user/``): then ``resource``'s folder does."""
    role = role_word(name)
    same = [(c, p) for c, p in analogs if role and role_word(c) == role]
    pool = same or analogs
    if not pool:
        return Filing("class", fallback_folder)
    seen: list[tuple[str, str, str]] = []  # (style, folder, analog path)
    for cls, path in pool:
        seen.append((_filing_style(cls, path), posixpath.dirname(path), path))
    styles = Counter(style for style, _, _ in seen)
    order = ("class", "stem", "folder", "suffix", "other")
    style = max(styles, key=lambda s: (styles[s], -order.index(s)))
    chosen = [(f, p) for s, f, p in seen if s == style]
    rank = {path: index for index, path in enumerate(ranked)}
    folder, path = min(chosen, key=lambda fp: (rank.get(fp[1], len(rank)), fp[1]))
    if style == "folder":
        # the files at least half the folders of its kind hold, not all the chosen one does
        base = posixpath.basename(path)
        folders = {f for f, _ in chosen}
        held = Counter(posixpath.basename(f) for f in files if posixpath.dirname(f) in folders)
        siblings = tuple(
            sorted(n for n, count in held.items() if n != base and count * 2 >= len(folders))
        )
        return Filing("folder", posixpath.dirname(folder), siblings)
    if resource and style != "folder" and _folder_per_resource(chosen):
        # the resource's folder as the others are named (``rooms/`` for a room)
        named = [f for f, _ in chosen if singular(posixpath.basename(f)) == singular(resource)]
        folder = named[0] if named else posixpath.join(posixpath.dirname(folder), resource)
    if style == "suffix":
        # the word most of them end with, the first in name order on a tie
        ends = Counter(_suffix(cls, path) for cls, path in pool if _suffix(cls, path))
        suffix = max(sorted(ends), key=lambda word: ends[word])
        return Filing("suffix", folder, suffix=suffix)
    return Filing("class" if style == "other" else style, folder)


def _folder_per_resource(chosen: list[tuple[str, str]]) -> bool:
    """Whether classes of a kind live in sibling folders named after what they act on:
    two folders or more under one parent, most named by a word of the class names
    inside (``otp/`` holding ``request_otp_cmd.py``, ``user/`` ``list_users_query.py``)."""
    folders: dict[str, set[str]] = {}
    for folder, path in chosen:
        words = posixpath.basename(path).removesuffix(".py").split("_")
        folders.setdefault(folder, set()).update(singular(w) for w in words)
    if len(folders) < 2 or len({posixpath.dirname(f) for f in folders}) != 1:
        return False
    named = sum(singular(posixpath.basename(f)) in words for f, words in folders.items())
    return named * 2 > len(folders)


def _filing_style(cls: str, path: str) -> str:
    role = role_word(cls)
    stem = cls[: -len(role)] if role else cls
    base = posixpath.basename(path).removesuffix(".py")
    folder = posixpath.basename(posixpath.dirname(path))
    if base == snake(cls):
        return "class"
    if role and base == snake(stem):
        return "stem"
    if role and base == snake(role) and folder == snake(stem):
        return "folder"
    if _suffix(cls, path):
        return "suffix"
    return "other"


def _suffix(cls: str, path: str) -> str:
    """The one word a file's name adds to its class's name without the role word
    (``cmd`` for ``RequestOtpHandler`` in ``request_otp_cmd.py``), else ''."""
    role = role_word(cls)
    if not role:
        return ""
    stem = snake(cls[: -len(role)])
    base = posixpath.basename(path).removesuffix(".py")
    word = base[len(stem) + 1 :] if stem and base.startswith(f"{stem}_") else ""
    return word if word.isalpha() and word != snake(role) else ""
