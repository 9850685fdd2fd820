"""Reading a string against the word list: where words begin and end around a place in it.

A doubled character is the common case: 首都都市圈 is 首都 + 都市圈, and only a pair that no
reading explains (党的的建设) is a slip of the keyboard.
"""

from __future__ import annotations

from reportlint.lexicon.words import lexicon

# jieba gives its rarest entries (many of them fragments or misspellings) a frequency of 3 or
# less; a word counts here from the next step up.
MIN_FREQUENCY = 4
# A character that is this common as a one-character word (的, 在, 了, 是, 和) reads as a
# word on its own after another word (目的|的, 现在|在).
STANDALONE_FREQUENCY = 100_000
_LONGEST = 4  # characters of a word looked at on either side


def is_word(text: str) -> bool:
    return lexicon().frequency(text) >= MIN_FREQUENCY or lexicon().source(text) in ("official", "chengyu")


def words_read_it(text: str, start: int) -> bool:
    """True when the doubled character at ``text[start:start + 2]`` is two words or part of one."""
    return _spanned(text, start) or (_ends_at(text, start) and _begins_or_stands_alone(text, start + 1))


def straddled(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` reads as the tail of a word that begins before it and the head of
    one that ends after it (座落 in 一座|落成, 布署 in 公布|署名): two words, not a misspelling."""
    for split in range(start + 1, end):
        if any(is_word(text[first:split]) for first in range(max(0, split - _LONGEST), start)) and any(
            is_word(text[split:stop]) for stop in range(end + 1, min(len(text), split + _LONGEST) + 1)
        ):
            return True
    return False


def _spanned(text: str, start: int) -> bool:
    """A word covers both copies (常常, 不了了之, 的的确确)."""
    for first in range(max(0, start - _LONGEST + 2), start + 1):
        for end in range(start + 2, min(len(text), first + _LONGEST) + 1):
            if is_word(text[first:end]):
                return True
    return False


def _ends_at(text: str, position: int) -> bool:
    """A word of two or more characters ends on ``text[position]`` (首都, 共产党)."""
    return any(is_word(text[first : position + 1]) for first in range(max(0, position - _LONGEST + 1), position))


def _begins_or_stands_alone(text: str, position: int) -> bool:
    """A word of two or more characters begins on ``text[position]`` (都市, 党员), or that
    character is a common word by itself."""
    end = min(len(text), position + _LONGEST)
    return lexicon().frequency(text[position]) >= STANDALONE_FREQUENCY or any(
        is_word(text[position:stop]) for stop in range(position + 2, end + 1)
    )
