"""``nesting``: a pair of marks opened and closed inside the same pair, where the inner one
takes another form: “……“……”……” is written “……‘……’……”.

Parameters:

- ``pair``: the opening and the closing mark: ``“”``.
- ``inner``: the marks the inner pair takes instead: ``‘’``.

Within one line, an inner pair is a ``pair`` with none of its marks between its two: flagged
when the marks before it on the line, read back from it, are whole pairs and then an opening
mark, and the marks after it are whole pairs and then a closing mark (so it sits inside an
outer pair, beside any number of other inner pairs). Each mark is read a fixed number of
times, so the check is linear in the length of the line however many pairs it holds. The fix
writes the inner pair with ``inner``. The message may name ``{match}`` and ``{suggestion}``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice

from reportlint.base import srecode
from reportlint.base.i18n import _
from reportlint.base.record import Record
from reportlint.base.source import Span
from reportlint.outline.model import Document
from reportlint.rules.diagnostics import Finding, Fix
from reportlint.rules.kinds.contract import Kind
from reportlint.rules.kinds.params import Param, ParamError


class NestingCheck(Record):
    __slots__ = ("opening", "closing", "table", "marks", "others", "doubled")

    def __init__(
        self,
        opening: str,
        closing: str,
        table: dict[int, int],  # pair → inner, for the fix
        marks: re.Pattern,  # either mark of the pair
        others: re.Pattern,  # a run of anything else on a line: cut out, it leaves the line's marks
        # two opening marks with no mark of the pair between them: read back from an inner pair,
        # whole pairs and then an opening mark start with two such, so a line without is not read
        doubled: re.Pattern,
    ) -> None:
        self.opening, self.closing, self.table, self.marks, self.others = opening, closing, table, marks, others
        self.doubled = doubled

    def __call__(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        found = self.doubled.search(text)
        while found is not None:
            start = text.rfind("\n", 0, found.start()) + 1
            end = text.find("\n", found.end())
            end = len(text) if end < 0 else end
            yield from self._line(text, start, end)
            found = self.doubled.search(text, end)

    def _line(self, text: str, start: int, end: int) -> Iterator[Finding]:
        """The inner pairs of the line ``text[start:end]``, in order. Its marks are read as a
        string (2–4 bytes a mark, made in C: a line of millions of marks took an object each);
        an inner pair is then a run of whole pairs with an opening mark just before it and a
        closing mark just after it, every pair of the run flagged."""
        marks = self.others.sub("", text[start:end])
        pair = self.opening + self.closing
        run = marks.find(pair, 1)
        located = self.marks.finditer(text, start, end)  # the marks' offsets, skipped to in C
        read = 0  # how many of ``located`` were taken
        while run >= 0:
            after = run
            while marks.startswith(pair, after):
                after += 2
            if marks[run - 1] == self.opening and marks.startswith(self.closing, after):
                for k in range(run, after, 2):
                    opened = next(islice(located, k - read, None))
                    closed = next(located)
                    read = k + 2
                    span = Span(opened.start(), closed.end())
                    wrong = text[span.start : span.end]
                    right = wrong.translate(self.table)
                    yield Finding.at(span, Fix(span, right), match=wrong, suggestion=right)
            run = marks.find(pair, after + 1)


def compile(params: dict) -> NestingCheck:
    pair, inner = params["pair"], params["inner"]
    for key, marks in (("pair", pair), ("inner", inner)):
        if len(marks) != 2 or marks[0] == marks[1] or "\n" in marks:
            raise ParamError(key, _("{marks}: two different marks, opening then closing").format(marks=repr(marks)))
    opening, marks = re.escape(pair[0]), re.escape(pair)
    doubled = srecode.compile(f"{opening}[^{marks}\n]*{opening}")
    others = srecode.compile(f"[^{marks}]+")
    return NestingCheck(pair[0], pair[1], str.maketrans(pair, inner), srecode.compile(f"[{marks}]"), others, doubled)


_DOC_ZH = """一对标点在同一对标点之内又开又合，内层须换一种写法：“……“……”……”应写作“……‘……’……”。

参数：

- ``pair``：开标点和合标点：``“”``。
- ``inner``：内层改用的一对标点：``‘’``。

在一行之内，两个标点之间没有同对标点的一对 ``pair`` 是内层的一对：它前面的标点倒着读是若干完整的对
再加一个开标点、后面的标点是若干完整的对再加一个合标点时（即它处在外层的一对之内）报告。修复把内层
改写为 ``inner``。消息可用 ``{match}`` 和 ``{suggestion}``。
"""

KIND = Kind(
    "nesting",
    __doc__,
    {
        "pair": Param("str", "the opening and closing mark, e.g. “”", required=True, doc_zh="开标点和合标点，如 “”"),
        "inner": Param(
            "str", "the marks an inner pair takes, e.g. ‘’", required=True, doc_zh="内层改用的一对标点，如 ‘’"
        ),
    },
    scoped=True,
    fix="always",
    fields=("match", "suggestion"),
    compile=compile,
    doc_zh=_DOC_ZH,
)
