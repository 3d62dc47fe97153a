"""The cyclic garbage collector, paused around allocation-heavy work.

Scanning and parsing a repository allocate millions of tuples and AST nodes that
form no reference cycles (reference counting alone frees them); with the collector
on, each full collection scans all of them again, which on a 20k-module repository
costs as much as the work itself. One place decides it for the scan, the code
facts and the command line.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Run a block with the cyclic collector off, then restore it as it was — even
    when the block raises — so a Jupyter kernel or an embedding program keeps
    collecting afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
