"""Planning a slow endpoint: trace the route, lint what it reaches, and turn every
finding into changes of the files involved (adapter, service, port and every other
adapter of that port, index declarations, tests)."""

from __future__ import annotations

import ast
import posixpath
import re

from archbook.application.code_facts.knowledge import RepoKnowledge
from archbook.application.planning.context_session import ContextSession
from archbook.application.planning.naming import snake
from archbook.application.planning.offline.conventions import Conventions
from archbook.application.planning.offline.recipe import Recipe
from archbook.application.tracing.perf_lint import lint_trace
from archbook.application.tracing.route_trace import RouteNotFoundError, trace_route
from archbook.domain.plan import CREATE, MODIFY, FileChange, TestCase
from archbook.domain.trace import PerfFinding, Trace

SELF_CALL = re.compile(r"self\.(\w+)\.(\w+)\(")
FIXES = {
    "find-without-projection": "pass a projection with only the fields the response uses",
    "unbounded-query": "apply `skip(offset)` and `limit(size)` from the request's pagination in "
    "the query, and count the total with `count_documents` on the same filter",
    "unbounded-to-list": "call `to_list(length=limit)` so at most one page is loaded",
    "await-in-loop": "replace the per-item await with one batched call (e.g. `get_many(ids)` "
    "with `$in`) before the loop",
    "blocking-call-in-async": "use the async client or run the call with `asyncio.to_thread`",
    "unindexed-filter": "declare an index that starts with this field",
    "unindexed-sort": "declare an index that serves this sort (compound with the filter fields)",
}


def performance_changes(
    known: RepoKnowledge, context: ContextSession, conventions: Conventions
) -> Recipe:
    """Changes that remove the performance findings on the routes the context names."""
    recipe = Recipe()
    traces: list[Trace] = []
    for method, path in context.routes:
        try:
            traced = trace_route(known.model, known.facts, known.roles, f"{method} {path}")
        except RouteNotFoundError:
            continue
        traces.append(traced)
        if len(traces) == 1 or not traced.route.path.startswith(traces[0].route.path):
            continue
    target = traces[0] if traces else None
    findings: list[PerfFinding] = lint_trace(known.model, target) if target else []
    paths = known.analysis.scan.module_paths
    layers = {m.path: known.roles.get(m.name, "") for m in known.analysis.scan.modules}
    for finding in findings:
        recipe.performance.append(
            f"{finding.location}: {finding.rule} — {finding.message}; fix: {FIXES[finding.rule]}."
        )
        recipe.add(
            FileChange(
                finding.location.path,
                MODIFY,
                layers.get(finding.location.path, ""),
                f"Remove the {finding.rule.replace('-', ' ')} findings.",
                (f"line {finding.location.line}: {FIXES[finding.rule]}",),
                "",
                f"`{finding.function.rpartition(':')[2]}`",
            )
        )
        if finding.rule == "await-in-loop":
            _batched_port_call(known, recipe, finding, paths, layers)
        if finding.rule in ("unindexed-filter", "unindexed-sort") and conventions.indexes_module:
            recipe.add(
                FileChange(
                    conventions.indexes_module,
                    MODIFY,
                    layers.get(conventions.indexes_module, ""),
                    "Declare the missing indexes.",
                    (f"{finding.message}",),
                    "",
                    "ensure_indexes()",
                )
            )
    if target is not None:
        _paginated_port(known, recipe, target, findings, paths, layers)
        _tests(known, recipe, target, conventions, paths)
    route = target.route.key if target else "the endpoint"
    recipe.summary = (
        f"{context.title}: {len(findings)} performance findings on `{route}` "
        f"({', '.join(sorted({f.rule for f in findings})) or 'none found statically'}); the plan "
        f"changes {len(recipe.changes)} files so the work per request grows with the page size, "
        "not with the collection."
    )
    recipe.approach = (
        f"Follow the request path of `{route}` (route → service → port → adapter) and fix "
        "each finding where it happens: paginate and project in the adapter, batch the per-item "
        "lookups behind a new port method, declare the indexes the filters and sorts need, and "
        "keep the response contract unchanged."
    )
    recipe.rationale += [
        "Pagination belongs in the repository adapter: only the database can skip and limit "
        "without loading every document.",
        "A batched port method keeps the service independent of the database while removing "
        "the N+1 round trips.",
        "Every adapter of a changed port changes with it, so the in-memory adapter keeps the "
        "tests meaningful.",
    ]
    recipe.migration += [
        "Build the new indexes before deploying the code that relies on them; on a large "
        "collection build them in a maintenance window or with a rolling index build.",
        "The response shape stays the same, so existing clients need no change.",
    ]
    recipe.security.append(
        "No change to authentication or input validation; keep the page "
        "size cap so a client cannot ask for the whole collection."
    )
    return recipe


def _batched_port_call(
    known: RepoKnowledge,
    recipe: Recipe,
    finding: PerfFinding,
    paths: dict[str, str],
    layers: dict[str, str],
) -> None:
    """The awaited port call inside the loop (``self._users.get_by_id``) gets a batched
    sibling on that port and on every adapter implementing it."""
    call = SELF_CALL.search(finding.code)
    if call is None:
        return
    attribute, method = call.groups()
    port_name = _attribute_type(known, finding.function, attribute)
    port = next((p for p in known.facts.ports if p.qualname == port_name), None)
    if port is None:
        return
    batched = "get_many" if method.startswith("get") else f"{method}_many"
    recipe.add(
        FileChange(
            port.location.path,
            MODIFY,
            layers.get(port.location.path, ""),
            f"Add `{batched}` to `{port.qualname.rpartition(':')[2]}`.",
            (f"`async def {batched}(self, ids: list[str]) -> dict[str, ...]` next to `{method}`.",),
            "",
            f"after `{method}`",
        )
    )
    _change_adapters(
        known,
        recipe,
        layers,
        port.qualname,
        f"Implement `{batched}`.",
        "One query with `$in` (or a dict lookup in memory).",
        f"after `{method}`",
    )


def _attribute_type(known: RepoKnowledge, function: str, attribute: str) -> str:
    """The annotated type of the constructor parameter stored in ``self.<attribute>``."""
    module, _, rest = function.partition(":")
    klass = known.model.classes.get(f"{module}:{rest.partition('.')[0]}")
    init = klass.methods.get("__init__") if klass else None
    if init is None:
        return ""
    annotations = {
        a.arg: known.model.resolve_expr(module, a.annotation)
        for a in init.node.args.args
        if a.annotation is not None
    }
    for node in ast.walk(init.node):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Name):
            for target in node.targets:
                if isinstance(target, ast.Attribute) and target.attr == attribute:
                    return annotations.get(node.value.id, "")
    return ""


def _change_adapters(
    known: RepoKnowledge,
    recipe: Recipe,
    layers: dict[str, str],
    port: str,
    purpose: str,
    detail: str,
    where: str,
) -> None:
    """Every adapter of a changed port changes with it."""
    for adapter in known.facts.adapters:
        if port in adapter.implements:
            path = adapter.location.path
            recipe.add(
                FileChange(path, MODIFY, layers.get(path, ""), purpose, (detail,), "", where)
            )


def _paginated_port(
    known: RepoKnowledge,
    recipe: Recipe,
    target: Trace,
    findings: list[PerfFinding],
    paths: dict[str, str],
    layers: dict[str, str],
) -> None:
    """When the query is unbounded, the port method paginates and every adapter follows."""
    if not any(f.rule in ("unbounded-query", "unbounded-to-list") for f in findings):
        return
    for step in target.steps():
        if step.kind != "port":
            continue
        port_name, _, method = step.name.rpartition(".")
        port = next((p for p in known.facts.ports if p.qualname == port_name), None)
        if port is None or not any(
            f.function.endswith(f".{method}") for f in findings if f.rule.startswith("unbounded")
        ):
            continue
        recipe.add(
            FileChange(
                port.location.path,
                MODIFY,
                layers.get(port.location.path, ""),
                f"`{method}` returns one page and the total.",
                ("Take the pagination from the filter value object and return `(items, total)`.",),
                "",
                f"`{method}`",
            )
        )
        _change_adapters(
            known,
            recipe,
            layers,
            port.qualname,
            f"Paginate `{method}`.",
            "Apply offset/limit and return the total.",
            f"`{method}`",
        )
        for step_ in target.steps():
            if step_.kind == "service" and step_.location is not None:
                recipe.add(
                    FileChange(
                        step_.location.path,
                        MODIFY,
                        layers.get(step_.location.path, ""),
                        "Use the repository's pagination.",
                        ("Stop slicing in Python; pass the page through.",),
                        "",
                        f"`{step_.name.rpartition('.')[2]}`",
                    )
                )


def _tests(
    known: RepoKnowledge,
    recipe: Recipe,
    target: Trace,
    conventions: Conventions,
    paths: dict[str, str],
) -> None:
    existing = set(paths.values())
    folder = conventions.tests_folder
    for step in target.steps():
        if step.kind not in ("service", "handler") or step.location is None:
            continue
        base = posixpath.basename(step.location.path).removesuffix(".py")
        candidates = [f"{folder}/test_{base}.py", f"{folder}/test_{base}_api.py"]
        if step.kind == "handler":
            candidates = [f"{folder}/test_{base}_api.py", f"{folder}/test_{base}.py"]
        path = next((c for c in candidates if c in existing), candidates[0])
        action = MODIFY if path in existing else CREATE
        covers: tuple[str, ...] = (
            "pagination happens in the repository",
            "one batched lookup per page",
        )
        if step.kind == "handler":
            covers = (f"{target.route.key} keeps its response shape and parameters",)
        recipe.tests.append(TestCase(path, "api" if step.kind == "handler" else "unit", covers))
        recipe.add(
            FileChange(
                path,
                action,
                "tests",
                f"Tests for {step.kind} `{snake(base)}`.",
                covers,
                "",
                "new tests next to the existing ones",
            )
        )
