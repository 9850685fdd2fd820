"""Terminal columns: a Chinese character takes two, so tables, carets and wrapped help line up."""

from __future__ import annotations

import unicodedata


def width(text: str) -> int:
    """The columns ``text`` takes on a terminal (wide and full-width characters count double)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, columns: int) -> str:
    """``text`` filled with spaces to ``columns`` terminal columns."""
    return text + " " * (columns - width(text))


# A line never starts with a closing mark nor ends with an opening one (the 禁则 of Chinese typesetting).
_CLOSING = set("，。、；：？！）》」』”’〕】…·)]}%")
_OPENING = set("（《「『“‘〔【([{")


def _wide(pieces: list[str]) -> bool:
    """Whether the last character so far takes two columns."""
    return bool(pieces) and width(pieces[-1][-1]) == 2


def _units(text: str) -> list[tuple[str, bool]]:
    """The pieces a line may break between, each with whether a space comes before it: a word
    of Latin letters or digits whole, a Chinese character alone, marks kept with their neighbour."""
    units: list[tuple[str, bool]] = []
    for word in text.split():
        pieces: list[str] = []
        for char in word:
            wide = width(char) == 2
            joins = char in _CLOSING or (pieces and pieces[-1][-1] in _OPENING) or not (wide or _wide(pieces))
            if pieces and joins:
                pieces[-1] += char
            else:
                pieces.append(char)
        units.extend((piece, i == 0 and bool(units)) for i, piece in enumerate(pieces))
    return units


def unfold(text: str) -> str:
    """A paragraph's lines as one: joined by a space, but not between two Chinese characters."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    out = lines[0] if lines else ""
    for line in lines[1:]:
        out += ("" if width(out[-1]) == 2 and width(line[0]) == 2 else " ") + line
    return out


def wrap(text: str, columns: int) -> list[str]:
    """``text`` as lines of at most ``columns`` terminal columns, broken between words or
    between Chinese characters (a word longer than a line has one of its own)."""
    lines: list[str] = []
    line = ""
    for piece, spaced in _units(text):
        joined = line + (" " if spaced and line else "") + piece
        if line and width(joined) > columns:
            lines.append(line)
            joined = piece
        line = joined
    return [*lines, line] if line else lines
