"""``end-mark``: a body paragraph that is a sentence and ends without a sentence-ending mark.

GB/T 15834-2011 ends a declarative sentence with 。 (§4.1), a question with ？ (§4.2) and an
exclamation with ！ (§4.3); a paragraph of running text therefore ends with one of them (or an
ellipsis), possibly followed by a closing quote or bracket. A paragraph is read as a sentence
when its last part (after its last end mark) contains a clause mark such as ， or ；, or when
the paragraph already holds a finished sentence and goes on. Headings are sections, not
paragraphs; a paragraph ending in ： (a salutation or lead-in), ； or ， (an item of a list that
runs on), a line without clause marks (a heading in the text, a date, a signature, a caption),
a table row (or a .docx table cell's paragraph), an item of a bulleted list (● …) and a line of
fields (联系人：张三，电话：…)
are not sentences to finish. The title is checked only when it reads as a sentence (a clause
mark, no subtitle dash on it or on the next line); a text of one line, which the outline parser
takes for a title, is checked as a paragraph.

Parameters:

- ``ends``: the marks that end a sentence (``。？！…``).
- ``closers``: closing marks that may follow the end (``”’）》】``).
- ``open``: marks at which a paragraph may stop without ending a sentence (``：；，、—``).
- ``clauses``: the marks that make a part of a paragraph a sentence (``，；``).
- ``mark``: what the (unsafe) fix appends (``。``).
- ``min``: the fewest characters of a title read as a sentence (default 12).

The message may name ``{match}`` (the last character).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from itertools import chain

import regex

from reportlint.base import regexcode, srecode
from reportlint.base.i18n import _
from reportlint.base.record import Record
from reportlint.base.source import Span
from reportlint.outline.model import Document
from reportlint.rules.diagnostics import Finding, Fix
from reportlint.rules.kinds.contract import Kind
from reportlint.rules.kinds.params import Param, ParamError

_TABLE = ("|", "\t")  # a Markdown table row, or cells a converter joined with tabs
_SUBTITLE = "——"
_BULLETS = "●○■□◆◇▪▫•·►▶√✓"
_NOTE, _NOTE_END = ("（", "("), ("）", ")")


# Compiled on first use: only a paragraph without its end mark gets that far (none of the bench
# corpus's first hundred reports or of the gov reports), and they cost a start 2.7 M instructions.
@lru_cache(maxsize=1)
def _field() -> regex.Pattern:
    return regexcode.compile(r"^[^：:]{1,8}[：:]")  # a short label and a colon


@lru_cache(maxsize=1)
def _word_space() -> regex.Pattern:
    """A space between two words: neither neighbour a full-width mark."""
    return regexcode.compile(r"[^\s，。、；：？！（《“‘【）》”’】…]\s+[^\s，。、；：？！（《“‘【）》”’】…]")


class EndMarkCheck(Record):
    __slots__ = ("ends", "closers", "open", "clauses", "marks", "mark", "min")

    def __init__(
        self,
        ends: str,
        closers: str,
        open: str,
        clauses: re.Pattern,  # splits a part of a paragraph into its clauses
        # a sentence end (not an ASCII one: 1.2023年) or a clause mark: text with neither is never
        # unfinished, and most short lines have neither (one search in C instead of the steps below)
        marks: re.Pattern,
        mark: str,
        min: int,
    ) -> None:
        self.ends, self.closers, self.open, self.clauses, self.marks = ends, closers, open, clauses, marks
        self.mark, self.min = mark, min

    def __call__(self, doc: Document) -> Iterator[Finding]:
        # a text may have millions of paragraphs: only those with a mark are read
        candidates = ((paragraph.span, paragraph.text, False) for paragraph, _, _ in doc.paragraphs_with(self.marks))
        title: list[tuple[Span, str, bool]] = []
        if doc.title is not None:
            alone = not doc.sections and not doc.preamble  # a one-line text is a sentence, not a title
            span = doc.title.span
            if alone and _SUBTITLE not in doc.title.text.lstrip("—"):
                title.append((span, doc.text[span.start : span.end], False))
            elif not alone and not _subtitled(doc.text, span.end):
                title.append((span, doc.text[span.start : span.end], True))
        for span, whole, is_title in chain(candidates, title):
            text = whole.rstrip()
            # most paragraphs end with a mark: that test first, the search for a mark after it
            if text and self._unfinished(text, is_title) and self.marks.search(text) and not _in_cell(doc, span):
                end = span.start + len(text)
                yield Finding.at(Span(end - 1, end), Fix(Span(end, end), self.mark), match=text[-1])

    def _unfinished(self, text: str, is_title: bool) -> bool:
        body = text.rstrip(self.closers)
        if not body or body[-1] in self.ends or body[-1] in self.open or text[-1] in self.open:
            return False
        if any(cell in text for cell in _TABLE) or text[0] in _BULLETS:
            return False  # a table row, or an item of a bulleted list (phrases as often as sentences)
        last_end = max((body.rfind(m) for m in self.ends if not m.isascii()), default=-1)  # not 1.2023年
        tail = body[last_end + 1 :].lstrip(self.closers)
        if last_end >= 0 and tail.startswith(_NOTE) and text.endswith(_NOTE_END):
            return False  # a note in brackets after a finished sentence (句外括号)
        clauses = self.clauses.split(tail)
        if len(clauses) > 1 and all(_field().search(clause) for clause in clauses):
            return False  # 联系人：张三，电话：…: fields, not a sentence
        has_clause = len(clauses) > 1
        if is_title:
            return has_clause and _SUBTITLE not in text.lstrip("—") and len(text) >= self.min
        return has_clause or (last_end >= 0 and len(tail) > 1 and not _spaced(tail))


def _in_cell(doc: Document, span: Span) -> bool:
    """A paragraph of a .docx table's cell: a phrase (完成12项，超额完成) as often as a sentence."""
    return bool(doc.cells) and doc.source.position(span.start).line in doc.cells


def _subtitled(text: str, title_end: int) -> bool:
    """The next line with text is a subtitle (——在……上的讲话): the first line is a title."""
    return text[title_end:].lstrip().startswith("—")


def _spaced(text: str) -> bool:
    """A part with spaces between its words is a caption or byline, not a sentence. A space
    beside a full-width mark parts no words (GB/T 15834 sets the marks solid; `stray-space`
    reports it), so the part stays a sentence with it and after its fix alike."""
    return _word_space().search(text) is not None


def compile(params: dict) -> EndMarkCheck:
    for key in ("ends", "closers", "open", "clauses", "mark"):
        if not params[key]:
            raise ParamError(key, _("expected a non-empty string"))
    if set(params["ends"]) & set(params["open"]):
        raise ParamError("open", _("a mark cannot both end a sentence and leave it open"))
    # plain classes of marks: ``re`` searches them alike, with less work a call than ``regex``
    clauses = srecode.compile(f"[{re.escape(params['clauses'])}]")
    wide_ends = "".join(m for m in params["ends"] if not m.isascii())
    marks = srecode.compile((f"[{re.escape(wide_ends)}]|" if wide_ends else "") + clauses.pattern)
    return EndMarkCheck(
        params["ends"], params["closers"], params["open"], clauses, marks, params["mark"], params["min"]
    )


_DOC_ZH = """正文中成句的段落结尾缺少句末标点。

GB/T 15834-2011 规定陈述句末用 。（§4.1），疑问句用 ？（§4.2），感叹句用 ！（§4.3）；成段的叙述文字
因此以其中之一（或省略号）结尾，后面可以跟引号或括号。段落最后一部分含有 ，、； 等句内标点，或段内
已有完整的句子并且继续写下去时，才算成句；以 ：、；、， 结尾的段落，无句内标点的行（标题、日期、
署名、图表说明），表格行和列表项都不算。

参数：

- ``ends``：结束句子的标点（``。？！…``）。
- ``closers``：句末之后可跟的闭合标点（``”’）》】``）。
- ``open``：段落可以停在其后而不算句子结束的标点（``：；，、—``）。
- ``clauses``：使段落的一部分成句的标点（``，；``）。
- ``mark``：（需确认的）修复在段末补上的标点（``。``）。
- ``min``：标题至少多少字才当作句子（默认 12）。

消息可用 ``{match}``（段末的字）。
"""

KIND = Kind(
    "end-mark",
    __doc__,
    {
        "ends": Param("str", "marks that end a sentence", required=True, doc_zh="结束句子的标点"),
        "closers": Param(
            "str", "closing marks that may follow the end", required=True, doc_zh="句末之后可跟的闭合标点"
        ),
        "open": Param("str", "marks at which a paragraph may stop", required=True, doc_zh="段落可以停在其后的标点"),
        "clauses": Param(
            "str", "marks that make a part of a paragraph a sentence", required=True, doc_zh="使段落的一部分成句的标点"
        ),
        "mark": Param("str", "what the fix appends", required=True, doc_zh="修复时补上的标点"),
        "min": Param(
            "int", "the fewest characters of a title read as a sentence", default=12, doc_zh="标题至少多少字才当作句子"
        ),
    },
    scoped=False,
    fix="always",
    fields=("match",),
    compile=compile,
    doc_zh=_DOC_ZH,
)
