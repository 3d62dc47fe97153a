"""A design titled in Chinese with the Latin name of what it designs beside it
("撰写技巧（Writing Technique）") introduces that resource, laid out like the closest
existing one from the files named after it alone, not from every file its name
prefixes."""

from __future__ import annotations

from pathlib import Path

from fakes.planned_trees import planned_changes

from archbook.application.planning.scoping.scope_terms import latin_title_names
from archbook.domain.plan import CREATE

KNOWLEDGE = {
    "backend/__init__.py": "",
    "backend/src/__init__.py": "",
    "backend/src/main.py": (
        "from fastapi import FastAPI\n\n"
        "from backend.src.api.routes import knowledge, knowledge_chunks\n\n"
        "app = FastAPI()\n"
        "app.include_router(knowledge.router)\napp.include_router(knowledge_chunks.router)\n"
    ),
    "backend/src/api/__init__.py": "",
    "backend/src/api/routes/__init__.py": "",
    **{
        f"backend/src/api/routes/{name}.py": (
            "from fastapi import APIRouter\n\nrouter = APIRouter()\n\n\n"
            f'@router.get("/api/{name}")\ndef list_{name}() -> list:\n    return []\n'
        )
        for name in ("knowledge", "knowledge_chunks")
    },
    "backend/src/models/__init__.py": "",
    "backend/src/models/knowledge.py": "class Knowledge:\n    id: int\n",
    "backend/src/models/knowledge_chunk.py": "class KnowledgeChunk:\n    id: int\n",
    "backend/src/services/__init__.py": "",
    "backend/src/services/knowledge/__init__.py": "",
    "backend/src/services/knowledge/knowledge_service.py": (
        "class KnowledgeService:\n    def list(self) -> list:\n        return []\n"
    ),
    "backend/src/services/knowledge/asset_link_service.py": (
        "class AssetLinkService:\n    def link(self) -> None:\n        return None\n"
    ),
}

SESSION = """# Design: 撰写技巧（Writing Technique）

## 背景

知识（knowledge）沉淀了写作经验。knowledge 管理知识块；writing technique 是从 knowledge
提炼的独立资产，可以按章节检索，并与 knowledge 关联。
"""


def test_a_latin_name_beside_a_chinese_title_is_what_it_designs() -> None:
    assert latin_title_names("Design: 撰写技巧（Writing Technique）") == ["Writing_Technique"]
    assert latin_title_names("“发布” (publish) 模块") == ["publish"]
    assert latin_title_names("Design: Writing (draft)") == []  # no Chinese name
    assert latin_title_names("接口（FastAPI）") == []  # a technology


def test_the_new_resource_copies_the_files_named_after_its_analog_alone(
    tmp_path: Path,
) -> None:
    changes = planned_changes(tmp_path, KNOWLEDGE, SESSION, "writing-technique")
    created = sorted(path for path, change in changes.items() if change.action == CREATE)
    assert "backend/src/api/routes/writing_technique.py" in created, created
    assert "backend/src/models/writing_technique.py" in created, created
    # files the analog's name only prefixes, or that only sit in its folder
    assert not [p for p in created if "chunk" in p or "asset_link" in p], created
