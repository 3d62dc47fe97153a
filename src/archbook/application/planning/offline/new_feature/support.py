"""The parts of a new feature's plan around its code: settings, errors and their HTTP
mapping, tests, indexes, and the names and statuses its routes use."""

from __future__ import annotations

import posixpath
import re
from collections import Counter

from archbook.application.planning.naming import camel, feature_words, snake
from archbook.application.planning.offline.new_feature.existing_code import (
    ACTION_WORDS,
    ROUTE_ACTIONS,
    SINGLE_ACTION_METHODS,
    ExistingCodeChanges,
    is_error,
    public_methods,
)
from archbook.application.planning.offline.route_layout import is_router_file
from archbook.application.planning.offline.scope_recipe import settings_modules
from archbook.application.planning.session_text import API_PREFIX
from archbook.domain.layers import TESTS
from archbook.domain.plan import CREATE, MODIFY, ErrorMapping, FileChange, TestCase

VERBS = {"POST": "create", "PUT": "update", "PATCH": "update", "DELETE": "delete", "GET": "get"}
# Module names that say a role, not whose: a slice's ``service.py``.
ROLE_MODULES = frozenset(("service", "services", "handler", "handlers", "use_case", "use_cases"))
# The longest requirement an error mapping quotes as its reason.
REASON_CHARS = 160
# Exception handlers a module registers from which it is read as one handler per error.
PER_ERROR_HANDLERS = 3
STATUS_NAMES = {
    200: "HTTP_200_OK",
    201: "HTTP_201_CREATED",
    202: "HTTP_202_ACCEPTED",
    204: "HTTP_204_NO_CONTENT",
    400: "HTTP_400_BAD_REQUEST",
    401: "HTTP_401_UNAUTHORIZED",
    403: "HTTP_403_FORBIDDEN",
    404: "HTTP_404_NOT_FOUND",
    409: "HTTP_409_CONFLICT",
    422: "HTTP_422_UNPROCESSABLE_CONTENT",
    429: "HTTP_429_TOO_MANY_REQUESTS",
    502: "HTTP_502_BAD_GATEWAY",
    503: "HTTP_503_SERVICE_UNAVAILABLE",
    504: "HTTP_504_GATEWAY_TIMEOUT",
}
SETTING_HINTS = re.compile(
    r"\b(expir\w*|SMTP|secret|TTL|link|base URL|sender|from address)\b", re.I
)


class FeatureSupport(ExistingCodeChanges):
    """Settings, errors, tests, indexes and route naming for a new feature."""

    def _settings(self, adds_components: bool) -> None:
        """Settings for what the feature adds; without new components only what the
        requirements and decisions ask for (a constraint naming SMTP is not a change)."""
        sections: tuple[str, ...] = ("requirements", "decisions so far")
        if adds_components:
            sections = ("constraints", *sections)
        hints = [s for s in self.context.section(*sections) if SETTING_HINTS.search(s)]
        # the settings class of the system the variables are for, else a new one in the
        # new system's own folder where each system has its own, else the app's
        config = next(iter(settings_modules(self.known, self.context.env_vars)), "")
        if hints and not config and self.c.settings_per_system and self.system_folders:
            path = posixpath.join(self.system_folders[0], self.c.settings_per_system)
            system = posixpath.basename(self.system_folders[0])
            self.recipe.add(
                FileChange(
                    path,
                    CREATE,
                    self._new_layer(path, "infrastructure"),
                    f"`{camel(system)}Settings`: the settings of {system}, like each "
                    f"system's own `{self.c.settings_per_system}`.",
                    tuple(hints[:4]),
                    "",
                    "new file",
                )
            )
            return
        config = config or self.c.config_module
        if hints and config:
            self.recipe.add(
                FileChange(
                    config,
                    MODIFY,
                    self._layer_of(config),
                    "Settings the feature needs.",
                    tuple(hints[:4]),
                    "",
                    "the settings class",
                )
            )

    def _errors(self) -> None:
        handlers = self.c.handlers_module
        app_text = self._text(handlers)
        for status in self.context.statuses:
            existing = self._error_for_status(app_text, status) or self._named_error(status)
            if existing:
                self.recipe.errors.append(
                    ErrorMapping(existing, status, self._status_reason(status))
                )
                continue
            # "partial-pricing-503": the status is in the name once
            feature = camel(feature_words(self.context.feature)).removesuffix(str(status))
            name = f"{feature}Error" if status == 400 else f"{feature}{status}Error"
            self.recipe.errors.append(ErrorMapping(name, status, self._status_reason(status)))
            if self.c.errors_module:
                self.recipe.add(
                    FileChange(
                        self.c.errors_module,
                        MODIFY,
                        "domain",
                        f"Add `{name}`.",
                        (f"Raised when: {self._status_reason(status)}",),
                        "",
                        "after the existing errors",
                    )
                )
            # a handler or two of base errors take the new error too (their status
            # comes with it); a handler per error (three or more) needs one more
            per_error = app_text.count("exception_handler(") >= PER_ERROR_HANDLERS
            if handlers and per_error:
                self.recipe.add(
                    FileChange(
                        handlers,
                        MODIFY,
                        self._layer_of(handlers),
                        f"Map `{name}` to {status}.",
                        (),
                        "",
                        "the error → status mapping",
                    )
                )

    def _tests(self, services: list[str], others: list[str]) -> None:
        folder = self._tests_folder()
        fakes = tuple(
            f.class_pattern.format(p) for p in others for f in self.c.repository_families if f.fake
        )
        for service in services:
            path = self.c.test_for(self.service_paths.get(service, ""))
            path = path or f"{folder}/test_{snake(service)}.py"
            self.recipe.tests.append(
                TestCase(path, "unit", ("the use cases with in-memory adapters",), fakes)
            )
            self.recipe.add(
                FileChange(path, CREATE, "tests", f"Unit tests of `{service}`.", (), "", "new file")
            )
        for name, service_path in self.changed_services.items():
            base = posixpath.basename(service_path).removesuffix(".py")
            names = [f"test_{base}.py"]
            if base in ROLE_MODULES:  # a slice's service.py: test_butler_service.py
                slice_name = posixpath.basename(posixpath.dirname(service_path))
                names.insert(0, f"test_{slice_name}_{base}.py")
            paths = [f"{folder}/{n}" for n in names]
            method = self.triggered_methods.get(name)  # test_create_user.py: create_user
            path = (
                self._exercising(service_path, [f"test_{method}.py", *names] if method else names)
                or self.c.test_for(service_path)
                or next((p for p in paths if p in self.existing_files), paths[0])
            )
            self._test_file(path, "unit", (f"what `{name}` gains, with fakes",), fakes)
        if self.routes:
            covers = tuple(f"{m} {p}" for m, p in self.routes)
            routers = [self.routed.get(p) or self._route_module(p) or "" for _, p in self.routes]
            mirrored = [self._namesake(self.c.test_for(r), r) for r in routers]
            # mirrored tests named for a role (``test_x_use_case.py``) are no router's,
            # unless such a module exists already
            existing = [
                p
                for p in dict.fromkeys(mirrored)
                if p and (not self.c.tests_suffix or p in self.existing_files)
            ]
            existing = existing or (self._api_tests(folder) if not services else [])
            # with no API tests of its own, a router's new ones go beside the tests of
            # the functions it calls
            beside = posixpath.dirname(self.function_tests) or folder
            for path in existing or [
                f"{beside}/test_{snake(feature_words(self.context.feature))}_api.py"
            ]:
                self._test_file(path, "api", covers, fakes)
        # the fixtures nearest the tests the plan writes
        units = [t.path for t in self.recipe.tests if t.kind == "unit"]
        conftest = self._conftest(posixpath.dirname(units[0]) if units else folder)
        if conftest and (services or self.wired_ports):
            self.recipe.add(
                FileChange(
                    conftest,
                    MODIFY,
                    "tests",
                    "Fixtures for the new fakes and services.",
                    ("Override the new providers with in-memory adapters.",),
                    "",
                    "the container fixture",
                )
            )

    def _tests_folder(self) -> str:
        """Where the new tests go: beside the tests that exercise the package of the
        router the new routes join (``tests/order`` for ``polar/order/endpoints.py``),
        else among the tests of the routes' top package (``app_platform/tests``), else
        the repository's."""
        routers = self._route_names()
        packages = {name.rpartition(".")[0] for name in routers} - {""}
        beside = Counter(
            posixpath.dirname(test.path)
            for test in self.known.facts.tests
            if any(e.startswith(f"{p}.") for e in test.exercises for p in packages)
        )
        beside = self._in_routers_app(beside, routers)
        if beside:
            return beside.most_common(1)[0][0]
        tops = {name.partition(".")[0] for name in routers}
        own = Counter(
            posixpath.dirname(path)
            for name, path in self.paths.items()
            if name.partition(".")[0] in tops
            and self.known.roles.get(name) == TESTS
            and posixpath.basename(path).startswith("test_")
        )
        own = self._in_routers_app(own, routers)
        if own:
            return own.most_common(1)[0][0]
        return (
            self._app_tests(routers)
            or self.c.tests_folder
            or join_path(self.c.source_prefix, "tests")
        )

    def _app_tests(self, routers: set[str]) -> str:
        """The tests folder of the routers' app folder in a monorepo of several
        (``backend/tests``), with the routers' package as a folder of its own where
        its tests are kept by package (``backend/tests/tool`` beside
        ``backend/tests/auth``); "" when the routers' app has no tests."""
        apps = self._routers_apps(routers)
        if len(apps) != 1:
            return ""
        app = apps.pop()
        tests = [
            posixpath.dirname(path)
            for name, path in self.paths.items()
            if path.startswith(f"{app}/")
            and self.known.roles.get(name) == TESTS
            and posixpath.basename(path).startswith("test_")
        ]
        if not tests:
            return ""
        root = posixpath.commonpath(tests)
        below = {t[len(root) + 1 :].partition("/")[0] for t in tests if t != root}
        packages = {name.rpartition(".")[0].rpartition(".")[2] for name in routers}
        sources = {
            posixpath.basename(posixpath.dirname(path))
            for name, path in self.paths.items()
            if path.startswith(f"{app}/") and self.known.roles.get(name) != TESTS
        }
        if len(packages) == 1 and len(below & sources) >= 2:
            return f"{root}/{packages.pop()}"
        return root

    def _in_routers_app(self, folders: Counter[str], routers: set[str]) -> Counter[str]:
        """``folders`` in the app folder of the routers (``backend/``), when any is: a
        monorepo's apps may name their packages alike (two ``src``)."""
        apps = self._routers_apps(routers)
        mine = Counter({f: n for f, n in folders.items() if f.partition("/")[0] in apps})
        return mine or folders

    def _routers_apps(self, routers: set[str]) -> set[str]:
        """The top folders holding the routers (``backend`` of ``backend/src/…``)."""
        return {
            path.partition("/")[0]
            for path in (self.paths.get(name, "") for name in routers)
            if "/" in path
        }

    def _exercising(self, source: str, names: list[str]) -> str:
        """The existing test module that exercises ``source``'s module, one named
        ``names`` (``test_<module>.py``) first; "" when none does."""
        module = next((n for n, p in self.paths.items() if p == source), "")
        tests = sorted(t.path for t in self.known.facts.tests if module in t.exercises)
        return next((t for t in tests if posixpath.basename(t) in names), "") or (
            tests[0] if len(tests) == 1 else ""
        )

    def _namesake(self, test: str, module: str) -> str:
        """``test`` (of ``module``; "" when no test folder mirrors it), or the one
        existing test module of its name elsewhere in the repository's tests
        (``tests/integration/api/test_trips.py`` where unit tests mirror the code in
        ``tests/unit/``)."""
        if test in self.existing_files or not (test or module):
            return test
        if not test and (is_router_file(module) or module.endswith("/__init__.py")):
            return test  # ``test_router.py`` elsewhere tests another slice's router
        base = posixpath.basename(test) if test else f"test_{posixpath.basename(module)}"
        found = [
            path
            for path in self.existing_files
            if posixpath.basename(path) == base and "test" in posixpath.dirname(path)
        ]
        return found[0] if len(found) == 1 else test

    def _conftest(self, folder: str) -> str:
        """The ``conftest.py`` that serves ``folder``: the nearest one above it, else
        the repository's."""
        while folder:
            candidate = f"{folder}/conftest.py"
            if candidate in self.existing_files:
                return candidate
            folder = posixpath.dirname(folder)
        return self.c.conftest

    def _test_file(
        self, path: str, kind: str, covers: tuple[str, ...], fakes: tuple[str, ...]
    ) -> None:
        """Extend the test module when it exists, else create it."""
        exists = path in self.existing_files
        self.recipe.tests.append(TestCase(path, kind, covers, fakes))
        self.recipe.add(
            FileChange(
                path,
                MODIFY if exists else CREATE,
                "tests",
                f"{'API' if kind == 'api' else 'Unit'} tests of the feature.",
                covers,
                "",
                "next to the existing tests" if exists else "new file",
            )
        )

    def _api_tests(self, folder: str) -> list[str]:
        """Existing API test modules of the routers the new routes join, named after
        the router (``test_articles.py``, ``test_articles_api.py``, ``articles_test.py``):
        in ``folder`` first, else anywhere among the tests (``tests/integration/``) when
        one module alone has the name."""
        tests = sorted(t.path for t in self.known.facts.tests)
        found = []
        for _, path in self.routes:
            module = self._route_module(path)
            if module is None:
                continue
            base = posixpath.basename(module).removesuffix(".py")
            names = (
                f"test_{base}_api.py",
                f"test_{base}.py",
                f"test_api_{base}.py",
                f"{base}_test.py",  # pytest's other naming, ``python_files = *_test.py``
                f"{base}_api_test.py",
            )
            beside = [
                f"{folder}/{n}" for n in names if folder and f"{folder}/{n}" in self.existing_files
            ]
            named = [t for t in tests if posixpath.basename(t) in names]
            if len(named) > 1:  # the one whose folders end like the router's
                kin = {
                    t: _shared_tail(posixpath.dirname(t), posixpath.dirname(module)) for t in named
                }
                best = max(kin.values())
                named = [t for t in named if kin[t] == best] if best else []
            if beside or len(named) == 1:
                found.append((beside or named)[0])
        return list(dict.fromkeys(found))

    def _needs_schemas(self, method: str, path: str) -> bool:
        """DELETE and bodiless actions (``POST /orders/{id}/cancel``) need no new models."""
        if method == "DELETE":
            return False
        last = path.rstrip("/").rpartition("/")[2]
        # a relation (``…/like``, ``…/favorite``) shows in the item's answers: not bodiless
        if last not in ACTION_WORDS:
            return True
        sentence = self.context.sentence_with(path)
        return "{" in sentence.partition(path)[2]

    def _named_error(self, status: int) -> str:
        """An existing error class the requirement of ``status`` names."""
        for item in self.context.section("requirements"):
            if str(status) not in item:
                continue
            for name in re.findall(r"`(\w+)`", item) + re.findall(r"\b[A-Z]\w+", item):
                qualname = self.classes.get(name)
                if qualname and is_error(self.known, qualname):
                    return name
        return ""

    def _indexes(self, repositories: list[str]) -> None:
        if repositories and self.c.indexes_module:
            index_lines = [
                d for d in self.context.section("decisions so far") if "index" in d.lower()
            ]
            self.recipe.add(
                FileChange(
                    self.c.indexes_module,
                    MODIFY,
                    "infrastructure",
                    "Indexes of the new collections.",
                    tuple(index_lines) or ("Index every field the new queries filter or sort on.",),
                    "",
                    "ensure_indexes()",
                )
            )

    def _service_method(self, method: str, path: str) -> str:
        """The method of a new use case that serves a route: the one action method
        most of the repository's use cases share (``execute``, ``__call__``) when the
        feature adds one route, or a use case per route; else a name made from the
        route."""
        if len(self.routes) == 1 or self.route_services:
            counts = Counter(
                action
                for service in self.known.facts.services
                for action in [self._single_action(service.qualname)]
                if action
            )
            if counts:
                action, count = counts.most_common(1)[0]
                if count * 2 > len(self.known.facts.services):
                    return action
        return self._method_name(method, path)

    def _single_action(self, qualname: str) -> str:
        """The one public method of a class that is one use case (``execute``), or ''."""
        klass = self.known.model.classes.get(qualname)
        public = public_methods(klass) if klass is not None else set()
        return next(iter(public)) if len(public) == 1 and public <= SINGLE_ACTION_METHODS else ""

    def _method_name(self, method: str, path: str) -> str:
        bare = re.sub(r"\{[^}]*\}", "", path)
        words = [w for w in re.split(r"[^A-Za-z0-9]+", bare) if w and not API_PREFIX.fullmatch(w)]
        if words and words[-1] in ROUTE_ACTIONS:
            return "_".join([words[-1], *words[:-1]][-4:])
        return "_".join([VERBS.get(method, method.lower()), *words[-2:]])

    def _success_status(self, method: str, path: str) -> str:
        for item in self.context.section("requirements"):
            if f"{method} {path}" in item or (path in item and method in item):
                match = re.search(r"`?(20\d)\b", item)
                if match:
                    return f"status.{STATUS_NAMES.get(int(match.group(1)), 'HTTP_200_OK')}"
        return ""

    def _status_reason(self, status: int) -> str:
        for item in self.context.section("requirements"):
            if str(status) in item:
                if len(item) <= REASON_CHARS:
                    return item
                return item[: REASON_CHARS - 1].rsplit(" ", 1)[0] + "…"
        return ""

    def _error_for_status(self, app_text: str, status: int) -> str:
        name = STATUS_NAMES.get(status, "")
        for line in app_text.splitlines():
            match = re.match(r"\s*(\w+):\s*status\.(\w+)", line)
            if match and match.group(2) == name:
                return match.group(1)
        return ""

    def _fields_for(self, entity: str) -> list[str]:
        for item in self.context.section("decisions so far"):
            fields = re.findall(r"`(\w+)`", item)
            if snake(entity) in item.lower().replace(" ", "_") or entity in item:
                collection = {snake(entity), snake(entity) + "s", snake(entity) + "es"}
                names = [f for f in fields if f.islower() and f not in collection]
                if names:
                    return ["id: str"] + [f"{f}: ..." for f in names if f != "id"][:8]
        return []

    def _text(self, path: str) -> str:
        for name, module_path in self.paths.items():
            if module_path == path and name in self.known.model.modules:
                return "\n".join(self.known.model.modules[name].lines)
        return ""


def _shared_tail(one: str, other: str) -> int:
    """How many last folders two paths share (``tests/api/account`` and
    ``app/api/account``: 2)."""
    a, b = one.split("/")[::-1], other.split("/")[::-1]
    count = 0
    while count < min(len(a), len(b)) and a[count] == b[count]:
        count += 1
    return count


def join_path(prefix: str, folder: str) -> str:
    """``prefix`` (``""`` or ``src/``) and ``folder`` as one repository path."""
    return posixpath.join(prefix, folder) if prefix else folder
