"""The new files of a new feature: entities, repository ports and one adapter per
family the repository already has, other ports with their production and test
adapters, and the services behind the routes, placed beside their closest kin."""

from __future__ import annotations

import os
import posixpath
import re
from collections import Counter
from posixpath import dirname

from archbook.application.planning.naming import camel, implemented_name, snake
from archbook.application.planning.offline.conventions import (
    STORAGE_WORDS,
    AdapterFamily,
    services_beside,
    stores_data,
)
from archbook.application.planning.offline.filing import name_stems, role_word
from archbook.application.planning.offline.new_feature.support import (
    FeatureSupport,
    join_path,
)
from archbook.application.planning.offline.route_layout import is_router_file
from archbook.application.planning.offline.sketches import (
    adapter_sketch,
    entity_sketch,
    port_sketch,
    repository_methods,
    service_sketch,
)
from archbook.domain.layer_tokens import DEFAULT_TOKENS
from archbook.domain.layers import APPLICATION, DOMAIN, INFRASTRUCTURE, PRESENTATION, TESTS
from archbook.domain.plan import CREATE, MODIFY, FileChange

TECHNOLOGY = re.compile(
    r"\b(SMTP|SES|SendGrid|Mailgun|Kafka|RabbitMQ|Redis|S3|HTTP|Webhook)\b", re.I
)
IMPLEMENTER = re.compile(r"\bimplemented by\s+(?:the\s+)?(?:existing\s+)?`(\w+)`", re.I)

# What a plan says of a file that waits for the new use case: (empty, stubbed).
_EMPTY = " (the file exists, empty)."
_NO_CODE = " (the file exists and holds no code yet)."
_STUBS = " (the file lays it out with stub methods)."
# Use cases a module must define to be the module of use cases a new one joins.
SEVERAL = 2


class FeatureComponents(FeatureSupport):
    """Entities, ports, adapters and services a new feature creates."""

    def _entity(self, entity: str) -> None:
        path = f"{self._entities_folder()}/{snake(entity)}.py"
        if path in self.existing_files:
            return
        self.recipe.add(
            FileChange(
                path,
                CREATE,
                self._new_layer(path, "domain"),
                f"The `{entity}` entity the feature stores.",
                ("Fields named in the context session; identity `id: str`.",),
                entity_sketch(entity, self._fields_for(entity)),
                "new file",
            )
        )

    def _entities_folder(self) -> str:
        """Where a new entity goes: beside the entities, else in the folder most of the
        domain's modules are in, else a ``domain`` folder in the package the ports or
        services are in (``app/domain``), else at the source root."""
        if self.c.entities_folder:
            return self.c.entities_folder
        folders = Counter(
            dirname(path)
            for name, path in self.paths.items()
            if self.known.roles.get(name) == DOMAIN and not path.endswith("/__init__.py")
        )
        if folders:
            return min(folders, key=lambda f: (-folders[f], f))
        beside = self.c.ports_folder or self.c.services_folder
        top = self.c.source_prefix or (beside.split("/")[0] if "/" in beside else "")
        return join_path(top, "domain")

    def _repository(self, port: str) -> None:
        entity = port.removesuffix("Repository")
        port_path = f"{self.c.ports_folder}/{snake(port)}.py"
        entity_path = f"{self._entities_folder()}/{snake(entity)}.py"
        methods = repository_methods(entity, self.c.analog_port)
        analog = self.c.analog_port.qualname.rpartition(":")[2] if self.c.analog_port else ""
        self.recipe.add(
            FileChange(
                port_path,
                CREATE,
                self._new_layer(port_path, "ports"),
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
                # the layer its folder gives it: where the repository keeps its fakes
                # beside the ports, a fake is read as part of the ports
                self._new_layer(path, "infrastructure"),
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

    def _kin_adapters_folder(self, ports_folder: str) -> str:
        """Where the adapters of the ports beside a new one live (a feature slice's
        ``users/infrastructure/`` for ``users/domain/interfaces/``): the folder of those
        that store nothing, else the one above the storage adapters' own folder, the
        nearest to the port first; "" when no port there has a production adapter, or
        when that folder is no nearer the port than the shared adapters folder."""
        ports = self.known.facts.ports
        kin = {p.qualname for p in ports if dirname(p.location.path) == ports_folder}
        folders: Counter[str] = Counter()
        storage: Counter[str] = Counter()
        for adapter in self.known.facts.adapters:
            layer = self.known.roles.get(adapter.qualname.partition(":")[0])
            if adapter.fake or layer != INFRASTRUCTURE or not kin & set(adapter.implements):
                continue
            folder = dirname(adapter.location.path)
            if stores_data(adapter):
                while posixpath.basename(folder) in STORAGE_WORDS:  # persistence/repositories
                    folder = dirname(folder)
                storage[folder] += 1
            else:
                folders[folder] += 1
        found = folders or storage

        def shared(folder: str) -> int:  # folders shared with the port's path
            common = os.path.commonpath([folder, ports_folder]) if ports_folder else ""
            return common.count("/") + 1 if common else 0

        if not found:
            return ""
        best = min(found, key=lambda f: (-shared(f), -found[f], f))
        # only nearer the port than the repository's shared adapters folder: where all
        # ports share one folder, that folder is no slice of their own
        shared_root = self.c.client_adapters_folder or self.c.adapters_folder
        return best if not shared_root or shared(best) > shared(shared_root) else ""

    def _technology_folder(self, technology: str) -> str:
        """The folder of the code outside the tests that already imports the
        technology's package, its client module's first (``database/redis.py`` for
        redis); "" when none does."""
        folders: Counter[str] = Counter()
        for name, module in self.known.model.modules.items():
            path = self.paths.get(name, "")
            if technology not in module.externals or not path:
                continue
            if self.known.roles.get(name) not in (TESTS, PRESENTATION):
                own = posixpath.basename(path) == f"{technology}.py"
                folders[dirname(path)] += 100 if own else 1  # the client's module leads
        return min(folders, key=lambda f: (-folders[f], f)) if folders else ""

    def _other_port(self, port: str) -> None:
        sentence = self.context.sentence_with(port)
        path = next((p for p in self.context.paths if p.endswith(f"/{snake(port)}.py")), "")
        if not path:
            analogs = [(n, p.location.path) for n, p in sorted(self.ports.items())]
            # beside the ports it shares a name word with (EventHandler, EventDispatcher)
            kin = [(n, p) for n, p in analogs if name_stems(n) & name_stems(port)]
            path, _ = self._place(port, kin or analogs, self.c.ports_folder)
        calls = re.findall(r"`(\w+)\(", sentence)
        role = role_word(port)
        stem = port[: -len(role)] if role else port
        if calls:
            methods = [f"{calls[0]}(self, *args: object) -> ..."]
        elif role:
            methods = [f"{snake(stem).split('_')[0]}(self, *args: object) -> ..."]
        else:
            methods = ["send(self, message: ...) -> None"]
        self.new_port_paths[port] = path
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
        if re.search(rf"\b{re.escape(port)}\[", sentence):
            self.generic_ports.append(port)  # many classes implement it: no one adapter
            return
        self.wired_ports.append(port)
        technology = TECHNOLOGY.search(sentence + " " + self.context.text)
        prefix = technology.group(1).lower() if technology else "default"
        implemented = implemented_name(port)
        if self.c.adapter_folder_per_system:  # libs/crypto/ beside it: libs/smtp/
            system = prefix if technology else snake(implemented)
            folder = posixpath.join(self.c.client_adapters_folder, system)
            self.system_folders.append(folder)
        else:
            folder = self._kin_adapters_folder(dirname(path))
            folder = folder or self.c.client_adapters_folder or self.c.adapters_folder
        folder = folder or self._technology_folder(prefix) or self.c.source_prefix
        folder = folder or dirname(dirname(path))
        production = posixpath.join(folder, f"{prefix}_{snake(implemented)}.py")
        self.recipe.add(
            FileChange(
                production,
                CREATE,
                self._new_layer(production, "infrastructure"),
                f"`{camel(prefix)}{implemented}`: the production adapter of `{port}`.",
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
            faked = fake.class_pattern.format(implemented)
            fake_path = f"{fake.folder}/{fake.file_pattern.format(snake(implemented))}"
            self.recipe.add(
                FileChange(
                    fake_path,
                    CREATE,
                    self._new_layer(fake_path, "infrastructure"),
                    f"`{faked}`: records what was sent, for tests.",
                    (),
                    "",
                    "new file",
                )
            )

    def _sibling_layer(self, sibling: str, service_path: str) -> str:
        """The layer of a file laid beside a new service: its counterparts' beside the
        other services (``order/auth.py`` beside ``order/service.py``), else its own
        folder's or name's, else presentation for a router and application for the rest."""
        name, service_name = posixpath.basename(sibling), posixpath.basename(service_path)
        layers = Counter(
            self._layer_of(path)
            for path in self.existing_files
            if posixpath.basename(path) == name
            and f"{posixpath.dirname(path)}/{service_name}" in self.existing_files
        )
        if layers:
            return min(layers, key=lambda layer: (-layers[layer], layer))
        return self._new_layer(sibling, PRESENTATION if is_router_file(sibling) else APPLICATION)

    def _laid_out(self, path: str, service: str) -> str:
        """How the file at ``path`` waits for ``service``, as a note for the plan, or
        "" when it does not: empty, holding no code (a docstring alone: ``\"\"\"TODO:
        to implement\"\"\"``), or defining it with methods that are stubs (its
        constructor aside)."""
        if not self._text(path).strip():
            return _EMPTY
        module = self.known.model.modules.get(self.path_modules.get(path, ""))
        if module is not None and module.holds_no_code:
            return _NO_CODE
        klass = self.known.model.classes.get(f"{self.path_modules.get(path)}:{service}")
        work = [m for name, m in klass.methods.items() if name != "__init__"] if klass else []
        return _STUBS if work and all(method.is_stub for method in work) else ""

    def _router_services_module(self) -> str:
        """The one module of several use cases (``user_use_cases.py``) that the routers
        every new route joins import, as a path; "" when the routes need a new router,
        or the routers import no such module, or more than one."""
        if not self.routes or any(self._route_module(p) is None for _, p in self.routes):
            return ""
        routers = self._route_names()
        held = Counter(s.qualname.partition(":")[0] for s in self.known.facts.services)
        imported = {b for a, b in self.known.analysis.pairs if a in routers and held[b] >= SEVERAL}
        if len(imported) != 1:
            return ""
        return self.paths.get(imported.pop(), "")

    def _service(self, service: str, new_ports: list[str]) -> None:
        analogs = [
            (f.qualname.rpartition(":")[2], f.location.path) for f in self.known.facts.services
        ]
        fallback = self.c.services_folder
        tops = self._route_packages()
        services = self.known.facts.services
        apps = {top for top in tops if top not in DEFAULT_TOKENS}  # not ``api`` of a layer
        if apps and not any(f.qualname.partition(".")[0] in tops for f in services):
            # the routes' app package has no service yet: its first goes beside them
            router = min(filter(None, (self._route_module(p) for _, p in self.routes)))
            analogs, fallback = [], services_beside(dirname(router), self.c.source_prefix)
        home = self._router_services_module()
        if home:
            self.service_paths[service] = home
            self.recipe.add(
                FileChange(
                    home,
                    MODIFY,
                    self._layer_of(home),
                    f"`{service}` joins the use cases the router of the new routes calls.",
                    tuple(self.context.section("requirements")[:6]),
                    service_sketch(
                        self.c, service, [], [self._service_method(m, p) for m, p in self.routes]
                    ),
                    "after the other use cases",
                )
            )
            return
        subject = self.subjects[0] if self.subjects else ""
        path, siblings = self._place(service, analogs, fallback, subject)
        # a file kept empty for it (``delete_room.py`` beside the other use cases), or
        # laying it out with stub methods, is filled; any other existing file holds
        # something else
        placeholder = self._laid_out(path, service) if path in self.existing_files else ""
        if path in self.existing_files and not placeholder:
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
        served = [r for r in self.routes if self.route_services.get(r, service) == service]
        methods = [self._service_method(m, p) for m, p in served]
        what = (
            f"the use case of `{served[0][0]} {served[0][1]}`"
            if self.route_services and served
            else "the feature's use cases"
        )
        self.recipe.add(
            FileChange(
                path,
                MODIFY if placeholder else CREATE,
                self._new_layer(path, "application"),
                f"`{service}`: {what}" + (placeholder or "."),
                tuple(self.context.section("requirements")[:6]),
                service_sketch(self.c, service, dependencies, methods),
                "new file",
            )
        )
        for sibling in siblings:
            if sibling not in self.existing_files:
                self.slice_files.append(sibling)
                self.recipe.add(
                    FileChange(
                        sibling,
                        CREATE,
                        self._sibling_layer(sibling, path),
                        f"Beside `{path}`, as at least half the use cases here have it.",
                        (),
                        "",
                        "new file",
                    )
                )
