"""``total``: parts that do not add up to the stated total.

No parameters. Two shapes are checked, sentence by sentence, and only among quantities of the
same unit (万 and 亿 folded in, so 120万元 and 3.5亿元 compare):

- total then parts: ``共受理来信来访86件，其中来信32件、来访41件、网上信访12件`` (also after
  包括, or a colon right after the total). The total is the nearest same-unit quantity before
  其中, in the sentence before when 其中 opens a sentence of its own.
- parts then total: ``电子版文件120份，纸质件80份，合计210份`` or a 、-list before
  ``合计召开会议40次``. Only the list that belongs to the total counts: the 、-list in the
  clause before the total, or else the run of clauses just before it with one quantity each;
  if any tail of that run (of two or more) adds up, nothing is flagged.

A sentence with a placeholder (XX份) is left to ``placeholder``; an approximate value (约, 余,
多) or a list ending in 等 is not checked. Percentages take part like any unit, so parts in %
must make the 100% the text states. The message may name ``{sum}``, ``{total}``, ``{unit}``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportlint.base.source import Span
from reportlint.numbers.quantities import Quantity, find_quantities, format_value, sentences
from reportlint.outline.model import Document
from reportlint.rules.diagnostics import Finding
from reportlint.rules.kinds.contract import Kind

_CLAUSE = re.compile(r"[，,：:]")
_BREAKDOWN = re.compile(r"其中|包括")
# Every total word below has 共, 计 or 总 in it: a paragraph with none of them and no
# breakdown word cannot be checked, and most paragraphs are skipped with one scan.
_TRIGGER = re.compile(r"[共计总]|其中|包括")
_TOTAL_WORD = re.compile(
    r"(?:合计|总计|共计|累计|总共|一共|总数为?|共(?![产同建享识青性治赢商用处鸣振]))[^，,：:]{0,10}$"
)


@dataclass
class TotalCheck:
    def __call__(self, doc: Document):
        for paragraph in doc.paragraphs():
            text = paragraph.text
            if not _TRIGGER.search(text) or len(find_quantities(text)) < 3:  # a total and two parts at the least
                continue
            spans = list(sentences(text))
            for index, (start, end) in enumerate(spans):
                if index and _BREAKDOWN.match(text[start:end].lstrip()):
                    start = spans[index - 1][0]  # 共受理86件。其中…: the total is in the sentence before
                yield from _sentence(text[start:end], paragraph.span.start + start)


def _sentence(text: str, base: int):
    quantities = find_quantities(text, base)
    if len(quantities) < 3 or any(q.placeholder for q in quantities):
        return
    clause_of = _clause_index(text, base)
    totals = {
        q.start for q in quantities if _TOTAL_WORD.search(text[_clause_start(text, q.start - base) : q.start - base])
    }
    breakdown = _BREAKDOWN.search(text)
    if breakdown:
        yield from _total_then_parts(text, base, base + breakdown.start(), quantities, totals)
    for index, total in enumerate(quantities):
        if total.start not in totals:
            continue
        if text[total.end - base : total.end - base + 1] in ("：", ":"):
            yield from _total_then_parts(text, base, total.end, quantities)
            continue
        parts = _parts_before(quantities[:index], total, clause_of)
        if len(parts) >= 2 and not _some_tail_adds_up(parts, total):
            yield _finding(parts, total)


def _total_then_parts(text: str, base: int, trigger: int, quantities: list[Quantity], totals=frozenset()):
    """Parts after ``trigger`` (其中, 包括, a colon) against the nearest total before it; a
    quantity in ``totals`` (a closing 合计…) is not a part."""
    for unit in dict.fromkeys(q.unit for q in quantities if q.start > trigger):
        parts = [q for q in quantities if q.start > trigger and q.unit == unit and q.start not in totals]
        total = next((q for q in reversed(quantities) if q.end <= trigger and q.unit == unit), None)
        if total is None or len(parts) < 2 or "等" in text[parts[-1].end - base : parts[-1].end - base + 2]:
            continue
        if total.approximate or any(p.approximate for p in parts):
            continue
        if not _close(sum(p.value for p in parts), total.value):
            yield _finding(parts, total)


def _parts_before(before: list[Quantity], total: Quantity, clause_of) -> list[Quantity]:
    same = [q for q in before if q.unit == total.unit]
    if not same:
        return []
    nearest = clause_of(same[-1].start)
    in_nearest = [q for q in same if clause_of(q.start) == nearest]
    if len(in_nearest) >= 2:  # a 、-list in one clause
        return in_nearest
    run: list[Quantity] = []
    expected = clause_of(total.start) - (0 if clause_of(same[-1].start) == clause_of(total.start) else 1)
    for q in reversed(same):
        clause = clause_of(q.start)
        if clause != expected:
            break
        run.insert(0, q)
        expected = clause - 1
    return run


def _some_tail_adds_up(parts: list[Quantity], total: Quantity) -> bool:
    if total.approximate or any(p.approximate for p in parts):
        return True  # not checkable: say nothing
    return any(_close(sum(p.value for p in parts[i:]), total.value) for i in range(len(parts) - 1))


def _clause_index(text: str, base: int):
    breaks = [m.start() + base for m in _CLAUSE.finditer(text)]

    def clause_of(offset: int) -> int:
        return sum(1 for b in breaks if b < offset)

    return clause_of


def _clause_start(text: str, offset: int) -> int:
    cut = max(text.rfind(mark, 0, offset) for mark in "，,：:")
    return cut + 1


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(b))


def _finding(parts: list[Quantity], total: Quantity) -> Finding:
    """Sum and parts are written in the total's own scale (亿元 stays 亿元)."""
    unit = total.scale + total.unit
    listed = "+".join(format_value(p.value, total.scale) for p in parts)
    return Finding.at(
        Span(total.start, total.end),
        sum=f"{format_value(sum(p.value for p in parts), total.scale)}{unit}",
        total=total.text,
        unit=unit,
        parts=listed,
    )


def compile(params: dict) -> TotalCheck:
    return TotalCheck()


KIND = Kind("total", __doc__, {}, scoped=False, fix="never", fields=("sum", "total", "unit", "parts"), compile=compile)
