"""Slips of the input method: a character typed for another with the same reading, found by
how much better the text reads with the other one.

A pinyin input method offers every character of a syllable, and picking the wrong one leaves
a character that forms no word with its neighbours (资金来源染道, 可学发现, 二登奖). So:

1. a character is looked at only when neither pair it forms with a neighbour occurs inside any
   word of the word list (an *orphan*): a bit table of those pairs, mapped from the cache,
   answers that per character without touching the word list;
2. its candidates are the characters that, put in its place, make a word of two to four
   characters with its neighbours and share its most used reading (the *masked* table files
   every word under each of its characters blanked out: ``?学`` holds 科, 化, 数 …);
3. a candidate counts by the *gain*: how much more probable the best reading of the few
   characters around it becomes, words scored by their frequency in the word list as jieba
   scores them (log of frequency over the total, a character unknown as a word scored below
   any word).

Both tables are compiled once from jieba's dictionary into the user cache, like the lexicon.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from reportlint.lexicon.compiled import Table, mapped, table
from reportlint.lexicon.sounds import primary, primary_readings, source_stamp
from reportlint.lexicon.words import jieba_dictionary, lexicon

FORMAT = "4"
MASK = "?"
SOUND = "="
PAIR_FREQUENCY = 4  # jieba's rarest entries (3 or less) are often fragments or misspellings
WINDOW = 4  # characters read on either side of the candidate
LONGEST = 6  # the longest word tried when reading the window
UNKNOWN = math.log(0.5)  # a character that is no word: below a word of frequency 1


class Slip(NamedTuple):
    at: int  # the character that looks mistyped
    meant: str  # the character that reads better there
    start: int  # where the word it completes begins
    word: str  # that word
    gain: float  # how much more probable the reading around it becomes (natural log)


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def _jieba_entries() -> Iterator[tuple[str, int]]:
    with open(jieba_dictionary(), encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) >= 2 and parts[1].isdigit():
                yield parts[0], int(parts[1])


def _compile_masked() -> bytes:
    """``?X<TAB>chars``: the characters that stand before X inside some word; ``X?``: after;
    ``=reading<TAB>chars``: the characters of words whose most used reading that is."""
    filed: dict[str, set[str]] = {}
    total = 0
    for word, frequency in _jieba_entries():
        total += frequency
        if frequency >= PAIR_FREQUENCY:
            for first, second in zip(word, word[1:], strict=False):
                if _is_han(first) and _is_han(second):
                    filed.setdefault(MASK + second, set()).add(first)
                    filed.setdefault(first + MASK, set()).add(second)
    in_words = {char for chars in filed.values() for char in chars}
    for char, reading in primary_readings().items():
        if char in in_words:
            filed.setdefault(SOUND + reading, set()).add(char)
    lines = [f"{key}\t{''.join(sorted(chars))}" for key, chars in filed.items()]
    return table([*lines, f"#total\t{total}"])


def _key() -> str:
    source = jieba_dictionary()
    stat = source.stat()
    stamp = f"{FORMAT}:{source}:{stat.st_size}:{stat.st_mtime_ns}:{source_stamp()}"
    return hashlib.sha256(stamp.encode()).hexdigest()


@lru_cache(maxsize=1)
def _masked() -> Table:
    return Table(mapped("masked", _key(), _compile_masked))


@lru_cache(maxsize=1)
def _log_total() -> float:
    line = _masked().line("#total")
    return math.log(int(line.split(b"\t")[1])) if line else 0.0


def in_a_word(pair: str) -> bool:
    """True when the two characters stand side by side in some word."""
    return pair[1] in _partners(pair[0] + MASK)


def used_in_words(char: str) -> bool:
    """True when some word of the list holds ``char`` beside another character."""
    return bool(_partners(char + MASK) or _partners(MASK + char))


def orphans(text: str) -> Iterator[int]:
    """The places of Han characters that form no word with either neighbour."""
    pairs = list(map(str.__add__, text, text[1:]))
    known = {pair: in_a_word(pair) for pair in set(pairs)}
    inside = [*map(known.__getitem__, pairs), False]
    before = False
    for i, char in enumerate(text):
        if not before and not inside[i] and _is_han(char):
            yield i
        before = inside[i]


@lru_cache(maxsize=16384)
def _partners(masked: str) -> str:
    line = _masked().line(masked)
    return line.split(b"\t")[1].decode("utf-8") if line else ""


def _candidates(text: str, at: int) -> set[str]:
    """Characters sharing the most used reading of ``text[at]`` that stand beside one of its
    neighbours inside some word."""
    reading = primary(text[at])
    if reading is None:
        return set()
    before = _partners(text[at - 1] + MASK) if at > 0 else ""
    after = _partners(MASK + text[at + 1]) if at + 1 < len(text) else ""
    return {c for c in _partners(SOUND + reading) if c != text[at] and (c in before or c in after)}


@lru_cache(maxsize=65536)
def _word_score(word: str) -> float | None:
    words = lexicon()
    if word not in words:
        return None
    return math.log(max(words.frequency(word), 1)) - _log_total()


def reading_score(run: str) -> float:
    """The log probability of the best reading of ``run`` as words (jieba's unigram model).
    A run is looked up only while its pairs stand inside words: most are not, and the bit
    table says so without a look-up."""
    unknown = UNKNOWN - _log_total()
    best = [0.0] * (len(run) + 1)
    for end in range(1, len(run) + 1):
        single = _word_score(run[end - 1])
        best[end] = best[end - 1] + (unknown if single is None else single)
        for start in range(end - 2, max(0, end - LONGEST) - 1, -1):
            if not in_a_word(run[start : start + 2]):
                break  # every longer run holds this pair too
            score = _word_score(run[start:end])
            if score is not None:
                best[end] = max(best[end], best[start] + score)
    return best[-1]


def _best_word(text: str, at: int) -> tuple[int, str] | None:
    """The longest (then most frequent) word of the lexicon covering ``text[at]``."""
    words = lexicon()
    best: tuple[int, int, int, str] | None = None
    for start in range(max(0, at - LONGEST + 1), at + 1):
        for end in range(start + 2, min(len(text), start + LONGEST) + 1):
            if not in_a_word(text[end - 2 : end]):
                break
            word = text[start:end]
            if end > at and word in words:
                key = (len(word), words.frequency(word), -start, word)
                best = key if best is None or key > best else best
    return (-best[2], best[3]) if best else None


def slips(text: str) -> Iterator[Slip]:
    """For each orphan character with a candidate, the candidate that gains most."""
    for at in orphans(text):
        start, end = at, at + 1
        while start > 0 and at - start < WINDOW and _is_han(text[start - 1]):
            start -= 1
        while end < len(text) and end - at <= WINDOW and _is_han(text[end]):
            end += 1
        window, offset = text[start:end], at - start
        candidates = _candidates(window, offset)
        if not candidates:
            continue
        before = reading_score(window)
        best: Slip | None = None
        for meant in sorted(candidates):
            mended = window[:offset] + meant + window[offset + 1 :]
            found = _best_word(mended, offset)
            if found is None:
                continue
            gain = reading_score(mended) - before
            if best is None or gain > best.gain:
                best = Slip(at, meant, start + found[0], found[1], gain)
        if best is not None:
            yield best
