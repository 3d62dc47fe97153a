"""Blanking tests' bodies before parsing gives the tree a whole parse gives, and
leaves a body as written wherever blanking it could change the rest of the file."""

from __future__ import annotations

import ast
import textwrap

import pytest

from archbook.application.code_facts.emptied_tests import blank_test_bodies, drop_test_bodies

BLANKED = {
    "a test at the top": """
        import pytest


        def test_creates(client):
            response = client.post("/items", json={"name": "x"})
            assert response.status_code == 201
        """,
    "a method of a Test class, with comments at the margin": """
        class TestItems:
            def test_lists(self, client):
                rows = client.get("/items").json()
        # a note at the margin
                assert rows == []

            def helper(self):
                return 1
        """,
    "an async test with a signature over lines": """
        @pytest.mark.asyncio
        async def test_reads(
            client,
            items: list[int] = (1, 2),
        ) -> None:
            '''What it reads.'''
            assert await client.read() == items
        """,
    "a body holding nested functions and brackets over lines": """
        def test_nested():
            def inner(x):
                return {
                    "x": x,
                }
            assert inner(1) == {"x": 1}
        """,
}

LEFT = {
    "a body on the signature's line": """
        def test_short(): assert True
        def test_other():
            assert 1
        """,
    "a first statement that is decorated": """
        def test_decorated():
            @contextmanager
            def fake():
                yield
            assert fake
        """,
    "a test written inside a string": '''
        EXAMPLE = """
        def test_in_a_string():
            assert nothing
        print("after it")
        """
        ''',
    "a body going on at the margin after a backslash": '''
        def test_printed():
            assert render(x) == \\
        """a
        picture"""
        ''',
    "a sum going on at the margin after a backslash": """
        def test_sum():
            total = 1 + \\
        2
        """,
    "a bracket closed at the margin after a string holding one": """
        def test_call():
            called = f(")"
        )
        """,
    "a bracket closed at the margin": """
        def test_rows():
            rows = [
        1, 2,
        ]
            assert rows
        """,
    "a string with a bracket in the signature": """
        def test_quoted(name=")"):
            assert name
        """,
    "a method of a class that is no Test class": """
        class Helpers:
            def test_like(self):
                return 1
        """,
    "a method of a class inside a Test class": """
        class TestOuter:
            class Inner:
                def test_inner(self):
                    return 1
        """,
}


def _tree(text: str) -> str:
    tree = ast.parse(text)
    drop_test_bodies(tree)
    return ast.dump(tree, include_attributes=True)


@pytest.mark.parametrize("source", BLANKED.values(), ids=list(BLANKED))
def test_a_blanked_body_gives_the_tree_of_the_whole_text(source: str) -> None:
    text = textwrap.dedent(source)
    blank = blank_test_bodies(text)
    assert blank != text
    assert blank.count("\n") == text.count("\n")  # every line keeps its number
    assert "assert" not in blank
    assert _tree(blank) == _tree(text)


@pytest.mark.parametrize("source", LEFT.values(), ids=list(LEFT))
def test_a_body_blanking_could_change_is_left_as_written(source: str) -> None:
    text = textwrap.dedent(source)
    blank = blank_test_bodies(text)
    assert _tree(blank) == _tree(text)
    if "test_other" in text:  # the next test is still blanked
        assert blank == text.replace("    assert 1", "    pass")
    else:
        assert blank == text


def test_an_emptied_test_and_its_class_end_at_the_stand_in() -> None:
    """A tree parsed whole and emptied ends its tests where a blanked one does."""
    tree = ast.parse(
        textwrap.dedent(BLANKED["a method of a Test class, with comments at the margin"])
    )
    drop_test_bodies(tree)
    klass = tree.body[0]
    assert isinstance(klass, ast.ClassDef)
    test, helper = klass.body
    assert [type(s).__name__ for s in test.body] == ["Pass"]  # type: ignore[attr-defined]
    assert (test.lineno, test.end_lineno, test.end_col_offset) == (3, 4, 12)
    assert klass.end_lineno == helper.end_lineno  # the helper keeps its body
