"""Quantities in running text: a number with its unit, such as 32件, 3.5亿元, 十三个, XX份.

Shared by the ``total`` and ``count`` rule kinds. 万 and 亿 are folded into the value, so
120万元 and 3.5亿元 are both in 元; 人次 and 次 stay different units.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

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
_QUANTITY = re.compile(
    r"(?=[约近超逾大0-9０-９零〇一二两三四五六七八九十百千XＸxｘ×])"  # a cheap first-character filter
    r"(?P<approx_before>约|近|超过|逾|大约)?"
    r"(?:(?P<arabic>\d+(?:,\d{3})*(?:\.\d+)?|[０-９]+(?:[．.][０-９]+)?)"
    r"|(?P<chinese>(?<![第统唯万之同专单划合不再零〇一二两三四五六七八九十百千])[零〇一二两三四五六七八九十百千]+)"
    r"|(?P<placeholder>[XＸxｘ]{1,4}|××+))"
    r"(?P<mult>[万亿](?=[\u4e00-\u9fff%％]))?"
    r"(?P<approx>余|多)?"
    r"(?P<unit>" + "|".join(re.escape(u) for u in UNITS) + ")"
)
SENTENCE_END = re.compile(r"[。！？!?；;\r\n]")


@dataclass(frozen=True)
class Quantity:
    value: float | None  # None for a placeholder
    unit: str
    start: int
    end: int
    approximate: bool
    text: str
    scale: str = ""  # 万 or 亿 as written, folded into value

    @property
    def placeholder(self) -> bool:
        return self.value is None


def find_quantities(text: str, base: int = 0) -> list[Quantity]:
    """Every quantity in ``text``; offsets are shifted by ``base``."""
    found = _quantities(text)
    if not base:
        return list(found)
    return [Quantity(q.value, q.unit, q.start + base, q.end + base, q.approximate, q.text, q.scale) for q in found]


@lru_cache(maxsize=4096)
def _quantities(text: str) -> tuple[Quantity, ...]:
    out = []
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
        approximate = bool(m.group("approx") or m.group("approx_before"))
        out.append(Quantity(value, unit, m.start(), m.end(), approximate, m.group(), mult or ""))
    return tuple(out)


def sentences(text: str):
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
