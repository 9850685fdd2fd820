"""Fixed expressions (names of bodies, formulations, 成语) and the places in a text that miss
one of them by a single character.

Each expression is filed under two bigrams that share no character: its first two and its
last two characters. One wrong character spoils at most one of them, so a near-miss is found
by looking each bigram of the text up once and comparing the few expressions filed under it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import NamedTuple


class NearMiss(NamedTuple):
    start: int  # where the run of text begins
    expression: str  # what it misses
    odd: int  # the offset of the one different character in the run


class Expressions:
    """An index of expressions of four characters or more by their first and last bigrams."""

    def __init__(self, expressions: Iterable[str]) -> None:
        self.words = frozenset(expressions)
        self._filed: dict[str, list[tuple[str, int]]] = {}
        for word in self.words:
            for offset in {0, len(word) - 2}:
                self._filed.setdefault(word[offset : offset + 2], []).append((word, offset))

    def near_misses(self, text: str) -> Iterator[NearMiss]:
        """Every run of ``text`` that differs from an expression in exactly one character."""
        filed = self._filed
        seen = set()
        for at in range(len(text) - 1):
            entries = filed.get(text[at : at + 2])
            if entries is None:
                continue
            for word, offset in entries:
                start = at - offset
                if start < 0 or (start, word) in seen:
                    continue
                odd = _single_difference(text, start, word)
                if odd is not None:
                    seen.add((start, word))
                    yield NearMiss(start, word, odd)


def _single_difference(text: str, start: int, word: str) -> int | None:
    """The offset of the only character where ``text`` at ``start`` differs from ``word``."""
    run = text[start : start + len(word)]
    if len(run) != len(word):
        return None
    odd = None
    for index, (have, want) in enumerate(zip(run, word, strict=True)):
        if have != want:
            if odd is not None:
                return None
            odd = index
    return odd
