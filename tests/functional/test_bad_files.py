"""Files a scanner meets in real repositories and must survive: syntax errors, bytes
that are not UTF-8, bogus coding cookies, NUL bytes, broken import statements, huge
or deeply nested files, symlink loops and links out of the repository, a FIFO.

The committed fixture tests/assets/bad_files holds the bad files that can live in
git; the rest is added to a temporary copy at test time. Every scan goes through
``archbook.api.analyse`` and the real filesystem reader.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from archbook import api
from archbook.adapters.scanning.filesystem_scanner import FilesystemSourceTreeReader
from archbook.adapters.scanning.source_files import MAX_FILE_BYTES, read_at_most
from archbook.application.layers.analysis import Analysis

FIXTURE = Path(__file__).resolve().parents[1] / "assets" / "bad_files"

GOOD_MODULES = {
    "app",
    "app.main",
    "app.domain",
    "app.domain.user",
    "app.services",
    "app.services.billing",
    "app.broken",
    "app.alias",
}
GOOD_EDGES = {
    ("app.main", "app.domain.user"),
    ("app.main", "app.services.billing"),
    ("app.services.billing", "app.domain.user"),
    ("app.alias", "app.domain.user"),
}

# path → words its reason must hold, in both modes
ALWAYS_SKIPPED = {
    "app/broken/undecodable.py": "not valid utf-8: byte 0xe9",
    "app/broken/klingon_cookie.py": "unknown encoding 'klingon' in its coding cookie",
    "app/broken/hex_cookie.py": "'hex' in its coding cookie is not a text encoding",
    "app/broken/nul_bytes.py": "contains NUL bytes",
    "app/broken/too_big.py": f"larger than {MAX_FILE_BYTES // 1024} KiB",
    "app/broken/ping.py": "broken symlink or symlink loop",
    "app/broken/pong.py": "broken symlink or symlink loop",
    "app/broken/gone.py": "broken symlink",
    "app/broken/pipe.py": "not a regular file",
    "app/loop": "symlink loop or folder already scanned",
    "app/outside": "symlink to a folder outside the repository",
    "app/outside_file.py": "symlink to a file outside the repository",
}
IMPORT_LINE = "from app.domain.user import User\n"
# files that do not compile but whose imports the default (import-only) scan reads
READ_ANYWAY = ("syntax_error", "broken_import", "deeply_nested", "nested_parens")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A copy of the fixture plus the bad files git cannot hold or that are made here."""
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE, root, symlinks=True)
    broken = root / "app" / "broken"
    (broken / "too_big.py").write_text(IMPORT_LINE + "#" * MAX_FILE_BYTES)
    # the parser recurses once per `not`: every supported CPython gives up (its parser
    # stack overflows; 3.11 also stops at 5,000 with RecursionError, 3.13 does not)
    (broken / "deeply_nested.py").write_text(IMPORT_LINE + "x = " + "not " * 50_000 + "1\n")
    # the tokenizer allows 200 nested brackets
    (broken / "nested_parens.py").write_text(IMPORT_LINE + "x = " + "(" * 250 + ")" * 250 + "\n")
    os.symlink("pong.py", broken / "ping.py")
    os.symlink("ping.py", broken / "pong.py")
    os.symlink("missing.py", broken / "gone.py")
    os.mkfifo(broken / "pipe.py")
    os.symlink(".", root / "app" / "loop")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "stranger.py").write_text("import app\n")
    os.symlink(outside, root / "app" / "outside")
    os.symlink(outside / "stranger.py", root / "app" / "outside_file.py")
    # a link inside the repository is followed
    (root / "app" / "alias.py").symlink_to("domain/../services/billing.py")
    return root


def skipped(analysis: Analysis) -> dict[str, str]:
    return {s.path: s.reason for s in analysis.scan.skipped}


def modules(analysis: Analysis) -> set[str]:
    return {m.name for m in analysis.scan.modules}


def test_each_bad_file_is_skipped_with_its_reason(repo: Path) -> None:
    reasons = skipped(api.analyse(str(repo), cache=False))
    assert set(reasons) == {*ALWAYS_SKIPPED, "app/broken/broken_import.py"}
    for path, words in ALWAYS_SKIPPED.items():
        assert words in reasons[path], path
    assert reasons["app/broken/broken_import.py"] == (
        "unreadable import at line 2: cannot read import statement: from app.services import"
    )


def test_good_files_are_analysed_and_nothing_outside_the_repository_is(repo: Path) -> None:
    analysis = api.analyse(str(repo), cache=False)
    assert modules(analysis) == GOOD_MODULES | {f"app.broken.{name}" for name in READ_ANYWAY}
    assert all(
        m.path.startswith("app/") and "stranger" not in m.path for m in analysis.scan.modules
    )


def test_default_mode_reads_only_import_statements(repo: Path) -> None:
    """For speed the default scan reads just the import statements (about a tenth of
    the cost of compiling): a file whose syntax error or nesting is elsewhere keeps
    its imports; one with a broken import keeps the imports that can be read."""
    analysis = api.analyse(str(repo), cache=False)
    assert set(analysis.pairs) == GOOD_EDGES | {
        ("app.main", "app.broken.syntax_error"),
        ("app.main", "app.broken.broken_import"),
        *((f"app.broken.{name}", "app.domain.user") for name in READ_ANYWAY),
    }


def test_strict_mode_skips_files_that_do_not_compile(repo: Path) -> None:
    analysis = api.analyse(str(repo), strict=True, cache=False)
    reasons = skipped(analysis)
    # the running interpreter's own words (they differ between Python versions)
    assert reasons["app/broken/syntax_error.py"] == compile_error(
        repo, "app/broken/syntax_error.py"
    )
    assert reasons["app/broken/syntax_error.py"].startswith("syntax error at line 4: ")
    assert reasons["app/broken/broken_import.py"] == compile_error(
        repo, "app/broken/broken_import.py"
    )
    assert reasons["app/broken/broken_import.py"].startswith("syntax error at line 2: ")
    assert reasons["app/broken/deeply_nested.py"] == "too deeply nested to parse"
    assert reasons["app/broken/nested_parens.py"] == (
        "syntax error at line 2: too many nested parentheses"
    )
    for path, words in ALWAYS_SKIPPED.items():
        assert words in reasons[path], path
    assert modules(analysis) == GOOD_MODULES
    # `from app.broken import syntax_error` now names the package, not a module
    assert set(analysis.pairs) == GOOD_EDGES | {("app.main", "app.broken")}


def test_strict_mode_does_not_depend_on_the_callers_warning_filters(tmp_path: Path) -> None:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "regex.py").write_text('import re\nDIGITS = re.compile("\\d+")\n')
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # as under `python -W error` or a strict CI
        analysis = api.analyse(str(tmp_path), strict=True, cache=False)
    assert analysis.scan.skipped == ()
    assert modules(analysis) == {"app", "app.regex"}


def test_a_small_size_cap(tmp_path: Path) -> None:
    (tmp_path / "small.py").write_text("import os\n")
    (tmp_path / "large.py").write_text("import os\n" + "#" * 2048)
    reader = FilesystemSourceTreeReader(max_file_bytes=2048)
    read = reader.read_imports(str(tmp_path), ["small.py", "large.py"])
    assert read["large.py"].statements is None
    assert read["large.py"].reason == "larger than 2 KiB"
    assert [s.target for s in read["small.py"].statements or ()] == ["os"]


def test_a_file_is_read_whole_or_up_to_the_limit(tmp_path: Path) -> None:
    text = "".join(f"import mod{index}\n" for index in range(20_000))  # > 200 KiB
    (tmp_path / "long.py").write_text(text)
    read = FilesystemSourceTreeReader().read_imports(str(tmp_path), ["long.py"])
    assert [s.target for s in read["long.py"].statements or ()][-1] == "mod19999"
    assert read_at_most(str(tmp_path / "long.py"), 10) == text[:10].encode()
    assert read_at_most(str(tmp_path / "long.py"), 2 * len(text)) == text.encode()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_put_where_a_listed_file_was_cannot_hang_the_reading(tmp_path: Path) -> None:
    (tmp_path / "pipe.py").write_text("import os\n")
    listing = FilesystemSourceTreeReader(jobs=1).list_files(str(tmp_path))
    (tmp_path / "pipe.py").unlink()
    os.mkfifo(tmp_path / "pipe.py")  # no writer: a blocking open would wait forever
    code = (
        "import sys\n"
        "from archbook.adapters.scanning.filesystem_scanner import FilesystemSourceTreeReader\n"
        "read = FilesystemSourceTreeReader(jobs=1).read_imports(sys.argv[1], ['pipe.py'])\n"
        "print(read['pipe.py'].statements)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, listing.root], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "()"  # what the FIFO holds: nothing


def test_links_to_a_folder_of_the_repository_do_not_take_its_name(tmp_path: Path) -> None:
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "__init__.py").write_text("")
    (tmp_path / "lib" / "util.py").write_text("")
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "main.py").write_text("import lib.util\n")
    # several names, so that directory order puts some link before the folder
    links = ["aaa", "b_lib", "lib_link", "vendored", "zzz", "app/shared"]
    for name in links:
        os.symlink(tmp_path / "lib", tmp_path / name)
    analysis = api.analyse(str(tmp_path), cache=False)
    assert modules(analysis) == {"app", "app.main", "lib", "lib.util"}
    assert set(analysis.pairs) == {("app.main", "lib.util")}
    assert skipped(analysis) == dict.fromkeys(links, "symlink loop or folder already scanned")


def test_a_folder_named_like_a_python_file_is_walked_as_a_folder(tmp_path: Path) -> None:
    (tmp_path / "legacy.py").mkdir()
    (tmp_path / "legacy.py" / "helper.py").write_text("")
    listing = FilesystemSourceTreeReader().list_files(str(tmp_path))
    assert list(listing.stamps) == ["legacy.py/helper.py"]
    assert listing.skipped == ()


@pytest.mark.parametrize("strict", [False, True])
def test_scans_write_nothing_inside_the_target(
    repo: Path, archbook_cache_dir: Path, strict: bool
) -> None:
    before = listing_with_mtimes(repo)
    first = api.analyse(str(repo), strict=strict)
    second = api.analyse(str(repo), strict=strict)
    assert listing_with_mtimes(repo) == before
    assert second.scan.stats.cached == second.scan.stats.files == first.scan.stats.parsed > 0
    # the snapshot went to the cache folder instead
    assert [p.suffix for p in archbook_cache_dir.iterdir()] == [".marshal"]


def test_no_snapshot_without_the_cache(repo: Path, archbook_cache_dir: Path) -> None:
    api.analyse(str(repo), cache=False)
    assert list(archbook_cache_dir.iterdir()) == []


def test_a_new_broken_symlink_shows_up_on_a_warm_scan(repo: Path) -> None:
    api.analyse(str(repo))
    os.symlink("nowhere.py", repo / "app" / "dangling.py")
    warm = api.analyse(str(repo))
    assert warm.scan.stats.parsed == 0
    assert skipped(warm)["app/dangling.py"] == "broken symlink or symlink loop"


def test_an_empty_repository(tmp_path: Path) -> None:
    analysis = api.analyse(str(tmp_path))
    assert analysis.scan.modules == analysis.scan.imports == analysis.scan.skipped == ()
    assert analysis.pairs == {}
    assert analysis.violations == analysis.cycles == []


def test_a_repository_without_python_files(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# not Python\n")
    (tmp_path / "web" / "src").mkdir(parents=True)
    (tmp_path / "web" / "src" / "main.ts").write_text("import x from './x'\n")
    (tmp_path / "notes.py.txt").write_text("import os\n")
    analysis = api.analyse(str(tmp_path), strict=True)
    assert analysis.scan.modules == analysis.scan.skipped == ()
    assert analysis.scan.stats.files == 0


def listing_with_mtimes(root: Path) -> dict[str, tuple[str, int]]:
    """Every entry below ``root``, links not followed: its kind and mtime in ns."""
    found: dict[str, tuple[str, int]] = {}
    for folder, dirs, files in os.walk(root):
        for name in (*dirs, *files):
            full = os.path.join(folder, name)
            info = os.lstat(full)
            kind = "link" if os.path.islink(full) else "dir" if name in dirs else "file"
            found[os.path.relpath(full, root)] = (kind, info.st_mtime_ns)
    found["."] = ("dir", os.lstat(root).st_mtime_ns)
    return found


def compile_error(repo: Path, path: str) -> str:
    """How the running Python itself reports the syntax error of ``path``."""
    try:
        compile((repo / path).read_text(encoding="utf-8"), path, "exec")
    except SyntaxError as error:
        return f"syntax error at line {error.lineno}: {error.msg}"
    raise AssertionError(f"{path} compiles")
