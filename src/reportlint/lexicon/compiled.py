"""Compiled tables: sorted ``key<TAB>fields`` text files in the user cache, mapped and bisected.

A table is built once from a package's data (jieba's dictionary, pypinyin's readings) and kept
as plain sorted text under a key of its sources, like the compiled rules: later processes map
the file and look a key up by binary search over line starts, so nothing is parsed at start.
Without a usable cache directory the same bytes are built in memory. Data, never code: no
pickle.
"""

from __future__ import annotations

import mmap
from collections.abc import Callable

from reportlint.base.diskcache import user_cache_dir
from reportlint.base.files import atomic_write


def mapped(name: str, key: str, build: Callable[[], bytes]) -> bytes | mmap.mmap:
    """The table ``name`` for ``key``: the cached file mapped, or ``build()`` (kept in the cache)."""
    directory = user_cache_dir()
    if directory is None:
        return build()
    target = directory / f"{name}-{key[:32]}.txt"
    if not target.is_file():
        data = build()
        try:
            atomic_write(target, data)
        except OSError:
            return data
    try:
        with open(target, "rb") as handle:
            return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return build()


def find_line(data: bytes | mmap.mmap, key: str) -> bytes | None:
    """The line that starts with ``key`` and a tab, by binary search over line starts (the
    lines are sorted by their bytes, and a tab sorts below every character of a key)."""
    wanted = key.encode("utf-8", "surrogatepass") + b"\t"  # a lone surrogate is simply not found
    low, high = 0, len(data)
    while low < high:
        start = data.rfind(b"\n", 0, (low + high) // 2) + 1
        end = data.find(b"\n", start)
        line = data[start:end]
        head = line[: line.find(b"\t") + 1]
        if head == wanted:
            return line
        if head < wanted:
            low = end + 1
        else:
            high = start
    return None


def table(lines: list[str]) -> bytes:
    """``lines`` (each ``key<TAB>…``) as a compiled table: sorted by their bytes."""
    return b"\n".join(sorted(line.encode("utf-8") for line in lines)) + b"\n"
