"""Module naming and import resolution: source roots found from the imports a
repository writes, namespace packages, a scanned folder that is itself a package,
``from pkg import mod``, relative imports, externals, self-imports, bad file names.

Repositories are in-memory (FakeSourceTreeReader) and scanned by the real Scanner.
"""

from __future__ import annotations

import pytest
from fakes.source_tree import FakeSourceTreeReader

from archbook.adapters.scanning.python_imports import extract_imports
from archbook.application.layers.module_names import ModuleIndex, TargetMemo, folders_of
from archbook.application.layers.scanning import Scanner
from archbook.domain.source import Scan


def scan(files: dict[str, str], root: str = "/repo") -> Scan:
    return Scanner(FakeSourceTreeReader(files, root=root)).scan(root)


def names(result: Scan) -> dict[str, str]:
    """module name → path"""
    return {m.name: m.path for m in result.modules}


def internal(result: Scan) -> set[tuple[str, str]]:
    return {(i.importer, i.imported) for i in result.imports if not i.external}


def external(result: Scan) -> set[tuple[str, str]]:
    return {(i.importer, i.imported) for i in result.imports if i.external}


# ---------------------------------------------------------------- source roots


def test_src_prefixed_imports_make_the_repository_the_source_root() -> None:
    result = scan(
        {
            "src/__init__.py": "",
            "src/main.py": "from src.users.service import register\n",
            "src/users/__init__.py": "",
            "src/users/service.py": "from src.users import repository\n",
            "src/users/repository.py": "",
        }
    )
    assert result.source_roots == (".",)
    assert set(names(result)) == {
        "src",
        "src.main",
        "src.users",
        "src.users.service",
        "src.users.repository",
    }
    assert internal(result) == {
        ("src.main", "src.users.service"),
        ("src.users.service", "src.users.repository"),
    }


def test_bare_imports_make_src_the_source_root() -> None:
    # bounded contexts: no src/__init__.py, imported as `from account...`
    result = scan(
        {
            "src/main.py": "from account.domain import Account\n",
            "src/account/__init__.py": "",
            "src/account/domain.py": "from shared.kernel import Entity\n",
            "src/shared/__init__.py": "",
            "src/shared/kernel.py": "",
        }
    )
    assert result.source_roots == ("src",)
    assert names(result) == {
        "main": "src/main.py",
        "account": "src/account/__init__.py",
        "account.domain": "src/account/domain.py",
        "shared": "src/shared/__init__.py",
        "shared.kernel": "src/shared/kernel.py",
    }
    assert internal(result) == {("main", "account.domain"), ("account.domain", "shared.kernel")}
    assert external(result) == set()


def test_mixed_src_x_and_x_imports_resolve_to_the_same_module() -> None:
    result = scan(
        {
            "src/a.py": "from src.b import x\n",
            "src/b.py": "from c import y\n",
            "src/c.py": "",
        }
    )
    assert result.source_roots == (".", "src")
    # named from the nearest root; `src.b` is an alias of `b`
    assert set(names(result)) == {"a", "b", "c"}
    assert internal(result) == {("a", "b"), ("b", "c")}


def test_a_backend_subfolder_is_the_source_root() -> None:
    result = scan(
        {
            "backend/app/__init__.py": "",
            "backend/app/main.py": "from app.api import routes\n",
            "backend/app/api/__init__.py": "",
            "backend/app/api/routes.py": "",
            "frontend/vite.config.py": "",
        }
    )
    assert result.source_roots == ("backend",)
    assert names(result)["app.api.routes"] == "backend/app/api/routes.py"
    # a file outside every source root is named from the folder it sits in
    assert names(result)["vite.config"] == "frontend/vite.config.py"
    assert internal(result) == {("app.main", "app.api.routes")}


def test_namespace_packages_without_init_files() -> None:
    result = scan(
        {
            "src/main.py": "from src.users.routes import router\n",
            "src/users/routes.py": "from src.users.services.user_service import UserService\n",
            "src/users/services/user_service.py": "from src.users.domain.user import User\n",
            "src/users/domain/user.py": "import pydantic\n",
        }
    )
    assert result.source_roots == (".",)
    assert set(names(result)) == {
        "src.main",
        "src.users.routes",
        "src.users.services.user_service",
        "src.users.domain.user",
    }
    assert not any(m.is_package for m in result.modules)
    assert internal(result) == {
        ("src.main", "src.users.routes"),
        ("src.users.routes", "src.users.services.user_service"),
        ("src.users.services.user_service", "src.users.domain.user"),
    }
    assert external(result) == {("src.users.domain.user", "pydantic")}


def test_an_import_of_a_namespace_folder_is_internal_but_has_no_module() -> None:
    result = scan(
        {
            "src/main.py": "from src.users import domain\nimport src.users\n",
            "src/users/domain/user.py": "",
        }
    )
    # there is no file to point at, and `src` is not a distribution either
    assert [i for i in result.imports if i.importer == "src.main"] == []


def test_a_folder_without_init_inside_a_package_is_part_of_that_package() -> None:
    # A feature slice without __init__.py inside the app package, one of whose files
    # shares its name with the library it wraps (jwt.py imports PyJWT's ``jwt``):
    # the slice is ``app.auth``, not a source root, and ``import jwt`` stays external.
    result = scan(
        {
            "app/__init__.py": "",
            "app/main.py": "from app.auth.views import router\n",
            "app/auth/views.py": "from app.auth.jwt import create_token\n",
            "app/auth/jwt.py": "import jwt\n",
            "app/auth/tests/__init__.py": "",
            "app/auth/tests/test_jwt.py": "from app.auth import jwt\n",
        }
    )
    assert result.source_roots == (".",)
    assert names(result)["app.auth.jwt"] == "app/auth/jwt.py"
    assert names(result)["app.auth.tests.test_jwt"] == "app/auth/tests/test_jwt.py"
    assert ("app.auth.jwt", "jwt") in external(result)
    assert internal(result) == {
        ("app.main", "app.auth.views"),
        ("app.auth.views", "app.auth.jwt"),
        ("app.auth.tests.test_jwt", "app.auth.jwt"),
    }


def test_a_stray_init_in_the_scanned_folder_still_lets_src_be_a_source_root() -> None:
    result = scan(
        {
            "__init__.py": "",
            "src/shop/__init__.py": "",
            "src/shop/api.py": "from shop.orders import place\n",
            "src/shop/orders.py": "",
        },
        root="/work/repo",
    )
    assert "src" in result.source_roots
    assert internal(result) == {("shop.api", "shop.orders")}


def test_a_stray_init_in_a_top_folder_no_import_names_lets_it_be_a_source_root() -> None:
    """``src/__init__.py`` beside a project whose code imports ``app.…``: ``src`` is
    where ``app`` is imported from; a ``tests`` package mirroring ``app`` is not."""
    result = scan(
        {
            "src/__init__.py": "",
            "src/app/__init__.py": "",
            "src/app/api.py": "from app.orders import place\n",
            "src/app/orders.py": "",
            "tests/__init__.py": "",
            "tests/app/__init__.py": "",
            "tests/app/test_orders.py": "from app.orders import place\n",
        }
    )
    assert "src" in result.source_roots and "tests" not in result.source_roots
    assert names(result)["app.orders"] == "src/app/orders.py"
    assert ("app.api", "app.orders") in internal(result)
    assert not result.skipped


def test_a_stray_init_atop_a_package_chain_below_the_top_lets_it_be_a_source_root() -> None:
    """``backend/src/__init__.py`` in a repository keeping its backend in
    ``backend/``, whose code imports ``api.…`` and ``domain.…``: ``backend/src`` is
    where they are imported from, as ``src`` would be at the top."""
    result = scan(
        {
            "backend/src/__init__.py": "",
            "backend/src/api/__init__.py": "",
            "backend/src/api/routes.py": "from domain.orders import place\n",
            "backend/src/domain/__init__.py": "",
            "backend/src/domain/orders.py": "from domain.money import Money\n",
            "backend/src/domain/money.py": "",
        }
    )
    assert "backend/src" in result.source_roots
    assert names(result)["domain.orders"] == "backend/src/domain/orders.py"
    assert internal(result) == {
        ("api.routes", "domain.orders"),
        ("domain.orders", "domain.money"),
    }
    # where the code imports ``src.…`` (``backend`` is the root), a library sharing
    # the name of one of its packages makes no second root of it
    named = scan(
        {
            "backend/src/__init__.py": "",
            "backend/src/api/__init__.py": "",
            "backend/src/api/routes.py": "from src.mcp.tools import run\nimport mcp\n",
            "backend/src/mcp/__init__.py": "",
            "backend/src/mcp/tools.py": "import api\n",
        }
    )
    assert "backend" in named.source_roots and "backend/src" not in named.source_roots
    assert names(named)["src.mcp.tools"] == "backend/src/mcp/tools.py"


@pytest.mark.parametrize(
    ("files", "package", "edge"),
    [
        (
            {
                "src/__init__.py": "",
                "src/app/__init__.py": "",
                "src/app/api.py": "from src.app.orders import place\n",
                "src/app/orders.py": "",
            },
            "src",
            ("src.app.api", "src.app.orders"),
        ),
        # ``import utils`` beside ``app.utils`` everywhere else: a library, or a slip
        (
            {
                "app/__init__.py": "",
                "app/api.py": "from app.utils import slug\nimport utils\n",
                "app/utils/__init__.py": "",
                "app/orders.py": "from app.api import router\n",
            },
            "app",
            ("app.orders", "app.api"),
        ),
    ],
    ids=["imported-by-its-name", "one-package-by-its-own"],
)
def test_a_top_package_imported_by_its_own_name_stays_a_package(
    files: dict[str, str], package: str, edge: tuple[str, str]
) -> None:
    result = scan(files)
    assert package not in result.source_roots
    assert edge in internal(result)


def test_a_top_package_whose_packages_are_imported_by_their_names_is_a_root_too() -> None:
    """``backend.modules.x`` in a few tests, ``modules.x`` and ``shared.y`` in the code:
    both namings resolve, to the same modules, named from the nearest root."""
    result = scan(
        {
            "backend/__init__.py": "",
            "backend/main.py": (
                "from modules.orders.web import router\nfrom shared.database import engine\n"
            ),
            "backend/modules/__init__.py": "",
            "backend/modules/orders/__init__.py": "",
            "backend/modules/orders/web.py": "from shared.database import engine\n",
            "backend/shared/__init__.py": "",
            "backend/shared/database.py": "",
            "backend/tests/__init__.py": "",
            "backend/tests/test_orders.py": "from backend.modules.orders.web import router\n",
        }
    )
    assert "backend" in result.source_roots
    assert names(result)["modules.orders.web"] == "backend/modules/orders/web.py"
    edges = internal(result)
    assert ("main", "modules.orders.web") in edges
    assert ("main", "shared.database") in edges
    assert ("tests.test_orders", "modules.orders.web") in edges


def test_a_scanned_folder_that_is_a_package_names_modules_under_its_own_name() -> None:
    result = scan(
        {
            "__init__.py": "",
            "a.py": "from . import b\nfrom .b import c\nimport myrepo.sub.d\n",
            "b.py": "from myrepo import a\n",
            "sub/__init__.py": "",
            "sub/d.py": "from .. import b\n",
        },
        root="/work/myrepo",
    )
    assert result.source_roots == (".",)
    # paths stay relative to the scanned folder
    assert names(result) == {
        "myrepo": "__init__.py",
        "myrepo.a": "a.py",
        "myrepo.b": "b.py",
        "myrepo.sub": "sub/__init__.py",
        "myrepo.sub.d": "sub/d.py",
    }
    assert internal(result) == {
        ("myrepo.a", "myrepo.b"),
        ("myrepo.a", "myrepo.sub.d"),
        ("myrepo.b", "myrepo.a"),
        ("myrepo.sub.d", "myrepo.b"),
    }


# ---------------------------------------------------------------- resolution


def test_from_pkg_import_name_is_the_submodule_when_there_is_one_else_pkg() -> None:
    result = scan(
        {
            "pkg/__init__.py": "",
            "pkg/mod.py": "",
            "pkg/sub/__init__.py": "",
            "main.py": "from pkg import mod, helper\nfrom pkg.sub import thing\n",
        }
    )
    main = [(i.imported, i.line) for i in result.imports if i.importer == "main"]
    # `mod` is a module; `helper` is a name in pkg/__init__.py; `thing` one in pkg.sub
    assert main == [("pkg.mod", 1), ("pkg", 1), ("pkg.sub", 2)]


def test_import_of_a_missing_submodule_falls_back_to_the_nearest_package() -> None:
    # a compiled extension (pkg/_speedups.so) is no .py file; importing it imports pkg
    result = scan({"pkg/__init__.py": "", "main.py": "import pkg._speedups\n"})
    assert internal(result) == {("main", "pkg")}


def test_relative_imports_from_init_and_from_modules() -> None:
    result = scan(
        {
            "pkg/__init__.py": "from . import mod\nfrom .mod import thing\nfrom .sub import x\n",
            "pkg/mod.py": "from .sub.deep import y\nfrom . import sub\n",
            "pkg/sub/__init__.py": "from .. import mod\nfrom ..mod import z\nfrom . import deep\n",
            "pkg/sub/deep.py": "from .... import mod\n",
        }
    )
    assert internal(result) == {
        ("pkg", "pkg.mod"),
        ("pkg", "pkg.sub"),
        ("pkg.mod", "pkg.sub.deep"),
        ("pkg.mod", "pkg.sub"),
        ("pkg.sub", "pkg.mod"),
        ("pkg.sub", "pkg.sub.deep"),
    }
    # `from ....` climbs above the top package: neither internal nor external
    assert [i for i in result.imports if i.importer == "pkg.sub.deep"] == []


def test_externals_are_squashed_to_their_top_level_name() -> None:
    result = scan(
        {
            "app/__init__.py": "",
            "app/main.py": (
                "import os.path\nfrom fastapi.routing import APIRouter\n"
                "import yaml as y\nfrom sqlalchemy.orm import (\n    Session,\n)\n"
            ),
        }
    )
    rows = [(i.imported, i.line, i.external) for i in result.imports]
    assert rows == [
        ("os", 1, True),
        ("fastapi", 2, True),
        ("yaml", 3, True),
        ("sqlalchemy", 4, True),
    ]


def test_self_imports_are_dropped() -> None:
    result = scan(
        {
            "pkg/__init__.py": "from pkg import helper\n",
            "pkg/mod.py": "import pkg.mod\nfrom pkg.mod import x\nfrom . import mod\nimport pkg\n",
        }
    )
    assert [(i.importer, i.imported) for i in result.imports] == [("pkg.mod", "pkg")]


def test_import_context_is_carried_to_resolved_imports() -> None:
    result = scan(
        {
            "app/__init__.py": "",
            "app/a.py": "",
            "app/b.py": (
                "from typing import TYPE_CHECKING\n"
                "if TYPE_CHECKING:\n    from app import a\n"
                "def f():\n    import app.a\n"
            ),
        }
    )
    rows = [(i.imported, i.line, i.type_checking, i.in_function) for i in result.imports]
    assert rows == [
        ("typing", 1, False, False),
        ("app.a", 3, True, False),
        ("app.a", 5, False, True),
    ]
    assert [i.text for i in result.imports if i.line == 3] == ["from app import a"]


def test_files_with_non_importable_names_are_scripts_named_from_their_path() -> None:
    result = scan(
        {
            "app/__init__.py": "",
            "app/my-mod.py": "",
            "app/my_mod.py": "",
            "app/x.py": "from app import y\n",
            "app/0001_initial.py": "",
            "my-scripts/run.py": "import app\n",
        }
    )
    assert names(result) == {
        "app": "app/__init__.py",
        "app.my_mod": "app/my_mod.py",
        "app.x": "app/x.py",
        "app.0001_initial": "app/0001_initial.py",
        "my_scripts.run": "my-scripts/run.py",
    }
    assert [m.name for m in result.modules if m.script] == ["my_scripts.run"]
    assert ("my_scripts.run", "app") in internal(result)
    # a dashed file whose sanitised name is a real module's is reported, not merged
    assert [(s.path, s.reason) for s in result.skipped] == [
        ("app/my-mod.py", "not importable, and 'app.my_mod' is taken"),
    ]


# ---------------------------------------------------------------- the index itself


def test_an_index_rebuilt_from_its_parts_resolves_the_same() -> None:
    paths = ["src/a.py", "src/b.py", "src/pkg/__init__.py", "src/pkg/m.py"]
    keys = {"b", "pkg", "pkg.m", "src", "src.a"}
    index = ModuleIndex.build("/repo", paths, frozenset({"src/pkg"}), keys)
    again = ModuleIndex.from_parts(index.to_parts())
    statements, _ = extract_imports("import b\nfrom pkg import m\nimport src.a\nimport os\n")
    for module in index.modules:
        assert again.resolve(module, statements) == index.resolve(module, statements)
    assert again.source_roots == index.source_roots == (".", "src")
    assert [m.name for m in again.modules] == ["a", "b", "pkg", "pkg.m"]


def test_a_package_shadows_a_same_named_module_and_the_module_is_reported(tmp_path) -> None:
    from archbook import api

    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pkg.py").write_text("")
    (tmp_path / "main.py").write_text("import pkg\n")
    analysis = api.analyse(str(tmp_path), cache=False)
    assert [m.path for m in analysis.scan.modules if m.name == "pkg"] == ["pkg/__init__.py"]
    assert ("pkg.py", "shadowed by pkg/__init__.py (pkg)") in [
        (s.path, s.reason) for s in analysis.scan.skipped
    ]
    assert ("main", "pkg") in analysis.pairs


def test_names_imported_from_a_module_or_a_package_resolve_in_statement_order() -> None:
    # ``app.models`` has nothing indexed below it: all its names are found in it;
    # ``app`` has: a submodule name finds the submodule, any other name the package
    paths = ["app/__init__.py", "app/models.py", "app/db/__init__.py", "app/db/x.py", "main.py"]
    keys = {"app", "app.models", "app.db"}
    index = ModuleIndex.build("/repo", paths, frozenset({"app", "app/db"}), keys)
    statements, _ = extract_imports(
        "from app.models import User, Item\n"
        "from app import helper, models, db, *\n"
        "from app.db import x, y\n"
        "from app.db.x import z\n"
        "from app.missing import w\n"
        "import os.path\n"
    )
    main = next(m for m in index.modules if m.name == "main")
    assert [(i.imported, i.line, i.external) for i in index.resolve(main, statements)] == [
        ("app.models", 1, False),
        ("app", 2, False),
        ("app.models", 2, False),
        ("app.db", 2, False),
        ("app.db.x", 3, False),
        ("app.db", 3, False),
        ("app.db.x", 4, False),
        ("app", 5, False),
        ("os", 6, True),
    ]


def test_one_memo_shared_by_the_modules_of_a_pass_resolves_as_separate_calls() -> None:
    paths = ["pkg/__init__.py", "pkg/a.py", "pkg/sub/__init__.py", "pkg/sub/b.py", "top.py"]
    index = ModuleIndex.build("/repo", paths, frozenset({"pkg", "pkg/sub"}), {"pkg", "pkg.a"})
    # the same relative import names other modules from other packages
    statements, _ = extract_imports("from . import a, b\nfrom .. import sub\nimport pkg.a\n")
    memo: TargetMemo = {}
    for module in index.modules:
        assert index.resolve(module, statements, memo) == index.resolve(module, statements)
    assert memo  # the pass remembered what it found


def test_folders_of_paths_are_their_folders_and_parents_without_the_root() -> None:
    paths = ["src/app/domain/user.py", "src/app/api/routes.py", "main.py", "src/app/x.py"]
    assert folders_of(paths) == {"src", "src/app", "src/app/domain", "src/app/api"}
    assert folders_of(["main.py"]) == set()
