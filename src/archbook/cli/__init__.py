"""The ``archbook`` command line: one entry point, ``main`` (``run``, the
console script, calls it and exits at once).

``commands`` declares every command's arguments, maps errors to exit codes and
imports a command's module only when that command runs: ``layer_commands``
(analyse, graph, check), ``fact_commands`` (routes, facts, trace, lint-perf) and
``planning`` (features, plan; it also declares their arguments). ``options`` holds
what every command shares and ``text_reports`` the plain text they print.
"""

from archbook.cli.commands import main, run

__all__ = ["main", "run"]
