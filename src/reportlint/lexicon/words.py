"""The general word list: jieba's dictionary (MIT) with its frequencies, plus the curated
official vocabulary, compiled once into a sorted table (``lexicon.compiled``).

jieba's ``dict.txt`` (about 350,000 words) is read through the installed jieba package, never
copied into this one. The first use compiles it with the curated lists into
``lexicon-<key>.txt`` in the user cache (``word<TAB>frequency<TAB>source`` a line), keyed by
the sources' contents like the compiled rules; later processes map that file and bisect it.
"""

from __future__ import annotations

import mmap
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from reportlint.base.digest import sha256
from reportlint.base.diskcache import file_stamp
from reportlint.base.i18n import _
from reportlint.lexicon import curated
from reportlint.lexicon.compiled import Table, mapped, table

FORMAT = "1"  # bump when the compiled file's layout changes


class LexiconError(RuntimeError):
    """The word list cannot be found or read."""


class Lexicon:
    """Look-ups in a compiled word list (a mapped file or bytes in memory)."""

    def __init__(self, data: bytes | mmap.mmap) -> None:
        self._table = Table(data)

    def __contains__(self, word: str) -> bool:
        return self._line(word) is not None

    def frequency(self, word: str) -> int:
        """jieba's frequency of ``word``; 0 for a word only the curated lists know, or none."""
        line = self._line(word)
        return int(line.split(b"\t")[1]) if line is not None else 0

    def source(self, word: str) -> str | None:
        """``jieba``, ``official`` or ``chengyu`` (the curated source wins), or None."""
        line = self._line(word)
        return _SOURCES[line.split(b"\t")[2]] if line is not None else None

    @lru_cache(maxsize=4096)  # noqa: B019 - one lexicon per process, kept for the process's life
    def _line(self, word: str) -> bytes | None:
        return self._table.line(word) if word else None


_SOURCES = {b"j": "jieba", b"o": "official", b"c": "chengyu"}


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The process's lexicon, compiled on first use (or found compiled in the cache)."""
    source = jieba_dictionary()
    return Lexicon(mapped("lexicon", _key(source), lambda: compile_lexicon(source)))


def jieba_dictionary() -> Path:
    """jieba's ``dict.txt``, found without importing jieba (its import sets up a tokenizer)."""
    spec = find_spec("jieba")
    locations = spec.submodule_search_locations if spec else None
    for location in locations or ():
        path = Path(location) / "dict.txt"
        if path.is_file():
            return path
    raise LexiconError(_("jieba's dictionary (jieba/dict.txt) is not installed: pip install jieba"))


def _key(source: Path) -> str:
    return sha256(":".join([FORMAT, file_stamp(source), *curated.stamps()]).encode()).hexdigest()


def compile_lexicon(source: Path) -> bytes:
    """The compiled lines: jieba's words with their frequencies, then the curated entries
    (which keep jieba's frequency when jieba has them)."""
    entries: dict[str, tuple[int, str]] = {}
    with open(source, encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) >= 2 and parts[1].isdigit():
                entries[parts[0]] = (int(parts[1]), "j")
    for tag, words in (("c", curated.chengyu()), ("o", curated.official())):
        for word in words:
            entries[word] = (entries.get(word, (0, ""))[0], tag)
    return table([f"{word}\t{freq}\t{tag}" for word, (freq, tag) in entries.items() if "\t" not in word])
