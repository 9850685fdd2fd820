"""Quantities in running text: a number with its unit, such as 32件, 3.5亿元, 十三个, XX份.

Shared by the ``total`` and ``count`` rule kinds. 万 and 亿 are folded into the value, so
120万元 and 3.5亿元 are both in 元; 人次 and 次 stay different units. A quantity says what kind
of figure it is: approximate (约, 近, 突破, 余, 多, 以上, 左右 …), an ordinal (第3个, 第1位: a
rank, not an amount), or part of a name (inside “…” or 《…》: “四个与共”, not four of anything).
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from collections.abc import Iterator
from functools import lru_cache

from reportlint.base import srecode
from reportlint.base.record import NamedTuple
from reportlint.numbers.numerals import MULTIPLIERS, chinese_to_int, to_number

UNITS = (
    "个百分点",
    "平方米",
    "人次",
    "课时",
    "学时",
    "小时",
    "公里",
    "千米",
    "场次",
    "%",
    "％",
    "个",
    "项",
    "件",
    "份",
    "次",
    "批",
    "篇",
    "部",
    "名",
    "家",
    "条",
    "所",
    "场",
    "期",
    "元",
    "户",
    "起",
    "座",
    "台",
    "套",
    "辆",
    "处",
    "间",
    "册",
    "本",
    "天",
    "亩",
    "米",
    "吨",
    "人",
    "位",
    "类",
    "万",
    "亿",
)
_QUANTITY = srecode.compile(
    r"(?=[约近超逾大突不0-9０-９零〇一二两三四五六七八九十百千XＸxｘ×])"  # a cheap first-character filter
    r"(?P<approx_before>约|近|超过|超|逾|大约|突破|不到|不足)?"
    r"(?:(?P<arabic>\d+(?:,\d{3})*(?:\.\d+)?|[０-９]+(?:[．.][０-９]+)?)"
    r"|(?P<chinese>(?<![第统唯万之同专单划合不再零〇一二两三四五六七八九十百千])[零〇一二两三四五六七八九十百千]+)"
    r"|(?P<placeholder>[XＸxｘ]{1,4}|××+))"
    # 万 or 亿 is a multiplier when a unit follows (3万元), else the unit itself (3万): every unit
    # opens with a Han character or %, so a unit after it says it was one (a look-ahead for a
    # Han character would only repeat that, and cost `re` 5 M instructions to compile)
    r"(?P<mult>[万亿])?"
    r"(?P<approx>余|多)?"
    r"(?P<unit>" + "|".join(re.escape(u) for u in UNITS) + ")"
    r"(?:(?=(?P<approx_after>以上|左右|以内|以下|上下|之内)))?"
)
_SHARED = {unit: unit for unit in UNITS}
_OPEN_NAME = {"“": "”", "《": "》", "‘": "’", "「": "」"}
_NAME_MARK = srecode.compile("[“”《》‘’「」]")
SENTENCE_END = srecode.compile(r"[。！？!?；;\r\n]")


class Quantity(NamedTuple):
    value: float | None  # None for a placeholder
    unit: str
    start: int
    end: int
    approximate: bool
    text: str
    scale: str = ""  # 万 or 亿 as written, folded into value
    ordinal: bool = False  # 第3个, 第1位: a rank, not an amount
    named: bool = False  # inside quotation marks or 书名号: part of a name

    @property
    def placeholder(self) -> bool:
        return self.value is None

    def shifted(self, base: int) -> Quantity:
        return self._replace(start=self.start + base, end=self.end + base)

    @property
    def amount(self) -> bool:
        """A figure that can be a part or a total: not a rank, not part of a name."""
        return not self.ordinal and not self.named


_CACHED = 10_000  # the longest text whose quantities are kept for the next rule to ask


def find_quantities(text: str, base: int = 0) -> list[Quantity]:
    """Every quantity in ``text``; offsets are shifted by ``base``. Those of a short text are
    cached (rules ask again for the same paragraph); a long one's are not kept after it (a
    line of two million 共3项： would keep two million quantities while the other rules run)."""
    found = _cached(text) if len(text) <= _CACHED else _quantities(text)
    if not base:
        return list(found)
    return [q.shifted(base) for q in found]


def _quantities(text: str) -> tuple[Quantity, ...]:
    out = []
    names = name_spans(text) if any(mark in text for mark in _OPEN_NAME) else []
    for m in _QUANTITY.finditer(text):
        unit = m.group("unit")
        mult = m.group("mult")
        if unit in MULTIPLIERS and not mult:  # 3万 alone: a number in 万, no real unit
            mult, unit = unit, ""
        value = None
        if not m.group("placeholder"):
            raw = m.group("arabic") or m.group("chinese")
            number = to_number(raw) if m.group("arabic") else chinese_to_int(raw)
            if number is None:
                continue
            value = float(number) * (MULTIPLIERS[mult] if mult else 1)
        approximate = bool(m.group("approx") or m.group("approx_before") or m.group("approx_after"))
        ordinal = m.start() > 0 and text[m.start() - 1] == "第"
        named = inside(m.start(), names)
        # the unit and scale as the shared strings of UNITS, the text interned: a text may hold
        # millions of the same quantity
        unit, mult = _SHARED.get(unit, unit), _SHARED.get(mult, "")
        out.append(Quantity(value, unit, m.start(), m.end(), approximate, sys.intern(m.group()), mult, ordinal, named))
    return tuple(out)


_cached = lru_cache(maxsize=4096)(_quantities)


def name_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each outermost quotation or 书名号 in ``text`` (marks included):
    what is inside names something (“四个与共”, 《三年行动方案》) rather than counting it."""
    spans: list[tuple[int, int]] = []
    closing: list[str] = []
    start = 0
    for m in _NAME_MARK.finditer(text):
        char = m.group()
        if closing and char == closing[-1]:
            closing.pop()
            if not closing:
                spans.append((start, m.end()))
        elif char in _OPEN_NAME:
            if not closing:
                start = m.start()
            closing.append(_OPEN_NAME[char])
    return spans


def inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``offset`` falls strictly inside one of ``spans`` (sorted, not overlapping, as
    :func:`name_spans` gives them): one binary search, as a text may hold millions of each."""
    index = bisect_right(spans, (offset, offset)) - 1
    return index >= 0 and spans[index][0] < offset < spans[index][1]


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text``."""
    start = 0
    for m in SENTENCE_END.finditer(text):
        if m.start() > start:
            yield start, m.start()
        start = m.end()
    if start < len(text):
        yield start, len(text)


def format_value(value: float, scale: str = "") -> str:
    """``value`` as people write it in ``scale``: 38660000000 in 亿 is 386.6."""
    value = round(value / MULTIPLIERS[scale], 6) if scale else value
    return str(int(value)) if value == int(value) else f"{value:g}"
