"""CodeModel: modules parsed from text, names resolved across them (imports, relative
imports, re-exports, attributes on modules), classes with their qualified bases.

Every expectation below is worked out from the little repository in ``SOURCES``.
"""

from __future__ import annotations

import ast
import textwrap

import pytest

from archbook.application.code_facts.code_model import CodeModel
from archbook.domain.source import Module

SOURCES: dict[str, tuple[str, str | None, bool]] = {
    # module name: (path, text, is_package)
    "pkg": (
        "pkg/__init__.py",
        """
        from pkg.models.user import User
        from .models import order as order_module
        """,
        True,
    ),
    "pkg.models": ("pkg/models/__init__.py", "", True),
    "pkg.models.user": (
        "pkg/models/user.py",
        """
        from abc import ABC
        from dataclasses import dataclass


        class Base(ABC):
            pass


        @dataclass
        class User(Base):
            name: str

            async def load(self) -> None: ...

            def save(self) -> None: ...
        """,
        False,
    ),
    "pkg.models.order": (
        "pkg/models/order.py",
        """
        from typing import TYPE_CHECKING

        from ..models.user import User
        from . import user
        import pkg.models.user as u
        import os.path

        try:
            import ujson as json
        except ImportError:
            import json


        class Order(User):
            pass


        class Special(user.User):
            pass


        DEFAULT: int = 3
        TIMEOUT = 5
        limit: int

        if TYPE_CHECKING:

            class Hidden:
                pass


        def helper() -> int:
            return TIMEOUT
        """,
        False,
    ),
    "pkg.services.svc": (
        "pkg/services/svc.py",
        """
        from pkg import User
        from pkg.models import order


        class Svc(order.Order):
            def run(self) -> None:
                User(name="x")
        """,
        False,
    ),
    "pkg.cycle_a": ("pkg/cycle_a.py", "from pkg.cycle_b import Thing\n", False),
    "pkg.cycle_b": ("pkg/cycle_b.py", "from pkg.cycle_a import Thing\n", False),
    "pkg.broken": ("pkg/broken.py", "def broken(:\n    pass\n", False),
    "pkg.unreadable": ("pkg/unreadable.py", None, False),
}


def build(sources: dict[str, tuple[str, str | None, bool]] = SOURCES) -> CodeModel:
    return CodeModel.build(
        (
            Module(name, path, is_package),
            None if text is None else textwrap.dedent(text).lstrip("\n"),
        )
        for name, (path, text, is_package) in sources.items()
    )


@pytest.fixture(scope="module")
def model() -> CodeModel:
    return build()


def expr(source: str) -> ast.expr:
    return ast.parse(source, mode="eval").body


# ------------------------------------------------------------------------ parsing


def test_a_syntax_error_is_a_problem_not_an_exception(model: CodeModel) -> None:
    assert "pkg.broken" not in model.modules
    assert len(model.problems) == 1
    assert model.problems[0].startswith("pkg/broken.py: not parsed (SyntaxError: ")


def test_unreadable_text_is_left_out_silently(model: CodeModel) -> None:
    assert "pkg.unreadable" not in model.modules
    assert not any("unreadable" in problem for problem in model.problems)


def test_null_bytes_are_a_problem_too() -> None:
    broken = build({"m": ("m.py", "x = 1\x00\n", False)})
    assert broken.modules == {}
    assert broken.problems[0].startswith("m.py: not parsed (")


def test_modules_keep_their_paths_and_lines(model: CodeModel) -> None:
    order = model.modules["pkg.models.order"]
    assert order.path == "pkg/models/order.py"
    assert order.line(1) == "from typing import TYPE_CHECKING"
    assert order.line(8) == "try:"
    assert order.line(9) == "import ujson as json"
    assert order.line(0) == ""
    assert order.line(len(order.lines) + 1) == ""


def test_classes_methods_and_functions_with_their_lines(model: CodeModel) -> None:
    user = model.classes["pkg.models.user:User"]
    assert (user.name, user.module, user.line) == ("User", "pkg.models.user", 10)
    assert list(user.methods) == ["load", "save"]
    assert user.methods["load"].qualname == "pkg.models.user:User.load"
    assert user.methods["load"].line == 13
    assert user.methods["load"].is_async
    assert not user.methods["save"].is_async
    helper = model.modules["pkg.models.order"].functions["helper"]
    assert (helper.qualname, helper.line) == ("pkg.models.order:helper", 32)


def test_definitions_under_if_and_try_count(model: CodeModel) -> None:
    order = model.modules["pkg.models.order"]
    assert "Hidden" in order.classes
    assert set(order.assignments) == {"DEFAULT", "TIMEOUT"}  # `limit: int` binds nothing


def test_every_class_is_indexed_by_qualified_name(model: CodeModel) -> None:
    assert set(model.classes) == {
        "pkg.models.user:Base",
        "pkg.models.user:User",
        "pkg.models.order:Order",
        "pkg.models.order:Special",
        "pkg.models.order:Hidden",
        "pkg.services.svc:Svc",
    }


def test_external_distributions_are_recorded(model: CodeModel) -> None:
    assert model.modules["pkg.models.user"].externals == {"abc", "dataclasses"}
    assert model.modules["pkg.models.order"].externals == {"typing", "ujson", "json", "os"}
    assert model.modules["pkg.services.svc"].externals == set()


# ------------------------------------------------------------------------ bindings


def test_import_bindings_absolute_relative_and_aliased(model: CodeModel) -> None:
    bindings = model.modules["pkg.models.order"].bindings
    assert bindings["User"] == "pkg.models.user:User"  # from ..models.user import User
    assert bindings["user"] == "pkg.models.user"  # from . import user: a module
    assert bindings["u"] == "pkg.models.user"  # import pkg.models.user as u
    assert bindings["os"] == "os"  # import os.path binds os
    assert bindings["TYPE_CHECKING"] == "typing:TYPE_CHECKING"
    assert model.modules["pkg"].bindings["order_module"] == "pkg.models.order"


def test_resolve_name_local_imported_and_unknown(model: CodeModel) -> None:
    assert model.resolve_name("pkg.models.order", "Order") == "pkg.models.order:Order"
    assert model.resolve_name("pkg.models.order", "TIMEOUT") == "pkg.models.order:TIMEOUT"
    assert model.resolve_name("pkg.models.order", "helper") == "pkg.models.order:helper"
    assert model.resolve_name("pkg.models.order", "User") == "pkg.models.user:User"
    assert model.resolve_name("pkg.models.order", "len") == "len"
    assert model.resolve_name("not.parsed", "X") == "not.parsed:X"


def test_reexports_are_followed_to_the_definition(model: CodeModel) -> None:
    # pkg.services.svc: `from pkg import User`; pkg/__init__.py re-exports it.
    assert model.modules["pkg.services.svc"].bindings["User"] == "pkg:User"
    assert model.resolve_name("pkg.services.svc", "User") == "pkg.models.user:User"
    assert model.follow("pkg:User") == "pkg.models.user:User"


def test_follow_stops_on_a_reexport_cycle(model: CodeModel) -> None:
    assert model.follow("pkg.cycle_a:Thing") in {"pkg.cycle_a:Thing", "pkg.cycle_b:Thing"}


def test_follow_leaves_outside_names_alone(model: CodeModel) -> None:
    assert model.follow("abc:ABC") == "abc:ABC"
    assert model.follow("pkg.models.user") == "pkg.models.user"


def test_resolve_expr_attributes_on_modules(model: CodeModel) -> None:
    order = "pkg.models.order"
    assert model.resolve_expr(order, expr("user.User")) == "pkg.models.user:User"
    assert model.resolve_expr(order, expr("u.User")) == "pkg.models.user:User"
    assert model.resolve_expr("pkg", expr("pkg.models")) == "pkg.models"
    assert model.resolve_expr("pkg", expr("pkg.models.user")) == "pkg.models.user"
    assert model.resolve_expr(order, expr("os.path.join")) == "os.path.join"
    assert model.resolve_expr(order, expr("Order.confirm")) == "pkg.models.order:Order.confirm"


def test_resolve_expr_subscripts_and_other_expressions(model: CodeModel) -> None:
    order = "pkg.models.order"
    assert model.resolve_expr(order, expr("list[User]")) == "list"
    assert model.resolve_expr(order, expr("user.User[int]")) == "pkg.models.user:User"
    assert model.resolve_expr(order, expr("make(1)")) == "make(1)"
    assert model.resolve_expr(order, expr("'text'")) == "'text'"


# --------------------------------------------------------------------- class graph


def test_bases_are_qualified(model: CodeModel) -> None:
    assert model.classes["pkg.models.user:Base"].bases == ["abc:ABC"]
    assert model.classes["pkg.models.user:User"].bases == ["pkg.models.user:Base"]
    assert model.classes["pkg.models.order:Order"].bases == ["pkg.models.user:User"]
    assert model.classes["pkg.models.order:Special"].bases == ["pkg.models.user:User"]
    assert model.classes["pkg.services.svc:Svc"].bases == ["pkg.models.order:Order"]


def test_ancestors_are_transitive_across_modules(model: CodeModel) -> None:
    assert model.ancestors(model.classes["pkg.services.svc:Svc"]) == {
        "pkg.models.order:Order",
        "pkg.models.user:User",
        "pkg.models.user:Base",
        "abc:ABC",
    }


def test_subclasses_of_a_class(model: CodeModel) -> None:
    found = {k.qualname for k in model.subclasses_of("pkg.models.user:User")}
    assert found == {"pkg.models.order:Order", "pkg.models.order:Special", "pkg.services.svc:Svc"}
    assert {k.qualname for k in model.subclasses_of("pkg.services.svc:Svc")} == set()


def test_function_lookup(model: CodeModel) -> None:
    load = model.function("pkg.models.user:User.load")
    assert load is not None and load.name == "load"
    helper = model.function("pkg.models.order:helper")
    assert helper is not None and helper.qualname == "pkg.models.order:helper"
    assert model.function("pkg.models.user:User.missing") is None
    assert model.function("pkg.models.user:Nope.load") is None
    assert model.function("not.parsed:f") is None
    # Inherited methods are not the subclass's own.
    assert model.function("pkg.services.svc:Svc.load") is None


def test_a_namespace_folder_of_the_repository_is_not_external() -> None:
    """``from ns import x`` where ``ns`` is no module but holds ``ns.deep.mod``: internal;
    ``from nsx import y`` (a name that only starts like it) stays external."""
    built = build(
        {
            "ns.deep.mod": ("ns/deep/mod.py", "X = 1\n", False),
            "app": (
                "app.py",
                "from ns import deep\nfrom ns.deep import mod\nfrom nsx import y\n",
                False,
            ),
        }
    )
    assert built.modules["app"].externals == {"nsx"}


def test_every_call_is_gathered_outer_before_inner() -> None:
    built = build({"m": ("m.py", "def f():\n    return g(h(1))\n\nx = k()\n", False)})
    names = [ast.unparse(call.func) for call in built.modules["m"].calls]
    assert sorted(names) == ["g", "h", "k"]
    assert names.index("g") < names.index("h")


# A module using every kind of statement that holds statements or calls: the model's
# own walks must meet its calls and imports in the order ``ast.walk`` does.
EVERY_SHAPE = """
import os
import a.b as alias
from . import sibling

@decorate(arg())
class Shape(Base(make()), metaclass=meta()):
    field: int = default()
    import inside_class

    def method(self, x=fallback()):
        global counter
        from pkg import alias
        return [f(y) for y in g() if h(y)] or {**spread(), "k": v()}

try:
    import maybe
except (ImportError, TypeError) as error:
    from pkg import maybe
else:
    call_else()
finally:
    call_finally()

match command():
    case {"x": 1, **rest} if guard():
        import matched
    case Point(x=0, y=_):
        other()

with open_it() as handle, lock():
    for item in items():
        while check(item):
            lam = lambda z: inner(z)
            text = f"{fmt(item)!r:>{width()}}"
    else:
        from pkg import later as alias
"""


def test_calls_and_imports_are_met_in_the_order_ast_walk_meets_them() -> None:
    built = build({"pkg.shape": ("pkg/shape.py", EVERY_SHAPE, False)})
    module = built.modules["pkg.shape"]
    walked = [node for node in ast.walk(module.tree) if isinstance(node, ast.Call)]
    assert [id(call) for call in module.calls] == [id(call) for call in walked]
    assert module.calls is module.calls  # gathered once
    # the last import of a name ast.walk meets binds it: the nested ones come after
    # the module-level `import a.b as alias`, the deepest (in the for-else) last
    assert module.bindings["alias"] == "pkg:later"
    assert module.bindings["maybe"] == "pkg:maybe"
    assert {"inside_class", "matched", "os", "sibling"} <= set(module.bindings)
    assert module.externals == {"os", "a", "inside_class", "maybe", "matched"}


TEST_FILE = """
from pkg.models.user import User


class FakeUsers:
    def get(self, user_id: int) -> User:
        return User(user_id)


def make_user() -> User:
    return User(1)


def test_get_returns_the_user() -> None:
    users = FakeUsers()
    assert users.get(1) == make_user()


class TestUsers:
    async def test_async(self) -> None:
        assert FakeUsers().get(2)

    def helper(self) -> int:
        return 3
"""


@pytest.mark.parametrize(
    "path", ["tests/test_users.py", "tests/users_test.py", "tests/conftest.py"]
)
def test_the_bodies_of_test_functions_are_dropped_and_nothing_else(path: str) -> None:
    """A test function's body holds no fact, and in a large repository test bodies are
    about half of all syntax nodes: they are emptied in test files (``test_*``,
    ``*_test``), lines kept; fakes, helpers and fixtures keep theirs."""
    text = textwrap.dedent(TEST_FILE)
    model = CodeModel.build([(Module("tests.users", path), text)]).modules["tests.users"]
    dropped = not path.endswith("conftest.py")
    kept = {"FakeUsers.get": 1, "make_user": 1, "TestUsers.helper": 1}
    emptied = {"test_get_returns_the_user": 2, "TestUsers.test_async": 1}
    for name, size in {**kept, **emptied}.items():
        owner, _, method = name.rpartition(".")
        function = model.classes[owner].methods[method] if owner else model.functions[name]
        body = function.node.body
        if dropped and name in emptied:
            assert [type(s).__name__ for s in body] == ["Pass"], name
            assert body[0].lineno == function.line + 1
        else:
            assert len(body) == size, name
    test = model.functions["test_get_returns_the_user"].node
    # it starts where it did; emptied, it ends at its stand-in
    assert (test.lineno, test.end_lineno) == (14, 15 if dropped else 16)
    assert model.line(16) == "assert users.get(1) == make_user()"
