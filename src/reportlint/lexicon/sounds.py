"""How characters sound: their readings without tones, from pypinyin's table (MIT).

The table is read from pypinyin's data file, never by importing pypinyin (whose import loads
its phrase dictionary and takes over a second), and compiled into ``readings-<key>.txt`` in
the user cache (``char<TAB>reading,reading``), bisected like the lexicon.
"""

from __future__ import annotations

import hashlib
import json
import mmap
import unicodedata
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from reportlint.lexicon.compiled import find_line, mapped, table


class ReadingsError(RuntimeError):
    """pypinyin's table cannot be found."""


def _source() -> Path:
    spec = find_spec("pypinyin")
    for location in (spec.submodule_search_locations if spec else None) or ():
        path = Path(location) / "pinyin_dict.json"
        if path.is_file():
            return path
    raise ReadingsError("pypinyin's table (pypinyin/pinyin_dict.json) is not installed: pip install pypinyin")


def _compile(source: Path) -> bytes:
    entries = json.loads(source.read_text(encoding="utf-8"))
    lines = []
    for code, readings in entries.items():
        toneless = sorted({_toneless(r) for r in readings.split(",")})
        lines.append(f"{chr(int(code))}\t{','.join(toneless)}")
    return table(lines)


def _toneless(reading: str) -> str:
    decomposed = unicodedata.normalize("NFD", reading).replace("u\u0308", "v")  # lü stays apart from lu
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _table() -> bytes | mmap.mmap:
    source = _source()
    stat = source.stat()
    key = hashlib.sha256(f"2:{source}:{stat.st_size}:{stat.st_mtime_ns}".encode()).hexdigest()
    return mapped("readings", key, lambda: _compile(source))


@lru_cache(maxsize=8192)
def readings(char: str) -> frozenset[str]:
    """The toneless readings of ``char`` (中 → {zhong}); empty for a character pypinyin lacks."""
    line = find_line(_table(), char)
    return frozenset(line.split(b"\t")[1].decode("utf-8").split(",")) if line else frozenset()


def sound_alike(a: str, b: str) -> bool:
    """True when two characters share a reading, tones aside (刑 for 行 in 依法刑政: xing)."""
    return not readings(a).isdisjoint(readings(b))
