"""Long expressions by how they sound: the places in a text that read, syllable for syllable,
as a known expression of four characters or more but are written with other characters.

A pinyin input method turns a syllable string into words, and when it picks the wrong word of
the same reading the text is left with real words in a wrong place (联席会议 typed as 练习会议,
人民政府 as 人民征服): no character is out of place on its own, but the run sounds exactly like
a known expression. Each expression (jieba's words of four Han characters or more and the
curated lists) is filed under the most used readings of its first four characters; a text's
runs of four are looked up in a set of those keys, and only a run whose key is there reads
the expressions filed under it.
"""

from __future__ import annotations

import mmap
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import chain, compress, count
from operator import ne

from reportlint.base.digest import sha256
from reportlint.base.diskcache import file_stamp
from reportlint.lexicon import curated
from reportlint.lexicon.compiled import Table, mapped, table
from reportlint.lexicon.fixed import NearMiss
from reportlint.lexicon.han import all_han
from reportlint.lexicon.sounds import primary, primary_readings, source_stamp
from reportlint.lexicon.words import jieba_dictionary

FORMAT = "1"
KEY_LENGTH = 4  # the characters whose readings file an expression
KEYS = "#keys"  # the line that lists every key
NO_READING = "?"  # a character's reading in a text when it has none: no key holds it


def _key(readings: Iterable[str | None]) -> str | None:
    """The key of a run's readings (``lian,xi,hui,yi``), or None when a character has none."""
    listed = list(readings)
    return None if None in listed else ",".join(listed)  # type: ignore[arg-type]  # None ruled out


def compile_index(expressions: Iterable[str]) -> bytes:
    """``key<TAB>expression expression…`` a line, and ``#keys`` listing the keys (``Homophones``)."""
    readings = primary_readings()
    filed: dict[str, list[str]] = {}
    for word in sorted(set(expressions)):
        if len(word) >= KEY_LENGTH and all_han(word):
            key = _key(map(readings.get, word[:KEY_LENGTH]))
            if key is not None:
                filed.setdefault(key, []).append(word)
    lines = [f"{key}\t{' '.join(words)}" for key, words in filed.items()]
    return table([*lines, f"{KEYS}\t{' '.join(filed)}"])


class Homophones:
    """Look-ups in a compiled index (``compile_index``): the keys as a set, read once; the
    expressions of a key from the table when a text holds it."""

    def __init__(self, data: bytes | mmap.mmap) -> None:
        self._table = Table(data)
        line = self._table.line(KEYS)
        self._keys = frozenset(line.split(b"\t")[1].decode().split(" ")) if line else frozenset()

    @lru_cache(maxsize=16384)  # noqa: B019 - one index per process, kept for the process's life
    def _filed(self, key: str) -> tuple[tuple[int, ...], dict[str, list[str]]]:
        """The expressions filed under ``key`` by their readings in full, and their lengths. A
        run is a swap only where it reads as the whole expression, so one look-up for each
        length replaces a comparison with each expression (中华人民 files some 300 laws)."""
        line = self._table.line(key)
        by_reading: dict[str, list[str]] = {}
        for expression in line.split(b"\t")[1].decode().split(" ") if line else ():
            by_reading.setdefault(",".join(map(_reading, expression)), []).append(expression)
        lengths = {len(expression) for expressions in by_reading.values() for expression in expressions}
        return tuple(sorted(lengths)), by_reading

    def swaps(self, text: str) -> Iterator[NearMiss]:
        """Every run of ``text`` that reads as an expression, character for character by
        their most used readings, and differs from it in two characters side by side and
        nowhere else: one word of two characters typed for another of the same reading. The
        runs' keys are made and looked up by C-level maps; only a run whose key is filed and
        whose readings are an expression's in full is compared, and most of those are the
        expression written right."""
        readings = list(map(_reading, text))
        keys = map(",".join, zip(*(readings[k:] for k in range(KEY_LENGTH)), strict=False))
        for start in compress(count(), map(self._keys.__contains__, keys)):
            lengths, by_reading = self._filed(",".join(readings[start : start + KEY_LENGTH]))
            for length in lengths:
                for expression in by_reading.get(",".join(readings[start : start + length]), ()):
                    run = text[start : start + length]
                    odd = list(compress(count(), map(ne, run, expression)))
                    if len(odd) == 2 and odd[1] == odd[0] + 1:  # the two read alike: the readings are equal
                        yield NearMiss(start, expression, odd[0], 2)


@lru_cache(maxsize=16384)
def _reading(char: str) -> str:
    """The most used reading of ``char``, or ``NO_READING``."""
    return primary(char) or NO_READING


@lru_cache(maxsize=1)
def homophones() -> Homophones:
    """The index of jieba's words of four Han characters or more and the curated expressions,
    compiled once into the user cache like the lexicon."""
    source = jieba_dictionary()
    stamps = [FORMAT, source_stamp(), file_stamp(source), *curated.stamps()]
    key = sha256(":".join(stamps).encode()).hexdigest()
    return Homophones(mapped("homophones", key, lambda: compile_index(_expressions())))


def _expressions() -> Iterator[str]:
    with open(jieba_dictionary(), encoding="utf-8") as handle:
        words = (line.split(" ", 1)[0] for line in handle)
        yield from chain(words, curated.official(), curated.chengyu())
