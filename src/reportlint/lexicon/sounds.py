"""How characters sound: their readings without tones, from pypinyin's table (MIT).

The table is read from pypinyin's data file, never by importing pypinyin (whose import loads
its phrase dictionary and takes over a second), and compiled into ``readings-<key>.txt`` in
the user cache (``char<TAB>reading,reading``, the most used first), bisected like the lexicon.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from reportlint.base.digest import sha256
from reportlint.base.diskcache import file_stamp
from reportlint.base.i18n import _
from reportlint.lexicon.compiled import Table, mapped, table


class ReadingsError(RuntimeError):
    """pypinyin's table cannot be found."""


def _source() -> Path:
    spec = find_spec("pypinyin")
    for location in (spec.submodule_search_locations if spec else None) or ():
        path = Path(location) / "pinyin_dict.json"
        if path.is_file():
            return path
    raise ReadingsError(_("pypinyin's table (pypinyin/pinyin_dict.json) is not installed: pip install pypinyin"))


def _all_readings(source: Path) -> dict[str, list[str]]:
    """Every character's toneless readings in pypinyin's order (the most used first)."""
    entries = json.loads(source.read_text(encoding="utf-8"))
    return {
        chr(int(code)): list(dict.fromkeys(_toneless(r) for r in readings.split(",")))
        for code, readings in entries.items()
    }


def _compile(source: Path) -> bytes:
    return table([f"{char}\t{','.join(toneless)}" for char, toneless in _all_readings(source).items()])


def primary_readings() -> dict[str, str]:
    """Every character's most used reading, for tables compiled from it."""
    return {char: toneless[0] for char, toneless in _all_readings(_source()).items()}


def source_stamp() -> str:
    """What identifies the readings' source, for the keys of tables compiled from it."""
    return file_stamp(_source())


def _toneless(reading: str) -> str:
    decomposed = unicodedata.normalize("NFD", reading).replace("u\u0308", "v")  # lü stays apart from lu
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _table() -> Table:
    key = sha256(f"3:{source_stamp()}".encode()).hexdigest()
    return Table(mapped("readings", key, lambda: _compile(_source())))


@lru_cache(maxsize=8192)
def readings(char: str) -> frozenset[str]:
    """The toneless readings of ``char`` (中 → {zhong}); empty for a character pypinyin lacks."""
    line = _table().line(char)
    return frozenset(line.split(b"\t")[1].decode("utf-8").split(",")) if line else frozenset()


@lru_cache(maxsize=8192)
def primary(char: str) -> str | None:
    """The most used reading of ``char`` (pypinyin lists it first; 行 → xing), or None."""
    line = _table().line(char)
    return line.split(b"\t")[1].decode("utf-8").split(",")[0] if line else None


def sound_alike(a: str, b: str) -> bool:
    """True when two characters share a reading, tones aside (刑 for 行 in 依法刑政: xing)."""
    return not readings(a).isdisjoint(readings(b))


# 模糊音: pairs of initials and of whole finals that many input methods offer as one syllable,
# for speakers who do not tell them apart: z/zh, c/ch, s/sh, l/n; an/ang, en/eng, in/ing. Only a
# whole final is merged: xiang keeps its iang apart from xian's ian, guang its uang from guan's
# uan, and so do yang/yan and wang/wan, whose y and w spell the i and u (ying/yin is in/ing).
_FUZZY_INITIALS = {"zh": "z", "ch": "c", "sh": "s", "n": "l"}
_FUZZY_FINALS = {"ang": "an", "eng": "en", "ing": "in"}
_INITIAL = re.compile("[zcs]h|[bpmfdtnlgkhjqxrzcs]")


def _blurred(reading: str) -> str:
    """``reading`` with each fuzzy pair merged into one (zhi → zi, ming → min, sheng → sen)."""
    if reading.startswith("y") or reading.startswith("w"):
        return "yin" if reading == "ying" else reading
    match = _INITIAL.match(reading)
    initial = match.group() if match else ""
    final = reading[len(initial) :]
    return _FUZZY_INITIALS.get(initial, initial) + _FUZZY_FINALS.get(final, final)


def fuzzy_alike(a: str, b: str) -> bool:
    """True when two characters share a reading with the fuzzy pairs merged (只 zhi for 资 zi,
    名 ming for 民 min): an input method set to 模糊音 offers both for one syllable."""
    return not {_blurred(r) for r in readings(a)}.isdisjoint(_blurred(r) for r in readings(b))
