"""Compiled tables: sorted ``key<TAB>fields`` text files in the user cache, mapped and bisected.

A table is built once from a package's data (jieba's dictionary, pypinyin's readings) and kept
as plain sorted text under a key of its sources and of the code that reads it (so a table
made by other code is never misread), like the compiled rules: later processes map
the file and look a key up by bisecting a sample of its keys and searching one block, so
nothing is parsed at start.
Without a usable cache directory the same bytes are built in memory. Data, never code: no
pickle.
"""

from __future__ import annotations

import mmap
import os
from bisect import bisect_right
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path

from reportlint.base.digest import sha256
from reportlint.base.diskcache import code_stamp, entry_path, open_own, store, user_cache_dir

KEEP_TABLES = 8  # tables of one kind kept: a few installations side by side, none piling up


def mapped(name: str, key: str, build: Callable[[], bytes]) -> bytes | mmap.mmap:
    """The table ``name`` for ``key``: the cached file mapped, or ``build()`` (kept in the cache)."""
    directory = user_cache_dir()
    if directory is None:
        return build()
    stamped = sha256(f"{key}:{_lexicon_code()}".encode()).hexdigest()
    target = entry_path(directory, name, stamped, "txt")
    fd = open_own(target)
    if fd is None:
        data = build()
        try:
            store(target, data, KEEP_TABLES)
        except OSError:
            return data
        fd = open_own(target)
        if fd is None:
            return data
    try:
        return mmap.mmap(fd, 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return build()
    finally:
        os.close(fd)


@lru_cache(maxsize=1)
def _lexicon_code() -> str:
    """The stamp of the code that builds and reads the tables: a table is keyed by its sources
    and by this, so a format changed without a new ``FORMAT`` is never misread."""
    return code_stamp(Path(__file__).parent)


class Table:
    """Look-ups by key in a compiled table. The first look-up samples the key at every
    ``BLOCK`` bytes (a few thousand keys, a millisecond); each look-up then bisects those
    samples and searches one block for the line, both in C, instead of some twenty Python
    steps over the whole file."""

    BLOCK = 4096

    def __init__(self, data: bytes | mmap.mmap) -> None:
        self.data = data
        self._heads: list[bytes] = []
        self._starts: list[int] = []

    def line(self, key: str) -> bytes | None:
        """The line that starts with ``key`` and a tab, without the newline; None if none does."""
        wanted = key.encode("utf-8", "surrogatepass") + b"\t"  # a lone surrogate is simply not found
        if not self._starts:
            self._sample()
        block = bisect_right(self._heads, wanted) - 1
        if block < 0:
            return None
        start = self._starts[block]
        stop = self._starts[block + 1] if block + 1 < len(self._starts) else len(self.data)
        if self.data[start : start + len(wanted)] == wanted:
            at = start
        else:
            at = self.data.find(b"\n" + wanted, start, stop)
            if at < 0:
                return None
            at += 1
        return self.data[at : self.data.find(b"\n", at)]

    def _sample(self) -> None:
        """The first line at or after every ``BLOCK`` bytes, by its key and tab (the lines are
        sorted by their bytes, and a tab sorts below every character of a key)."""
        data, position = self.data, 0
        while position < len(data):
            end = data.find(b"\n", position)
            line = data[position : end if end >= 0 else len(data)]
            self._heads.append(line[: line.find(b"\t") + 1])
            self._starts.append(position)
            following = data.find(b"\n", position + self.BLOCK)
            if following < 0:
                break
            position = following + 1


def table(lines: Iterable[str]) -> bytes:
    """``lines`` (each ``key<TAB>…``) as a compiled table: sorted by their bytes."""
    return b"\n".join(sorted(line.encode("utf-8") for line in lines)) + b"\n"
