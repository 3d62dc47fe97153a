"""Use case: which files matter for a feature, and a repo map that fits a budget.

Files are ranked by personalised PageRank over the import graph (both directions:
a file matters when it uses or is used by what the feature names), seeded by the
feature's terms matched against module paths, class and function names and
docstrings, and by the routes the context session names (and their traces).
"""

from __future__ import annotations

import ast
import re
from collections import Counter
from dataclasses import dataclass

import networkx as nx

from archbook.application.code_facts.code_model import ModuleModel
from archbook.application.code_facts.knowledge import RepoKnowledge
from archbook.application.planning.context_session import ContextSession
from archbook.application.planning.naming import singular
from archbook.application.tracing.route_trace import RouteNotFoundError, trace_route
from archbook.domain.layers import TESTS

DEFAULT_TOKEN_BUDGET = 6000
CHARS_PER_TOKEN = 4
PATH_WEIGHT = 3.0
SYMBOL_WEIGHT = 2.0
DOC_WEIGHT = 1.0
ROUTE_WEIGHT = 4.0
DAMPING = 0.6
MAX_TERM_WEIGHT = 6
# Words every backend plan uses: they say nothing about which files a feature touches.
ARCHITECTURE_WORDS = frozenset(
    (
        "src",
        "layer",
        "layers",
        "domain",
        "application",
        "infrastructure",
        "presentation",
        "adapter",
        "port",
        "hexagonal",
        "container",
        "dependency",
        "dependencie",
        "test",
        "code",
        "file",
        "module",
        "fastapi",
        "python",
        "poetry",
        "pip",
        "endpoint",
        "route",
        "http",
        "json",
        "request",
        "response",
        "statu",
        "body",
        "field",
        "unit",
        "tool",
        "parent",
        "agent",
        "plan",
        "change",
        "break",
        "production",
        "one",
        "two",
        "current",
    )
)
STOPWORDS = frozenset(
    (
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "for",
        "with",
        "by",
        "from",
        "at",
        "as",
        "is",
        "are",
        "be",
        "been",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "we",
        "our",
        "you",
        "your",
        "they",
        "their",
        "should",
        "must",
        "can",
        "will",
        "would",
        "not",
        "no",
        "all",
        "any",
        "each",
        "new",
        "use",
        "using",
        "when",
        "then",
        "than",
        "into",
        "out",
        "via",
        "per",
        "also",
        "only",
        "more",
        "less",
        "same",
        "such",
        "so",
        "if",
        "else",
        "api",
        "app",
        "add",
        "make",
        "get",
        "set",
        "feature",
        "session",
        "context",
        "goal",
        "requirements",
        "constraints",
        "decisions",
        "questions",
        "open",
        "keep",
        "existing",
        "today",
        "about",
        "which",
        "what",
        "how",
        "who",
        "where",
        "there",
        "here",
        "do",
        "does",
    )
)
WORD = re.compile(r"[A-Za-z][a-z0-9]+|[A-Z]+(?![a-z])")


@dataclass(frozen=True)
class RankedFile:
    """A module, its score and why it scored."""

    path: str
    module: str
    layer: str
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Survey:
    """Ranked files, the repo map given to planners, the terms and routes used."""

    ranked: tuple[RankedFile, ...]
    repo_map: str
    terms: tuple[str, ...]
    routes: tuple[str, ...]

    def top(self, count: int = 10) -> list[RankedFile]:
        return list(self.ranked[:count])


def feature_terms(feature: str, title: str, context: str) -> Counter[str]:
    """Weighted words of the feature: its name counts most, then its title, then the
    context's deciding text."""
    terms: Counter[str] = Counter()
    for text, weight in ((feature, 3), (title, 2), (context, 1)):
        for word in _words(text):
            if word not in ARCHITECTURE_WORDS:
                terms[word] = min(MAX_TERM_WEIGHT, terms[word] + weight)
    return terms


def survey(
    known: RepoKnowledge,
    context: ContextSession,
    token_budget: int = DEFAULT_TOKEN_BUDGET,
) -> Survey:
    """Rank the repository's files for a feature and build a repo map."""
    terms = feature_terms(context.feature, context.subject, context.decisive_text())
    routes = _routes(known, context)
    seeds: dict[str, float] = {}
    reasons: dict[str, list[str]] = {}
    modules = known.model.modules
    path_words = {name: set(_words(m.path.replace("/", " "))) for name, m in modules.items()}
    # a word in the paths of most modules (the ``backend/`` they all sit in) tells
    # none of them apart
    spread = Counter(w for words in path_words.values() for w in words)
    everywhere = {w for w, count in spread.items() if count * 2 > len(modules)}
    for name, module in modules.items():
        score, why = _match(module, terms, path_words[name] - everywhere)
        if score:
            seeds[name] = score
            reasons[name] = why
    strongest = max(seeds.values(), default=ROUTE_WEIGHT)
    for key in routes:
        try:
            traced = trace_route(known.model, known.facts, known.roles, key)
        except RouteNotFoundError:
            continue
        for step in traced.steps():
            stop = step.name.partition(":")[0]
            if stop in known.model.modules:
                seeds[stop] = seeds.get(stop, 0.0) + strongest
                reasons.setdefault(stop, []).append(f"on the path of {key}")
    scores = _pagerank(known, seeds)
    paths = known.analysis.scan.module_paths
    ranked = sorted(
        (
            RankedFile(
                paths[name],
                name,
                known.roles.get(name, ""),
                round(score, 6),
                tuple(
                    dict.fromkeys(reasons.get(name, ["imports or is imported by a matching file"]))
                ),
            )
            for name, score in scores.items()
            if name in paths and score > 0
        ),
        key=lambda r: (-r.score, r.path),
    )
    return Survey(
        tuple(ranked),
        repo_map(known, [r.module for r in ranked], token_budget),
        tuple(t for t, _ in terms.most_common(20)),
        tuple(routes),
    )


def repo_map(known: RepoKnowledge, order: list[str], token_budget: int) -> str:
    """Outline of modules (layer, classes with method signatures, functions) in the
    given order, then the rest, until the token budget is spent."""
    budget = token_budget * CHARS_PER_TOKEN
    seen = set(order)
    rest = sorted(m for m in known.model.modules if m not in seen)
    parts: list[str] = []
    used = 0
    for name in [*order, *rest]:
        module = known.model.modules.get(name)
        if module is None:
            continue
        block = _outline(known, name)
        if used + len(block) > budget:
            parts.append(f"{module.path}  [{known.roles.get(name, '')}]")
            used += len(parts[-1]) + 1
            if used > budget:
                break
            continue
        parts.append(block)
        used += len(block) + 1
    return "\n".join(parts)


def _outline(known: RepoKnowledge, name: str) -> str:
    module = known.model.modules[name]
    lines = [f"{module.path}  [{known.roles.get(name, '')}]"]
    for klass in module.classes.values():
        bases = ", ".join(b.rpartition(":")[2] or b for b in klass.bases)
        lines.append(f"  class {klass.name}({bases})")
        for method in klass.methods.values():
            if not method.name.startswith("_") or method.name in ("__init__", "__call__"):
                returns = ast.unparse(method.node.returns) if method.node.returns else ""
                arrow = f" -> {returns}" if returns else ""
                lines.append(f"    def {method.name}({_args(method.node)}){arrow}")
    for function in module.functions.values():
        lines.append(f"  def {function.name}({_args(function.node)})")
    return "\n".join(lines)


def _args(node: ast.FunctionDef | ast.AsyncFunctionDef) -> str:
    names = [
        a.arg for a in [*node.args.args, *node.args.kwonlyargs] if a.arg not in ("self", "cls")
    ]
    return ", ".join(names)


def _match(
    module: ModuleModel, terms: Counter[str], path_words: set[str]
) -> tuple[float, list[str]]:
    """How well a module matches the terms, and why: ``path_words``, the words of its
    path that tell it apart."""
    symbols: set[str] = set()
    for klass in module.classes.values():
        symbols.update(_words(klass.name))
        for method in klass.methods:
            symbols.update(_words(method))
    for function in module.functions:
        symbols.update(_words(function))
    docstring = ast.get_docstring(module.tree) or ""
    doc_words = set(_words(docstring))
    score = 0.0
    why: list[str] = []
    for term, weight in terms.items():
        if term in path_words:
            score += PATH_WEIGHT * weight
            why.append(f"'{term}' in its path")
        elif term in symbols:
            score += SYMBOL_WEIGHT * weight
            why.append(f"'{term}' in a name it defines")
        elif term in doc_words:
            score += DOC_WEIGHT * weight
            why.append(f"'{term}' in its docstring")
    return score, why[:4]


def _routes(known: RepoKnowledge, context: ContextSession) -> list[str]:
    """Existing routes the context names (``GET /api/threads``)."""
    named = []
    for method, path in context.routes:
        route = known.facts.route(f"{method} {path}")
        if route is not None and route.key not in named:
            named.append(route.key)
    return named


def _pagerank(known: RepoKnowledge, seeds: dict[str, float]) -> dict[str, float]:
    graph = nx.Graph()
    graph.add_nodes_from(known.model.modules)
    for importer, imported in known.analysis.pairs:
        if importer in graph and imported in graph:
            graph.add_edge(importer, imported)
    if not seeds:
        return {}
    tests = {name for name, layer in known.roles.items() if layer == TESTS}
    scores = personalised_pagerank(graph, seeds)
    # Tests rank below the code they test unless they match by themselves.
    return {n: s * (1.0 if n not in tests or n in seeds else 0.5) for n, s in scores.items()}


def personalised_pagerank(
    graph: nx.Graph, seeds: dict[str, float], iterations: int = 100, tolerance: float = 1e-10
) -> dict[str, float]:
    """PageRank that restarts at the seeds (power iteration; deterministic, no SciPy)."""
    nodes = sorted(graph.nodes)
    total = sum(seeds.values())
    restart = {n: seeds.get(n, 0.0) / total for n in nodes}
    rank = dict(restart)
    degree = {n: graph.degree(n) for n in nodes}
    for _ in range(iterations):
        dangling = sum(rank[n] for n in nodes if degree[n] == 0)
        new = {}
        for node in nodes:
            flow = sum(rank[m] / degree[m] for m in graph.neighbors(node))
            new[node] = DAMPING * (flow + dangling * restart[node]) + (1 - DAMPING) * restart[node]
        change = sum(abs(new[n] - rank[n]) for n in nodes)
        rank = new
        if change < tolerance:
            break
    return rank


def _words(text: str) -> list[str]:
    words = []
    for raw in WORD.findall(text.replace("_", " ").replace("-", " ")):
        word = raw.lower()
        if len(word) < 3 or word in STOPWORDS or word.isdigit():
            continue
        words.append(singular(word))
    return words
