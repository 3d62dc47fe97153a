"""Packed statements and root keys: what snapshots keep of a file, what workers send."""

from __future__ import annotations

from archbook.adapters.scanning.python_imports import extract_imports
from archbook.application.ports.source_tree import FileImports
from archbook.domain.source import ImportStatement, pack_statements, root_keys, unpack_statements


def test_packed_statements_unpack_to_equal_named_tuples() -> None:
    statements = (
        ImportStatement("app.domain", 0, ("User", "Role"), 3, "from app.domain import User, Role"),
        ImportStatement("", 2, ("models",), 9, "from .. import models", True, False),
        ImportStatement("json", 0, (), 40, "import json", False, True),
    )
    unpacked = unpack_statements(pack_statements(statements))
    assert unpacked == statements
    assert [s.type_checking for s in unpacked] == [False, True, False]
    assert unpacked[2].in_function and unpacked[1].level == 2
    assert all(type(s) is ImportStatement for s in unpacked)
    assert unpack_statements(pack_statements(())) == ()


def test_whether_a_reader_packed_the_statements_is_no_part_of_their_value() -> None:
    statements = (ImportStatement("os", 0, (), 1, "import os"),)
    assert FileImports(statements, None, pack_statements(statements)) == FileImports(statements)


def test_root_keys_are_first_names_and_first_two_names() -> None:
    statements, _ = extract_imports(
        "from a.b.c import d\nfrom e import f, g\nimport h.i\nimport j\nfrom . import k\n"
    )
    assert root_keys(statements) == {"a", "a.b", "e", "e.f", "e.g", "h", "h.i", "j"}
