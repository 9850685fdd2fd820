"""``count``: a claimed count that does not match what it counts.

No parameters. Two shapes:

- a count announcing a list: ``围绕以下三个方面`` or ``主要有两个方面的问题：``. It is checked
  when it says 以下/如下/下列/下面 or is followed by a colon in its clause, against the first
  run of inline items (一是…) after it in the paragraph, or, when its paragraph ends the
  section's body, against the section's child headings. With neither, it is unverifiable and
  stays quiet (``3个方面13个问题``).
- a count closing a named list: ``北岸碧道工程、新洲红树碧道和滨河公园2个“书记项目”`` names
  three and claims two. The list is the clause before the number, split at 、 and at the
  last 和/及/与/以及 of its last item; it needs at least one 、 and no quantities inside its items.

The message may name ``{claimed}`` and ``{actual}``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportlint.base.source import Span
from reportlint.numbers.numerals import marker_value
from reportlint.numbers.quantities import find_quantities
from reportlint.outline.model import Document, Item, Paragraph, Section
from reportlint.rules.diagnostics import Finding
from reportlint.rules.kinds.contract import Kind

_CLAIM = re.compile(
    r"(?=[以如下两二三四五六七八九十1-9])"  # a cheap first-character filter
    r"(?P<pointer>以下|如下|下列|下面)?(?P<n>[两二三四五六七八九十]|(?<!\d)[2-9](?!\d)|(?<!\d)1\d(?!\d))[个项条]?"
    r"(?P<what>方面|部分|要点|重点|问题|任务|措施|举措|环节|工作|内容|点|项|条)"
)
_NAMED = re.compile(
    r"(?=[0-9两二三四五六七八九十])"  # a cheap first-character filter
    r"(?<=[\u4e00-\u9fffA-Za-z”’）)])(?<![零〇一二两三四五六七八九十百千\d])"
    r"(?P<n>(?<!\d)\d{1,2}(?!\d)|[两二三四五六七八九十])(?P<cls>个|项|家|条|所|座|名|位|类)"
)
_CONJUNCTION = re.compile(r"以及|和|及|与")
_CLAUSE_MARK = "，。；：！？,;:!?"


@dataclass
class CountCheck:
    def __call__(self, doc: Document):
        bodies: list[tuple[list[Paragraph], Section | None]] = [(doc.preamble, None)]
        bodies += [(section.body, section) for section in doc.walk()]
        for body, section in bodies:
            for index, paragraph in enumerate(body):
                last = index == len(body) - 1
                children = section.children if section else doc.sections
                yield from _claims(paragraph, children if last else [])
                yield from _named_lists(paragraph)


def _claims(paragraph: Paragraph, children: list[Section]):
    text = paragraph.text
    for m in _CLAIM.finditer(text):
        rest = text[m.end() :]
        clause_end = min((rest.find(c) for c in "，。；" if c in rest), default=len(rest))
        colon = min((rest.find(c) for c in "：:" if c in rest), default=len(rest))
        if not m.group("pointer") and colon >= clause_end:
            continue
        claimed = marker_value(m.group("n"))
        actual = _items_after(paragraph.items, paragraph.span.start + m.end())
        if actual is None and children:
            actual = sum(1 for child in children if child.level == children[0].level)
        if actual is not None and claimed is not None and actual != claimed:
            span = Span(paragraph.span.start + m.start(), paragraph.span.start + m.end())
            yield Finding.at(span, claimed=claimed, actual=actual, match=m.group())


def _items_after(items: list[Item], offset: int) -> int | None:
    run = 0
    for item in items:
        if item.span.start < offset:
            continue
        if item.number == 1 and run:
            break
        if run or item.number == 1:
            run += 1
    return run or None


def _named_lists(paragraph: Paragraph):
    text = paragraph.text
    for m in _NAMED.finditer(text):
        if text.rfind("、", 0, m.start()) < 0:  # no list before it (the usual case): skip the search below
            continue
        start = max(text.rfind(c, 0, m.start()) for c in _CLAUSE_MARK) + 1
        listed = text[start : m.start()]
        if "、" not in listed:
            continue
        items = listed.split("、")
        last = items[-1]
        if last.endswith("等"):
            items[-1] = last = last[:-1]
        conjunctions = list(_CONJUNCTION.finditer(last))
        if conjunctions:  # the final 和 joins the last two items (和平社区和阳光社区)
            cut = conjunctions[-1]
            items = items[:-1] + [last[: cut.start()], last[cut.end() :]]
        if any(not item.strip() or "等" in item or find_quantities(item) or re.search(r"\d", item) for item in items):
            continue
        claimed = marker_value(m.group("n"))
        if claimed is not None and claimed != len(items):
            span = Span(paragraph.span.start + m.start(), paragraph.span.start + m.end())
            yield Finding.at(span, claimed=claimed, actual=len(items), match=m.group())


def compile(params: dict) -> CountCheck:
    return CountCheck()


KIND = Kind("count", __doc__, {}, scoped=False, fix="never", fields=("match", "claimed", "actual"), compile=compile)
