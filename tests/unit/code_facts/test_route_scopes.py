"""route_scopes.statements: the statements route discovery reads, in source order."""

from __future__ import annotations

import ast
import textwrap

from archbook.application.code_facts.route_reading.route_scopes import statements

SOURCE = """
a = 1
try:
    b = 2
    if b:
        c = 3
    else:
        d = 4
except ValueError:
    e = 5
else:
    f = 6
finally:
    g = 7
match a:
    case 1:
        h = 8
    case _:
        i = 9
def j():
    not_entered = 1
class K:
    not_entered = 2
for m in range(3):
    n = 10
else:
    o = 11
with open("x") as p:
    q = 12
"""


def test_statements_depth_first_body_orelse_finalbody_then_handlers_and_cases() -> None:
    tree = ast.parse(textwrap.dedent(SOURCE))
    names = []
    for statement in statements(tree.body):
        if isinstance(statement, ast.Assign):
            names.append(ast.unparse(statement.targets[0]))
        elif isinstance(statement, ast.FunctionDef | ast.ClassDef):
            names.append(statement.name)
    # a Try's handlers come after its orelse and finalbody
    assert names == ["a", "b", "c", "d", "f", "g", "e", "h", "i", "j", "K", "n", "o", "q"]
