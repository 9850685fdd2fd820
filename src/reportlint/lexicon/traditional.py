"""Traditional characters inside simplified text, from OpenCC's data (Apache-2.0).

The table is compiled once, on first use, through the installed ``opencc`` package: every
character of the CJK Unified Ideographs (and Extension A) that OpenCC's Traditional-to-
Simplified conversion changes on its own (後 → 后, 發 → 发), less those that are also simplified
characters: a character that OpenCC keeps unchanged inside some word of jieba's dictionary
(乾 in 乾隆, 乾坤, so 乾县 is left alone) is one. Characters that OpenCC already keeps on their
own (著, 瞭, 覆, 藉) never enter the table. It is kept in the user cache as
``traditional-<key>.txt`` (``char<TAB>simplified`` a line) and read whole: it is small.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from reportlint.base.digest import sha256
from reportlint.base.diskcache import file_stamp
from reportlint.lexicon.compiled import mapped, table
from reportlint.lexicon.reading import MIN_FREQUENCY
from reportlint.lexicon.words import jieba_dictionary

FORMAT = "1"
_BLOCKS = (range(0x3400, 0x4DC0), range(0x4E00, 0xA000))


class TraditionalError(RuntimeError):
    """OpenCC's data cannot be found."""


def _opencc_data() -> Path:
    """OpenCC's character table, found without importing opencc (for the table's key)."""
    spec = find_spec("opencc")
    for location in (spec.submodule_search_locations if spec else None) or ():
        path = Path(location) / "clib" / "share" / "opencc" / "TSCharacters.ocd2"
        if path.is_file():
            return path
    raise TraditionalError("OpenCC's data (opencc/clib/share/opencc) is not installed: pip install opencc")


def _key() -> str:
    stamps = [FORMAT, *(file_stamp(path) for path in (_opencc_data(), jieba_dictionary()))]
    return sha256(":".join(stamps).encode()).hexdigest()


def _compile() -> bytes:
    import opencc

    convert = opencc.OpenCC("t2s.json").convert
    chars = [chr(code) for block in _BLOCKS for code in block]
    simplified = convert("\n".join(chars)).split("\n")
    changed = {a: b for a, b in zip(chars, simplified, strict=True) if a != b and len(b) == 1}
    words = []
    with open(jieba_dictionary(), encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) >= 2 and parts[1].isdigit() and int(parts[1]) >= MIN_FREQUENCY:
                if any(c in changed for c in parts[0]):
                    words.append(parts[0])
    also_simplified = {
        a
        for word, kept in zip(words, convert("\n".join(words)).split("\n"), strict=True)
        for a, b in zip(word, kept, strict=False)
        if a == b and a in changed
    }
    return table([f"{a}\t{b}" for a, b in changed.items() if a not in also_simplified])


@lru_cache(maxsize=1)
def simplified_forms() -> dict[str, str]:
    """Each traditional character that is no simplified one, with its simplified form. A
    damaged cache file (one that does not read as the table) is a miss: the table is built
    again in memory."""
    forms = _parse(bytes(mapped("traditional", _key(), _compile)))
    return forms if forms is not None else _parse(_compile()) or {}


def _parse(data: bytes) -> dict[str, str] | None:
    """The table's pairs, or None if it is not one. Every line is four characters (the
    traditional one, a tab, the simplified one, a line feed), so the table is read by slicing
    the text four ways, in C: every start reads it (16 M instructions line by line, 4 M so)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    lines, odd = divmod(len(text), 4)
    if not lines or odd or text[1::4] != "\t" * lines or text[3::4] != "\n" * lines:
        return None
    return dict(zip(text[0::4], text[2::4], strict=True))


def traditional_chars(text: str) -> Iterator[tuple[int, str]]:
    """Where ``text`` holds a traditional character, with its simplified form."""
    forms = simplified_forms()
    places = []
    for char in _held(text, forms):  # most texts hold none
        at = text.find(char)
        while at >= 0:
            places.append((at, forms[char]))
            at = text.find(char, at + 1)
    yield from sorted(places)


_WINDOW = 1 << 20  # characters encoded at a time: the bytes of a 20 MB text are not held at once
_REFERENCE = re.compile(rb"&#(\d{1,7});")


def _held(text: str, forms: dict[str, str]) -> set[str]:
    """The characters of ``forms`` that ``text`` may hold: of those GB 2312 (simplified
    characters only) cannot encode, plus the few table characters it can. ``set(text)`` makes
    a string of every character (90 ms for a 5 MB report); the codec reads the text in C and
    names only what it cannot encode, as ``&#…;`` (a reference written in the text itself only
    adds a character to look for)."""
    codes: set[bytes] = set()
    for start in range(0, len(text), _WINDOW):
        encoded = text[start : start + _WINDOW].encode("gb2312", "xmlcharrefreplace")
        codes.update(_REFERENCE.findall(encoded))
    held = {char for char in (chr(code) for code in map(int, codes) if code <= sys.maxunicode) if char in forms}
    held.update(char for char in _in_gb2312() if char in text)
    return held


@lru_cache(maxsize=1)
def _in_gb2312() -> str:
    """The table's characters that GB 2312 encodes all the same (後, 於, 徵 …): each character
    is encoded on its own, so dropping the others leaves exactly these."""
    return "".join(simplified_forms()).encode("gb2312", "ignore").decode("gb2312")
