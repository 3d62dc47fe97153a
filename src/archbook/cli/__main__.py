"""``python -m archbook.cli``: the same as the ``archbook`` command."""

from archbook.cli.commands import run

run()
