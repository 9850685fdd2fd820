"""``range``: a numeric range written with the wrong mark, or with a unit on one end only.

GB/T 15834-2011 §4.13.3 writes the span of two values with a 浪纹线 ``～`` (or a 一字线 ``—``;
a span of time — years, months — takes ``—``), never a hyphen, which joins the parts of one code (§4.13.3.1: phone
numbers, dates in figures, model names, table numbers). GB/T 15835-2011 §5.1.3 writes a
magnitude or ``%`` on both ends where leaving it off the first would mislead: ``15%～30%``, not
``15～30%``; ``9亿～16亿``, not ``9～16亿``.

What is a range here: two numbers joined by one mark, the first smaller than the second, not
part of a longer code (``3-2-11``, ``2011-02-15``, ``GB/T 9704-2012``, ``WZ-10``, ``010-8884``),
followed by a unit or a word (``3-5年``) or carrying a unit written after each number. A number
with a leading zero or seven or more digits is a code, and a year followed by a month
(``2023-12``) is a date.

Parameters:

- ``marks``: characters that are wrong between the two values (hyphens, dashes, tildes).
- ``mark``: the right mark for values (``～``).
- ``time-mark``: the right mark between two points in time: two years (``2021—2025年``), or
  two months (``1—11月``, not a duration such as ``3-5个月``) (``—``).
- ``accept``: marks that are right as written (``～—``); only a one-ended unit is checked there.
- ``repeat``: a regex for the units written on both ends (``%``, ``万``, ``亿``).
- ``skip``: regexes whose matches are exempt (table numbers such as ``表2-8``).

The message may name ``{match}`` and ``{suggestion}``.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from reportlint.base import regexcode
from reportlint.base.i18n import _
from reportlint.base.record import Record
from reportlint.base.source import Span
from reportlint.outline.model import Document
from reportlint.rules.diagnostics import Finding, Fix
from reportlint.rules.kinds.contract import Kind
from reportlint.rules.kinds.params import Exempt, Param, ParamError, compile_parts, finditer

_NUMBER = r"\d+(?:\.\d+)?"
_MAX_DIGITS = 6  # a whole part longer than this is a code (a phone or serial number), not a value
_YEARS = range(1000, 3000)
_UNIT_NEXT = regexcode.compile(r"[\p{Han}A-Za-z℃°]")  # a unit or a word after the second value
_DATE_UNITS = ("月",)  # 1—11月: months as points in time (3-5个月 is a duration)


class RangeCheck(Record):
    __slots__ = ("pattern", "wrong", "mark", "time_mark", "skip")

    def __init__(
        self,
        pattern: regex.Pattern,
        wrong: str,
        mark: str,
        time_mark: str,
        skip: list[regex.Pattern] | None,
    ) -> None:
        self.pattern, self.wrong, self.mark, self.time_mark, self.skip = pattern, wrong, mark, time_mark, skip

    def __call__(self, doc: Document) -> Iterator[Finding]:
        exempt = Exempt(doc.text, self.skip)
        for m in finditer(self.pattern, doc.text):
            if exempt.covers(m.start(), m.end()):
                continue
            suggestion = self._suggestion(m, doc.text[m.end() : m.end() + 1])
            if suggestion is not None and suggestion != m.group():
                span = Span(m.start(), m.end())
                yield Finding.at(span, Fix(span, suggestion), match=m.group(), suggestion=suggestion)

    def _suggestion(self, m: regex.Match, after: str) -> str | None:
        a, b, unit_a, unit_b, mark = m.group("a", "b", "ua", "ub", "m")
        if not _values(a, b) or (unit_a and not unit_b):
            return None
        if unit_b is None and not _UNIT_NEXT.match(after):
            return None  # two bare numbers: a score, a code or a ratio as much as a range
        times = not unit_a and unit_b is None and ((_year(a) and _year(b)) or after in _DATE_UNITS)
        if mark in self.wrong:
            mark = self.time_mark if times else self.mark
        return f"{a}{unit_a or unit_b or ''}{mark}{b}{unit_b or ''}"


def _values(a: str, b: str) -> bool:
    """Two numbers that read as the ends of a range rather than the parts of a code."""
    for number in (a, b):
        whole = number.split(".")[0]
        if len(whole) > _MAX_DIGITS or (len(whole) > 1 and whole.startswith("0")):
            return False
    if _year(a) and len(b) <= 2:
        return False  # 2023-12: a year and a month
    return float(a) < float(b)


def _year(number: str) -> bool:
    return number.isdigit() and len(number) == 4 and int(number) in _YEARS


def compile(params: dict) -> RangeCheck:
    marks, accept = params["marks"], params["accept"]
    if not marks or not accept or set(marks) & set(accept):
        raise ParamError("accept", _("'marks' and 'accept' are non-empty and share no character"))
    repeat = params["repeat"] or "(?!)"
    every = regex.escape(marks + accept)
    pattern = compile_parts(  # a bad unit regex is reported by itself
        r"(?<![A-Za-z0-9_.:/+＋\-])(?<![A-Za-z/][ \t])"  # not inside a code or after GB/T, ISO …
        rf"(?P<a>{_NUMBER})(?P<ua>{repeat})?(?P<m>[{every}])(?P<b>{_NUMBER})(?P<ub>{repeat})?"
        r"(?![0-9.:/]|[\-‐‑–][0-9])",  # not followed by more of a code (3-2-11, 2011-02-15)
        "marks",
        [repeat],
        "repeat",
    )
    return RangeCheck(pattern, marks, params["mark"], params["time-mark"], params["skip"])


_DOC_ZH = """数值范围用错了连接号，或只在一端写了单位。

GB/T 15834-2011 §4.13.3 用浪纹线 ``～``（或一字线 ``—``；年、月等时间段用 ``—``）表示两个数值之间的范围，
不用连字符；GB/T 15835-2011 §5.1.3 要求在易生误解时两端都写数量级或 ``%``：``15%～30%``，不写
``15～30%``。编号、日期、型号等中的连字符不算范围。

参数：

- ``marks``：两个数值之间用错的字符（连字符、破折号、波浪号）。
- ``mark``：数值之间正确的标点（``～``）。
- ``time-mark``：两个时间点之间正确的标点：两个年份（``2021—2025年``）或两个月份（``1—11月``，
  不是 ``3-5个月`` 这样的时长）（``—``）。
- ``accept``：本身正确的标点（``～—``）；用了它们时只检查单位是否只写在一端。
- ``repeat``：两端都应写出的单位的正则表达式（``%``、``万``、``亿``）。
- ``skip``：其匹配处不报告的正则表达式（如 ``表2-8`` 这样的表号）。

消息可用 ``{match}`` 和 ``{suggestion}``。
"""

KIND = Kind(
    "range",
    __doc__,
    {
        "marks": Param(
            "str", "characters that are wrong between two values", required=True, doc_zh="两个数值之间用错的标点"
        ),
        "mark": Param("str", "the right mark between two values", required=True, doc_zh="两个数值之间正确的标点"),
        "time-mark": Param(
            "str", "the right mark between two years or months", required=True, doc_zh="两个年份或月份之间正确的标点"
        ),
        "accept": Param("str", "marks that are right as written", required=True, doc_zh="本身正确的标点"),
        "repeat": Param("str", "a regex for units written on both ends", doc_zh="两端都应写出的单位的正则表达式"),
        "skip": Param("regex-list", "regexes whose matches are exempt", doc_zh="其匹配处不报告的正则表达式"),
    },
    scoped=True,
    fix="always",
    fields=("match", "suggestion"),
    compile=compile,
    doc_zh=_DOC_ZH,
)
