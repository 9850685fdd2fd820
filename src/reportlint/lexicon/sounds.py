"""How characters sound: their readings without tones, from pypinyin's table (MIT), imported on
the first question only (the table is large and most documents never ask)."""

from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    from pypinyin.pinyin_dict import pinyin_dict

    return pinyin_dict


@lru_cache(maxsize=8192)
def readings(char: str) -> frozenset[str]:
    """The toneless readings of ``char`` (中 → {zhong}); empty for a character pypinyin lacks."""
    entry = _table().get(ord(char))
    if not entry:
        return frozenset()
    return frozenset(_toneless(reading) for reading in entry.split(","))


def _toneless(reading: str) -> str:
    decomposed = unicodedata.normalize("NFD", reading)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("u\u0308", "v")


def sound_alike(a: str, b: str) -> bool:
    """True when two characters share a reading, tones aside (推井 for 推进: jing)."""
    return not readings(a).isdisjoint(readings(b))
