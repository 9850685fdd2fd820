"""Fixed expressions (names of bodies, formulations, 成语) and the places in a text that miss
one of them by a single character.

Each expression is filed under two of its bigrams that share no character (one of three
characters, under all three of its pairs: it has no two such). One wrong character spoils at
most one of them (of a three-character expression's, two), so a near-miss is found by looking each bigram of the
text up once and comparing the few expressions filed under it. The two are the expression's
least shared bigrams: a bigram that many expressions contain (建设, 国家, 发展) is common in
any text too, and filing under it would compare dozens of expressions at every occurrence.
"""

from __future__ import annotations

import mmap
from collections import Counter
from collections.abc import Callable, Container, Iterable, Iterator
from functools import lru_cache, partial
from itertools import chain, compress, count
from operator import ne
from pathlib import Path

from reportlint.base.digest import sha256
from reportlint.base.diskcache import file_stamp
from reportlint.base.record import NamedTuple
from reportlint.lexicon import curated, places
from reportlint.lexicon.compiled import Table, mapped, table
from reportlint.lexicon.han import all_han, first, pair_codes, second
from reportlint.lexicon.words import jieba_dictionary, lexicon

FORMAT = "1"  # bump when the compiled index's layout changes


class NearMiss(NamedTuple):
    start: int  # where the run of text begins
    expression: str  # what it misses
    odd: int  # the offset of the (first) different character in the run
    width: int = 1  # how many different characters there are, side by side


class Expressions:
    """An index of expressions of three characters or more, each filed under two anchors: two
    pairs of its characters, side by side or one apart, that share no character (one of
    three characters, under all three of its pairs).

    One wrong character spoils at most one anchor (of a three-character expression, two), so a
    near-miss is found by looking up each pair of the text once and comparing the few
    expressions filed under it. The anchors are
    the expression's rarest pairs: first in ordinary text (``common``, a word list's frequency
    of the pair as a word; a pair one apart is no word), then among the expressions. So the
    common words of a report (工作, 经济, 服务) do not each call up the expressions that hold
    them: 信访工作 is filed under 信工 and 访作."""

    def __init__(self, expressions: Iterable[str], common: Callable[[str], int] = lambda pair: 0) -> None:
        filed = _filing(anchored(expressions, common))
        self._members: dict[int, Container[int]] = dict(filed)
        self._filed: Callable[[int, int], list[tuple[str, int]]] = lambda gap, code: filed[gap][code]

    @classmethod
    def read(cls, data: bytes | mmap.mmap) -> Expressions:
        """The index in ``compile_index``'s table: the anchors' pairs made a set of numbers
        by C-level maps (some 130,000, a few milliseconds), and the expressions under an
        anchor read from the table when the text holds that pair (a few thousand in a
        report). Choosing the anchors again would take seconds; filing every expression in
        a dictionary, half of one."""
        lines = Table(data)
        index = cls.__new__(cls)
        index._members = {gap: _codes((lines.line(f"#{gap}") or b"\t").split(b"\t")[1].decode()) for gap in (1, 2)}
        index._filed = lru_cache(maxsize=65536)(partial(_filed_in, lines))
        return index

    def near_misses(self, text: str) -> Iterator[NearMiss]:
        """Every run of ``text`` that differs from an expression in exactly one character.
        The text's pairs are made, as numbers, and looked up by C-level iterators (map,
        compress): a Python loop over every position would cost more than all other rules
        together."""
        seen = set()
        for gap, members in self._members.items():
            pairs = _pair_codes(text, gap)
            for at in compress(count(), map(members.__contains__, pairs)):
                for word, offset in self._filed(gap, pairs[at]):
                    start = at - offset
                    if start < 0 or (start, word) in seen:
                        continue
                    odd = _single_difference(text, start, word)
                    if odd is not None:
                        seen.add((start, word))
                        yield NearMiss(start, word, odd)


def _pair_codes(text: str, gap: int) -> list[int]:
    """For each place ``i``, ``text[i]`` and ``text[i + gap]`` as one number (the first in the
    low half), made in C: the pairs ``gap`` apart are the side-by-side pairs of every
    ``gap``-th character."""
    codes = [0] * max(0, len(text) - gap)
    for phase in range(gap):
        codes[phase::gap] = _side_by_side(text[phase::gap])
    return codes


def _side_by_side(text: str) -> list[int]:
    """The pairs of neighbours of ``text`` as numbers (``han.pair_codes``), in order."""
    even, odd = pair_codes(text)
    codes = [0] * max(0, len(text) - 1)
    codes[0::2], codes[1::2] = even, odd
    return codes


def _codes(pairs: str) -> frozenset[int]:
    """The pairs of characters of ``pairs`` (two a pair, side by side) as numbers."""
    return frozenset(pair_codes(pairs)[0])


def _filed_in(lines: Table, gap: int, code: int) -> list[tuple[str, int]]:
    """The expressions filed under the pair ``code`` ``gap`` apart, with the anchor's offset."""
    line = lines.line(f"{gap}{first(code)}{second(code)}")
    if line is None:
        return []
    entries = line.split(b"\t")[1].decode().split(" ")
    return [(word, int(offset)) for word, offset in (entry.split(",") for entry in entries)]


Anchored = tuple[str, tuple[tuple[int, int], ...]]  # an expression and its anchors: (offset, gap)


def anchored(expressions: Iterable[str], common: Callable[[str], int] = lambda pair: 0) -> Iterator[Anchored]:
    """Each expression of three characters or more with its anchors (``Expressions``)."""
    words = sorted({w for w in expressions if len(w) >= 3 and all_han(w)})
    shared = Counter(key for word in words for key in {_key(word, i, gap) for i, gap in _pairs(word)})
    weight = {key: (common(key[1:]) if key[0] == "1" else 0, n) for key, n in shared.items()}
    return ((word, _anchors(word, weight)) for word in words)


def compile_index(expressions: Iterable[str], common: Callable[[str], int] = lambda pair: 0) -> bytes:
    """The index as a compiled table (``Expressions.read``): ``#1`` and ``#2`` hold the
    anchors' pairs (side by side, one apart), and ``<gap><pair>`` the expressions filed under
    it, each with its anchor's offset (``信访工作,0``)."""
    filed = _filing(anchored(expressions, common))
    lines = [f"#{gap}\t" + "".join(first(code) + second(code) for code in codes) for gap, codes in filed.items()]
    for gap, codes in filed.items():
        for code, entries in codes.items():
            listed = " ".join(f"{word},{offset}" for word, offset in entries)
            lines.append(f"{gap}{first(code)}{second(code)}\t{listed}")
    return table(lines)


def _filing(entries: Iterable[Anchored]) -> dict[int, dict[int, list[tuple[str, int]]]]:
    """By gap, each anchor's pair as a number and the expressions filed under it."""
    filed: dict[int, dict[int, list[tuple[str, int]]]] = {1: {}, 2: {}}
    for word, anchors in entries:
        for offset, gap in anchors:
            code = ord(word[offset]) | ord(word[offset + gap]) << 32
            filed[gap].setdefault(code, []).append((word, offset))
    return filed


def curated_expressions(min_length: int, name_length: int) -> Expressions:
    """The curated names, formulations and 成语 of ``min_length`` Han characters or more, and
    the names of bodies and of divisions of ``name_length`` or more (教育部, 国务院, 永昌县), in
    one index: the text's pairs are made once. Compiled into the user cache like the general
    index: with the divisions' names, some 4,000 expressions, choosing the anchors takes a
    twentieth of a second, reading them back under a millisecond."""
    stamps = [FORMAT, str(min_length), str(name_length), file_stamp(jieba_dictionary())]
    key = sha256(":".join(stamps + curated.stamps()).encode()).hexdigest()
    build = partial(_curated, min_length, name_length)
    return Expressions.read(mapped("curated", key, lambda: compile_index(build(), lexicon().frequency)))


def _curated(min_length: int, name_length: int) -> Iterator[str]:
    """The curated expressions of ``min_length`` or more and names of ``name_length`` or more."""
    expressions = (w for w in curated.official() + curated.chengyu() if len(w) >= min_length)
    names = (w for w in chain(curated.names(), places.names()) if len(w) >= name_length)
    return (w for w in chain(expressions, names) if all_han(w))


def general_expressions() -> Expressions:
    """Every word of jieba's list of four Han characters or more that the curated lists do
    not hold (some 93,000), read from a compiled index in the user cache (built on first use,
    like the lexicon: choosing the anchors takes seconds, reading them back a few
    hundredths of one)."""
    source = jieba_dictionary()
    stamps = [FORMAT, file_stamp(source), *curated.stamps()]
    key = sha256(":".join(stamps).encode()).hexdigest()
    return Expressions.read(mapped("expressions", key, lambda: compile_index(_long_words(source), lexicon().frequency)))


def _long_words(source: Path) -> Iterator[str]:
    """jieba's words of four characters or more, less the curated expressions."""
    known = set(curated.official() + curated.chengyu())
    with open(source, encoding="utf-8") as handle:
        for line in handle:
            word = line.split(" ", 1)[0]
            if len(word) >= 4 and word not in known:
                yield word


def _pairs(word: str) -> list[tuple[int, int]]:
    """The places of the pairs an expression may be filed under: (offset, gap)."""
    return [(i, gap) for gap in (1, 2) for i in range(len(word) - gap)]


def _key(word: str, offset: int, gap: int) -> str:
    return f"{gap}{word[offset]}{word[offset + gap]}"


def _anchors(word: str, weight: dict[str, tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Two pairs of ``word`` with no character in common, the commoner of which is as rare
    as can be (in text, then among the expressions); of three characters, which have no two
    such pairs, all three pairs."""
    pairs = _pairs(word)
    if len(word) == 3:
        return tuple(pairs)
    rank = {pair: weight[_key(word, *pair)] for pair in pairs}

    def disjoint(bound: tuple[int, int]) -> list[tuple[tuple[int, int], tuple[int, int]]]:
        light = [pair for pair in pairs if rank[pair] <= bound]
        return [(a, b) for a in light for b in light if a < b and not {a[0], a[0] + a[1]} & {b[0], b[0] + b[1]}]

    # the lightest pairs first (a long name has hundreds of couples); four characters always have two
    return next(min(couples) for bound in sorted(set(rank.values())) if (couples := disjoint(bound)))


def _single_difference(text: str, start: int, word: str) -> int | None:
    """The offset of the only character where ``text`` at ``start`` differs from ``word``.
    Compared by a C-level map, not a Python loop: most runs an anchor finds differ in many
    characters, or in none (the expression written right)."""
    run = text[start : start + len(word)]
    if len(run) != len(word) or run == word:
        return None
    differs = list(map(ne, run, word))
    return differs.index(True) if differs.count(True) == 1 else None
