"""Words newer than jieba's list: the Chinese word list of ``wordfreq`` (code Apache-2.0, data
CC-BY-SA 4.0), gathered from Wikipedia, subtitles, news, books, the web and social media up to
about 2021, so it holds terms that jieba's list (2013) lacks (抗疫, 央企, 科创板, 智造, 施策).

The typo rules ask it one question: do two characters stand side by side inside some word of
this list? A character that does is no orphan (``reportlint.lexicon.slips``), however little
jieba knows of the word. The list is read from wordfreq's data file through the installed
package, never copied into this one, and never by importing wordfreq (which loads its
language tables); the first use compiles the pairs into ``newer-<key>.txt`` in the user cache
(``X<TAB>characters after X``), mapped and bisected like the lexicon. wordfreq is an optional
dependency (``reportlint[typos]``): without it the list is empty (``available`` says so).
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from reportlint.base.digest import sha256
from reportlint.base.diskcache import file_stamp
from reportlint.lexicon.compiled import Table, mapped, table
from reportlint.lexicon.han import all_han

FORMAT = "1"
DATA = ("data", "large_zh.msgpack.gz")  # wordfreq's Chinese list, in its "cBpack" format


def source() -> Path | None:
    """wordfreq's Chinese list, or None when wordfreq is not installed."""
    spec = find_spec("wordfreq")
    for location in (spec.submodule_search_locations if spec else None) or ():
        path = Path(location).joinpath(*DATA)
        if path.is_file():
            return path
    return None


def available() -> bool:
    """True when wordfreq's list is installed (``reportlint[typos]``)."""
    return _pairs() is not None


def words(path: Path) -> list[str]:
    """The words of the list of two Han characters or more. The file is msgpack (data, not
    code): a header, then lists of words by frequency."""
    import msgpack  # type: ignore[import-untyped]  # wordfreq's own dependency; ships no types

    with gzip.open(path) as handle:
        packed = msgpack.unpack(handle, raw=False)
    if not packed or packed[0] != {"format": "cB", "version": 1}:
        return []
    return [word for bucket in packed[1:] for word in bucket if len(word) == 2 and all_han(word)]


def compile_pairs(listed: list[str]) -> bytes:
    """``X<TAB>chars``: the characters that stand after X inside some word of ``listed``."""
    after: dict[str, set[str]] = {}
    for word in listed:
        for a, b in zip(word, word[1:], strict=False):
            after.setdefault(a, set()).add(b)
    return table(f"{char}\t{''.join(sorted(chars))}" for char, chars in after.items())


@lru_cache(maxsize=1)
def _pairs() -> Table | None:
    path = source()
    if path is None:
        return None
    key = sha256(f"{FORMAT}:{file_stamp(path)}".encode()).hexdigest()
    return Table(mapped("newer", key, lambda: compile_pairs(words(path))))


@lru_cache(maxsize=65536)
def after(char: str) -> str:
    """The characters that stand after ``char`` inside some word of the list ('' without it)."""
    pairs = _pairs()
    line = pairs.line(char) if pairs is not None else None
    return line.split(b"\t")[1].decode("utf-8") if line else ""
