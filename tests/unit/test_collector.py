"""The cyclic collector paused around allocation-heavy work, and what it leaves behind."""

from __future__ import annotations

import gc
import weakref

import pytest

from archbook.application.collector import paused_gc


def test_the_collector_is_paused_for_a_block_and_restored_even_on_errors() -> None:
    was_enabled = gc.isenabled()
    try:
        gc.enable()
        with pytest.raises(RuntimeError), paused_gc():
            assert not gc.isenabled()
            raise RuntimeError("boom")
        assert gc.isenabled()
        gc.disable()
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()  # a caller that had it off keeps it off
    finally:
        (gc.enable if was_enabled else gc.disable)()


def test_what_a_paused_block_made_is_promoted_to_the_oldest_generation() -> None:
    """The first collection after a scan must not examine everything the scan made;
    a cycle made in the block is still found by a full collection, one made before is
    collected as usual, and objects frozen before (by the program, or by Python 3.12
    itself at start-up) stay frozen: the collector is then left as it was."""

    class Node:
        loop: object = None

    def cycle() -> weakref.ref[Node]:
        node = Node()
        node.loop = node
        return weakref.ref(node)

    def block() -> tuple[list[list[int]], weakref.ref[Node]]:
        with paused_gc():
            made = [[index] for index in range(50_000)]
            garbage = cycle()
            assert gc.get_count()[0] > 40_000  # counted, never collected in the block
        return made, garbage

    was_enabled = gc.isenabled()
    try:
        gc.enable()
        gc.collect()
        frozen = gc.get_freeze_count()
        made, garbage = block()
        assert gc.get_freeze_count() == frozen
        if frozen == 0:
            assert gc.get_count()[0] < 1_000
            oldest = {id(item) for item in gc.get_objects(generation=2)}
            assert id(made[123]) in oldest and id(made) in oldest
            assert id(garbage()) in oldest
        gc.collect()
        assert garbage() is None  # the cycle is garbage a full collection still frees

        before = cycle()  # the caller's young garbage: collected as usual on entry
        with paused_gc():
            assert before() is None or frozen != 0

        del made
        gc.freeze()  # a program that froze its own objects (as pre-forking servers do)
        try:
            frozen = gc.get_freeze_count()
            more, _ = block()
            assert gc.get_freeze_count() == frozen
            assert id(more) not in {id(item) for item in gc.get_objects(generation=2)}
        finally:
            gc.unfreeze()
    finally:
        (gc.enable if was_enabled else gc.disable)()
