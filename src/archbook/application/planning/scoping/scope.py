"""Use case: a feature's scope, derived from its context session and the repository's
facts, shown between survey and draft so a person can correct it before drafting.

The scope says which kinds of change the feature is, which existing resources and
files it touches (matched to real code by name), which new resources and files it
needs, its operations, and the external systems it brings (each one a port, an
adapter, settings and a package added with the project's own package manager). A
file goes only where the session makes it the object of a removal; frontend files
the session names are left to the frontend; each file the session names keeps the
session's own words about it, which the plan quotes.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from archbook.application.code_facts.knowledge import RepoKnowledge
from archbook.application.planning.context_session import ContextSession
from archbook.application.planning.scoping.endpoint_modules import (
    including_module,
    one_endpoint_modules,
)
from archbook.application.planning.scoping.kind_sections import classes_by_kind
from archbook.application.planning.scoping.mentions import (
    says_changed,
    says_removed,
    used_as_is,
    written_as_code,
)
from archbook.application.planning.scoping.moves import session_moves
from archbook.application.planning.scoping.named_ports import (
    described_ports,
    ports_given_a_method,
    ports_of_new_methods,
)
from archbook.application.planning.scoping.repo_index import (
    GENERIC_NAMES,
    RepoIndex,
)
from archbook.application.planning.scoping.scope_terms import (
    change_kinds,
    named_by_feature,
    newly_stored,
    packages_to_add,
    session_externals,
    session_resources,
)
from archbook.application.planning.scoping.sibling_fields import sibling_fields
from archbook.application.planning.scoping.stored_fields import place_stored_data
from archbook.application.planning.scoping.triggers import (
    event_handler,
    triggered_code,
    triggers,
)
from archbook.application.planning.session_text import API_PREFIX, api_lead
from archbook.application.tracing.route_trace import RouteNotFoundError, trace_route
from archbook.domain.layers import APPLICATION, TESTS

KINDS = (
    "new_endpoint",
    "new_resource",
    "integration",
    "data_model",
    "deletion",
    "refactor",
    "greenfield",
    "performance",
    "question",
)
# A file of the frontend: a backend plan names it only to leave it to others.
# Share of the routes a leading API prefix must lead for a session's bare paths to
# be served under it.
SERVED_SHARE = 0.75
FRONTEND_FILE = re.compile(r"\.(?:tsx?|jsx?|mjs|vue|svelte|css|scss|sass|less|html?)\Z", re.I)
# A document a session cites ("Origin: `docs/planning/next-steps.md` §3.4") is context,
# changed only where a clause naming it says so ("update `docs/api.md`").
DOCUMENT = re.compile(r"\.(?:md|markdown|rst|adoc)\Z", re.I)
EDITED = re.compile(
    r"\b(?:updat|edit|document|add|append|extend|rewrit|amend|actualiz|atualiz|modif|"
    r"mettre à jour|ajout|añad|agreg)\w*",
    re.I,
)


@dataclass(frozen=True)
class Scope:
    """What a feature touches and needs; every field may be corrected by hand."""

    kinds: tuple[str, ...] = ()
    language: str = "en"
    resources: tuple[str, ...] = ()
    # the existing resources the feature is about, whose slice it changes (the other
    # resources are named as context); only those also in ``resources`` count
    subjects: tuple[str, ...] = ()
    new_resources: tuple[str, ...] = ()
    operations: tuple[str, ...] = ()
    externals: tuple[str, ...] = ()
    packages: tuple[str, ...] = ()
    settings: tuple[str, ...] = ()
    # fields added to stored tables, ``table.field`` (``table`` when the session
    # names no field)
    stored_fields: tuple[str, ...] = ()
    new_tables: tuple[str, ...] = ()
    touched: tuple[str, ...] = ()
    created: tuple[str, ...] = ()
    deleted: tuple[str, ...] = ()
    # files the session names that a backend plan leaves to others (frontend code)
    outside: tuple[str, ...] = ()
    reasons: dict[str, str] = field(default_factory=dict, compare=False)
    # the session's own words about a path: the clauses naming it, or naming what
    # brought it into the scope
    said: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False)

    def lines(self) -> list[str]:
        """One line per field, as the CLI prints it."""
        return [
            f"kinds: {', '.join(self.kinds) or 'none'} (session language: {self.language})",
            f"existing resources: {', '.join(self.resources) or 'none'}",
            f"resources it is about: {', '.join(self.about()) or 'none'}",
            f"new resources: {', '.join(self.new_resources) or 'none'}",
            f"operations: {', '.join(self.operations) or 'none'}",
            f"external systems: {', '.join(self.externals) or 'none'}",
            f"packages to add: {', '.join(self.packages) or 'none'}",
            f"settings: {', '.join(self.settings) or 'none'}",
            f"stored fields: {', '.join(self.stored_fields) or 'none'}",
            f"new tables: {', '.join(self.new_tables) or 'none'}",
            *(f"touches {p} — {self.reasons.get(p, '')}" for p in self.touched),
            *(f"creates {p} — {self.reasons.get(p, '')}" for p in self.created),
            *(f"deletes {p} — {self.reasons.get(p, '')}" for p in self.deleted),
            *(f"leaves {p} to the frontend" for p in self.outside),
        ]

    def about(self) -> tuple[str, ...]:
        """The resources whose slice the feature changes: the ``subjects`` still among
        the ``resources`` (a workshop may have corrected these), else the first."""
        kept = tuple(r for r in self.subjects if r in self.resources)
        return kept or self.resources[:1]

    def as_dict(self) -> dict[str, object]:
        return {
            "kinds": list(self.kinds),
            "language": self.language,
            "resources": list(self.resources),
            "subjects": list(self.subjects),
            "new_resources": list(self.new_resources),
            "operations": list(self.operations),
            "externals": list(self.externals),
            "packages": list(self.packages),
            "settings": list(self.settings),
            "stored_fields": list(self.stored_fields),
            "new_tables": list(self.new_tables),
            "touched": list(self.touched),
            "created": list(self.created),
            "deleted": list(self.deleted),
            "outside": list(self.outside),
        }


def derive_scope(
    context: ContextSession, known: RepoKnowledge, exists: Callable[[str], bool]
) -> Scope:
    """The scope the session and the code suggest (see the module docstring)."""
    index = RepoIndex.build(known, exists)
    reasons: dict[str, str] = {}
    said: dict[str, tuple[str, ...]] = {}
    touched: list[str] = []
    created: list[str] = []

    def touch(path: str, why: str) -> None:
        if path and path not in touched:
            touched.append(path)
            reasons.setdefault(path, why)

    loose: list[str] = []
    deleted: list[str] = []
    outside: list[str] = []
    moves = session_moves(context.text, context.named_paths, index)
    for move in moves:
        deleted.append(move.old)
        reasons[move.old] = f"moves to {move.new}"
        for new in (*move.packages, move.new):
            if new not in created:
                created.append(new)
        reasons[move.new] = f"{move.old}, moved here"
        for package in move.packages:
            reasons[package] = f"new package {move.new} moves into"
        for importer in move.importers:
            touch(importer, f"imports {move.old}, which moves to {move.new}")
    moved = {raw for move in moves for raw in move.raws}
    for raw in context.named_paths:
        path, present = index.resolve(raw)
        if raw in moved or path in deleted:
            continue
        if FRONTEND_FILE.search(raw):
            if (path or raw) not in outside:
                outside.append(path or raw)
            continue
        if path and not path.endswith("/"):
            said.setdefault(path, context.clauses_naming(raw))
        if present and not path.endswith("/") and says_removed(context.text, raw):
            deleted.append(path)
            reasons[path] = f"the session removes it ({raw})"
        elif present and not path.endswith("/"):
            if DOCUMENT.search(path) and not any(
                EDITED.search(clause) for clause in context.clauses_naming(raw)
            ):
                continue  # a document cited, not changed
            touch(path, f"named in the session ({raw})")
        elif path and not present and path not in created:
            created.append(path)
            reasons[path] = f"named in the session ({raw}), not in the repository yet"
        elif not path and raw.endswith("/") and raw.count("/") == 1:
            loose.append(raw)
    changing = context.changing_text()
    for name in context.code_names:
        if name in GENERIC_NAMES or len(name) < 4 or (name.islower() and "_" not in name):
            continue
        if not says_changed(changing, name):
            continue
        if index.only_methods(name) and not written_as_code(context.text, name):
            continue  # a field the answer holds, not the property of that name
        files = [f for f in index.defined_in(name) if not index.is_test(f)]
        if 0 < len(files) <= 2:
            for path in sorted(files):
                touch(path, f"defines `{name}`, which the session names")
                said.setdefault(path, context.clauses_naming(name))
    described_ports(context, known, touch)
    for trigger in triggers(context.text):
        sentence = context.sentence_with(trigger.clause) or trigger.clause
        handler = event_handler(known, trigger, context.feature)
        if handler is not None:  # the repository hangs work on its events: one more handler
            if handler.path not in created and not index.exists(handler.path):
                created.append(handler.path)
                reasons[handler.path] = (
                    f"handles `{handler.event}`, like {posixpath.basename(handler.beside)}: "
                    f"the feature hangs on it ({trigger.clause})"
                )
                said[handler.path] = (sentence,)
            for registry in handler.registries:
                touch(registry, f"registers {posixpath.basename(handler.beside)}'s handlers: "
                      f"the new handler of `{handler.event}` too")  # fmt: skip
            continue
        for path, name in triggered_code(known, trigger):
            touch(path, f"`{name}` does what the feature hangs on ({trigger.clause})")
            said.setdefault(path, (sentence,))
    for path, why in ports_given_a_method(context, known):
        touch(path, why)
    for path, name in ports_of_new_methods(context, known, index):
        touch(path, f"gains `{name}`, which the session adds to one of its ports")
        said[path] = tuple(dict.fromkeys((*said.get(path, ()), *context.clauses_naming(name))))
    for raw in loose:  # ``a `handlers/` package``: beside the code the feature changes
        folder = next((p.rsplit("/", 1)[0] for p in touched if "/" in p), "")
        if folder and f"{folder}/{raw}" not in created:
            created.append(f"{folder}/{raw}")
            reasons[f"{folder}/{raw}"] = f"new package named in the session ({raw})"
    constants = _code_constants(known)
    for name in context.env_vars:
        # ``DEFAULT_CRITERIA`` in backticks: a constant of the code, changed where it is
        homes = constants.get(name, ())
        quoted = f"`{name}`" in context.text  # not "(`NAME = 8`)": its value as it is
        if 0 < len(homes) <= 2 and quoted and says_changed(changing, name):
            for path in homes:
                touch(path, f"defines `{name}`, which the session names")
                said.setdefault(path, context.clauses_naming(name))
    for kept in classes_by_kind(context, known, index):
        for path, why in (
            (kept.path, f"`{kept.name}`, listed by its kind: one class per module here"),
            (kept.handler, f"handles `{kept.name}`, as each of its kind has a handler"),
        ):
            if path and path not in created:
                created.append(path)
                reasons[path] = why
                said.setdefault(path, context.clauses_naming(kept.name))
    siblings = sibling_fields(context, known, index)
    if siblings is not None:
        listed = ", ".join(f"`{n}`" for n in siblings.new)
        touch(siblings.path, f"`{siblings.klass}` gains {listed} beside `{siblings.siblings[0]}`")
        said.setdefault(siblings.path, context.clauses_naming(siblings.new[0]))
        for path, like, served in siblings.modules:
            if path not in created:
                created.append(path)
                reasons[path] = f"serves `{served}`, laid out like {posixpath.basename(like)}"
    stored, new_tables = place_stored_data(context, known, index, touch, created, reasons, said)
    operations, new_routes = _routes(context, known, touch)
    resources, new_resources, subjects = session_resources(context, index, known)
    new_resources += [
        r
        for r in newly_stored(context, index, subjects)
        # ``token`` of a new ``refresh_token``: the whole name is the resource stored
        if not any(f"_{r}_" in f"_{n}_" for n in new_resources)
    ]
    externals = session_externals(context, index, known)
    kinds = change_kinds(context, known, new_routes, new_resources, externals)
    if moves and "refactor" not in kinds:
        kinds.append("refactor")
    if (stored or new_tables) and "data_model" not in kinds:
        kinds.append("data_model")
    packages = packages_to_add(context, known, externals)
    return Scope(
        kinds=tuple(kinds),
        language=context.language,
        resources=tuple(resources),
        subjects=tuple(subjects),
        new_resources=tuple(new_resources),
        operations=tuple(operations),
        externals=tuple(externals),
        packages=tuple(packages),
        settings=tuple(v for v in context.env_vars if v not in constants),
        stored_fields=stored,
        new_tables=new_tables,
        touched=tuple(p for p in touched if p not in deleted),
        created=tuple(created),
        deleted=tuple(deleted),
        outside=tuple(outside),
        reasons=reasons,
        said=said,
    )


def feature_named_scope(
    scope: Scope, context: ContextSession, known: RepoKnowledge, exists: Callable[[str], bool]
) -> Scope | None:
    """The scope to draft again with when a draft names no file and the scope no new
    resource: the resources the feature's name gives (``named_by_feature``), or None
    when it gives none."""
    if scope.new_resources:
        return None
    words = named_by_feature(context, RepoIndex.build(known, exists))
    if not words:
        return None
    kinds = scope.kinds if "new_resource" in scope.kinds else ("new_resource", *scope.kinds)
    # the resources the session mentions gave no file: they lay out nothing either
    return replace(scope, kinds=kinds, new_resources=tuple(words), resources=(), subjects=())


def _routes(
    context: ContextSession, known: RepoKnowledge, touch: Callable[[str, str], None]
) -> tuple[list[str], int]:
    """``METHOD /path`` operations and how many are new; the router file of an existing
    route, or of the route sharing the longest prefix with a new one, is touched."""
    operations = []
    new = 0
    existing = []
    for method, path in context.routes:
        operations.append(f"{method} {path}")
        same = [r for r in known.facts.routes if r.path == path and r.method == method]
        if same and known.served_route(same[0].key) is not None:
            if not used_as_is(context.text, f"{method} {path}"):
                touch(same[0].location.path, f"serves {method} {path}")
            existing.append(same[0].key)
            continue
        new += 1
        if same:  # laid out as a stub: built like a new route, where it stands
            touch(same[0].location.path, f"lays out {method} {path}, still a stub")
            continue
        best, length = None, 0
        for route in known.facts.routes:
            shared = route_kinship(route.path, path)
            if shared > length:
                best, length = route, shared
        if best is None or length < 1:
            continue
        beside = one_endpoint_modules(known, best.location.path)
        including = including_module(known, beside) if beside else None
        if including is not None:
            touch(
                including,
                f"includes the router of the new route {method} {path}, one module per "
                f"endpoint like {posixpath.basename(best.location.path)}",
            )
        else:
            touch(best.location.path, f"new route {method} {path} beside {best.path}")
    if not context.routes:
        # "every `/todo/item` endpoint now requires a token": the routes under a path
        # the session names alone, without a method
        for named in dict.fromkeys(BARE_ROUTE.findall(context.text)):
            named = named.rstrip("/") or "/"
            under = [
                r
                for r in known.facts.routes
                if r.path.rstrip("/") == named or r.path.startswith(named + "/")
            ]
            parts = named.strip("/").split("/")
            if not under or all(API_PREFIX.fullmatch(part) for part in parts):
                continue  # "/", "/api/v1": the whole API, no endpoints of the feature's
            for route in under[:MAX_BARE_ROUTES]:
                touch(route.location.path, f"serves {route.key}, under `{named}`")
                existing.append(route.key)
    if existing and not new:
        # the feature changes what existing endpoints do: the use cases they call change
        for key in existing:
            for path in _services_called(known, key):
                touch(path, f"the use case {key} calls")
        # and what they answer, where the session says their responses change
        if RESPONSES_CHANGE.search(context.text):
            for key in existing:
                path = _response_module(known, key)
                if path:
                    touch(path, f"defines what {key} answers, which the session changes")
    return operations, new


def _code_constants(known: RepoKnowledge) -> dict[str, list[str]]:
    """The upper-case names the code assigns at module level (``DEFAULT_CRITERIA =
    {…}``), tests aside, with the files assigning them: constants of the code, no
    environment settings, whatever a session calls them."""
    found: dict[str, list[str]] = {}
    for name, module in sorted(known.model.modules.items()):
        if known.roles.get(name) == TESTS:
            continue
        for assigned in module.assignments:
            if assigned.isupper() and "_" in assigned:
                found.setdefault(assigned, []).append(module.path)
    return found


def _response_module(known: RepoKnowledge, key: str) -> str:
    """The file of the repository's own class a route answers with (its
    ``response_model``), or ""."""
    route = known.facts.route(key)
    model = route.response_model if route is not None else None
    klass = known.model.classes.get(model or "")
    if klass is None:
        return ""
    module = known.model.modules.get(klass.module)
    return module.path if module is not None else ""


# A session saying what endpoints answer changes: "the post responses include its
# tags", "return the tags in the response".
RESPONSES_CHANGE = re.compile(
    r"\b(?:respons\w*|answers?|respuestas?|respostas?|r[ée]ponses?)\b[^.\n]{0,90}?"
    r"\b(?:include|includes|show|shows|contain|contains|expose|exposes|carry|carries|list|"
    r"lists|return|returns|devuelven?|incluyen?|muestran?|retornam?|incluem?|renvoient|"
    r"incluent|contiennent)\b"
    r"|\b(?:include|show|return|expose|add)\w*\b[^.\n]{0,60}?\b(?:in|to)\s+"
    r"(?:the\s+|its\s+|their\s+)?(?:respons\w*|answers?)\b",
    re.I,
)
# A path in backticks with no method before it: ``every `/todo/item` endpoint``.
BARE_ROUTE = re.compile(r"(?<![A-Z] )`(/[\w{}\-/.]*)`")
# The routes under one named path whose use cases a plan follows at most.
MAX_BARE_ROUTES = 12


def _services_called(known: RepoKnowledge, key: str) -> list[str]:
    """The files of the application-layer steps a route's handler calls directly."""
    try:
        traced = trace_route(known.model, known.facts, known.roles, key)
    except RouteNotFoundError:
        return []
    found = []
    for handler in traced.root.children:
        for step in (child.step for child in handler.children):
            layer = known.roles.get(step.name.partition(":")[0], "")
            klass = step.name.rpartition(".")[0]
            if klass in known.model.classes and next(known.model.subclasses_of(klass), None):
                continue  # a base the services share (``BaseService.patch``) stays as is
            if layer == APPLICATION and step.location is not None:
                found.append(step.location.path)
    return list(dict.fromkeys(found))


def served_prefix(served: list[str], named: list[str]) -> str:
    """The prefix to put before the paths a session names when it writes them as the
    routers do while the app serves them under a mount or API prefix (``/api/v1``):
    the API-prefix segments that lead at least ``SERVED_SHARE`` of the routes, when a
    named path starts with none of them and no route is served under its own first
    segment. "" when the session's paths need nothing."""
    leads: dict[str, int] = {}
    for path in served:
        segments = path.strip("/").split("/")
        lead = []
        for segment in segments[:-1]:
            if not segment or not API_PREFIX.fullmatch(segment):
                break
            lead.append(segment)
        if lead:
            key = "/" + "/".join(lead)
            leads[key] = leads.get(key, 0) + 1
    prefix = _most_served(leads, len(served))
    firsts = {path.strip("/").split("/")[0] for path in served}
    if not prefix and named:
        # too few routes under one lead (a monorepo's other apps serve the rest): the
        # lead every named path's first segment is served under (``/tools/…`` where
        # ``/api/v1/tools/…`` is) and served under nowhere else
        heads = {path.strip("/").split("/")[0] for path in named}
        fitting = [
            lead
            for lead in leads
            if not heads & firsts
            and all(any(p.startswith(f"{lead}/{head}/") for p in served) for head in heads)
        ]
        prefix = fitting[0] if len(fitting) == 1 else ""
    if not prefix:
        return ""
    for path in named:
        first = path.strip("/").split("/")[0]
        if path == prefix or path.startswith(prefix + "/") or first in firsts:
            return ""
    return prefix


def served_tenant(served: list[str], named: list[str]) -> str:
    """The parameter leading at least ``SERVED_SHARE`` of the routes after their API
    prefix (``{organization}`` of ``/api/v1/{organization}/signals``), when a path the
    session names leaves it out and none so written is served as is; else ""."""
    leads: dict[str, int] = {}
    for path in served:
        first = _after_api_prefix(path)
        if first.startswith("{"):
            leads[first] = leads.get(first, 0) + 1
    tenant = _most_served(leads, len(served))
    if not tenant:
        return ""
    bare = [path for path in named if not _after_api_prefix(path).startswith("{")]
    if not bare or set(bare) & set(served):
        return ""
    return tenant


def _most_served(leads: dict[str, int], served: int) -> str:
    """The lead most routes have (the first alphabetically on a tie), when at least
    ``SERVED_SHARE`` of the ``served`` routes have it; else ""."""
    if not leads:
        return ""
    lead = max(sorted(leads), key=lambda p: leads[p])
    return lead if leads[lead] >= SERVED_SHARE * served else ""


def _after_api_prefix(path: str) -> str:
    """The first segment of a route path after its API-prefix segments."""
    segments = path.strip("/").split("/")
    return segments[api_lead(segments)]


def unserved_prefix(served: list[str], named: list[str]) -> str:
    """The API prefix a session writes before every path it names (``/api`` of
    ``/api/articles/{slug}``) when the app serves no route under it and serves the
    rest of a named path (``/articles``): the session writes the public API's paths,
    the routers do without. "" otherwise."""
    leads = set()
    for path in named:
        lead = []
        for segment in path.strip("/").split("/")[:-1]:
            if not segment or not API_PREFIX.fullmatch(segment):
                break
            lead.append(segment)
        if not lead:
            return ""
        leads.add("/" + "/".join(lead))
    if len(leads) != 1:
        return ""
    prefix = leads.pop()
    if any(path == prefix or path.startswith(prefix + "/") for path in served):
        return ""
    firsts = {path.strip("/").split("/")[0] for path in served}
    rests = (path[len(prefix) :].strip("/").split("/")[0] for path in named)
    return prefix if any(first in firsts for first in rests) else ""


def route_kinship(a: str, b: str) -> int:
    """How many leading segments routes ``a`` and ``b`` share that say which part of
    the API they are (``/health/live`` and ``/health/ready``: 1); a mere API prefix
    (``api``, ``v1``) or a path parameter says nothing (``/api/orders`` and
    ``/api/users``: 0). A path parameter ends the count, unless it leads, before any
    part of the API is named: ``/{organization}/incidents/…`` is a tenant's."""
    count = 0
    for x, y in zip(a.strip("/").split("/"), b.strip("/").split("/"), strict=False):
        parameters = x.startswith("{") and y.startswith("{")
        if parameters and not count:
            continue  # a leading tenant or version parameter
        if x != y or x.startswith("{"):
            break
        count += not API_PREFIX.fullmatch(x)
    return count
