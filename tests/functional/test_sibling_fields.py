"""New fields a session names beside fields one class already declares: the class's
module changes, and a new field whose sibling has a module of its own gets one laid
out the same way; fields every table has name no class."""

from __future__ import annotations

from pathlib import Path

from fakes.planned_trees import planned_session, write_tree

from archbook import api
from archbook.domain.plan import CREATE, MODIFY

STATE = "src/rag/state.py"
RETRIEVER = "src/rag/retrievers/manual_retriever.py"

RAG = {
    "src/__init__.py": "",
    "src/rag/__init__.py": "",
    STATE: (
        "from typing import TypedDict\n\n\n"
        "class SearchState(TypedDict):\n"
        "    query: str\n"
        "    graph_results: list[str]\n"
        "    vector_results: list[str]\n"
        "    image_results: list[str]\n"
    ),
    "src/rag/retrievers/__init__.py": "",
    "src/rag/retrievers/image_retriever.py": (
        "class ImageRetriever:\n    def search(self, query: str) -> list[str]:\n        return []\n"
    ),
    "src/rag/nodes.py": (
        "from src.rag.retrievers.image_retriever import ImageRetriever\n"
        "from src.rag.state import SearchState\n\n\n"
        "def retrieve(state: SearchState) -> SearchState:\n"
        "    state['image_results'] = ImageRetriever().search(state['query'])\n"
        "    return state\n"
    ),
    "src/rag/history.py": (
        "from dataclasses import dataclass\n\n\n@dataclass\nclass Entry:\n"
        "    created_at: str\n    updated_at: str\n"
    ),
    "src/rag/audit.py": (
        "from dataclasses import dataclass\n\n\n@dataclass\nclass Audit:\n"
        "    created_at: str\n    updated_at: str\n"
    ),
}

FUSION = """# Multi-source retrieval

Today the search fills these results:

```
graph_results: knowledge graph hits
vector_results: vector store hits
image_results: images and PDFs
```

- Add `manual_results`: passages of the product manual for the query.
- Fused results carry the source each hit came from.
"""

STAMPS = """# Soft delete

- Entries keep `created_at` and `updated_at`; add `deleted_at` for soft deletion.
"""


def test_a_field_named_beside_a_class_s_fields_is_added_to_that_class(tmp_path: Path) -> None:
    planning, changes = planned_session(tmp_path, RAG, FUSION, "multi-source")
    assert changes[STATE].action == MODIFY
    assert "`manual_results`" in changes[STATE].purpose, changes[STATE].purpose
    # the image results have a retriever of their own: the manual's gets one too
    assert changes[RETRIEVER].action == CREATE
    scope = planning.scope_result
    assert scope is not None and "image_retriever.py" in scope.reasons[RETRIEVER]


def test_fields_many_classes_share_name_no_class(tmp_path: Path) -> None:
    write_tree(tmp_path, {**RAG, ".claude/sessions/context_session_soft-delete.md": STAMPS})
    planning = api.plan_session(str(tmp_path), "soft-delete")
    planning.scope()
    scope = planning.scope_result
    assert scope is not None and scope.touched == () and scope.created == ()


def test_siblings_laid_out_two_ways_lay_out_no_module(tmp_path: Path) -> None:
    clients = {
        "src/rag/clients/__init__.py": "",
        "src/rag/clients/graph_client.py": "class GraphClient:\n    pass\n",
    }
    planning, changes = planned_session(tmp_path, {**RAG, **clients}, FUSION, "multi-source")
    assert changes[STATE].action == MODIFY
    assert not any(path.endswith(("manual_retriever.py", "manual_client.py")) for path in changes)
