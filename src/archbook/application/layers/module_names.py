"""Names the files of a repository as modules and resolves their imports.

Source roots are found from the imports the repository itself writes: a folder is a
source root when a name imported somewhere is one of its children (``src`` for
``from src.x import y``; ``src/`` itself for ``from account.domain import z``). A file
is named relative to its nearest source root, or, outside every root, relative to
the top of its package chain. Every other root that contains it gives an alias, so
mixed ``src.x``/``x`` imports resolve to the same module. When the scanned folder is
itself a package, its modules are named under the folder's own name.
"""

from __future__ import annotations

import posixpath
import re
import sys
from collections.abc import Iterable
from functools import cached_property, partial
from typing import Any

from archbook.domain.layer_tokens import TEST_TOKENS
from archbook.domain.source import Import, ImportStatement, Module, SkippedFile

# An ``Import`` from its plain row, at C speed (``Import._make`` is a Python call)
as_import = partial(tuple.__new__, Import)
# What one import names: (module or top-level name, whether it is external), ...
Targets = tuple[tuple[str, bool], ...]
# (base, names, absolute) → what ``from base import names`` names (``resolve``)
TargetMemo = dict[tuple[str, tuple[str, ...], bool], Targets]


def folders_of(paths: Iterable[str]) -> set[str]:
    """Every folder holding one of ``paths`` (relative posix paths), and all of their
    parents; the repository root, ``""``, is not one of them."""
    folders: set[str] = set()
    for path in paths:
        folder = posixpath.dirname(path)
        while folder and folder not in folders:
            folders.add(folder)
            folder = posixpath.dirname(folder)
    return folders


class ModuleIndex:
    """The modules of a repository and an index of every name they can be imported by."""

    def __init__(
        self,
        prefix: str,
        roots: set[str],
        modules: list[Module],
        index: dict[str, str],
        skipped: list[SkippedFile],
        top_level: set[str],
    ) -> None:
        self.prefix = prefix
        self.roots = roots
        self.modules = modules
        self.index = index
        self.skipped = skipped
        self._top_level = top_level

    @classmethod
    def build(
        cls,
        root: str,
        paths: list[str],
        packages: frozenset[str],
        keys: Iterable[str],
        declared: Iterable[str] = (),
    ) -> ModuleIndex:
        """Find the source roots of these files and name every one of them.

        ``declared`` roots (from the repository's settings) count even when they are
        packages themselves, provided some import resolves below them.
        """
        prefix = ""
        if "" in packages:
            prefix = posixpath.basename(root.rstrip("/")) + "/"
            paths = [prefix + path for path in paths]
            packages = frozenset(prefix + f if f else prefix[:-1] for f in packages)
            declared = [prefix + d if d else prefix[:-1] for d in declared]
        dirs = {"", *folders_of(paths)}
        key_set = set(keys)
        top = prefix[:-1] if prefix else None
        roots = _source_roots(paths, dirs, packages, key_set, inside=top)
        roots |= _source_roots(paths, dirs, packages, key_set, dirs & set(declared))
        roots |= _stray_package_roots(packages, key_set, top, roots)
        modules, index, skipped = _name_modules(paths, roots, packages, len(prefix))
        # every module name is in the index, and a namespace folder above a module
        # begins with the module's top-level name
        top_level = {name.partition(".")[0] for name in index}
        return cls(prefix, roots, modules, index, skipped, top_level)

    def to_parts(self) -> tuple[Any, ...]:
        """Plain values to store; ``from_parts`` rebuilds the same index."""
        return (
            self.prefix,
            sorted(self.roots),
            [(m.name, m.path, m.is_package, m.script) for m in self.modules],
            self.index,
            [(s.path, s.reason) for s in self.skipped],
            sorted(self._top_level),
        )

    @classmethod
    def from_parts(cls, parts: tuple[Any, ...]) -> ModuleIndex:
        prefix, roots, modules, index, skipped, top_level = parts
        return cls(
            prefix,
            set(roots),
            [Module(*row) for row in modules],
            index,
            [SkippedFile(*row) for row in skipped],
            set(top_level),
        )

    @property
    def source_roots(self) -> tuple[str, ...]:
        return tuple(sorted(root[len(self.prefix) :] or "." for root in self.roots))

    def resolve(
        self,
        module: Module,
        statements: Iterable[ImportStatement],
        memo: TargetMemo | None = None,
    ) -> list[Import]:
        """The imports of ``module``: internal modules it names, or external top names."""
        return [as_import(row) for row in self.resolve_rows(module, statements, memo)]

    def resolve_rows(
        self,
        module: Module,
        statements: Iterable[ImportStatement],
        memo: TargetMemo | None = None,
    ) -> list[tuple[Any, ...]]:
        """``resolve``'s imports as plain rows (the fields of an ``Import``), the form a
        snapshot stores; ``as_import`` makes each an ``Import``.

        ``memo`` carries what each import was found to name across the calls of one
        pass (the same imports recur across a repository's files). It is the
        caller's, not the index's: an index outlives its pass in the scan snapshot,
        and tens of thousands of kept entries would slow every garbage collection.
        """
        rows: list[tuple[Any, ...]] = []
        add, name = rows.append, module.name
        known = {} if memo is None else memo
        for statement in statements:
            target, level, names, line, text, type_checking, in_function = statement
            if level:
                base = _relative_base(module, statement)
                if base is None:
                    continue
                key = (base, names, False)
            else:
                key = (target, names, True)
            targets = known.get(key)
            if targets is None:
                targets = known[key] = self._find_targets(*key)
            for imported, external in targets:
                if imported != name:
                    add((name, imported, line, text, external, type_checking, in_function))
        return rows

    def _find_targets(self, base: str, names: tuple[str, ...], absolute: bool) -> Targets:
        """What ``from base import names`` (``import base`` without names) imports; an
        absolute import of a top-level name outside the repository is external."""
        if absolute:
            top = base.partition(".")[0]
            if top not in self._top_level:
                return ((top, True),)
        if not names or (base and base not in self._parents):
            # no ``base.name`` is indexed: every name is found in ``base`` itself
            found = self._longest_prefix(base)
            return ((found, False),) if found else ()
        targets: dict[str, None] = {}  # in the order first found
        prefix = f"{base}." if base else ""
        fallback: str | None = None
        for name in names:
            found = None
            if name != "*":
                found = self.index.get(prefix + name)
            if found is None and base:
                fallback = fallback or self._longest_prefix(base)
                found = fallback
            if found:
                targets[found] = None
        return tuple((found, False) for found in targets)

    @cached_property
    def _parents(self) -> frozenset[str]:
        """Every dotted name some indexed name lies below (``a`` and ``a.b`` for ``a.b.c``)."""
        parents: set[str] = set()
        for name in self.index:
            end = name.rfind(".")
            while end >= 0 and name[:end] not in parents:  # else its own were added
                parents.add(name[:end])
                end = name.rfind(".", 0, end)
        return frozenset(parents)

    def _longest_prefix(self, dotted: str) -> str | None:
        found = self.index.get(dotted)
        if found is not None:
            return found
        parts = dotted.split(".")
        for end in range(len(parts) - 1, 0, -1):
            found = self.index.get(".".join(parts[:end]))
            if found is not None:
                return found
        return None


def _name_modules(
    paths: list[str], roots: set[str], packages: frozenset[str], cut: int
) -> tuple[list[Module], dict[str, str], list[SkippedFile]]:
    """Modules in ``paths`` order, every alias → canonical name, files that can't be named."""
    modules: list[Module] = []
    index: dict[str, str] = {}
    aliases: list[tuple[str, str]] = []
    skipped: list[SkippedFile] = []
    scripts: list[tuple[str, str, bool]] = []
    # each root as the prefix of the paths below it, deepest first: the first a path
    # starts with is its nearest
    prefixes = sorted(((f"{root}/" if root else "", root) for root in roots), reverse=True)
    for path in paths:
        containing = [root for prefix, root in prefixes if path.startswith(prefix)]
        nearest = containing[0] if containing else _package_chain_top(path, packages)
        name = dotted_name(path, nearest)
        is_package = path.endswith("/__init__.py") or path == "__init__.py"
        if not _importable(name.replace(".", "_")):
            scripts.append((script_name(path, nearest), path, is_package))
            continue
        if name in index:
            # Two files, one name: Python imports the package over a same-named module,
            # else the first found; the other is shadowed and reported.
            first = next(m for m in modules if m.name == name)
            if not (is_package and not first.is_package):
                skipped.append(SkippedFile(path[cut:], f"shadowed by {first.path} ({name})"))
                continue
            modules.remove(first)
            skipped.append(SkippedFile(first.path, f"shadowed by {path[cut:]} ({name})"))
        modules.append(Module(name, path[cut:], is_package))
        index.setdefault(name, name)
        if len(containing) > 1:
            aliases.extend((dotted_name(path, r), name) for r in containing[1:])
    for alias, name in aliases:
        index.setdefault(alias, name)
    # Files no import can name are still read: named from their sanitised path, kept
    # out of the index so that nothing resolves to them, unless a module has the name.
    taken = {m.name for m in modules}
    for name, path, is_package in scripts:
        if name in taken or name in index:
            skipped.append(SkippedFile(path[cut:], f"not importable, and '{name}' is taken"))
            continue
        taken.add(name)
        modules.append(Module(name, path[cut:], is_package, script=True))
    return modules, index, skipped


def script_name(path: str, root: str) -> str:
    """The dotted name of a file whose path is no Python name: each folder and the file
    name with every character outside ``[A-Za-z0-9_]`` made ``_``
    (``versions/2024-01-02-10.15_add_x.py`` → ``versions.2024_01_02_10_15_add_x``)."""
    relative = (path[len(root) + 1 :] if root else path)[:-3]
    parts = relative.split("/")
    if parts[-1] == "__init__" and len(parts) > 1:
        parts = parts[:-1]
    return ".".join(re.sub(r"\W", "_", part, flags=re.ASCII) for part in parts)


def _importable(part: str) -> bool:
    """A name ``importlib`` can load: word characters only (``0001_initial`` is fine);
    a dotted name's parts all are when the name with ``_`` for its dots is."""
    return ("_" + part).isidentifier()


def _relative_base(module: Module, statement: ImportStatement) -> str | None:
    parts = module.name.split(".")
    package = parts if module.is_package else parts[:-1]
    up = statement.level - 1
    if up > len(package):
        return None
    base = package[: len(package) - up]
    if statement.target:
        base = [*base, *statement.target.split(".")]
    return ".".join(base)


def _source_roots(
    paths: list[str],
    dirs: set[str],
    packages: frozenset[str],
    keys: set[str],
    declared: set[str] | None = None,
    inside: str | None = None,
) -> set[str]:
    """Folders whose children are imported by name somewhere in the repository.

    Without ``declared`` every folder that is neither a package nor inside one is
    tried: a folder without ``__init__.py`` in a regular package is a namespace
    portion of that package (``app/auth`` of ``app`` is ``app.auth``), and a library
    imported by a bare name one of its files also has (``import jwt`` beside
    ``app/auth/jwt.py``) must not make it a root. ``inside`` is the package the
    repository's own folder became (its stray ``__init__.py``), which does not count.
    With ``declared``, only those folders are tried, packages or not.
    """
    wanted = {key for key in keys if "." not in key}
    deeper: dict[str, list[str]] = {}
    for key in keys:
        first, _, second = key.partition(".")
        if second:
            deeper.setdefault(first, []).append(second)
    files = set(paths)
    roots: set[str] = set()
    for folder in dirs if declared is None else declared:
        if (
            declared is None
            and folder
            and (folder in packages or _in_package(folder, packages, inside))
        ):
            continue
        for name in wanted:
            child = f"{folder}/{name}" if folder else name
            if f"{child}.py" in files or child in packages:
                roots.add(folder)
                break
            if child in dirs and any(
                f"{child}/{second}.py" in files or f"{child}/{second}" in dirs
                for second in deeper.get(name, ())
            ):
                roots.add(folder)
                break
    return roots


# Top-level names of the standard library, which a repository's packages may share.
STDLIB = frozenset(getattr(sys, "stdlib_module_names", ()))


def _stray_package_roots(
    packages: frozenset[str], keys: set[str], top: str | None, found: set[str]
) -> set[str]:
    """Folders at the top of a package chain (``src``, ``backend/src``) whose
    ``__init__.py`` no import uses, holding packages imported by their own names
    (``src/app`` imported as ``app``) that no root
    ``found`` already holds: a stray ``__init__.py`` beside a project's
    ``pyproject.toml`` does not make ``src`` a package the code is named after, while
    its packages are imported from it (a ``tests`` package mirroring the code's
    packages, here or beside another root, is no root of them). Only in a repository
    that is no package itself, and only packages whose names no standard-library
    module has (``locale``)."""
    if top is not None:
        return set()  # a scanned package (``django/``) is named after itself
    firsts = {key.partition(".")[0] for key in keys} - STDLIB
    held = {
        package.rpartition("/")[2]
        for package in packages
        for root in found
        if package.rpartition("/")[0] == root
    }
    roots = set()
    for folder in packages:
        if not folder or posixpath.dirname(folder) in packages:
            continue  # a package of a package: the top of the chain is what is tried
        if posixpath.basename(folder) in TEST_TOKENS:
            continue  # the tests, whose packages mirror the code's
        children = {p[len(folder) + 1 :] for p in packages if p.startswith(folder + "/")}
        imported = [c for c in children if "/" not in c and c in firsts and c not in held]
        # a package imported by its own name (as its __init__.py says) is a root too
        # only where two of its packages are imported by theirs (``backend.modules.x``
        # in a few tests, ``modules.x`` and ``shared.y`` in the code): both namings
        # then resolve, the nearest root naming each module
        named = posixpath.basename(folder) in firsts
        if named and "/" in folder:
            continue  # below the top (``backend/src``), only where no import names it
        if len(imported) > (1 if named else 0):
            roots.add(folder)
    return roots


def _in_package(folder: str, packages: frozenset[str], top: str | None) -> bool:
    """Whether a folder above ``folder`` is a regular package (other than ``top``)."""
    parent = posixpath.dirname(folder)
    while parent and parent != top:
        if parent in packages:
            return True
        parent = posixpath.dirname(parent)
    return False


def _package_chain_top(path: str, packages: frozenset[str]) -> str:
    folder = posixpath.dirname(path)
    while folder and folder in packages:
        folder = posixpath.dirname(folder)
    return folder


def dotted_name(path: str, root: str) -> str:
    """The dotted module name of ``path`` (``/``-separated) below source root ``root``
    (``""`` for the repository root): ``src/app/users/__init__.py``, ``src`` → ``app.users``."""
    relative = (path[len(root) + 1 :] if root else path)[:-3]
    if relative.endswith("/__init__") or relative == "__init__":
        relative = relative[: -len("__init__")].rstrip("/")
    return relative.replace("/", ".") or posixpath.basename(root or ".")
