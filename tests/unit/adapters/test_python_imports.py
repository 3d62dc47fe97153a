"""extract_imports: the import statements of Python source text, read without parsing
the whole file, with exact lines and their context (``if TYPE_CHECKING``, functions).

Each case gives source text and the exact statements expected, worked out by hand
(``ast`` agrees on every one that is valid Python). The last tests compare the
extractor with ``ast`` on real installed sources.
"""

from __future__ import annotations

import ast
import importlib.util
import os
import sysconfig
import textwrap
from pathlib import Path

import pytest

from archbook.adapters.scanning.import_statements import ImportSyntaxError
from archbook.adapters.scanning.python_imports import extract_imports

# (target, level, names, line, type_checking, in_function)
Row = tuple[str, int, tuple[str, ...], int, bool, bool]


def rows(text: str) -> list[Row]:
    """The statements of ``text`` as plain tuples; fails if any statement is unreadable."""
    found, problems = extract_imports(text)
    assert problems == []
    return [(s.target, s.level, s.names, s.line, s.type_checking, s.in_function) for s in found]


def src(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


# ---------------------------------------------------------------- plain statements

PLAIN_CASES = {
    "plain": ("import os\n", [("os", 0, (), 1, False, False)]),
    "aliased and several": (
        "import os.path as p, sys\n",
        [("os.path", 0, (), 1, False, False), ("sys", 0, (), 1, False, False)],
    ),
    "dotted": ("import a.b.c\n", [("a.b.c", 0, (), 1, False, False)]),
    "spaces around dots": ("import a . b\n", [("a.b", 0, (), 1, False, False)]),
    "from with alias": (
        "from x.y import a as b, c\n",
        [("x.y", 0, ("a", "c"), 1, False, False)],
    ),
    "tabs between words": ("from\tx\timport\ty\n", [("x", 0, ("y",), 1, False, False)]),
    "trailing comment": ("import a  # import b\n", [("a", 0, (), 1, False, False)]),
    "no final newline": ("import a", [("a", 0, (), 1, False, False)]),
    "parenthesised, multi-line, comment with parens": (
        "from x import (a,\n b as c,  # comment (with parens)\n d)\nimport z\n",
        [("x", 0, ("a", "b", "d"), 1, False, False), ("z", 0, (), 4, False, False)],
    ),
    "parenthesised, trailing comma": (
        "from x import (\n    a,\n    b,\n)\n",
        [("x", 0, ("a", "b"), 1, False, False)],
    ),
    "no space before the parenthesis": (
        "from x import(a)\n",
        [("x", 0, ("a",), 1, False, False)],
    ),
    "backslash before parenthesised names": (
        "from x import \\\n    (a, b)\nimport y\n",
        [("x", 0, ("a", "b"), 1, False, False), ("y", 0, (), 3, False, False)],
    ),
    "backslash between names": (
        "import a, \\\n  b\nfrom x import a, \\\n  b\n",
        [
            ("a", 0, (), 1, False, False),
            ("b", 0, (), 1, False, False),
            ("x", 0, ("a", "b"), 3, False, False),
        ],
    ),
    "backslash before `import`": (
        "from x \\\n    import a\nimport z\n",
        [("x", 0, ("a",), 1, False, False), ("z", 0, (), 3, False, False)],
    ),
    "backslash after `from`": (
        "from \\\n  x.y \\\n  import a\n",
        [("x.y", 0, ("a",), 1, False, False)],
    ),
    "a comment ending in a backslash continues nothing": (
        "# C:\\temp\\\nimport a\n",
        [("a", 0, (), 2, False, False)],
    ),
    "semicolons": (
        "import a; import b\nfrom x import (a); import c\n",
        [
            ("a", 0, (), 1, False, False),
            ("b", 0, (), 1, False, False),
            ("x", 0, ("a",), 2, False, False),
            ("c", 0, (), 2, False, False),
        ],
    ),
    "relative": (
        "from . import x\nfrom ..a.b import c\nfrom .import y\nfrom ..import (z)\n",
        [
            ("", 1, ("x",), 1, False, False),
            ("a.b", 2, ("c",), 2, False, False),
            ("", 1, ("y",), 3, False, False),
            ("", 2, ("z",), 4, False, False),
        ],
    ),
    "many dots": ("from ...... import a\n", [("", 6, ("a",), 1, False, False)]),
    "star": ("from a import *\n", [("a", 0, ("*",), 1, False, False)]),
    "future": (
        "from __future__ import annotations\n",
        [("__future__", 0, ("annotations",), 1, False, False)],
    ),
    "non-ASCII names (PEP 3131)": (
        "import café\nfrom ünï.modül import ß\n",
        [("café", 0, (), 1, False, False), ("ünï.modül", 0, ("ß",), 2, False, False)],
    ),
    "try/except fallbacks": (
        "try:\n    import ujson as json\nexcept ImportError:\n    import json\n",
        [("ujson", 0, (), 2, False, False), ("json", 0, (), 4, False, False)],
    ),
    "windows line ends": (
        "import a\r\nfrom b import (c,\r\n d)\r\nimport e\r\n",
        [
            ("a", 0, (), 1, False, False),
            ("b", 0, ("c", "d"), 2, False, False),
            ("e", 0, (), 4, False, False),
        ],
    ),
    "exact lines past blank lines and code": (
        "\n\nx = 1\n\n\nimport a\n\n\n\ndef f():\n    pass\nfrom b import c\n",
        [("a", 0, (), 6, False, False), ("b", 0, ("c",), 12, False, False)],
    ),
}


@pytest.mark.parametrize("text, expected", PLAIN_CASES.values(), ids=PLAIN_CASES.keys())
def test_reads_statements_exactly(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


def test_statement_text_is_the_statement_on_one_line_without_comments() -> None:
    found, _ = extract_imports(
        "from x import (a,\n b as c,  # comment (with parens)\n d)\nfrom y \\\n    import z\n"
    )
    assert [s.text for s in found] == [
        "from x import (a, b as c, d)",
        "from y import z",
    ]


def test_words_that_merely_contain_import_are_not_statements() -> None:
    text = src(
        """
        important = 1
        reimport = 2
        x.import_(3)
        print("import x")
        from_x = "from y import z"
        # import commented_out
        fromage import_ = 4
        """
    )
    assert rows(text) == []


# ---------------------------------------------------------------- context


CONTEXT_CASES = {
    "if TYPE_CHECKING and its else": (
        """
        from typing import TYPE_CHECKING
        if TYPE_CHECKING:
            import a
        else:
            import b
        import c
        """,
        [
            ("typing", 0, ("TYPE_CHECKING",), 1, False, False),
            ("a", 0, (), 3, True, False),
            ("b", 0, (), 5, False, False),
            ("c", 0, (), 6, False, False),
        ],
    ),
    "if typing.TYPE_CHECKING, elif TYPE_CHECKING, else": (
        """
        import typing
        if typing.TYPE_CHECKING:
            import a
        if x:
            pass
        elif TYPE_CHECKING:  # the second branch
            import c
        else:
            import d
        """,
        [
            ("typing", 0, (), 1, False, False),
            ("a", 0, (), 3, True, False),
            ("c", 0, (), 7, True, False),
            ("d", 0, (), 9, False, False),
        ],
    ),
    "parenthesised TYPE_CHECKING, tab indent": (
        "if (TYPE_CHECKING):\n\timport a\n",
        [("a", 0, (), 2, True, False)],
    ),
    "not TYPE_CHECKING is runtime": (
        "if not TYPE_CHECKING:\n    import a\n",
        [("a", 0, (), 2, False, False)],
    ),
    "a sibling block after if TYPE_CHECKING": (
        """
        if a:
            if TYPE_CHECKING:
                pass
            import b
        """,
        [("b", 0, (), 4, False, False)],
    ),
    "def, async def, nested def": (
        """
        def f():
            import a
        async def g():
            import b
        def outer():
            def inner():
                from c import d
        """,
        [
            ("a", 0, (), 2, False, True),
            ("b", 0, (), 4, False, True),
            ("c", 0, ("d",), 7, False, True),
        ],
    ),
    "multi-line signature with a dedented `) -> X:` line": (
        """
        class Service:
            def handle(
                self,
                request: Request,
            ) -> Response:
                from app.domain import user
            import b
        import c
        """,
        [
            ("app.domain", 0, ("user",), 6, False, True),
            ("b", 0, (), 7, False, False),
            ("c", 0, (), 8, False, False),
        ],
    ),
    "signature continued on an indented line": (
        """
        def f(a,
              b) -> X:
            import a
        """,
        [("a", 0, (), 3, False, True)],
    ),
    "class bodies are not functions": (
        """
        class A:
            import a
            class B:
                from b import c
        """,
        [("a", 0, (), 2, False, False), ("b", 0, ("c",), 4, False, False)],
    ),
    "def under if TYPE_CHECKING is a function, not type checking": (
        """
        if TYPE_CHECKING:
            def f():
                import a
        """,
        [("a", 0, (), 3, False, True)],
    ),
    "if TYPE_CHECKING inside a def is both": (
        """
        def f():
            if TYPE_CHECKING:
                import a
        """,
        [("a", 0, (), 3, True, True)],
    ),
    "a docstring less indented than the import is not a block header": (
        '''
        def f():
            x = """
        not a header
        """
            import a
        ''',
        [("a", 0, (), 5, False, True)],
    ),
    # the answer for an import above is reused only when nothing between them is a
    # block header: these pairs sit at the same indent under different blocks
    "same indent, another function between": (
        """
        def f():
            import a
        def g():
            import b
        if TYPE_CHECKING:
            import c
        """,
        [("a", 0, (), 2, False, True), ("b", 0, (), 4, False, True), ("c", 0, (), 6, True, False)],
    ),
    "same indent, a nested block between": (
        """
        if TYPE_CHECKING:
            import a
            if x:
                import b
            import c
        class K:
            import d
            import e
        """,
        [
            ("a", 0, (), 2, True, False),
            ("b", 0, (), 4, True, False),
            ("c", 0, (), 5, True, False),
            ("d", 0, (), 7, False, False),
            ("e", 0, (), 8, False, False),
        ],
    ),
    "tab and space indents of one width are different indents": (
        "def f():\n\timport a\ndef g():\n        import b\n        import c\n",
        [("a", 0, (), 2, False, True), ("b", 0, (), 4, False, True), ("c", 0, (), 5, False, True)],
    ),
}


@pytest.mark.parametrize("text, expected", CONTEXT_CASES.values(), ids=CONTEXT_CASES.keys())
def test_knows_type_checking_and_function_context(text: str, expected: list[Row]) -> None:
    assert rows(src(text)) == expected


# ---------------------------------------------------------------- strings and comments


STRING_CASES = {
    "module docstring": (
        '''
        """Usage:

        import nope
        from nope import x
        """
        import yes
        ''',
        [("yes", 0, (), 6, False, False)],
    ),
    "single-quoted triple string and f-string": (
        """
        x = '''
        import nope
        '''
        y = f\"\"\"
        {x}
        from nope import z
        \"\"\"
        import yes
        """,
        [("yes", 0, (), 8, False, False)],
    ),
    "imports on both sides of a string, each side several": (
        # the imports up to the next string are known to be outside without asking
        '''
        """Module."""
        import one
        import two
        x = """
        import nope
        """
        import three
        y = \'\'\'
        import nope
        \'\'\'
        import four
        ''',
        [
            ("one", 0, (), 2, False, False),
            ("two", 0, (), 3, False, False),
            ("three", 0, (), 7, False, False),
            ("four", 0, (), 11, False, False),
        ],
    ),
    "docstring in a function": (
        '''
        def f():
            """
            import nope
            """
            import yes
        ''',
        [("yes", 0, (), 5, False, True)],
    ),
    "each kind of triple quote inside the other kind's string": (
        # one quote is looked for only up to the next of the other: both orders
        """
        x = '''
        \"\"\"
        import nope
        '''
        import yes
        y = \"\"\"
        '''
        import nope
        \"\"\"
        import too
        """,
        [("yes", 0, (), 5, False, False), ("too", 0, (), 10, False, False)],
    ),
    "strings of single quotes only, far below a double-quoted docstring": (
        '''
        """Module."""
        import a
        def f():
            x = \'\'\'
        import nope
        \'\'\'
            import b
        ''',
        [("a", 0, (), 2, False, False), ("b", 0, (), 7, False, True)],
    ),
    "triple quotes inside one-line strings": (
        """
        s = "'''"
        import a
        t = '\"\"\"'
        import b
        """,
        [("a", 0, (), 2, False, False), ("b", 0, (), 4, False, False)],
    ),
    "triple quotes in comments": (
        """
        # \"\"\" not a string
        import a
        x = 1  # ''' nor this
        import b
        """,
        [("a", 0, (), 2, False, False), ("b", 0, (), 4, False, False)],
    ),
    "a hash inside a string before a triple quote": (
        """
        x = "#" + \"\"\"
        import nope
        \"\"\"
        import yes
        """,
        [("yes", 0, (), 4, False, False)],
    ),
    "an apostrophe in a string before a triple quote": (
        """
        x = ("it's", \"\"\"
        import nope
        \"\"\")
        import yes
        """,
        [("yes", 0, (), 4, False, False)],
    ),
    "a string closing and another opening on one line": (
        """
        x = '''a
        b''', \"\"\"
        import nope
        \"\"\"
        import yes
        """,
        [("yes", 0, (), 5, False, False)],
    ),
    "escaped quotes inside a triple string": (
        '''
        x = """ends with an escaped quote \\""""
        import yes
        ''',
        [("yes", 0, (), 2, False, False)],
    ),
    "a raw triple string ending in an escaped backslash": (
        # as in sympy's test_latex.py: r"""...\\""" closes at the quotes
        '''
        x = r"""\\\\"""
        import yes
        y = """\\\\\\\\"""
        import too
        ''',
        [("yes", 0, (), 2, False, False), ("too", 0, (), 4, False, False)],
    ),
}


@pytest.mark.parametrize("text, expected", STRING_CASES.values(), ids=STRING_CASES.keys())
def test_ignores_text_inside_strings_and_comments(text: str, expected: list[Row]) -> None:
    text = src(text)
    assert _ast_rows(text) == expected  # the cases are valid Python; ast agrees
    assert rows(text) == expected


# ---------------------------------------------------------------- broken statements


BROKEN_CASES = {
    "from without names": ("import a\nfrom x import\nimport b\n", [2], ["a", "b"]),
    "from without names at the end": ("import a\nfrom x import", [2], ["a"]),
    "from without module": ("from import y\nimport b\n", [1], ["b"]),
    "bare import": ("import\n", [1], []),
    "number as module": ("import 1a\n", [1], []),
    "two names without a comma": ("import a b\n", [1], []),
    "dangling as": ("from x import a as\n", [1], []),
    "star without from": ("import *\n", [1], []),
    "relative plain import": ("import .a\n", [1], []),
    "unclosed parenthesis": ("import a\nfrom x import (b,\n    c\n", [2], ["a"]),
    "two broken, good between": ("from x import\nimport ok\nimport 9\n", [1, 3], ["ok"]),
}


@pytest.mark.parametrize("text, lines, good", BROKEN_CASES.values(), ids=BROKEN_CASES.keys())
def test_reports_broken_statements_with_their_line(
    text: str, lines: list[int], good: list[str]
) -> None:
    with pytest.raises(SyntaxError):
        compile(text, "case.py", "exec")  # truly broken
    found, problems = extract_imports(text)
    assert [p.line for p in problems] == lines
    assert all(isinstance(p, ImportSyntaxError) for p in problems)
    assert all(str(p).startswith(f"line {p.line}: ") for p in problems)
    assert [s.target for s in found] == good


def test_a_broken_statement_is_reported_once() -> None:
    found, problems = extract_imports("from x import import\n")
    assert len(found) + len(problems) == 1


# ---------------------------------------------------------------- real sources


def _ast_rows(text: str) -> list[Row]:
    """What ``ast`` says, in the same shape (for statements that start their line)."""
    result: list[Row] = []

    def visit(node: ast.AST, type_checking: bool, in_function: bool) -> None:
        for field, value in ast.iter_fields(node):
            for child in value if isinstance(value, list) else [value]:
                if not isinstance(child, ast.AST):
                    continue
                tc, fn = type_checking, in_function
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and field == "body":
                    tc, fn = False, True
                if isinstance(node, ast.If) and field == "body" and _is_type_checking(node.test):
                    tc = True
                if isinstance(child, ast.Import):
                    result.extend((a.name, 0, (), child.lineno, tc, fn) for a in child.names)
                elif isinstance(child, ast.ImportFrom):
                    names = tuple(a.name for a in child.names)
                    module = child.module or ""
                    result.append((module, child.level, names, child.lineno, tc, fn))
                visit(child, tc, fn)

    visit(ast.parse(text), False, False)
    return sorted(result, key=lambda row: row[3])


def _is_type_checking(test: ast.expr) -> bool:
    if isinstance(test, ast.Name):
        return test.id == "TYPE_CHECKING"
    return isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"


def _starts_its_line(text: str) -> set[int]:
    """Lines whose import statement is the first thing on the line.

    Statements after other code (``x = 1; import y``, ``if x: import y``) are, by
    design, not read: the extractor looks only at lines that start with an import.
    """
    lines = text.splitlines()
    found = set()
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Import | ast.ImportFrom):
            line = lines[node.lineno - 1]
            if node.col_offset == len(line) - len(line.lstrip(" \t\f")):
                found.add(node.lineno)
    return found


def _installed_sources() -> list[Path]:
    """Source files users really scan: two FastAPI-stack packages and the stdlib
    modules whose strings once fooled the extractor."""
    paths: list[Path] = []
    for name in ("starlette", "fastapi"):
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.origin:
            paths.extend(sorted(Path(spec.origin).parent.rglob("*.py")))
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    paths.extend(stdlib / name for name in ("tokenize.py", "pdb.py", "ast.py", "textwrap.py"))
    latex = importlib.util.find_spec("sympy")
    if latex is not None and latex.origin:
        paths.append(Path(latex.origin).parent / "printing" / "tests" / "test_latex.py")
    return [p for p in paths if p.is_file()]


def test_agrees_with_ast_on_installed_sources() -> None:
    paths = _installed_sources()
    assert len(paths) > 50
    checked = 0
    for path in paths:
        text = path.read_text(encoding="utf-8")
        first_on_line = _starts_its_line(text)
        wanted = [r for r in _ast_rows(text) if r[3] in first_on_line]
        got = rows(text)
        assert sorted(got) == sorted(wanted), os.fspath(path)
        checked += len(got)
    assert checked > 500
