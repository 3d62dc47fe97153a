"""Planning a new feature: new ports, adapters, services, routes and tests placed in
the repository's own folders, named its way and wired through its container."""

from __future__ import annotations

import re
from collections import Counter

from archbook.application.code_facts.knowledge import RepoKnowledge
from archbook.application.planning.context_session import ContextSession
from archbook.application.planning.naming import camel, snake
from archbook.application.planning.offline.conventions import AdapterFamily, Conventions, role_word
from archbook.application.planning.offline.feature_support import VERBS, FeatureSupport, join_path
from archbook.application.planning.offline.recipe import Recipe
from archbook.application.planning.offline.scope_sections import (
    GENERIC_PERFORMANCE,
    GENERIC_SECURITY,
)
from archbook.application.planning.offline.scope_sketches import router_variable
from archbook.application.planning.offline.sketches import (
    adapter_sketch,
    entity_sketch,
    port_sketch,
    repository_methods,
    route_sketch,
    service_sketch,
)
from archbook.application.planning.plan_validation import layer_of_path
from archbook.domain.plan import CREATE, MODIFY, FileChange

SERVICE_SUFFIXES = ("Service", "UseCase", "Handler", "Interactor")
TECHNOLOGY = re.compile(
    r"\b(SMTP|SES|SendGrid|Mailgun|Kafka|RabbitMQ|Redis|S3|HTTP|Webhook)\b", re.I
)
SECURITY_HINTS = re.compile(
    r"\b(hash|token|secret|reveal|rate.?limit|password|auth\w*|HMAC|sign\w*)\b", re.I
)
SPEED_HINTS = re.compile(r"\b(p95|p50|slow\w*|loop|query|latency|background|index\w*)\b", re.I)
IMPLEMENTER = re.compile(r"\bimplemented by\s+(?:the\s+)?(?:existing\s+)?`(\w+)`", re.I)
PORT_WORDS = re.compile(r"\b(port|interface)\b", re.I)


def new_feature_changes(
    known: RepoKnowledge,
    context: ContextSession,
    conventions: Conventions,
    ranked: tuple[str, ...],
) -> Recipe:
    """Every file a new feature creates or modifies, with sketches, wiring and tests."""
    planner = _FeaturePlanner(known, context, conventions)
    planner.ranked = ranked
    return planner.plan()


class _FeaturePlanner(FeatureSupport):
    def plan(self) -> Recipe:
        context, recipe = self.context, self.recipe
        repositories, other_ports, services = self._new_names()
        self._existing_classes()
        if not services and not self.changed_services:
            if self.routes and not (repositories or other_ports):
                self._extend_router_service()
            if not self.changed_services and (self.routes or repositories or other_ports):
                services = [camel(context.feature) + self._service_role()]
        entities = [name.removesuffix("Repository") for name in repositories]
        for entity in entities:
            self._entity(entity)
        for port in repositories:
            self._repository(port)
        for port in other_ports:
            self._other_port(port)
        for service in services:
            self._service(service, repositories + other_ports)
        self._action_entities()
        self._deletions()
        self._routes(services[0] if services else next(iter(self.changed_services), ""))
        self._named_routers()
        self._container(repositories, self.wired_ports, services)
        self._settings(bool(repositories or self.wired_ports or services))
        self._errors()
        self._tests(services, other_ports)
        self._indexes(repositories)
        layers = ", ".join(sorted({c.layer for c in recipe.changes}))
        recipe.summary = (
            f"{context.title}: {len(self.routes)} new endpoint(s), "
            f"{len(repositories) + len(other_ports)} new port(s), {len(services)} new service(s)"
            + (
                f", {len(self.changed_services)} existing service(s) extended"
                if self.changed_services
                else ""
            )
            + f"; {sum(c.action == CREATE for c in recipe.changes)} files to create and "
            f"{sum(c.action == MODIFY for c in recipe.changes)} to modify across {layers}."
        )
        recipe.approach = (
            "Follow the repository's hexagon: HTTP parsing in the routes, the use cases in "
            "an application service that depends only on ports, one adapter per technology "
            "plus an in-memory one for tests, and the wiring in the container. New files copy "
            "the folders, names and idioms of the closest existing feature."
        )
        recipe.rationale += [
            "Services talk to ports only, so the use cases are tested with in-memory adapters.",
            "Only the container knows concrete adapters; routes receive services by injection.",
            *[
                f"Settled in the context session: {d}"
                for d in context.section("decisions so far")[:3]
            ],
        ]
        recipe.security += [
            s for s in context.section("constraints", "requirements") if SECURITY_HINTS.search(s)
        ]
        recipe.security.append(GENERIC_SECURITY)
        recipe.performance += [
            s for s in context.section("constraints", "requirements") if SPEED_HINTS.search(s)
        ]
        recipe.performance.append(GENERIC_PERFORMANCE)
        if repositories:
            recipe.migration.append(
                "New collections/tables only: no existing data changes. Create their indexes "
                "before the first deploy that writes to them."
            )
        recipe.migration.append(
            "Existing routes and response bodies stay as they are, so clients need no change."
        )
        return recipe

    def _new_names(self) -> tuple[list[str], list[str], list[str]]:
        """Names the context introduces: repositories, other ports, services. A name
        whose role word existing ports share (``CancelOrderUseCase`` beside
        ``PlaceOrderUseCase``) is a port like them."""
        repositories: list[str] = []
        others: list[str] = []
        services: list[str] = []
        port_roles = {role_word(n) for n in self.ports} - {""}
        service_roles = {
            role_word(s.qualname.rpartition(":")[2]) for s in self.known.facts.services
        }
        for name in self.context.identifiers:
            if name in self.classes or name.isupper() or name.upper() in VERBS:
                continue
            sentence = self.context.sentence_with(name)
            role = role_word(name)
            if name.endswith("Repository"):
                repositories.append(name)
            elif role and role in port_roles and role not in service_roles:
                others.append(name)
            elif name.endswith(SERVICE_SUFFIXES):
                services.append(name)
            elif PORT_WORDS.search(sentence):
                alternatives = [o for o in others if o in sentence]
                if not (
                    alternatives
                    and re.search(rf"`?{alternatives[0]}`?\s*\(or", sentence)
                    or re.search(rf"\(or `?{name}`?\)", sentence)
                ):
                    others.append(name)
        return repositories, others, services

    def _service_role(self) -> str:
        """The role word this repository's services end with (``Service``,
        ``Handler``...): the most common one, alphabetically first on a tie."""
        roles = Counter(role_word(s.qualname.rpartition(":")[2]) for s in self.known.facts.services)
        roles.pop("", None)
        return min(roles, key=lambda r: (-roles[r], r)) if roles else "Service"

    def _entity(self, entity: str) -> None:
        folder = self.c.entities_folder or join_path(self.c.source_prefix, "domain")
        path = f"{folder}/{snake(entity)}.py"
        if path in self.existing_files:
            return
        self.recipe.add(
            FileChange(
                path,
                CREATE,
                "domain",
                f"The `{entity}` entity the feature stores.",
                ("Fields named in the context session; identity `id: str`.",),
                entity_sketch(entity, self._fields_for(entity)),
                "new file",
            )
        )

    def _repository(self, port: str) -> None:
        entity = port.removesuffix("Repository")
        port_path = f"{self.c.ports_folder}/{snake(port)}.py"
        entity_path = f"{self.c.entities_folder}/{snake(entity)}.py"
        methods = repository_methods(entity, self.c.analog_port)
        analog = self.c.analog_port.qualname.rpartition(":")[2] if self.c.analog_port else ""
        self.recipe.add(
            FileChange(
                port_path,
                CREATE,
                "ports",
                f"Port `{port}`: storage of `{entity}`.",
                (f"Same shape as `{analog}`." if analog else "An ABC with async methods.",),
                port_sketch(self.c, port, entity, entity_path, methods),
                "new file",
            )
        )
        for family in self.c.repository_families:
            self._adapter(family, port, port_path, methods)

    def _adapter(
        self, family: AdapterFamily, port: str, port_path: str, methods: list[str]
    ) -> None:
        path = f"{family.folder}/{family.file_pattern.format(snake(port))}"
        class_name = family.class_pattern.format(port)
        purpose = f"`{class_name}`: {port} on {family.branch}" + (
            " (for tests)" if family.fake else ""
        )
        self.recipe.add(
            FileChange(
                path,
                CREATE,
                "infrastructure",
                purpose + ".",
                (
                    f"Follow `{family.example.location.path}`."
                    if family.example
                    else "The first adapter of its kind: one class per port.",
                ),
                adapter_sketch(self.c, family, port, port_path, methods),
                "new file",
            )
        )

    def _other_port(self, port: str) -> None:
        sentence = self.context.sentence_with(port)
        path = next((p for p in self.context.paths if p.endswith(f"/{snake(port)}.py")), "")
        if not path:
            analogs = [(n, p.location.path) for n, p in sorted(self.ports.items())]
            path, _ = self._place(port, analogs, self.c.ports_folder)
        calls = re.findall(r"`(\w+)\(", sentence)
        role = role_word(port)
        stem = port[: -len(role)] if role else port
        if calls:
            methods = [f"{calls[0]}(self, *args: object) -> ..."]
        elif role:
            methods = [f"{snake(stem).split('_')[0]}(self, *args: object) -> ..."]
        else:
            methods = ["send(self, message: ...) -> None"]
        self.recipe.add(
            FileChange(
                path,
                CREATE,
                self._new_layer(path, "ports"),
                f"Port `{port}`.",
                (sentence,),
                port_sketch(self.c, port, None, None, methods),
                "new file",
            )
        )
        implementer = IMPLEMENTER.search(sentence)
        if implementer and implementer.group(1) in self.classes:
            return
        self.wired_ports.append(port)
        technology = TECHNOLOGY.search(sentence + " " + self.context.text)
        prefix = technology.group(1).lower() if technology else "default"
        production = f"{self.c.adapters_folder}/{prefix}_{snake(port)}.py"
        self.recipe.add(
            FileChange(
                production,
                CREATE,
                "infrastructure",
                f"`{camel(prefix)}{port}`: the production adapter of `{port}`.",
                (
                    "Run blocking client calls in a worker thread (`asyncio.to_thread`) or use an "
                    "async client.",
                ),
                "",
                "new file",
            )
        )
        fake = next((f for f in self.c.repository_families if f.fake), None)
        if fake is not None:
            self.recipe.add(
                FileChange(
                    f"{fake.folder}/{fake.file_pattern.format(snake(port))}",
                    CREATE,
                    "infrastructure",
                    f"`{fake.class_pattern.format(port)}`: records what was sent, for tests.",
                    (),
                    "",
                    "new file",
                )
            )

    def _service(self, service: str, new_ports: list[str]) -> None:
        analogs = [
            (f.qualname.rpartition(":")[2], f.location.path) for f in self.known.facts.services
        ]
        path, siblings = self._place(service, analogs, self.c.services_folder)
        if path in self.existing_files:
            return
        self.service_paths[service] = path
        mentioned = [n for n in self.context.identifiers if n in self.ports]
        dependencies = [
            (
                snake(p.removesuffix("Repository")) + ("s" if p.endswith("Repository") else ""),
                p,
                f"{self.c.ports_folder}/{snake(p)}.py",
            )
            for p in new_ports
        ]
        dependencies += [
            (
                snake(n).removesuffix("_repository") + ("s" if n.endswith("Repository") else ""),
                n,
                self.ports[n].location.path,
            )
            for n in mentioned
        ]
        methods = [self._method_name(m, p) for m, p in self.routes]
        self.recipe.add(
            FileChange(
                path,
                CREATE,
                self._new_layer(path, "application"),
                f"`{service}`: the feature's use cases.",
                tuple(self.context.section("requirements")[:6]),
                service_sketch(self.c, service, dependencies, methods),
                "new file",
            )
        )
        for sibling in siblings:
            if sibling not in self.existing_files:
                self.recipe.add(
                    FileChange(
                        sibling,
                        CREATE,
                        self._new_layer(sibling, "application"),
                        f"Beside `{path}`, as every use case of this repository has it.",
                        (),
                        "",
                        "new file",
                    )
                )

    def _routes(self, service: str) -> None:
        service_path = self.service_paths.get(service) or self.changed_services.get(service, "")
        for method, path in self.routes:
            module = self._route_module(path)
            if module is None:
                module = f"{self.c.routes_folder}/{snake(self.context.feature)}.py"
                self.recipe.add(
                    FileChange(
                        module,
                        CREATE,
                        self._new_layer(module, "presentation"),
                        "A router for the feature's endpoints.",
                        (),
                        "",
                        "new file",
                    )
                )
                if self.c.app_module:
                    self.recipe.add(
                        FileChange(
                            self.c.app_module,
                            MODIFY,
                            "composition",
                            "Include the new router.",
                            ("`app.include_router(...)` with the API prefix.",),
                            "",
                            "where the other routers are included",
                        )
                    )
            prefix = self.c.route_prefixes.get(module, "")
            relative = path[len(prefix) :] if prefix and path.startswith(prefix) else path
            status = self._success_status(method, path)
            handler = self._method_name(method, relative or path)
            sketch = (
                route_sketch(
                    self.c,
                    method,
                    relative,
                    handler,
                    service,
                    service_path,
                    self._method_name(method, path),
                    status,
                    router_variable(self._text(module)) or "router",
                )
                if service
                else ""
            )
            self.recipe.add(
                FileChange(
                    module,
                    MODIFY if module in self.existing_files else CREATE,
                    self._layer_of(module) or self._new_layer(module, "presentation"),
                    "Routes of the feature.",
                    (f"`{method} {path}`" + (f" → {status}" if status else ""),),
                    sketch,
                    "after the existing routes of this router",
                )
            )
            schemas = self.c.schemas_for_route.get(module)
            if schemas and self._needs_schemas(method, path):
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

    def _container(self, repositories: list[str], others: list[str], services: list[str]) -> None:
        if self.c.greenfield:
            self._scaffold()
        if not self.c.container_module or not (repositories or others or services or self.rewire):
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
        for service in services:
            lines.append(f"`{snake(service)}`: a factory of `{service}` with the ports above.")
        if self.rewire:
            lines += [
                f"`{snake(name)}`: pass the dependency `{name}` now takes."
                for name in self.changed_services
            ]
        self.recipe.di_wiring += lines
        self.recipe.add(
            FileChange(
                self.c.container_module,
                MODIFY,
                self._layer_of(self.c.container_module) or "composition",
                "Wire the new adapters and services.",
                tuple(lines),
                "",
                f"in {self.c.container_class or 'the container'}",
            )
        )

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
