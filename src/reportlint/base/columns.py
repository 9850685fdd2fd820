"""Terminal columns: a Chinese character takes two, so tables and carets line up under it."""

from __future__ import annotations

import unicodedata


def width(text: str) -> int:
    """The columns ``text`` takes on a terminal (wide and full-width characters count double)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, columns: int) -> str:
    """``text`` filled with spaces to ``columns`` terminal columns."""
    return text + " " * (columns - width(text))
