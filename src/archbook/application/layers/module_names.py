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
from collections.abc import Iterable
from typing import Any

from archbook.domain.source import Import, ImportStatement, Module, SkippedFile


def root_keys(statements: Iterable[ImportStatement]) -> set[str]:
    """What root detection needs from one file: ``a`` and ``a.b`` of absolute imports."""
    keys: set[str] = set()
    for statement in statements:
        if statement.level or not statement.target:
            continue
        first, _, rest = statement.target.partition(".")
        keys.add(first)
        if rest:
            keys.add(f"{first}.{rest.partition('.')[0]}")
        else:
            keys.update(f"{first}.{name}" for name in statement.names)
    return keys


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
        # (base, names, absolute) → targets: the same imports recur across files
        self._targets_of: dict[tuple[str, tuple[str, ...], bool], list[tuple[str, bool]]] = {}

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
        dirs = _dirs_with_python(paths)
        key_set = set(keys)
        roots = _source_roots(paths, dirs, packages, key_set)
        roots |= _source_roots(paths, dirs, packages, key_set, dirs & set(declared))
        modules, index, skipped = _name_modules(paths, roots, packages, len(prefix))
        namespaces = _namespace_names([m for m in modules if not m.script])
        top_level = {name.split(".", 1)[0] for name in (*index, *namespaces)}
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

    def resolve(self, module: Module, statements: Iterable[ImportStatement]) -> list[Import]:
        """The imports of ``module``: internal modules it names, or external top names."""
        result: list[Import] = []
        add, make, name, targets_of = result.append, tuple.__new__, module.name, self._targets
        for statement in statements:
            for target, external in targets_of(module, statement):
                if target != name:
                    add(
                        make(
                            Import,
                            (
                                name,
                                target,
                                statement.line,
                                statement.text,
                                external,
                                statement.type_checking,
                                statement.in_function,
                            ),
                        )
                    )
        return result

    def _targets(self, module: Module, statement: ImportStatement) -> list[tuple[str, bool]]:
        if statement.level:
            base = _relative_base(module, statement)
            if base is None:
                return []
        else:
            base = statement.target
        key = (base, statement.names, not statement.level)
        known = self._targets_of.get(key)
        if known is None:
            known = self._targets_of[key] = self._find_targets(*key)
        return known

    def _find_targets(
        self, base: str, names: tuple[str, ...], absolute: bool
    ) -> list[tuple[str, bool]]:
        """What ``from base import names`` (``import base`` without names) imports; an
        absolute import of a top-level name outside the repository is external."""
        if absolute:
            top = base.split(".", 1)[0]
            if top not in self._top_level:
                return [(top, True)]
        if not names:
            found = self._longest_prefix(base)
            return [(found, False)] if found else []
        targets: list[tuple[str, bool]] = []
        for name in names:
            found = None
            if name != "*":
                found = self.index.get(f"{base}.{name}" if base else name)
            if found is None and base:
                found = self._longest_prefix(base)
            if found and (found, False) not in targets:
                targets.append((found, False))
        return targets

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
    for path in paths:
        containing = [root for root in roots if _under(path, root)]
        nearest = max(containing, key=len) if containing else _package_chain_top(path, packages)
        name = dotted_name(path, nearest)
        is_package = posixpath.basename(path) == "__init__.py"
        if not all(_importable(part) for part in name.split(".")):
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
        aliases.extend((dotted_name(path, r), name) for r in containing if r != nearest)
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
    """A name ``importlib`` can load: word characters only (``0001_initial`` is fine)."""
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


def _dirs_with_python(paths: Iterable[str]) -> set[str]:
    dirs: set[str] = {""}
    for path in paths:
        folder = posixpath.dirname(path)
        while folder and folder not in dirs:
            dirs.add(folder)
            folder = posixpath.dirname(folder)
    return dirs


def _source_roots(
    paths: list[str],
    dirs: set[str],
    packages: frozenset[str],
    keys: set[str],
    declared: set[str] | None = None,
) -> set[str]:
    """Folders whose children are imported by name somewhere in the repository.

    Without ``declared`` every folder that is not itself a package is tried; with
    it, only those folders, packages or not.
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
        if declared is None and folder and folder in packages:
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


def _under(path: str, folder: str) -> bool:
    return not folder or path.startswith(folder + "/")


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


def _namespace_names(modules: list[Module]) -> set[str]:
    """Dotted names of folders that hold modules but have no ``__init__.py``."""
    names = {module.name for module in modules}
    namespaces: set[str] = set()
    for name in names:
        parts = name.split(".")
        for end in range(1, len(parts)):
            prefix = ".".join(parts[:end])
            if prefix not in names:
                namespaces.add(prefix)
    return namespaces
