"""Positions in a text: offsets, 1-based lines and 1-based code-point columns.

Every node and diagnostic stores 0-based character offsets; this module turns them into the
line/column pairs that people and editors read. Lines end at ``\\n``, ``\\r\\n`` or a lone ``\\r``.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from io import StringIO
from itertools import accumulate

from reportlint.base.record import NamedTuple
from reportlint.base.regexes import lazy

_LINE_BREAK = lazy(r"\r\n|\r|\n")  # for a text with a lone CR (a text of line feeds is split in C)


class Position(NamedTuple):
    """Where a diagnostic starts or ends. A named tuple, like :class:`Span`: diagnostics make
    many of them and send them between processes, and tuples are cheap to build and pickle."""

    line: int  # 1-based
    column: int  # 1-based, in Unicode code points
    offset: int  # 0-based character offset into the text

    def to_dict(self) -> dict:
        return {"line": self.line, "column": self.column, "offset": self.offset}


class Span(NamedTuple):
    """A half-open range ``[start, end)`` of character offsets. A named tuple rather than a
    dataclass: documents make thousands of them, and tuples are built several times faster."""

    start: int
    end: int


def offsets(size: int) -> array:
    """An empty array for offsets into a text of ``size`` characters: 4 bytes each where they
    fit (a list of ints costs 36 bytes an entry)."""
    return array("I" if size < 1 << 32 else "q")


class Source:
    """A decoded text with a line table, so offset → (line, column) is a binary search."""

    __slots__ = ("text", "line_starts")

    def __init__(self, text: str) -> None:
        self.text = text
        starts = offsets(len(text))
        starts.append(0)
        if text.count("\r") == text.count("\r\n"):  # line feeds, or CRLF: no lone CR
            # each line's length (with its line feed), summed, all in C: the lines are read one
            # at a time (``split`` would hold them all: ten million strings for 20 MB of 中\n)
            starts.extend(accumulate(map(len, StringIO(text, newline="\n"))))
            if len(starts) > 1 and starts[-1] == len(text) and not text.endswith("\n"):
                starts.pop()  # the end of the last line, not the start of another
        else:
            starts.extend(m.end() for m in _LINE_BREAK().finditer(text))
        self.line_starts = starts

    def position(self, offset: int) -> Position:
        offset = max(0, min(offset, len(self.text)))
        index = bisect_right(self.line_starts, offset) - 1
        return Position(index + 1, offset - self.line_starts[index] + 1, offset)

    def line_span(self, line: int) -> Span:
        """The span of 1-based ``line`` without its line break."""
        start = self.line_starts[line - 1]
        end = self.line_starts[line] if line < len(self.line_starts) else len(self.text)
        while end > start and self.text[end - 1] in "\r\n":
            end -= 1
        return Span(start, end)

    def line_text(self, line: int) -> str:
        span = self.line_span(line)
        return self.text[span.start : span.end]

    @property
    def line_count(self) -> int:
        return len(self.line_starts)
