"""extract_facts shortcuts that must not change a fact: a module is searched for
``Depends``/``FastAPI`` calls only when its text can name them, and the JSON document
is built without deep copies."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from archbook import api
from archbook.application.code_facts.knowledge import _as_dict, facts_to_dict

# Identifiers are NFKC-normalised: ``ＦastAPI`` (a full-width F) is the name ``FastAPI``,
# so a text without the ASCII spelling can still call it.
FULL_WIDTH_APP = """\
import fastapi


class Service:
    def run(self) -> int:
        return 1


def get_service() -> Service:
    return Service()


app = fastapi.\uff26astAPI()


def handler(service: Service = fastapi.\uff24epends(get_service)) -> int:
    return service.run()
"""


def test_calls_spelt_with_non_ascii_letters_are_still_found(tmp_path: Path) -> None:
    (tmp_path / "main.py").write_text(FULL_WIDTH_APP, encoding="utf-8")
    facts = api.knowledge(str(tmp_path), cache=False).facts
    assert facts.project.app_factory == "main:app"
    assert [(p.name, p.kind, p.builds) for p in facts.providers] == [
        ("get_service", "factory", ("main:Service",))
    ]


def test_the_document_holds_what_dataclasses_asdict_gives() -> None:
    facts = api.knowledge(None, cache=False).facts
    assert _as_dict(facts) == dataclasses.asdict(facts)
    document = facts_to_dict(facts)
    assert [route["location"] for route in document["routes"]] == [
        str(route.location) for route in facts.routes
    ]


def test_routes_alone_are_the_routes_of_the_whole_facts() -> None:
    known = api.knowledge(None, cache=False)
    routes, unresolved = api.routes(None, cache=False)
    assert routes == known.facts.routes and len(routes) == 12
    assert unresolved == known.facts.unresolved_routes
    assert api.routes_dicts(routes) == api.facts_dict(known)["routes"]
