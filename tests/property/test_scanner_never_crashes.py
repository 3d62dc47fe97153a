"""Property tests: whatever text, bytes or file tree the scanner meets, it reports
instead of raising, and it accounts for every Python file.

Kept to a few seconds in all (small example counts, no deadline, no example
database written into the working tree).
"""

from __future__ import annotations

import encodings.aliases
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archbook import api
from archbook.adapters.scanning.filesystem_scanner import FilesystemSourceTreeReader
from archbook.adapters.scanning.import_statements import ImportSyntaxError
from archbook.adapters.scanning.python_imports import extract_imports

SETTINGS = settings(
    max_examples=500,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
TREE_SETTINGS = settings(SETTINGS, max_examples=300)

# Pieces that make the extractor's life hard, mixed with arbitrary text.
FRAGMENTS = [
    "import ",
    "from ",
    " import ",
    "from . import x",
    "from .. import (a,\n b)",
    "import a.b as c, d",
    "\\\n",
    "(",
    ")",
    ",",
    ";",
    "#",
    '"""',
    "'''",
    '"',
    "'",
    "\\",
    "\n",
    "\r\n",
    "\r",
    "    ",
    "\t",
    "if TYPE_CHECKING:\n",
    "def f(\n",
    ") -> X:\n",
    "async def g():\n",
    "class C:\n",
    "*",
    ".",
    "é",
]
source_text = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=40).map(
    "".join
)

CODECS = sorted(set(encodings.aliases.aliases.values())) + ["klingon", "hex", "rot13", "zlib"]
cookie = st.sampled_from(CODECS).map(lambda name: f"# -*- coding: {name} -*-\n".encode())
file_bytes = st.one_of(
    st.binary(max_size=200),
    source_text.map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.tuples(cookie, st.binary(max_size=80)).map(b"".join),
    st.tuples(cookie, source_text.map(lambda t: t.encode("utf-8", "surrogatepass"))).map(b"".join),
)


@SETTINGS
@given(st.one_of(st.text(), source_text))
def test_extract_imports_never_raises_and_lines_are_in_the_text(text: str) -> None:
    found, problems = extract_imports(text)
    lines = text.count("\n") + 1
    assert all(1 <= s.line <= lines for s in found)
    assert all(isinstance(p, ImportSyntaxError) and 1 <= p.line <= lines for p in problems)
    assert [s.line for s in found] == sorted(s.line for s in found)


@SETTINGS
@given(st.lists(file_bytes, min_size=1, max_size=4), st.booleans())
def test_reading_any_bytes_never_raises(contents: list[bytes], strict: bool) -> None:
    reader = FilesystemSourceTreeReader(check_syntax=strict, max_file_bytes=150)
    with tempfile.TemporaryDirectory() as folder:
        names = [f"f{i}.py" for i in range(len(contents))]
        for name, data in zip(names, contents, strict=True):
            Path(folder, name).write_bytes(data)
        read = reader.read_imports(folder, names)
    assert set(read) == set(names)
    for item in read.values():
        # either statements, or no statements and a reason
        assert item.statements is not None or item.reason


part = st.sampled_from(["app", "src", "core", "my-pkg", "x1", "_p", "tests", "é", "a b"])
file_name = st.sampled_from(
    ["__init__.py", "main.py", "models.py", "0001_initial.py", "bad-name.py", "a.py"]
)
relative_path = st.tuples(st.lists(part, max_size=3), file_name).map(
    lambda t: "/".join([*t[0], t[1]])
)


@st.composite
def file_trees(draw: st.DrawFn) -> dict[str, bytes]:
    paths = draw(st.lists(relative_path, min_size=1, max_size=8, unique=True))
    dotted = [p[:-3].replace("/", ".").removesuffix(".__init__") for p in paths]
    import_line = st.one_of(
        st.sampled_from(dotted).map(lambda name: f"import {name}\n"),
        st.tuples(st.sampled_from(dotted), st.sampled_from(["x", "models", "main"])).map(
            lambda t: f"from {t[0]} import {t[1]}\n"
        ),
        st.sampled_from(["from . import a\n", "from ..core import main\n", "import fastapi\n"]),
    )
    text = st.lists(st.one_of(import_line, source_text), max_size=6).map("".join)
    content = st.one_of(text.map(lambda t: t.encode("utf-8", "surrogatepass")), file_bytes)
    return {path: draw(content) for path in paths}


@TREE_SETTINGS
@given(file_trees(), st.booleans())
def test_analysing_any_tree_accounts_for_every_python_file(
    tree: dict[str, bytes], strict: bool
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        for path, data in tree.items():
            full = Path(folder, path)
            if full.parent.exists() and not full.parent.is_dir():
                continue  # a file already took the folder's name
            full.parent.mkdir(parents=True, exist_ok=True)
            if full.is_dir():
                continue
            full.write_bytes(data)
        on_disk = {
            os.path.relpath(os.path.join(d, f), folder).replace(os.sep, "/")
            for d, _, files in os.walk(folder)
            for f in files
            if f.endswith(".py")
        }
        analysis = api.analyse(folder, strict=strict, cache=False)
    named = {m.path for m in analysis.scan.modules}
    skipped = {s.path for s in analysis.scan.skipped}
    assert named | skipped == on_disk
    internal = {m.name for m in analysis.scan.modules}
    for item in analysis.scan.imports:
        assert item.importer in internal
        assert item.external or item.imported in internal
        assert item.importer != item.imported
