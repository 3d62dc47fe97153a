"""The offline planner: a real plan from the repository's own facts, with no model
and no network. Deterministic: the same repository and context give the same plan.

It recognises the three kinds of request a backend architect gets — a new feature,
a slow endpoint, an architecture question — and plans each from what archbook
knows: the slice and analog files the feature belongs with, the request trace and
its performance findings, the container's wiring and the project's own tools.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re

from archbook.application.code_facts.knowledge import RepoKnowledge
from archbook.application.planning.context_session import ContextSession
from archbook.application.planning.naming import singular
from archbook.application.planning.offline.conventions import (
    Conventions,
    learn_conventions,
)
from archbook.application.planning.offline.greenfield import place_greenfield
from archbook.application.planning.offline.new_feature.recipe import new_feature_changes
from archbook.application.planning.offline.performance_recipe import performance_changes
from archbook.application.planning.offline.recipe import Recipe
from archbook.application.planning.offline.scope_recipe import scope_changes
from archbook.application.planning.offline.scope_sections import add_scope_sections
from archbook.application.planning.plan_validation import layer_of_path
from archbook.application.planning.planner import Draft, Planner, PlanRequest, TextSink, Validator
from archbook.application.planning.scoping.moves import new_packages
from archbook.application.planning.scoping.repo_index import ANALOG_TESTS, RepoIndex, path_words
from archbook.application.planning.scoping.scope import Scope
from archbook.domain.layers import TESTS, UNCLASSIFIED, flow_rank
from archbook.domain.plan import (
    ARCHITECTURE_QUESTION,
    CREATE,
    MODIFY,
    NEW_FEATURE,
    PERFORMANCE,
    Dependency,
    FileChange,
    Plan,
    TestCase,
)

# An index in the database's sense ("add an index on created_at", "missing indexes"),
# not a position ("the lowest index", "variant index 0").
PERFORMANCE_WORDS = re.compile(
    r"\b(slow|slowly|latency|performance|p95|p50|fast|faster|timeout|n\+1|"
    r"(?:add|adding|missing|create|composite|database|db|an|new)\s+index(?:es)?|"
    r"index(?:es)?\s+on|indexed|optimi[sz]e|throughput|memory use)\b",
    re.I,
)
QUESTION_WORDS = re.compile(
    r"\?|\b(should (i|we)|where should|which is better|or directly|versus|vs\.)\b", re.I
)
BUILDING_KINDS = frozenset(("new_endpoint", "new_resource", "deletion"))
# Words naming a test module of the HTTP interface (``test_dpd_endpoint.py``).
API_TEST_WORDS = frozenset(("api", "endpoint", "endpoints", "route", "routes", "router"))
# New modules whose users' tests cover them: migrations, schemas, settings, constants.
UNTESTED = re.compile(
    r"/(?:versions|migrations|alembic)/|(?:^|/|_)(?:schemas?|dtos?|settings|config|"
    r"constants|models)\.py$"
)
LIBRARY_DECISION = re.compile(r"\b(?:use|using|with)\s+`([a-z][a-z0-9_\-]+)`", re.I)


class OfflinePlanner(Planner):
    """Plans from repository facts alone; never opens a socket."""

    name = "offline"

    def draft(
        self,
        request: PlanRequest,
        known: RepoKnowledge,
        validate: Validator,
        on_text: TextSink | None = None,
    ) -> Draft:
        context = request.context
        conventions = learn_conventions(known)
        place_greenfield(conventions, context, known, request.exists)
        kind = plan_kind(context, request.scope)
        recipe = performance_changes(known, context, conventions) if kind == PERFORMANCE else None
        if recipe is not None and not recipe.changes:
            # words of speed with no slow code to show for them ("analyse the performance
            # of LLM tasks" in a product's goal): the session asks for a feature
            kind, recipe = NEW_FEATURE, None
        if recipe is None and kind == ARCHITECTURE_QUESTION:
            recipe = _question(known, context, conventions)
        elif recipe is None:
            scope = request.scope
            subjects = tuple(scope.about()) if scope is not None else ()
            named = tuple(scope.created) if scope is not None else ()
            recipe = new_feature_changes(
                known, context, conventions, request.ranked_files, subjects, named
            )
        if kind == NEW_FEATURE:
            index = RepoIndex.build(known, request.exists)
            if request.scope is not None:
                scoped = scope_changes(
                    known, request.scope, conventions, index, request.feature, context.text
                )
                recipe = _merge(scoped, recipe)
                add_scope_sections(recipe, request.scope)
            _leave_unedited(recipe, index, context)
            add_analog_tests(recipe, index)
            add_module_tests(recipe, index, conventions)
            add_packages(recipe, index)
            add_reexports(recipe, index)
            scope = request.scope
            stored = (len(scope.stored_fields), len(scope.new_tables)) if scope else (0, 0)
            if any(stored):
                recipe.summary += f", {stored[0]} new stored field(s), {stored[1]} new table(s)"
            recipe.explain_hexagon(routes=bool(context.routes), stored=any(stored))
            _name_layers(recipe, known)  # before the count: the summary names the layers
            recipe.summary += recipe.counted_changes()
        else:
            _name_layers(recipe, known)
        plan = _assemble(request, known, context, conventions, kind, recipe)
        if on_text is not None:
            on_text(f"offline plan: {len(plan.changes)} file changes ({kind.replace('_', ' ')})\n")
        return Draft(plan, {}, 1, [f"offline planner: {kind}"])


def _leave_unedited(recipe: Recipe, index: RepoIndex, context: ContextSession) -> None:
    """No change by hand to a module a generator writes (``__generated__/``, "This file
    is generated. Do not edit") or to an old copy kept in an archive folder
    (``archive/dashboard-v1/…``), unless the session names its path."""
    named = [p.lstrip("./") for p in context.named_paths if p.endswith(".py")]
    recipe.changes = [
        c
        for c in recipe.changes
        if c.action != MODIFY
        or any(c.path.endswith(p) for p in named)
        or not (index.is_generated(c.path) or index.is_archived(c.path))
    ]


def plan_kind(context: ContextSession, scope: Scope | None = None) -> str:
    """A slow endpoint, an architecture question, or (the default) a new feature. A
    scope that builds something (a new endpoint, resource or file, or a deletion)
    makes it a new feature whatever words it uses."""
    head = " ".join([context.title, *context.section("goal")])
    builds = scope is not None and bool(set(scope.kinds) & BUILDING_KINDS or scope.created)
    asks = QUESTION_WORDS.search(context.title) or (
        QUESTION_WORDS.search(head) and not context.routes
    )
    if asks and not (builds and scope and scope.touched):
        return ARCHITECTURE_QUESTION
    if PERFORMANCE_WORDS.search(head) and not builds:
        return PERFORMANCE
    return NEW_FEATURE


def add_analog_tests(recipe: Recipe, index: RepoIndex) -> None:
    """The tests of each new resource or module, laid out like those of the existing
    ones it is laid out like (``recipe.analogs``). An API test among them takes the
    place of the new API test modules the recipe named after the feature, and what
    they were to cover, unless one of those is it but for a plural."""
    planned = {c.path for c in recipe.changes}
    created = {c.path for c in recipe.changes if c.action == CREATE}
    feature_api = [t for t in recipe.tests if t.kind == "api" and t.path in created]
    count = 0
    for new, (analogs, words) in recipe.analogs.items():
        for path, like in index.tests_like(analogs, new, words):
            if path in planned or count == ANALOG_TESTS:
                continue
            kind = "api" if set(path_words(posixpath.basename(path))) & API_TEST_WORDS else "unit"
            covers: tuple[str, ...] = (f"for `{new}`, what `{like}` covers",)
            if kind == "api" and feature_api:
                if any(_singular_words(t.path) == _singular_words(path) for t in feature_api):
                    continue
                covers += tuple(c for t in feature_api for c in t.covers)
                gone = {t.path for t in feature_api}
                recipe.tests = [t for t in recipe.tests if t.path not in gone]
                recipe.changes = [c for c in recipe.changes if c.path not in gone]
                feature_api = []
            planned.add(path)
            count += 1
            recipe.tests.append(TestCase(path, kind, covers))
            why = f"Tests of the new `{new}`, like `{like}`."
            recipe.add(FileChange(path, CREATE, TESTS, why, (), "", "new file"))


def add_module_tests(recipe: Recipe, index: RepoIndex, conventions: Conventions) -> None:
    """A test module for each new module of code, where the repository's tests mirror
    its code (``Conventions.test_for``) and no test of it is planned yet: not for packages,
    migrations, schemas or settings, which their users' tests cover; ``ANALOG_TESTS`` at
    most (the first new modules: a feature of many small ones is tested through a few)."""
    planned = {c.path for c in recipe.changes}
    added = 0
    for change in list(recipe.changes):
        if change.action != CREATE or change.layer == TESTS or not change.path.endswith(".py"):
            continue
        if added == ANALOG_TESTS:
            break
        base = posixpath.basename(change.path)
        if base == "__init__.py" or index.is_test(change.path) or UNTESTED.search(change.path):
            continue
        test = conventions.test_for(change.path)
        if not test or test in planned or index.exists(test):
            continue
        planned.add(test)
        added += 1
        module = base.removesuffix(".py")
        recipe.tests.append(TestCase(test, "unit", (f"what `{module}` adds",)))
        why = f"Unit tests of the new `{module}`."
        recipe.add(FileChange(test, CREATE, TESTS, why, (), "", "new file"))


def _singular_words(path: str) -> list[str]:
    return [singular(word) for word in path_words(path)]


def add_packages(recipe: Recipe, index: RepoIndex) -> None:
    """The ``__init__.py`` of each new folder a new module goes in, where the folders
    around it are regular packages (a namespace-package tree gets none)."""
    planned = {c.path for c in recipe.changes}
    for change in list(recipe.changes):
        new_module = change.action == CREATE or _holds_no_code(change.path, index)
        if not new_module or not change.path.endswith(".py"):
            continue
        for package in new_packages(change.path, index):
            if package not in planned:
                planned.add(package)
                folder = posixpath.dirname(package)
                why = f"Package of the new folder `{folder}/`."
                # the package's own layer, as its folder makes it (``anthropic/`` is an
                # adapter's), else its module's
                layer = layer_of_path(index.known.analysis, package)
                layer = change.layer if layer in ("", UNCLASSIFIED) else layer
                recipe.add(FileChange(package, CREATE, layer, why, (), "", "new file"))


def add_reexports(recipe: Recipe, index: RepoIndex) -> None:
    """The existing ``__init__.py`` that re-exports the names of a new module's
    neighbours: its folder's, and the one above where that one re-exports its own
    sub-packages (``libs/__init__.py`` importing from ``libs.crypto``). A module in a
    folder without ``__init__.py`` (a namespace folder) counts the first package above
    it that re-exports from such folders (``use_cases/__init__.py`` importing from
    ``.otp.request_otp_cmd``)."""
    planned = {c.path for c in recipe.changes}
    for change in list(recipe.changes):
        new_module = change.action == CREATE or _holds_no_code(change.path, index)
        if not new_module or not change.path.endswith(".py"):
            continue
        if posixpath.basename(change.path) == "__init__.py" or change.layer == TESTS:
            continue
        folder = _reexporting_folder(posixpath.dirname(change.path), planned, index)
        parent = posixpath.dirname(folder)
        inits = (
            [f"{folder}/__init__.py"]
            if folder and index.reexported(f"{folder}/__init__.py")
            else []
        )
        if parent and any(index.reexported(f"{parent}/__init__.py").values()):
            inits.append(f"{parent}/__init__.py")
        for init in inits:
            if init not in planned:
                planned.add(init)
                base = posixpath.basename(change.path)
                why = (
                    f"import and include the router of {base}, like its other modules'"
                    if index.includes_routers(init)
                    else f"re-export what {base} defines"
                )
                layer = layer_of_path(index.known.analysis, init)
                recipe.add(FileChange(init, MODIFY, layer, why, (), "", "the imports"))


def _holds_no_code(path: str, index: RepoIndex) -> bool:
    """Whether an existing module defines nothing yet (empty, or a "to implement"
    docstring): filled by the plan, it is as new as a created one."""
    module = index.known.model.modules.get(index.modules.get(path, ""))
    return module is not None and module.holds_no_code


def _reexporting_folder(folder: str, planned: set[str], index: RepoIndex) -> str:
    """``folder``, or, when it has no ``__init__.py`` (existing or planned), the
    nearest package above it, up to two folders up, that re-exports names from
    namespace folders of its own; ``folder`` when there is none."""
    if not folder or f"{folder}/__init__.py" in planned or f"{folder}/__init__.py" in index.modules:
        return folder
    above = posixpath.dirname(folder)
    for _ in range(2):
        init = f"{above}/__init__.py"
        if not above or init in planned:
            break
        if init in index.modules:
            children = index.reexported(init)
            return above if children and not all(children.values()) else folder
        above = posixpath.dirname(above)
    return folder


def _merge(scoped: Recipe, recipe: Recipe) -> Recipe:
    """The scope's changes first, then the recipe's (one change per path), with the
    recipe's prose, wiring, tests and sections. A path both plan keeps the recipe's
    change (its sketch follows the DI idiom) and the scope's reason and the session's
    words about it as details; the scope's test files join the recipe's tests."""
    by_path = {c.path: c for c in recipe.changes}
    merged = []
    for change in scoped.changes:
        richer = by_path.pop(change.path, None)
        if richer is None or richer.action != change.action:  # a move's DELETE stays
            merged.append(change)
        else:
            said = (change.purpose, *change.details)
            extra = tuple(d for d in dict.fromkeys(said) if d not in richer.details)
            merged.append(dataclasses.replace(richer, details=richer.details + extra))
    recipe.changes = merged + [c for c in recipe.changes if c.path in by_path]
    recipe.analogs = {**scoped.analogs, **recipe.analogs}
    listed = {t.path for t in recipe.tests}
    for change in scoped.changes:  # the scope's test files belong in the Tests section too
        if change.layer == TESTS and change.path.endswith(".py") and change.path not in listed:
            if change.action == CREATE:
                kind = "new"
            elif "fake" in posixpath.basename(change.path):
                kind = "fake"
            else:
                kind = "existing"
            recipe.tests.append(TestCase(change.path, kind, (change.purpose,)))
    return recipe


def _name_layers(recipe: Recipe, known: RepoKnowledge) -> None:
    """Label each Python file with the layer the repository's rules give it: the
    planner reasons in archbook's roles (``known.roles``), a plan speaks the team's
    contract (``core``, ``inbound``) where it has one."""
    if known.roles == known.layers:
        return
    recipe.changes = [
        dataclasses.replace(change, layer=layer_of_path(known.analysis, change.path))
        if change.path.endswith(".py")
        else change
        for change in recipe.changes
    ]


def _assemble(
    request: PlanRequest,
    known: RepoKnowledge,
    context: ContextSession,
    conventions: Conventions,
    kind: str,
    recipe: Recipe,
) -> Plan:
    project = known.facts.project
    install = project.install_command if project else ""
    manager = project.package_manager if project else "pip"
    # layers of the repository's own rules share one flow rank: among them the rules'
    # own order (a contract's, top down), never a set's, which changes with each process
    order = known.analysis.rules.layers
    layers = sorted(
        {c.layer for c in recipe.changes if c.layer},
        key=lambda layer: (
            flow_rank(layer),
            order.index(layer) if layer in order else len(order),
            layer,
        ),
    )
    digest = [f"Goal: {_goal(context.section('goal'))}"] if context.section("goal") else []
    digest += [f"Requirement: {item}" for item in context.section("requirements")]
    digest += [f"Constraint: {item}" for item in context.section("constraints")]
    digest += [f"Decided: {item}" for item in context.section("decisions so far")]
    notes = list(project.notes if project else ())
    notes += recipe.notes
    if manager == "poetry":
        notes.append(
            "This project is managed with poetry: add packages with `poetry add` (dev tools "
            "with `poetry add --group dev`), never with plain pip."
        )
    return Plan(
        feature=request.feature,
        title=context.title,
        kind=kind,
        summary=recipe.summary,
        context_path=request.context_path,
        context_digest=tuple(digest) or ("The context session has no bulleted sections.",),
        approach=recipe.approach,
        rationale=tuple(recipe.rationale),
        layers_changed=tuple(layers),
        changes=tuple(recipe.changes),
        di_wiring=tuple(recipe.di_wiring),
        dependencies=tuple(
            _dependencies(context, known, project.add_command if project else "", request.scope)
        ),
        install_command=install,
        tests=tuple(recipe.tests),
        error_handling=tuple(recipe.errors),
        security=tuple(recipe.security),
        performance=tuple(recipe.performance),
        migration=tuple(recipe.migration),
        notes=tuple(dict.fromkeys(notes)),
        open_questions=tuple(context.section("open questions")) + tuple(recipe.questions),
        planner="offline",
    )


def _goal(items: tuple[str, ...]) -> str:
    """The goal's first item; one that introduces a list ("Two tables grow forever:")
    goes on with the list's first items."""
    first = items[0]
    if not first.rstrip().endswith(":") or len(items) < 2:
        return first
    return " ".join((first, *(f"({n}) {item}" for n, item in enumerate(items[1:4], 1))))


def _dependencies(
    context: ContextSession, known: RepoKnowledge, add: str, scope: Scope | None = None
) -> list[Dependency]:
    """Libraries the decisions settle on (`use \\`lib\\``) and the scope's packages
    that the project does not pin, each with the project's own add command."""
    project = known.facts.project
    found = [
        Dependency(
            package,
            "the scope's external systems or named packages need it",
            add.replace("<package>", package) if add else f"pip install {package}",
        )
        for package in (scope.packages if scope else ())
    ]
    for item in context.section("decisions so far"):
        for library in LIBRARY_DECISION.findall(item):
            if project and project.pin(library) is None and "/" not in library:
                command = add.replace("<package>", library) if add else f"pip install {library}"
                if any(d.name == library for d in found):
                    continue
                found.append(
                    Dependency(library, f"decided in the context session: {item}", command)
                )
    return found


def _question(known: RepoKnowledge, context: ContextSession, conventions: Conventions) -> Recipe:
    """An architecture question answered from this repository's own structure."""
    facts = known.facts
    services = len(facts.services)
    handlers = len(facts.routes)
    fat = [
        r
        for r in facts.routes
        if (f := known.model.function(r.handler)) is not None
        and (f.node.end_lineno or f.line) - f.line > 25
    ]
    recipe = Recipe(
        summary=(
            f"Answer to: {context.title}. In this repository {handlers} route handlers delegate "
            f"to {services} application services; new behaviour belongs in a service behind "
            "the existing ports, and the route handler stays a thin HTTP adapter."
        ),
        approach=(
            "Put the use case in an application service (the folder "
            f"`{conventions.services_folder or 'application/services'}`), inject it into the "
            "route through the container, and keep parsing, status codes and response mapping "
            "in the handler."
        ),
    )
    recipe.rationale += [
        "Services can be unit-tested with the in-memory adapters without HTTP.",
        "Handlers that hold logic cannot be reused by other entry points (CLI, workers).",
        f"{len(fat)} of {handlers} handlers are longer than 25 lines"
        + (f": {', '.join(r.key for r in fat[:5])}" if fat else "; keep it that way."),
        "Only composition code may know concrete adapters; a handler doing the work would "
        "need them.",
    ]
    return recipe
