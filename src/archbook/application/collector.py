"""The cyclic garbage collector, paused around allocation-heavy work.

Scanning and parsing a repository allocate millions of tuples and AST nodes that
form no reference cycles (reference counting alone frees them); with the collector
on, each full collection scans all of them again, which on a 20k-module repository
costs as much as the work itself. One place decides it for the scan, the code
facts and the command line.

What such a block leaves behind (a scan, its analysis) is long-lived. Left in the
youngest generation, all of it would be examined by the first collection after the
block (2.7 ms after a scan of django) and again on its promotion, to be found alive
both times; it goes to the oldest generation at once instead, where only full
collections examine it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Run a block with the cyclic collector off, then restore it as it was — even
    when the block raises — so a Jupyter kernel or an embedding program keeps
    collecting afterwards, with what the block made in its oldest generation."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            _promote_all()
            gc.enable()


def _promote_all() -> None:
    """Move every tracked object to the oldest generation without examining any, and
    start the generation counts afresh: ``freeze`` moves them all aside and zeroes the
    counts, ``unfreeze`` puts them back as the oldest generation. Skipped when some
    objects are frozen already, by the program or by the interpreter (Python 3.12
    freezes a few hundred of its own at start-up): ``unfreeze`` would release them."""
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()
