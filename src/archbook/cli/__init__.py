"""The ``archbook`` command line: one entry point, ``main``.

``commands`` declares the analysis commands and maps errors to exit codes,
``planning`` the planning commands, ``options`` what every command shares, and
``text_reports`` the plain text they print.
"""

from archbook.cli.commands import main

__all__ = ["main"]
