"""How a new feature reaches users: its routes (new router modules included, with
the app module that includes them), the container that wires its adapters and
services, and the hexagon's skeleton when the repository has no backend yet."""

from __future__ import annotations

import posixpath
from collections import Counter

from archbook.application.planning.naming import feature_words, singular, snake
from archbook.application.planning.naming import plural as plural_of
from archbook.application.planning.offline.filing import ROLE_WORDS, role_word
from archbook.application.planning.offline.new_feature.function_services import (
    function_call,
    handler_sketch,
    use_case_function,
)
from archbook.application.planning.offline.new_feature.support import (
    ROUTE_ACTIONS,
    VERBS,
    FeatureSupport,
)
from archbook.application.planning.offline.route_layout import (
    include_prefix,
    is_router_file,
    new_router_stem,
    own_shapes,
)
from archbook.application.planning.offline.scope_sketches import router_variable
from archbook.application.planning.offline.sketches import route_sketch
from archbook.application.planning.plan_validation import layer_of_path
from archbook.application.planning.scoping.endpoint_modules import (
    including_module,
    one_endpoint_modules,
)
from archbook.application.planning.scoping.repo_index import path_words, route_resource
from archbook.application.planning.session_text import API_PREFIX
from archbook.domain.layers import PRESENTATION, TESTS
from archbook.domain.plan import CREATE, MODIFY, FileChange

NEW_ROUTER = "A router for the feature's endpoints."
# Routers in packages named after their resources that make it the repository's way.
ROUTER_PACKAGES = 3
# Routes of a router answered from modules named after their last segment before a
# new route's models get a module of their own.
SEGMENT_MODULES = 2


def _first_segment(path: str) -> str:
    """The first segment of a route path after its API prefix (``/api/v1``), as a
    module name; "" when it is no name."""
    for part in path.strip("/").split("/"):
        if part and not API_PREFIX.fullmatch(part):
            name = part.replace("-", "_").lower()
            return name if name.isidentifier() else ""
    return ""


def _last_segment(path: str) -> str:
    """The last segment of a route path that is no parameter, as a module name
    (``/crawl/top-logistics`` → ``top_logistics``); "" when it is no name."""
    for part in reversed(path.rstrip("/").split("/")):
        if part and not part.startswith("{"):
            name = part.replace("-", "_").lower()
            return name if name.isidentifier() else ""
    return ""


class FeatureConnections(FeatureSupport):
    """Routes, container wiring and the greenfield scaffold of a new feature."""

    def _including_neighbours(self, module: str) -> str | None:
        """The module including the routers of the route modules in a new router's
        folder (``sys/__init__.py`` including ``sys/dept.py``'s and ``sys/menu.py``'s),
        or None when no one module includes two of them."""
        folder = posixpath.dirname(module)
        neighbours = sorted(
            {
                path
                for route in self.known.facts.routes
                for path in [self.paths.get(route.handler.partition(":")[0], "")]
                if path and posixpath.dirname(path) == folder
            }
        )
        return including_module(self.known, neighbours) if neighbours else None

    def _slice_router(self) -> str | None:
        """The router file laid beside a new slice's service (``feedback/endpoints.py``
        where every slice has one), and the module including its like: a new route with
        no router to join goes there."""
        module = next(filter(is_router_file, self.slice_files), None)
        if module is None:
            return None
        name = posixpath.basename(module)
        alike = sorted(p for p in self.c.route_paths if posixpath.basename(p) == name)
        including = including_module(self.known, alike) if alike else None
        if including and including not in {c.path for c in self.recipe.changes}:
            self._include(
                including,
                self._layer_of(including),
                f"Include the new slice's router, like the other slices' {name}.",
                f"`include_router(...)` of `{module}`'s router.",
            )
        return module

    def _package_router(self, path: str) -> str | None:
        """Where each resource's routes have a package of their own, named after it
        (``api/vehicle/routes.py`` serving ``/api/vehicles``, ``api/block/routes.py``…,
        ``ROUTER_PACKAGES`` at least and most routers), a route of a resource with no
        package gets one like theirs: its router module as theirs is named, and the
        files at least half of them hold (``schemas.py``, ``__init__.py``). None
        elsewhere, or where the route names no resource."""
        resource = route_resource(path)
        served = {p: routes for p, routes in self.c.route_paths.items() if routes}
        named = [
            p
            for p, routes in served.items()
            if singular(posixpath.basename(posixpath.dirname(p)))
            in {route_resource(r) for r in routes}
        ]
        if not resource or len(named) < ROUTER_PACKAGES or len(named) * 2 < len(served):
            return None
        names = Counter(posixpath.basename(p) for p in named)
        parents = Counter(posixpath.dirname(posixpath.dirname(p)) for p in named)
        name = min(names, key=lambda n: (-names[n], n))
        parent = min(parents, key=lambda f: (-parents[f], f))
        folders = {posixpath.dirname(p) for p in named}
        plural = sum(posixpath.basename(f) != singular(posixpath.basename(f)) for f in folders)
        folder = f"{parent}/{plural_of(resource) if plural * 2 > len(folders) else resource}"
        if folder in folders:
            return None
        held = Counter(
            posixpath.basename(f) for f in self.existing_files if posixpath.dirname(f) in folders
        )
        for sibling in sorted(held):
            if sibling != name and sibling.endswith(".py") and held[sibling] * 2 >= len(folders):
                created = f"{folder}/{sibling}"
                self.recipe.add(
                    FileChange(
                        created,
                        CREATE,
                        self._new_layer(created, PRESENTATION),
                        f"The {resource.replace('_', ' ')} package's `{sibling}`, like the "
                        "other resources' packages hold.",
                        (),
                        "",
                        "new file",
                    )
                )
        return f"{folder}/{name}"

    def _include(self, path: str, layer: str, purpose: str, how: str) -> None:
        """The module including the routers includes one more."""
        self.recipe.add(
            FileChange(
                path, MODIFY, layer, purpose, (how,), "", "where the other routers are included"
            )
        )

    def _routes(self, service: str) -> None:
        """Each new route in its router, calling ``service`` (or its own use case)."""
        for method, path in self.routes:
            calls = self.route_services.get((method, path), service)
            module = self._route_module(path)
            if module is not None and self._endpoint_module(module, method, path, calls):
                continue
            if module is None:
                module = self._slice_router()
            if module is None:
                module = self._package_router(path)
                if module is None:
                    stem = new_router_stem(self.c.route_paths, path)
                    stem = stem or snake(feature_words(self.context.feature))
                    module = f"{self.c.routes_folder}/{stem}.py"
                self.recipe.add(
                    FileChange(
                        module,
                        CREATE,
                        self._new_layer(module, "presentation"),
                        NEW_ROUTER,
                        (),
                        "",
                        "new file",
                    )
                )
                including = self._including_neighbours(module)
                if including:
                    self._include(
                        including,
                        self._layer_of(including),
                        "Include the new router, like the routers beside it.",
                        f"`include_router(...)` of `{posixpath.basename(module)}`'s router.",
                    )
                elif self.c.app_module:
                    self._include(
                        self.c.app_module,
                        "composition",
                        "Include the new router.",
                        "`app.include_router(...)` with the API prefix.",
                    )
            self.routed[path] = module
            relative = self._relative_path(module, path)
            status = self._success_status(method, path)
            sketch = (
                self._route_sketch(module, method, relative, path, calls, status)
                if calls
                else self._working_handler(module, method, relative or path, path)
            )
            how = (
                ("The handler does the work itself, like its neighbours: this repository "
                 "keeps no service layer.",)
                if self.handlers_work
                else ()
            )  # fmt: skip
            self.recipe.add(
                FileChange(
                    module,
                    MODIFY if module in self.existing_files else CREATE,
                    self._layer_of(module) or self._new_layer(module, "presentation"),
                    "Routes of the feature.",
                    (f"`{method} {path}`" + (f" → {status}" if status else ""), *how),
                    sketch,
                    "after the existing routes of this router",
                )
            )
            if module in self.existing_files:
                self._segment_work(module, path)
            if self._needs_schemas(method, path):
                self._route_shapes(module, method, path)

    def _route_shapes(self, module: str, method: str, path: str) -> None:
        """Where the models of ``method path`` on router ``module`` go: modules of a
        new router's own, a module of the route's own where its neighbours have one,
        else the router's schemas module."""
        if module not in self.existing_files:
            self._new_router_shapes(module, method, path)
        schemas = self.c.schemas_for_route.get(module)
        own = self._segment_shapes(module, path)
        if own:
            self.recipe.add(
                FileChange(
                    own,
                    MODIFY if own in self.existing_files else CREATE,
                    self._layer_of(schemas or own) or "presentation",
                    "Request and response models of the new route, in a module of "
                    "its own like its neighbours'.",
                    (f"Pydantic models for `{method} {path}`.",),
                    "",
                    "new file" if own not in self.existing_files else "at the end",
                )
            )
        elif schemas:
            self.recipe.add(
                FileChange(
                    schemas,
                    MODIFY,
                    "presentation",
                    "Request and response models of the new routes.",
                    (f"Pydantic models for `{method} {path}`.",),
                    "",
                    "at the end of the module",
                )
            )

    def _new_router_shapes(self, module: str, method: str, path: str) -> None:
        """A new router beside routers whose models have modules named after them
        (``schemas/search_request.py`` and ``schemas/search_response.py`` for
        ``v1/search.py``) gets model modules of its own, named the same way."""
        stem = posixpath.basename(module).removesuffix(".py")
        folder = posixpath.dirname(module)
        for router in sorted(self.c.route_paths):
            if router == module or posixpath.dirname(router) != folder:
                continue
            shapes = own_shapes(self.known, self.paths, router)
            old = posixpath.basename(router).removesuffix(".py")
            for shape in shapes:
                created = (
                    f"{posixpath.dirname(shape)}/{stem}{posixpath.basename(shape)[len(old) :]}"
                )
                if created in self.existing_files:
                    continue
                self.recipe.add(
                    FileChange(
                        created,
                        CREATE,
                        self._layer_of(shape) or "presentation",
                        f"Models of the new router, as `{posixpath.basename(shape)}` holds "
                        f"`{posixpath.basename(router)}`'s.",
                        (f"Pydantic models for `{method} {path}`.",),
                        "",
                        "new file",
                    )
                )
            if shapes:
                return

    def _segment_shapes(self, module: str, path: str) -> str:
        """Where router ``module`` answers its routes with models from modules named
        after each route's last segment (``POST /crawl/dpd`` with ``schemas/dpd.py``'s
        ``DPDCrawlResponse``, ``/crawl/auspost`` with ``schemas/auspost.py``'s), the
        module of ``path``'s models named the same way; "" elsewhere."""
        folders: Counter[str] = Counter()
        for route in self.known.facts.routes:
            if self.paths.get(route.handler.partition(":")[0]) != module:
                continue
            klass = self.known.model.classes.get(route.response_model or "")
            held = self.paths.get(klass.module, "") if klass is not None else ""
            if held and posixpath.basename(held)[:-3] == _last_segment(route.path):
                folders[posixpath.dirname(held)] += 1
        segment = self._new_segment(path)
        if not folders or not segment:
            return ""
        folder, count = folders.most_common(1)[0]
        return f"{folder}/{segment}.py" if count >= SEGMENT_MODULES else ""

    def _new_segment(self, path: str) -> str:
        """What a module of ``path``'s own is named after: a route opening a family of
        its own (``/tiktok/session`` beside ``/browse`` and ``/crawl/dpd``) after the
        family, else after its last segment."""
        head = _first_segment(path)
        served = (p for paths in self.c.route_paths.values() for p in paths)
        fresh = head and not any(_first_segment(p) == head for p in served)
        return head if fresh else _last_segment(path)

    def _segment_work(self, module: str, path: str) -> None:
        """Where router ``module`` imports the work of a sibling of the new route from
        a module named after that sibling's last segment (``services/crawler/dpd.py``
        for ``/crawl/dpd`` beside the new ``/crawl/auspost``), the new route's work
        gets a module of its own there, named the same way."""
        name = next((n for n, p in self.paths.items() if p == module), None)
        parent = posixpath.dirname(path.rstrip("/"))
        siblings = {
            _last_segment(r.path)
            for r in self.known.facts.routes
            if self.paths.get(r.handler.partition(":")[0]) == module
            and posixpath.dirname(r.path.rstrip("/")) == parent
        } - {""}
        folders: Counter[str] = Counter()
        for importer, imported in self.known.analysis.pairs:
            held = self.paths.get(imported, "")
            if importer != name or not held or self._layer_of(held) == PRESENTATION:
                continue
            if posixpath.basename(held)[:-3] in siblings:
                folders[posixpath.dirname(held)] += 1
        segment = _last_segment(path)
        if not folders or not segment:
            return
        folder = folders.most_common(1)[0][0]
        created = f"{folder}/{segment}.py"
        if created in self.existing_files:
            return
        words = frozenset(singular(w) for w in path_words(parent))
        self.recipe.analogs.setdefault(segment, (tuple(sorted(siblings)), words))
        self.recipe.add(
            FileChange(
                created,
                CREATE,
                self._new_layer(created, "application"),
                "The work of the new route, in a module of its own like its siblings' "
                f"({', '.join(f'`{s}.py`' for s in sorted(siblings))}).",
                (f"What `{path}` does.",),
                "",
                "new file",
            )
        )

    def _relative_path(self, module: str, path: str) -> str:
        """``path`` as the decorators of router ``module`` write it: less what its
        includes put before them, else less the prefix its routes share (a prefix read
        off a route ``/items/`` keeps no slash)."""
        included = include_prefix(self.known, module)
        prefix = (
            included if included is not None else self.c.route_prefixes.get(module, "")
        ).rstrip("/")
        return path[len(prefix) :] if prefix and path.startswith(prefix) else path

    def _route_sketch(
        self, module: str, method: str, relative: str, path: str, service: str, status: str
    ) -> str:
        """A handler for ``method path`` on the router of ``module`` calling ``service``."""
        return route_sketch(
            self.c,
            method,
            relative,
            self._method_name(method, relative or path),
            service,
            self.service_paths.get(service) or self.changed_services.get(service, ""),
            self._service_method(method, path),
            status,
            router_variable(self._text(module)) or "router",
        )

    def _resource_counterparts(self) -> None:
        """A resource getting its first router (``tag.py`` beside ``post.py``) gets the
        files the resource beside it has in each folder where resources have one of
        their own (``tag_repository.py`` like ``post_repository.py``, ``tag_schema.py``
        like ``post_schema.py``)."""
        subject = self.subjects[0] if self.subjects else ""
        if not subject or not any(c.purpose == NEW_ROUTER for c in self.recipe.changes):
            return
        served = {
            posixpath.basename(self.paths.get(r.handler.partition(":")[0], ""))[:-3]
            for r in self.known.facts.routes
        }
        resources = {r for r in served if r and r != subject}
        owned: dict[str, list[tuple[str, str]]] = {}  # resource → (folder, suffix)
        suffixes: Counter[tuple[str, str]] = Counter()
        for path in self.existing_files:
            folder, base = posixpath.split(path)
            stem, _, suffix = base.removesuffix(".py").partition("_")
            if not suffix or not base.endswith(".py") or self._layer_of(path) == TESTS:
                continue
            if stem in resources:
                owned.setdefault(stem, []).append((folder, suffix))
            suffixes[(folder, suffix)] += 1
        if not owned:
            return
        analog = max(sorted(owned), key=lambda r: len(owned[r]))
        planned = {c.path for c in self.recipe.changes}
        for folder, suffix in sorted(owned[analog]):
            created = f"{folder}/{subject}_{suffix}.py"
            if suffixes[(folder, suffix)] < 2 or created in self.existing_files:
                continue
            if created in planned or any(
                posixpath.dirname(p) == folder and p.endswith(f"_{suffix}.py") for p in planned
            ):
                continue  # one new module of the kind there already (``intent_events.py``)
            neighbour = f"{analog}_{suffix}.py"
            self.recipe.add(
                FileChange(
                    created,
                    CREATE,
                    self._new_layer(created, "application"),
                    f"The {subject.replace('_', ' ')} counterpart of `{neighbour}`, like it.",
                    (),
                    "",
                    "new file",
                )
            )

    def _endpoint_module(self, module: str, method: str, path: str, service: str) -> bool:
        """Where the router folder keeps one endpoint per module (``users/grant_admin.py``)
        and one module includes them all: a module of the endpoint's own beside them,
        named after its use case, included where the others are. False elsewhere."""
        beside = one_endpoint_modules(self.known, module)
        including = including_module(self.known, beside) if beside else None
        if including is None:
            return False
        # named after the use case, not its role (``log_in.py`` for ``LogInInteractor``)
        role = role_word(service)
        role = role if role in ROLE_WORDS else ""  # ``RenameUser`` names what it acts on
        stem = snake(service[: -len(role)] if role else service) if service else ""
        stem = stem or self._method_name(method, path)
        created = f"{posixpath.dirname(module)}/{stem}.py"
        neighbour = posixpath.basename(module)
        status = self._success_status(method, path)
        relative = self._relative_path(module, path) or "/"
        self.recipe.add(
            FileChange(
                created,
                CREATE,
                self._new_layer(created, "presentation"),
                f"The endpoint's own router module, like `{neighbour}` beside it.",
                (
                    f"`{method} {path}`" + (f" → {status}" if status else ""),
                    f"Build its router the way `{neighbour}` does.",
                ),
                self._route_sketch(module, method, relative, path, service, status)
                if service
                else "",
                "new file",
            )
        )
        self.recipe.add(
            FileChange(
                including,
                MODIFY,
                self._layer_of(including) or "presentation",
                f"Include the router of `{created.rpartition('/')[2]}` with the others.",
                (f"Import it and include it as `{neighbour}`'s router is included.",),
                "",
                f"where `{neighbour}`'s router is included",
            )
        )
        return True

    def _working_handler(self, module: str, method: str, relative: str, path: str) -> str:
        """The sketch of a handler written like the first handler of its router, that
        does its own work or calls the new function of the module its neighbours call
        ("" when the repository has a service layer)."""
        neighbour = next((r for r in self.known.facts.routes if r.location.path == module), None)
        if not (self.handlers_work or self.function_module) or neighbour is None:
            return ""
        name = use_case_function(method, path, ROUTE_ACTIONS, VERBS)
        variable = router_variable(self._text(module)) or "router"
        call = ""
        if self.function_module:
            router = next(n for n, p in self.paths.items() if p == module)
            call = function_call(self.known.model, router, self.function_module, name)
        # a function imported by name (``from .service import get_export``) must not be
        # shadowed by a handler of the same name, which would call itself
        handler = name if call != name else self._method_name(method, path)
        if handler == call:
            handler = f"{handler}_endpoint"
        return handler_sketch(
            self.known.model, neighbour.handler, variable, method, relative, handler, call
        )

    def _container(self, repositories: list[str], others: list[str], services: list[str]) -> None:
        if self.c.greenfield:
            self._scaffold()
        generic = self.generic_ports
        module = self._wiring_module()
        if not module or not (repositories or others or services or generic or self.rewire):
            return
        lines = []
        for port in repositories:
            branches = ", ".join(
                f"{f.branch}={f.class_pattern.format(port)}" for f in self.c.repository_families
            )
            lines.append(
                f"`{snake(port)}`: selector over {branches or 'its adapters'}, like the "
                "existing repositories."
            )
        for port in others:
            lines.append(
                f"`{snake(port)}`: the production adapter, overridden by the in-memory one "
                "in tests."
            )
        for port in generic:
            lines.append(f"each `{port}` implementation, where the code that calls them finds it.")
        for service in services:
            lines.append(f"`{snake(service)}`: a factory of `{service}` with the ports above.")
        if self.rewire:
            lines += [
                f"`{snake(name)}`: pass `{name}` the dependency it now takes."
                for name in self.changed_services
            ]
        self.recipe.di_wiring += lines
        self.recipe.add(
            FileChange(
                module,
                MODIFY,
                self._layer_of(module) or "composition",
                "Wire the new adapters and services.",
                tuple(lines),
                "",
                f"in {self.c.container_class or 'the container'}",
            )
        )

    def _wiring_module(self) -> str:
        """Where the wiring goes, with no new service: the module making the one
        instance of the existing service the feature changes (``user_service =
        UserService()``), else the module of the provider that builds it, else the one
        binding the ports beside the new port (a slice's own ``di.py`` beside
        others'); else the repository's container module."""
        if self.service_paths:
            return self.c.container_module
        changed = {
            q for q in self.known.model.classes if q.rpartition(":")[2] in self.changed_services
        }
        folders = {posixpath.dirname(path) for path in self.new_port_paths.values()}
        kin = {
            p.qualname
            for p in self.known.facts.ports
            if posixpath.dirname(p.location.path) in folders
        }
        for qualname in sorted(changed):  # ``user_service = UserService()`` is wired there
            for name in self.known.model.made_in(qualname):
                if self.known.roles.get(name) != TESTS and name in self.paths:
                    return self.paths[name]
        for wanted in (changed, kin):
            for provider in self.known.facts.providers:
                bound = {*provider.builds, provider.provides}
                if wanted & bound and provider.location.path:
                    return provider.location.path
        return self.c.container_module

    def _scaffold(self) -> None:
        """A repository with no backend yet gets the hexagon's skeleton first, at its
        backend root."""
        root = self.c.greenfield_root

        def at(path: str) -> str:
            return f"{root}/{path}" if root else path

        skeleton = [
            (
                at("src/__init__.py"),
                # a root folder named like a layer (``server/``) puts its package there
                layer_of_path(self.known.analysis, at("src/__init__.py")) or "unclassified",
                "Package root; imports read `from src...`.",
            ),
            (
                at("src/main.py"),
                "composition",
                "`create_app()`: builds the container, includes the "
                "routers, maps domain errors to HTTP statuses.",
            ),
            (
                at("src/infrastructure/container.py"),
                "composition",
                "The dependency-injector "
                "`Container`: configuration, adapters, services, wiring of the route modules.",
            ),
            (
                at("src/infrastructure/config.py"),
                "infrastructure",
                "Settings read from the environment.",
            ),
            (at("src/domain/errors.py"), "domain", "`DomainError` and its subclasses."),
            (
                at("src/tests/conftest.py"),
                "tests",
                "An app whose container uses in-memory adapters.",
            ),
        ]
        for path, layer, purpose in skeleton:
            self.recipe.add(FileChange(path, CREATE, layer, purpose, (), "", "new file"))
        self.c.container_module = at("src/infrastructure/container.py")
        self.c.app_module = at("src/main.py")
        self.c.errors_module = at("src/domain/errors.py")
        self.c.conftest = at("src/tests/conftest.py")
        where = f" in `{root}/`" if root else ""
        self.recipe.notes.append(
            "Greenfield: the repository has no backend code yet, so the plan lays out the "
            f"hexagon{where} (src/presentation, src/application, src/domain, "
            "src/infrastructure, src/tests) before the feature's own files."
        )
