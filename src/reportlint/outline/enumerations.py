"""Inline enumerations inside a paragraph: ``一是…二是…三是…`` and ``第一，…第二，…``.

An item marker counts only where a clause can begin — at the start of the paragraph or after
punctuation — so words that merely contain the characters (第一议题, 思想统一是, 唯一是) are not
items.
"""

from __future__ import annotations

from reportlint.base import regexcode
from reportlint.base.source import Span
from reportlint.numbers.numerals import marker_value
from reportlint.outline.model import Item

_CLAUSE_START = r"(?<![^\s。；;：:，,！？!?、“\"‘（(【])"
_ITEM = regexcode.compile(
    _CLAUSE_START
    + r"(?:(?P<shi>[一二三四五六七八九十]{1,3})是(?!否|非|不是)"
    + r"|第(?P<di>[一二三四五六七八九十]{1,3})(?=[，,、：:]))"
)


def find_items(text: str, base: int) -> list[Item]:
    """The enumeration items in ``text``, whose first character sits at offset ``base``."""
    if "是" not in text and "第" not in text:  # every item has one: most paragraphs are skipped in C
        return []
    items = []
    for m in _ITEM.finditer(text):
        style = "shi" if m.group("shi") else "di"
        number = marker_value(m.group(style))
        if number is not None:
            items.append(Item(m.group(), number, style, Span(base + m.start(), base + m.end())))
    return items
