"""The cyclic garbage collector around a start and an exit.

A start makes objects that live as long as the process: modules, classes, the compiled rules,
the grammar's tables. The collector runs each time some hundreds of objects have been made and
walks the young ones, then every few runs all of them, to free nothing. Pausing it while they
are made and then freezing them (``gc.freeze``: later collections skip them, and forked
workers do not write to the pages that hold them) saves that work; so does freezing everything
before the interpreter's last collections at exit, which would free memory the system takes
back anyway. Nothing else changes: a collection is only put off, and objects made after a
start are collected as before.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """No collection inside the block; the collector is on again afterwards if it was before.
    Around one document: the outline of a big one is millions of objects in no cycle (20 MB of
    一、 lines is 2.86 M sections), which the collector would walk again and again, a quarter of
    the time. Cycles made meanwhile are collected afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def long_lived() -> Iterator[None]:
    """Make objects meant to last the whole process without the collector walking them, then
    freeze them."""
    with paused():
        try:
            yield
        finally:
            gc.freeze()


def before_exit() -> None:
    """Spare the interpreter's collections at exit the walk over every object still alive."""
    gc.freeze()
