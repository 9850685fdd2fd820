"""Han characters and the pairs of a text's neighbours, as the lexicon's modules read them.

The tables file words of the CJK Unified Ideographs block (U+4E00–U+9FFF, where jieba's and the
curated words are); a character outside it is never a slip nor part of an expression here.
"""

from __future__ import annotations

import sys
from array import array


def is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def all_han(text: str) -> bool:
    return all(map(is_han, text))


def pair_codes(text: str) -> tuple[list[int], list[int]]:
    """The pairs of neighbours of ``text`` as numbers, the first character in the low 32 bits:
    those starting at even places (0-1, 2-3, …) and at odd ones (1-2, 3-4, …). The text is
    read as 8-byte little-endian numbers from its first character and from its second, in C:
    no string is made for a pair."""
    data = text.encode("utf-32-le", "surrogatepass")
    even = array("Q", data[: len(text) // 2 * 8])
    odd = array("Q", data[4 : 4 + (len(text) - 1) // 2 * 8]) if text else array("Q")
    if sys.byteorder == "big":
        even.byteswap()
        odd.byteswap()
    return even.tolist(), odd.tolist()


def first(code: int) -> str:
    """The first character of a pair made by ``pair_codes``."""
    return chr(code & 0xFFFFFFFF)


def second(code: int) -> str:
    return chr(code >> 32)
