"""Word's automatic list numbering: the label Word shows in front of a numbered paragraph.

A numbered paragraph stores no number, only a list (``w:numId``) and a level (``w:ilvl``);
Word computes the label while it lays the document out. This module does the same from
``numbering.xml``, so the outline parser reads ``一、`` or ``（二）`` where the reader sees it:

- each list instance (``w:num``) points at a definition (``w:abstractNum``) of up to nine
  levels, each with a first number (``w:start``), a format (``w:numFmt``), a label template
  (``w:lvlText``, ``%1`` … ``%9`` standing for the counters of levels 1–9) and what follows the
  label (``w:suff``: a tab, a space or nothing);
- counters belong to the definition, as in Word: a second ``w:num`` of the same definition
  continues its numbering unless it overrides a level's start (``w:lvlOverride`` /
  ``w:startOverride``, what "restart numbering" and "set numbering value" write), which takes
  effect where that instance is first used; an override may also replace a level outright;
- a level restarts after any level above it is used, or only after level ``w:lvlRestart`` and
  above (0: never).

Formats this module cannot render (bullets, formats it does not know, numbers beyond a
format's range) give no label: the paragraph is read as its text alone, as before.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from docx.oxml.ns import qn

_LEVELS = 9  # a list has levels 0–8 (shown as 1–9)
_SUFFIXES = {"tab": "\t", "space": " ", "nothing": ""}
_CN_DIGITS = "零一二三四五六七八九"
_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
    (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip
_CYCLES = {
    "ideographTraditional": "甲乙丙丁戊己庚辛壬癸",  # the ten heavenly stems
    "ideographZodiac": "子丑寅卯辰巳午未申酉戌亥",  # the twelve earthly branches
    "decimalEnclosedCircle": "".join(chr(0x2460 + i) for i in range(20)),  # ① … ⑳
    "decimalEnclosedCircleChinese": "".join(chr(0x2460 + i) for i in range(20)),
    "decimalEnclosedParen": "".join(chr(0x2474 + i) for i in range(20)),  # ⑴ … ⒇
    "decimalEnclosedFullstop": "".join(chr(0x2488 + i) for i in range(20)),  # ⒈ … ⒛
}


@dataclass(frozen=True)
class Level:
    """One level of a list definition."""

    start: int = 1
    fmt: str = "decimal"
    text: str = ""  # lvlText: %1 … %9 are the counters of levels 1 … 9
    restart: int | None = None  # lvlRestart; None: after any level above
    suffix: str = "\t"
    legal: bool = False  # isLgl: every counter in the label as a decimal number
    style: str | None = None  # the paragraph style this level is linked to (w:pStyle)


@dataclass(frozen=True)
class Instance:
    """A ``w:num``: a definition with the levels it overrides."""

    abstract: str
    levels: dict[int, Level]  # the definition's levels with this instance's overrides applied
    restarts: frozenset[int]  # levels whose counter starts anew where this instance is first used


@dataclass
class Numbering:
    """The lists of one document and the counters while its body is read in order."""

    instances: dict[str, Instance]
    counters: dict[str, list[int | None]] = field(default_factory=dict)  # per definition, per level
    used: set[str] = field(default_factory=set)  # instances met so far

    def level_of_style(self, num_id: str, style_id: str) -> int | None:
        """The level of list ``num_id`` linked to paragraph style ``style_id``, if any."""
        instance = self.instances.get(num_id)
        if instance is None:
            return None
        return next((i for i, level in instance.levels.items() if level.style == style_id), None)

    def label(self, num_id: str, ilvl: int) -> str:
        """Count the paragraph of list ``num_id`` at level ``ilvl`` and return its label with the
        character after it ("" when Word would show none or its format is not rendered here)."""
        instance = self.instances.get(num_id)
        if instance is None or ilvl not in instance.levels or not 0 <= ilvl < _LEVELS:
            return ""
        counters = self.counters.setdefault(instance.abstract, [None] * _LEVELS)
        if num_id not in self.used:
            self.used.add(num_id)
            for index in instance.restarts:
                counters[index] = None
        level = instance.levels[ilvl]
        current = counters[ilvl]
        counters[ilvl] = level.start if current is None else current + 1
        for deeper in range(ilvl + 1, _LEVELS):
            below = instance.levels.get(deeper)
            after = deeper if below is None or below.restart is None else below.restart
            if ilvl < after:
                counters[deeper] = None
        return _render(level, instance.levels, counters)


def _render(level: Level, levels: dict[int, Level], counters: list[int | None]) -> str:
    if level.fmt == "bullet":
        return ""
    out, i, template = [], 0, level.text
    while i < len(template):
        char = template[i]
        if char == "%" and i + 1 < len(template) and template[i + 1] in "123456789":
            index = int(template[i + 1]) - 1
            referred = levels.get(index, Level())
            counter = counters[index]
            number = format_number(
                counter if counter is not None else referred.start, "decimal" if level.legal else referred.fmt
            )
            if number is None:
                return ""
            out.append(number)
            i += 2
        else:
            out.append(char)
            i += 1
    label = "".join(out).replace("\r", "").replace("\n", "")
    return label + level.suffix if label.strip() else ""


def format_number(value: int, fmt: str) -> str | None:
    """``value`` in Word's number format ``fmt``; None when not rendered here."""
    if fmt in ("decimal", "decimalHalfWidth"):
        return str(value)
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(value).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "none":
        return ""
    if value < 1:
        return None
    if fmt in _CYCLES:
        cycle = _CYCLES[fmt]
        return cycle[value - 1] if value <= len(cycle) else None
    if fmt in ("chineseCounting", "chineseCountingThousand"):
        return _chinese(value, _CN_DIGITS, "十百千")
    if fmt == "chineseLegalSimplified":
        return _chinese(value, _LEGAL_DIGITS, "拾佰仟", drop_leading_one=False)
    if fmt == "ideographDigital":
        return "".join("〇" if d == "0" else _CN_DIGITS[int(d)] for d in str(value))
    if fmt in ("upperLetter", "lowerLetter"):
        letter = chr(ord("A") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman") and value < 4000:
        roman = _roman(value)
        return roman if fmt == "upperRoman" else roman.lower()
    return None


def _roman(value: int) -> str:
    out = []
    for amount, symbol in _ROMAN:
        count, value = divmod(value, amount)
        out.append(symbol * count)
    return "".join(out)


def _chinese(value: int, digits: str, units: str, drop_leading_one: bool = True) -> str | None:
    """1 → 一, 10 → 十, 11 → 十一, 105 → 一百零五, 1010 → 一千零一十 (below 10000)."""
    if value >= 10_000:
        return None
    out, zero = [], False
    for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        digit = value // power % 10
        if digit:
            if zero:
                out.append(digits[0])
            out.append(digits[digit] + unit)
            zero = False
        elif out:
            zero = True
    text = "".join(out)
    if drop_leading_one and text.startswith(digits[1] + units[0]):
        text = text[1:]
    return text


def read_numbering(root: Any) -> Numbering:
    """The lists defined in ``numbering.xml`` (its root element; None for a document without)."""
    if root is None:
        return Numbering({})
    definitions = list(root.iter(qn("w:abstractNum")))
    by_style = {val(a.find(qn("w:styleLink"))): a for a in definitions}
    abstracts, keys = {}, {}
    for definition in definitions:
        # a definition that only links to a numbering style takes that style's levels
        linked = by_style.get(val(definition.find(qn("w:numStyleLink"))) or "\0", definition)
        keys[definition.get(qn("w:abstractNumId"))] = linked.get(qn("w:abstractNumId"))
        abstracts[definition.get(qn("w:abstractNumId"))] = {
            int_or_none(lvl.get(qn("w:ilvl"))) or 0: _level(lvl, Level()) for lvl in linked.iter(qn("w:lvl"))
        }
    instances = {}
    for num in root.iter(qn("w:num")):
        abstract = val(num.find(qn("w:abstractNumId")))
        if abstract is None or abstract not in abstracts:
            continue
        levels = dict(abstracts[abstract])
        restarts = set()
        for override in num.iter(qn("w:lvlOverride")):
            index = int_or_none(override.get(qn("w:ilvl"))) or 0
            base = levels.get(index, Level())
            lvl = override.find(qn("w:lvl"))
            if lvl is not None:
                base = _level(lvl, base)
            start = int_or_none(val(override.find(qn("w:startOverride"))))
            if start is not None:
                base = replace(base, start=start)
            if lvl is not None or start is not None:
                levels[index] = base
                restarts.add(index)
        instances[num.get(qn("w:numId"))] = Instance(keys[abstract], levels, frozenset(restarts))
    return Numbering(instances)


def _level(lvl: Any, base: Level) -> Level:
    """A ``w:lvl`` read over ``base`` (what it does not say stays as in ``base``)."""
    start = int_or_none(val(lvl.find(qn("w:start"))))
    fmt = val(lvl.find(qn("w:numFmt")))
    text = lvl.find(qn("w:lvlText"))
    restart = int_or_none(val(lvl.find(qn("w:lvlRestart"))))
    suffix = val(lvl.find(qn("w:suff")))
    legal = lvl.find(qn("w:isLgl"))
    style = val(lvl.find(qn("w:pStyle")))
    return Level(
        start=start if start is not None else base.start,
        fmt=fmt if fmt is not None else base.fmt,
        text=(text.get(qn("w:val")) or "") if text is not None else base.text,
        restart=restart if restart is not None else base.restart,
        suffix=_SUFFIXES.get(suffix, "\t") if suffix is not None else base.suffix,
        legal=val(legal) not in ("0", "false", "off") if legal is not None else base.legal,
        style=style if style is not None else base.style,
    )


def val(element: Any) -> str | None:
    """The ``w:val`` of an element that may be absent."""
    return None if element is None else element.get(qn("w:val"))


def int_or_none(text: str | None) -> int | None:
    """An attribute as a number; None when absent or not a number."""
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None
