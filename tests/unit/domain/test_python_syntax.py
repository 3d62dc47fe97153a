"""Files of newer Pythons parse on the Python running archbook, lines unchanged."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from archbook import api
from archbook.domain.python_syntax import parse_python, rewrite_newer_syntax

ASSET = Path(__file__).parents[2] / "assets" / "newer_python"

NEWER = {
    "pep695 class": "class Entity[T: Hashable](Base):\n    pass\n",
    "pep695 def": "def first[T](items: list[T]) -> T:\n    return items[0]\n",
    "pep695 multi-line": "class R[\n    E,\n    K,\n](Base):\n    x = 1\n",
    "pep695 alias": "type Pair[T] = tuple[T, T]\nvalue = 1\n",
    "pep758 except": "try:\n    pass\nexcept KeyError, IndexError:\n    pass\n",
    "pep758 except star": "try:\n    pass\nexcept* KeyError, IndexError:\n    pass\n",
    "pep701 f-string": 'name = f"{stock["count"]} {x!r:>{width}}"\n',
    "pep701 comment in field": (
        'total = f"""{\n    a  # the "first" part\n    + b\n}"""\nafter = 1\n'
    ),
    "pep701 field across lines": (
        'price = f"-{\n    money(\n        order.amount,\n        "EUR",\n    )\n}"\nafter = 1\n'
    ),
    "pep701 backslash in field": 'line = f"{\'\\n\'.join(rows)} {"\\t"}"\n',
    "pep750 template": 'page = t"<p>{name}</p>"\nraw = rt"{x}\\d" + Tr"{y}"\n',
}


@pytest.mark.parametrize("source", NEWER.values(), ids=list(NEWER))
def test_newer_syntax_parses_with_every_line_in_place(source: str) -> None:
    tree = parse_python(source)
    rewritten = rewrite_newer_syntax(source)
    assert rewritten.count("\n") == source.count("\n")
    assert tree.body[-1].end_lineno == source.rstrip("\n").count("\n") + 1


PEP695 = [name for name in NEWER if name.startswith("pep695")]


@pytest.mark.parametrize("name", PEP695)
def test_pep695_reads_the_same_whatever_python_runs_archbook(name: str) -> None:
    # Python 3.12+ parses these natively; older ones parse the rewrite. Both must give
    # the very tree the rewrite gives, locations included, or facts would differ.
    source = NEWER[name]
    native = ast.dump(parse_python(source), include_attributes=True)
    assert native == ast.dump(ast.parse(rewrite_newer_syntax(source)), include_attributes=True)


def test_a_nested_alias_is_an_assignment_too() -> None:
    source = "if True:\n    type Handler = Callable[[int], None]\nclass C:\n    type X = int\n"
    tree = parse_python(source)
    assert [type(node).__name__ for node in ast.walk(tree)].count("Assign") == 2
    assert ast.dump(tree, include_attributes=True) == ast.dump(
        ast.parse(rewrite_newer_syntax(source)), include_attributes=True
    )


def test_the_rewritten_tree_keeps_what_facts_are_read_from() -> None:
    klass = parse_python(NEWER["pep695 class"]).body[0]
    assert isinstance(klass, ast.ClassDef)
    assert (klass.name, [ast.unparse(b) for b in klass.bases]) == ("Entity", ["Base"])
    handler = parse_python(NEWER["pep758 except"]).body[0]
    assert isinstance(handler, ast.Try)
    assert ast.unparse(handler.handlers[0].type) == "(KeyError, IndexError)"
    alias = parse_python(NEWER["pep695 alias"]).body[0]
    assert isinstance(alias, ast.Assign) and ast.unparse(alias.targets[0]) == "Pair"
    assert alias.value.col_offset == NEWER["pep695 alias"].index("tuple")


def test_a_template_string_reads_as_a_formatted_string_with_its_fields() -> None:
    assign = parse_python(NEWER["pep750 template"]).body[0]
    assert isinstance(assign, ast.Assign) and isinstance(assign.value, ast.JoinedStr)
    fields = [v for v in assign.value.values if isinstance(v, ast.FormattedValue)]
    assert [ast.unparse(f.value) for f in fields] == ["name"]
    # an identifier ending in t before a string is no prefix
    assert rewrite_newer_syntax('print(sqrt"x")\n') == 'print(sqrt"x")\n'


def test_look_alikes_in_strings_and_comments_are_left_alone() -> None:
    source = 's = "class A[T]: pass"  # except A, B:\ntype = 3\n'
    assert rewrite_newer_syntax(source) == source


def test_a_file_invalid_in_every_python_raises_the_original_error() -> None:
    with pytest.raises(SyntaxError):
        parse_python("def broken(:\n    pass\n")


def test_strict_scan_skips_no_valid_newer_file_and_is_not_served_from_a_lax_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARCHBOOK_CACHE_DIR", str(tmp_path / "cache"))
    lax = api.analyse(str(ASSET))
    strict = api.analyse(str(ASSET), strict=True)
    assert lax.scan.skipped == strict.scan.skipped == ()
    broken = tmp_path / "repo"
    (broken / "pkg").mkdir(parents=True)
    (broken / "pkg" / "__init__.py").write_text("")
    (broken / "pkg" / "bad.py").write_text("import os\ndef f(:\n")
    assert api.analyse(str(broken)).scan.skipped == ()
    strict_paths = [s.path for s in api.analyse(str(broken), strict=True).scan.skipped]
    assert strict_paths == ["pkg/bad.py"]


def test_code_model_reads_classes_of_newer_files() -> None:
    known = api.knowledge(str(ASSET), cache=False)
    assert known.model.problems == []
    assert "Entity" in known.model.modules["inventory.entities"].classes


def test_a_backslash_inside_a_field_keeps_the_fields_expression() -> None:
    joined = parse_python(NEWER["pep701 backslash in field"]).body[0]
    assert isinstance(joined, ast.Assign) and isinstance(joined.value, ast.JoinedStr)
    calls = [n for n in ast.walk(joined.value) if isinstance(n, ast.Call)]
    assert [ast.unparse(c.args[0]) for c in calls] == ["rows"]


def test_a_field_across_lines_of_a_one_quote_f_string_keeps_its_call() -> None:
    # 3.12+ lets a replacement field of f"..." span lines (met in a real backend's
    # HTML-building endpoints); older Pythons read it once it is triple-quoted
    assign = parse_python(NEWER["pep701 field across lines"]).body[0]
    assert isinstance(assign, ast.Assign) and isinstance(assign.value, ast.JoinedStr)
    (field,) = [v for v in assign.value.values if isinstance(v, ast.FormattedValue)]
    assert ast.unparse(field.value) == "money(order.amount, 'EUR')"
    assert (assign.lineno, assign.end_lineno) == (1, 6)
