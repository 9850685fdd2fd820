"""Fixed expressions (names of bodies, formulations, 成语) and the places in a text that miss
one of them by a single character.

Each expression is filed under two of its bigrams that share no character. One wrong
character spoils at most one of them, so a near-miss is found by looking each bigram of the
text up once and comparing the few expressions filed under it. The two are the expression's
least shared bigrams: a bigram that many expressions contain (建设, 国家, 发展) is common in
any text too, and filing under it would compare dozens of expressions at every occurrence.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from itertools import compress, count
from operator import ne
from typing import NamedTuple


class NearMiss(NamedTuple):
    start: int  # where the run of text begins
    expression: str  # what it misses
    odd: int  # the offset of the one different character in the run


class Expressions:
    """An index of expressions of four characters or more by their first and last bigrams."""

    def __init__(self, expressions: Iterable[str]) -> None:
        self.words = frozenset(w for w in expressions if len(w) >= 4)
        shared = Counter(b for word in self.words for b in {word[i : i + 2] for i in range(len(word) - 1)})
        self._filed: dict[str, list[tuple[str, int]]] = {}
        for word in sorted(self.words):
            for offset in _anchors(word, shared):
                self._filed.setdefault(word[offset : offset + 2], []).append((word, offset))

    def near_misses(self, text: str) -> Iterator[NearMiss]:
        """Every run of ``text`` that differs from an expression in exactly one character.
        The text's bigrams are made and looked up by C-level iterators (map, compress): a
        Python loop over every position would cost more than all other rules together."""
        filed = self._filed
        seen = set()
        bigrams = map(str.__add__, text, text[1:])
        for at in compress(count(), map(filed.__contains__, bigrams)):
            for word, offset in filed[text[at : at + 2]]:
                start = at - offset
                if start < 0 or (start, word) in seen:
                    continue
                odd = _single_difference(text, start, word)
                if odd is not None:
                    seen.add((start, word))
                    yield NearMiss(start, word, odd)


def _anchors(word: str, shared: Counter) -> tuple[int, int]:
    """The offsets of two disjoint bigrams of ``word`` that the fewest expressions share."""
    pairs = [(i, j) for i in range(len(word) - 3) for j in range(i + 2, len(word) - 1)]
    return min(pairs, key=lambda p: (max(shared[word[p[0] : p[0] + 2]], shared[word[p[1] : p[1] + 2]]), p))


def _single_difference(text: str, start: int, word: str) -> int | None:
    """The offset of the only character where ``text`` at ``start`` differs from ``word``.
    Compared by a C-level map, not a Python loop: most runs an anchor finds differ in many
    characters, or in none (the expression written right)."""
    run = text[start : start + len(word)]
    if len(run) != len(word) or run == word:
        return None
    differs = list(map(ne, run, word))
    return differs.index(True) if differs.count(True) == 1 else None
