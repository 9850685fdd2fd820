"""Inline suppression comments in Markdown.

``<!-- reportlint-disable id[,id] -->`` … ``<!-- reportlint-enable -->`` silences rules in a
region (all rules when no id is named); ``<!-- reportlint-disable-next-line id -->`` silences
the next non-blank line. A suppression that silences nothing is reported as
``unused-suppression``, as ruff does for an unused ``noqa``.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from reportlint.base import regexcode
from reportlint.base.source import Source, Span

_MARK = "reportlint-"  # in every comment: a text without it has none, and the regex is not compiled


@lru_cache(maxsize=1)
def _comment() -> regex.Pattern:
    return regexcode.compile(r"<!--\s*reportlint-(?P<verb>disable-next-line|disable|enable)\b(?P<ids>[^>]*?)\s*-->")


class Suppression:
    """A suppression comment and the text it covers."""

    __slots__ = ("comment", "region", "ids", "used")

    def __init__(self, comment: Span, region: Span, ids: frozenset[str] | None) -> None:
        self.comment, self.region = comment, region
        self.ids = ids  # None: every rule
        self.used = False

    def covers(self, rule: str, offset: int) -> bool:
        return (self.ids is None or rule in self.ids) and self.region.start <= offset < self.region.end


def parse(source: Source) -> list[Suppression]:
    text = source.text
    found: list[Suppression] = []
    open_regions: list[Suppression] = []
    if _MARK not in text:
        return found
    for m in _comment().finditer(text):
        ids = frozenset(i.strip() for i in m.group("ids").replace(",", " ").split()) or None
        verb = m.group("verb")
        if verb == "enable":
            for item in open_regions:
                item.region = Span(item.region.start, m.start())
            open_regions.clear()
        elif verb == "disable":
            item = Suppression(Span(m.start(), m.end()), Span(m.end(), len(text)), ids)
            found.append(item)
            open_regions.append(item)
        else:
            found.append(Suppression(Span(m.start(), m.end()), _next_line(source, m.end()), ids))
    return found


def _next_line(source: Source, offset: int) -> Span:
    line = source.position(offset).line + 1
    while line <= source.line_count:
        span = source.line_span(line)
        if source.text[span.start : span.end].strip():
            return span
        line += 1
    return Span(len(source.text), len(source.text))
