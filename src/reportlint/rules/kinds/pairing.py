"""``pairing``: brackets and quotes that open and close within one paragraph.

Parameters:

- ``pairs``: two-character strings, opening then closing mark: ``["（）", "《》", "“”"]``.

An opening mark left open at the end of its paragraph, or a closing mark with nothing to close,
is flagged. A closing mark that skips over open marks of another pair closes its own and
flags the skipped ones. The message may name ``{match}`` and ``{expected}`` (the partner).
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterator
from functools import partial
from itertools import chain, compress, islice, repeat
from operator import add, gt, ne

from reportlint.base import srecode
from reportlint.base.i18n import _
from reportlint.base.record import Record
from reportlint.base.source import Span, offsets
from reportlint.outline.model import Document
from reportlint.rules.diagnostics import Finding, Unlisted, kept_at
from reportlint.rules.kinds.contract import Kind
from reportlint.rules.kinds.params import Param, ParamError, finditer

_ROUNDS = 8  # rounds of deleting pairs: deeper nesting is rare, and read mark by mark


class PairingCheck(Record):
    __slots__ = ("closers", "openers", "marks", "others", "two_way")

    def __init__(
        self,
        closers: dict[str, str],  # opening → closing
        openers: dict[str, str],  # closing → opening
        marks: re.Pattern,  # any mark
        others: re.Pattern,  # a run of anything but marks and line feeds
        two_way: bool,  # some mark both opens and closes: only a reading mark by mark can tell which
    ) -> None:
        self.closers, self.openers, self.marks, self.others, self.two_way = closers, openers, marks, others, two_way

    def __call__(self, doc: Document) -> Iterator[Finding | Unlisted]:
        text = doc.text
        if self.two_way or text.count("\r") != text.count("\r\n"):
            found = self._lines(text, 0, len(text))  # a mark that opens and closes, or a lone CR
        else:
            lines = _unbalanced(self.others.sub("", text), list(self.closers.items()))
            line_span = doc.source.line_span
            spans = ((line_span(first).start, line_span(last).end) for first, last in _runs(lines))
            found = chain.from_iterable(self._lines(text, start, end) for start, end in spans)
        starts = offsets(len(text))
        starts.extend(found)
        if any(map(gt, starts, islice(starts, 1, None))):  # an unclosed mark is found after those it encloses
            starts = array(starts.typecode, sorted(starts))
        return kept_at(starts, partial(self._finding, text))

    def _finding(self, text: str, offset: int) -> Finding:
        """The finding at the mark at ``offset``: an opening mark left open, or a closing mark
        with nothing to close (a mark that both opens and closes is never the second)."""
        char = text[offset]
        partner = self.closers[char] if char in self.closers else self.openers[char]
        return Finding.at(Span(offset, offset + 1), match=char, expected=partner)

    def _lines(self, text: str, start: int, end: int) -> Iterator[int]:
        """The offsets of the findings of the lines in ``text[start:end]``."""
        stack: list[int] = []  # offsets of marks still open in this paragraph
        unbroken = 0  # no line break between the top of the stack and here
        for m in finditer(self.marks, text, start, end):
            char, offset = m.group(), m.start()
            if stack and _line_break(text, max(stack[-1], unbroken), offset):  # the paragraph ended
                yield from stack
                stack.clear()
            unbroken = offset
            if char in self.closers and not self._closes_top(text, stack, char):
                stack.append(offset)
            else:
                opener = self.openers[char]
                depth = next((i for i in reversed(range(len(stack))) if text[stack[i]] == opener), None)
                if depth is None:
                    yield offset
                else:
                    yield from stack[depth + 1 :]
                    del stack[depth:]
        yield from stack

    def _closes_top(self, text: str, stack: list[int], char: str) -> bool:
        """A mark that is its own partner (such as a straight quote) closes an open one."""
        return char in self.openers and bool(stack) and text[stack[-1]] == self.openers[char]


def _unbalanced(marks: str, pairs: list[tuple[str, str]]) -> list[int]:
    """The 1-based lines of ``marks`` (a text's marks and line feeds only) that are not whole
    pairs. A line is whole when deleting adjacent pairs (（）, then those they enclosed) leaves
    nothing: then every closing mark met its opening one on top of the stack, and the line has
    no finding. That deletion runs in C over all lines at once, a few rounds deep; a line
    nested deeper is read mark by mark like any other with a finding."""
    for _round in range(_ROUNDS):
        before = len(marks)
        for pair in pairs:
            marks = marks.replace("".join(pair), "")
        if len(marks) == before:
            break
    return [index for index, line in enumerate(marks.split("\n"), 1) if line]


def _runs(lines: list[int]) -> Iterator[tuple[int, int]]:
    """``(first, last)`` of each run of consecutive line numbers in ``lines`` (sorted): read at
    once, as :meth:`PairingCheck._lines` starts again at each line break (5 million lines of a
    lone （ were 5 million readings)."""
    if not lines:
        return
    steps = map(ne, islice(lines, 1, None), map(add, lines, repeat(1)))  # in C: no call a line
    gaps = list(compress(range(1, len(lines)), steps))
    for begin, end in zip([0, *gaps], [*gaps, len(lines)], strict=True):
        yield lines[begin], lines[end - 1]


def _line_break(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds a line break. Looked for between marks only, so a text
    of many lines and few marks is not walked line by line in Python."""
    return text.find("\n", start, end) >= 0 or text.find("\r", start, end) >= 0


def compile(params: dict) -> PairingCheck:
    closers, openers = {}, {}
    for pair in params["pairs"]:
        if len(pair) != 2:
            raise ParamError(
                "pairs", _("{pair}: a pair is two characters, opening then closing").format(pair=repr(pair))
            )
        closers[pair[0]], openers[pair[1]] = pair[1], pair[0]
    chars = "".join(re.escape(c) for c in sorted(set(closers) | set(openers)))
    two_way = bool(set(closers) & set(openers))
    return PairingCheck(closers, openers, srecode.compile(f"[{chars}]"), srecode.compile(f"[^{chars}\n]+"), two_way)


_DOC_ZH = """括号和引号须在同一段内开合成对。

参数：

- ``pairs``：两个字符的字符串，先开后合：``["（）", "《》", "“”"]``。

段末仍未闭合的开标点、没有可闭合对象的合标点都报告；越过另一对开标点的合标点闭合自己的一对，
并报告被越过的开标点。消息可用 ``{match}`` 和 ``{expected}``（与之配对的标点）。
"""

KIND = Kind(
    "pairing",
    __doc__,
    {
        "pairs": Param(
            "str-list", "opening+closing marks, e.g. （）", required=True, doc_zh="先开后合的一对标点，如 （）"
        )
    },
    scoped=True,
    fix="never",
    fields=("match", "expected"),
    compile=compile,
    doc_zh=_DOC_ZH,
)
