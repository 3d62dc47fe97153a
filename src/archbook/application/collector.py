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
    collecting afterwards, with what the block made in its oldest generation. What
    was young before the block is the caller's: it is collected first as usual (a
    young generation holds a few thousand objects at most), so only what the block
    made skips the young generations."""
    was_enabled = gc.isenabled()
    promote = was_enabled and _may_promote()
    if promote:
        gc.collect(1)
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if promote and _may_promote():
                _promote_all()
            gc.enable()


def _may_promote() -> bool:
    """Whether no object is frozen, by the program or by the interpreter (Python 3.12
    freezes a few hundred of its own at start-up): ``_promote_all`` would release
    them."""
    return gc.get_freeze_count() == 0


def _promote_all() -> None:
    """Move every tracked object to the oldest generation without examining any, and
    start the generation counts afresh: ``freeze`` moves them all aside and zeroes the
    counts, ``unfreeze`` puts them back as the oldest generation."""
    gc.freeze()
    gc.unfreeze()
