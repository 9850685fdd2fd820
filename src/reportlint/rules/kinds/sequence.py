"""Where a run of numbers (heading numbers, enumeration items) breaks step.

Shared by the ``numbering`` and ``enumeration`` kinds, so both report a slip the same way: a
run counts up from one; a number that is neither one more than the last nor equal to its place
in the run is out of step. Checking the place as well keeps one slip to one finding: in
一是…三是…三是 only the first 三是 is wrong, and in （一）（二）（四）（五） only （四）.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence


def breaks(numbers: Sequence[int], restart_at_one: bool) -> Iterator[tuple[int, int]]:
    """``(index, expected)`` for each number out of step. With ``restart_at_one`` a 1 anywhere
    starts a new run (two lists in one body); otherwise a later 1 is a repeat."""
    previous = place = 0
    for index, number in enumerate(numbers):
        place += 1
        if number == 1 and (restart_at_one or index == 0):
            previous = place = 1
            continue
        if number != previous + 1 and number != place:
            yield index, previous + 1
        previous = number
