"""``python -m archbook.cli``: the same as the ``archbook`` command."""

import sys

from archbook.cli.commands import main

sys.exit(main())
