"""The document model: what the outline parser makes of a report and what rules read.

A report is a title, a preamble, and sections at four levels (GB/T 9704-2012 §7.3.3:
``一、`` → ``（一）`` → ``1.`` → ``（1）``). Each section has a heading, body paragraphs, child
sections and the inline enumeration items (``一是…二是…``, ``第一，…``) found in its body.
All positions are character offsets into ``Document.source.text``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field

import regex

from reportlint.base.regexes import search
from reportlint.base.source import Source, Span

LEVEL_NAMES = {1: "一、", 2: "（一）", 3: "1.", 4: "（1）"}


@dataclass
class Marker:
    """A heading marker as written, e.g. ``（一）``, ``1、``, ``(2)``, or as Word numbers it."""

    text: str  # "" for a heading without a number (a heading style, a Markdown heading, a section's name)
    span: Span  # empty at the paragraph's start when Word numbered it (the number is not in the text)
    level: int
    number: int
    automatic: bool = False  # Word's automatic list number: shown, but not part of the text


@dataclass
class Item:
    """One inline enumeration item: ``一是`` (style ``shi``) or ``第一，`` (style ``di``)."""

    marker: str
    number: int
    style: str
    span: Span


@dataclass
class Paragraph:
    span: Span
    text: str
    items: list[Item] = field(default_factory=list)


@dataclass
class Title:
    text: str
    span: Span


@dataclass
class Section:
    level: int
    marker: Marker
    heading: str  # without its marker and closing punctuation
    heading_span: Span  # marker through the heading's closing punctuation
    body: list[Paragraph] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    end: int = 0  # offset where the section (with its descendants) ends

    @property
    def number(self) -> int:
        return self.marker.number

    @property
    def items(self) -> list[Item]:
        return [item for paragraph in self.body for item in paragraph.items]

    def walk(self) -> Iterator[Section]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Document:
    source: Source
    title: Title | None
    preamble: list[Paragraph]
    sections: list[Section]
    path: str | None = None
    report_type: ReportType | None = None  # set by the engine from the title or the config
    blanked: list[Span] = field(default_factory=list)  # Markdown markup blanked to spaces (not prose)
    flat: list[Section] = field(default_factory=list, repr=False)  # every section in reading order
    # Where in ``sections`` an attachment's own outline begins (after a 附件, 附件1 or 附表 line):
    # its numbering starts again and is not part of the report's structure.
    attachments: list[int] = field(default_factory=list)
    _scopes: list[tuple[int, int, str]] = field(default_factory=list, repr=False)

    @property
    def text(self) -> str:
        return self.source.text

    def walk(self) -> Iterator[Section]:
        """Every section, depth first, which is reading order (kept by the parser, since rules
        walk the tree many times)."""
        if self.flat:
            return iter(self.flat)
        return (section for top in self.sections for section in top.walk())

    def outlines(self) -> list[list[Section]]:
        """The top-level sections of the report, then those of each attachment: each list is
        numbered on its own."""
        cuts = [0, *self.attachments, len(self.sections)]
        return [self.sections[a:b] for a, b in zip(cuts, cuts[1:], strict=False) if a < b or a == 0]

    def paragraphs(self) -> Iterator[Paragraph]:
        """Every body paragraph in reading order (preamble first)."""
        yield from self.preamble
        for section in self.walk():
            yield from section.body

    def scope_at(self, offset: int) -> str:
        """``title``, ``markers``, ``headings`` or ``body``: the part of the report at ``offset``."""
        if not self._scopes:
            spans = []
            for section in self.walk():
                marker, heading = section.marker.span, section.heading_span
                spans.append((marker.start, marker.end, "markers"))
                spans.append((marker.end, heading.end, "headings"))
            if self.title:
                spans.append((self.title.span.start, self.title.span.end, "title"))
            spans.sort()
            self._scopes = spans or [(-1, -1, "body")]
        index = bisect_right(self._scopes, (offset, float("inf"), "")) - 1
        if index >= 0:
            start, end, scope = self._scopes[index]
            if start <= offset < end:
                return scope
        return "body"


@dataclass
class SectionSpec:
    """A section a report type requires, found by any of its heading aliases."""

    name: str
    aliases: list[regex.Pattern]

    def matches(self, heading: str) -> bool:
        return any(search(alias, heading) for alias in self.aliases)


@dataclass
class ReportType:
    id: str
    name: str
    title: regex.Pattern | None
    sections: list[SectionSpec] = field(default_factory=list)
