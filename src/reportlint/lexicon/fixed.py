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
from collections.abc import Callable, Iterable, Iterator
from itertools import compress, count, repeat
from operator import lshift, ne, or_
from typing import NamedTuple


class NearMiss(NamedTuple):
    start: int  # where the run of text begins
    expression: str  # what it misses
    odd: int  # the offset of the one different character in the run


class Expressions:
    """An index of expressions of four characters or more, each filed under two anchors: two
    pairs of its characters, side by side or one apart, that share no character.

    One wrong character spoils at most one anchor, so a near-miss is found by looking up each
    pair of the text once and comparing the few expressions filed under it. The anchors are
    the expression's rarest pairs: first in ordinary text (``common``, a word list's frequency
    of the pair as a word; a pair one apart is no word), then among the expressions. So the
    common words of a report (工作, 经济, 服务) do not each call up the expressions that hold
    them: 信访工作 is filed under 信工 and 访作."""

    def __init__(self, expressions: Iterable[str], common: Callable[[str], int] = lambda pair: 0) -> None:
        self.words = frozenset(w for w in expressions if len(w) >= 4)
        shared = Counter(key for word in self.words for key in {_key(word, i, gap) for i, gap in _pairs(word)})
        weight = {key: (common(key[1:]) if key[0] == "1" else 0, n) for key, n in shared.items()}
        self._filed: dict[int, dict[int, list[tuple[str, int]]]] = {1: {}, 2: {}}
        for word in sorted(self.words):
            for offset, gap in _anchors(word, weight):
                code = ord(word[offset]) | ord(word[offset + gap]) << 32
                self._filed[gap].setdefault(code, []).append((word, offset))

    def near_misses(self, text: str) -> Iterator[NearMiss]:
        """Every run of ``text`` that differs from an expression in exactly one character.
        The text's pairs are made, as numbers, and looked up by C-level iterators (map,
        compress): a Python loop over every position would cost more than all other rules
        together."""
        seen = set()
        codes = list(map(ord, text))
        for gap, filed in self._filed.items():
            pairs = map(or_, codes, map(lshift, codes[gap:], repeat(32)))
            for at in compress(count(), map(filed.__contains__, pairs)):
                for word, offset in filed[codes[at] | codes[at + gap] << 32]:
                    start = at - offset
                    if start < 0 or (start, word) in seen:
                        continue
                    odd = _single_difference(text, start, word)
                    if odd is not None:
                        seen.add((start, word))
                        yield NearMiss(start, word, odd)


def _pairs(word: str) -> list[tuple[int, int]]:
    """The places of the pairs an expression may be filed under: (offset, gap)."""
    return [(i, gap) for gap in (1, 2) for i in range(len(word) - gap)]


def _key(word: str, offset: int, gap: int) -> str:
    return f"{gap}{word[offset]}{word[offset + gap]}"


def _anchors(word: str, weight: dict[str, tuple[int, int]]) -> tuple[tuple[int, int], tuple[int, int]]:
    """Two pairs of ``word`` with no character in common, the commoner of which is as rare
    as can be (in text, then among the expressions)."""
    pairs = _pairs(word)
    disjoint = [(a, b) for a in pairs for b in pairs if a < b and not {a[0], a[0] + a[1]} & {b[0], b[0] + b[1]}]
    return min(disjoint, key=lambda ab: (max(weight[_key(word, *ab[0])], weight[_key(word, *ab[1])]), ab))


def _single_difference(text: str, start: int, word: str) -> int | None:
    """The offset of the only character where ``text`` at ``start`` differs from ``word``.
    Compared by a C-level map, not a Python loop: most runs an anchor finds differ in many
    characters, or in none (the expression written right)."""
    run = text[start : start + len(word)]
    if len(run) != len(word) or run == word:
        return None
    differs = list(map(ne, run, word))
    return differs.index(True) if differs.count(True) == 1 else None
