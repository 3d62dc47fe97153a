"""Matching what a session names to the repository's real files: paths written with
a leading slash, relative to a sub-folder or elided (``features/auth/.../models.py``),
class and function names, and resources named in any spelling (singular/plural,
snake/Camel/kebab, words in paths)."""

from __future__ import annotations

import ast
import posixpath
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from archbook.application.code_facts.knowledge import RepoKnowledge
from archbook.application.code_facts.tree_reading import absolute_module
from archbook.application.planning.naming import renamed, singular, snake, word_set
from archbook.application.planning.session_text import API_PREFIX
from archbook.domain.layers import TESTS
from archbook.domain.project import is_schema_revision

# The most test modules new resources get after their analogs' tests.
ANALOG_TESTS = 6
# Words that say what role a file plays, not which resource it is about.
ROLE_WORDS = word_set(
    "mongodb mongo sqla sqlalchemy sql sqlmodel postgres memory in fake inmemory "
    "redis repository repositories repo port ports adapter adapters service services "
    "use case cases usecase dto dtos schema schemas router routers routes route api "
    "mapper mappers model models entity entities exception exceptions error errors "
    "handler handlers interface impl base abstract get all list create update delete "
    "find by test tests init main app v1 v2 src py web http infrastructure domain "
    "application presentation core config"
)
# What a test module's name may say besides its resource and roles.
TEST_NAME_WORDS = ROLE_WORDS | word_set("integration unit e2e endpoint contract")
GENERIC_NAMES = word_set(
    "execute run call get post put delete create update main app router settings "
    "config init __init__ setup startup shutdown lifespan handle process logger "
    "session"
)


@dataclass
class RepoIndex:
    """The repository's Python files by module path, by defined name and by resource."""

    known: RepoKnowledge
    exists: Callable[[str], bool]
    paths: dict[str, str] = field(default_factory=dict)  # module name → path
    modules: dict[str, str] = field(default_factory=dict)  # path → module name
    by_name: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    # names of classes and module functions (the rest of ``by_name`` are methods)
    top_names: set[str] = field(default_factory=set)
    roots: tuple[str, ...] = ()

    @classmethod
    def build(cls, known: RepoKnowledge, exists: Callable[[str], bool]) -> RepoIndex:
        index = cls(known, exists)
        index.paths = dict(known.analysis.scan.module_paths)
        for name, path in index.paths.items():
            index.modules.setdefault(path, name)  # the first module of a path, as before
        for name, module in known.model.modules.items():
            path = index.paths.get(name, module.path)
            index.top_names.update(module.classes, module.functions)
            for cls_name, klass in module.classes.items():
                index.by_name[cls_name].add(path)
                for method in klass.methods:
                    index.by_name[method].add(path)
            for function in module.functions:
                index.by_name[function].add(path)
        index.roots = backend_roots(known)
        return index

    @property
    def files(self) -> list[str]:
        return sorted(set(self.paths.values()))

    def is_test(self, path: str) -> bool:
        name = self.modules.get(path, "")
        return self.known.roles.get(name) == TESTS or "/tests/" in f"/{path}"

    def resolve(self, raw: str) -> tuple[str, bool]:
        """(repo-relative path, exists) for a path as a session wrote it; ('', False)
        when it cannot be placed in this repository."""
        bare = raw.strip().lstrip("/").removeprefix("./")
        folder = bare.endswith("/")
        bare = bare.rstrip("/")
        if not bare:
            return "", False
        candidates = [bare] + [f"{root}/{bare}" for root in self.roots if root]
        for candidate in candidates:
            if self._exists(candidate, folder):
                return candidate + ("/" if folder else ""), True
        if "..." in bare:
            pattern = re.compile(
                "(?:^|/)"
                + ".*".join(re.escape(p) for p in bare.split("...")).replace("/.*/", "/.*")
                + "$"
            )
            found = [p for p in self.files if pattern.search(p)]
            return (found[0], True) if len(found) == 1 else ("", False)
        if "/" not in bare:
            found = [p for p in self._all_files() if posixpath.basename(p) == bare]
            if len(found) == 1:
                return found[0], True
            return "", False
        suffix = [p for p in self.files if p.endswith("/" + bare)]
        if len(suffix) == 1:
            return suffix[0], True
        # a new file or folder: placed where its parent folder already is
        for candidate in candidates:
            parent = posixpath.dirname(candidate)
            while parent and not self._exists(parent, True):
                parent = posixpath.dirname(parent)
            if parent and parent.count("/") >= 1 and (folder or bare.endswith(".py")):
                return candidate + ("/" if folder else ""), False
        return "", False

    def reexports(self, init: str) -> int:
        """How many ``from … import …`` statements a package's ``__init__.py`` holds at
        its top level (what it re-exports; 0 when it is not a module of the scan)."""
        name = self.modules.get(init, "")
        module = self.known.model.modules.get(name)
        if module is None:
            return 0
        return sum(isinstance(s, ast.ImportFrom) for s in module.tree.body)

    def reexported(self, init: str) -> dict[str, bool]:
        """The children of a package whose names its ``__init__.py`` re-exports
        (``from .crypto import EmailCrypto``, ``from pkg.club.get_club import GetClub``),
        each with whether it is a sub-package; {} when it re-exports none of its own."""
        name = self.modules.get(init, "")
        module = self.known.model.modules.get(name)
        children: dict[str, bool] = {}
        used = _used_names(module.tree) if module is not None else set()
        for statement in module.tree.body if module is not None else ():
            if not isinstance(statement, ast.ImportFrom):
                continue
            target = absolute_module(name, statement.module, statement.level) or ""
            bound = {alias.asname or alias.name for alias in statement.names}
            if target.startswith(f"{name}.") and not bound <= used:  # imported for itself
                child = target[len(name) + 1 :].partition(".")[0]
                package = self.paths.get(f"{name}.{child}", "").endswith("/__init__.py")
                children[child] = children.get(child, False) or package
        return children

    def includes_routers(self, path: str) -> bool:
        """Whether a module includes routers (``include_router(...)``)."""
        name = self.modules.get(path, "")
        module = self.known.model.modules.get(name)
        return module is not None and any(".include_router(" in line for line in module.lines)

    def defined_in(self, name: str) -> set[str]:
        """Files defining a class, function or method called ``name``."""
        return set(self.by_name.get(name, set()))

    def only_methods(self, name: str) -> bool:
        """Whether every definition of ``name`` is a method (``user_id`` a property)."""
        return name in self.by_name and name not in self.top_names

    def resource_files(self, resource: str) -> list[str]:
        """Non-test files whose path words hold ``resource`` (snake, singular), schema
        migrations aside: a revision is history, never part of a slice to change. A
        module's words are those of its name, below its source root (``users/`` holding
        a service's whole backend names no resource)."""
        words = resource.split("_")
        found = []
        for path in self.files:
            if self.is_test(path) or not path.endswith(".py") or is_schema_revision(path):
                continue
            module = self.modules.get(path)
            named = module.replace(".", "/") if module else path
            if in_a_row(words, [singular(w) for w in path_words(named)]):
                found.append(path)
        return found

    def resources(self) -> dict[str, int]:
        """Resource names of this repository (words of its file stems that are not role
        words) and how many files carry each."""
        counts: dict[str, int] = defaultdict(int)
        for path in self.files:
            if self.is_test(path):
                continue
            stem = posixpath.basename(path).removesuffix(".py")
            words = [singular(w) for w in stem.split("_") if w]
            core = [w for w in words if w not in ROLE_WORDS and not w.isdigit()]
            if core and len(core) <= 3:
                counts["_".join(core)] += 1
                if len(core) > 1:
                    for word in core:
                        counts[word] += 0
        return dict(counts)

    def tests_like(
        self, analogs: tuple[str, ...], new: str, words: frozenset[str] = frozenset()
    ) -> list[tuple[str, str]]:
        """The test modules of a new resource ``new`` laid out like ``analogs``, each with
        the test it copies: the tests named after them, renamed
        (``tests/api/test_dpd_endpoint.py`` → ``tests/api/test_auspost_endpoint.py``).
        Of several analogs, only the tests most of them have
        (``test_auspost_track_action.py`` is one carrier's own); of one, only those
        whose names say nothing else but roles and ``words`` (``test_library_paths.py``
        tests something of the library's). The shortest names first, ``ANALOG_TESTS`` at
        most, none that exists."""
        analogs = tuple(a for a in dict.fromkeys(analogs) if a and a != new)
        shapes: dict[str, dict[str, tuple[str, str]]] = {}  # keyed by the name less the analog
        for path in self.files:
            base = posixpath.basename(path)
            if not base.startswith("test_") or not base.endswith(".py") or not self.is_test(path):
                continue
            stem = [singular(w) for w in base.removesuffix(".py").split("_")[1:] if w]
            for analog in analogs:
                target = renamed(path, analog, new)
                own = set(stem) - set(analog.split("_")) <= TEST_NAME_WORDS | words
                if target != path and (own or len(analogs) > 1):
                    shapes.setdefault(renamed(path, analog, "{}"), {})[analog] = (target, path)
        most = len(analogs) // 2 + 1
        found = sorted(
            (len(path_words(posixpath.basename(target))), target, like)
            for held in shapes.values()
            if len(held) >= most
            for target, like in [min(held.values())]
            if not self.exists(target)
        )
        return [(target, like) for _, target, like in found[:ANALOG_TESTS]]

    def _exists(self, path: str, folder: bool) -> bool:
        """``path`` is a file of the repository (or, with ``folder``, a folder)."""
        if not folder and path in set(self.paths.values()):
            return True
        looks_like_file = "." in posixpath.basename(path) or posixpath.basename(path) in (
            "Dockerfile",
            "Makefile",
        )
        return self.exists(path) and (folder or looks_like_file)

    def _all_files(self) -> list[str]:
        extra = []
        for root in ("", *self.roots):
            for name in ("pyproject.toml", "requirements.txt", "Dockerfile", ".env.example",
                         ".example.env", "docker-compose.yml", "alembic.ini"):  # fmt: skip
                candidate = posixpath.join(root, name) if root else name
                if self.exists(candidate):
                    extra.append(candidate)
        return self.files + extra


def backend_roots(known: RepoKnowledge) -> tuple[str, ...]:
    """Folders a session may write paths relative to: the scan's source roots and the
    folder holding the project manifest, outermost first."""
    roots = {r.rstrip("/") for r in known.analysis.scan.source_roots if r not in (".", "")}
    project = known.facts.project
    for pin in project.pins if project else ():
        if pin.source.endswith(("pyproject.toml", "requirements.txt")):
            roots.add(posixpath.dirname(pin.source))
    tops = {r.split("/")[0] for r in roots if r}
    return tuple(sorted(roots | tops, key=lambda r: (r.count("/"), r)))


def in_a_row(words: list[str], parts: list[str]) -> bool:
    """Whether ``parts`` hold ``words`` one after another (``["order", "item"]`` in
    ``["sale", "order", "item", "service"]``)."""
    size = len(words)
    return any(parts[start : start + size] == words for start in range(len(parts) - size + 1))


def path_words(path: str) -> list[str]:
    """Lower-case words of a path's folders and stem (snake, kebab and Camel split)."""
    words: list[str] = []
    for part in path.removesuffix(".py").split("/"):
        words += [w for w in re.split(r"[_\-.]+", snake(part)) if w]
    return words


def term_words(text: str) -> list[str]:
    """Lower-case singular words of a text, identifiers split (``PaymentRepository``,
    ``payment_year``, ``multi-year`` → ``payment``, ``repository``, ...)."""
    words = []
    for raw in re.findall(r"[A-Za-z][A-Za-z0-9]*(?:[_\-][A-Za-z0-9]+)*", text):
        for word in re.split(r"[_\-]+", snake(raw)):
            if len(word) > 2 and word.isalpha():
                words.append(singular(word))
    return words


def route_resource(route: str) -> str:
    """The resource a route is about: its first part after the API prefix and the
    tenant (``/{organization}/incidents/costs`` → ``incident``)."""
    for part in route.strip("/").split("/"):
        if part and not part.startswith("{") and not API_PREFIX.fullmatch(part):
            return singular(part.replace("-", "_"))
    return ""


def _used_names(tree: ast.Module) -> set[str]:
    """Names a module uses for itself, outside its imports and ``__all__``: an import
    of one of them is for the module's own code, not re-exported."""
    used: set[str] = set()
    for statement in tree.body:
        if isinstance(statement, ast.Import | ast.ImportFrom):
            continue
        targets = statement.targets if isinstance(statement, ast.Assign) else []
        if any(isinstance(t, ast.Name) and t.id == "__all__" for t in targets):
            continue
        used.update(n.id for n in ast.walk(statement) if isinstance(n, ast.Name))
    return used
