"""The document model: what the outline parser makes of a report and what rules read.

A report is a title, a preamble, and sections at four levels (GB/T 9704-2012 §7.3.3:
``一、`` → ``（一）`` → ``1.`` → ``（1）``). Each section has a heading, body paragraphs, child
sections and the inline enumeration items (``一是…二是…``, ``第一，…``) found in its body.
All positions are character offsets into ``Document.source.text``.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Mapping, Sequence
from itertools import chain
from typing import NamedTuple, overload

import regex

from reportlint.base.regexes import found
from reportlint.base.source import Source, Span, offsets

LEVEL_NAMES = {1: "一、", 2: "（一）", 3: "1.", 4: "（1）"}


class Marker(NamedTuple):
    """A heading marker as written, e.g. ``（一）``, ``1、``, ``(2)``, or as Word numbers it."""

    text: str  # "" for a heading without a number (a heading style, a Markdown heading, a section's name)
    span: Span  # empty at the paragraph's start when Word numbered it (the number is not in the text)
    level: int
    number: int
    automatic: bool = False  # Word's automatic list number: shown, but not part of the text


class Item(NamedTuple):
    """One inline enumeration item: ``一是`` (style ``shi``) or ``第一，`` (style ``di``)."""

    marker: str
    number: int
    style: str
    span: Span


class Paragraph(NamedTuple):
    """A body paragraph. Made when read (see :class:`Paragraphs`), so a named tuple: cheap to build."""

    span: Span
    text: str
    items: Sequence[Item] = ()


class Paragraphs(Sequence[Paragraph]):
    """A body's paragraphs, kept as offsets into the text (8 bytes a paragraph) and made into
    :class:`Paragraph` objects only as they are read: ten million one-character lines are ten
    million paragraphs, and an object each would take gigabytes."""

    __slots__ = ("_text", "_starts", "_ends", "_items")

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts = offsets(len(text))
        self._ends = offsets(len(text))
        self._items: dict[int, Sequence[Item]] = {}  # only the paragraphs that have items

    @classmethod
    def of(cls, text: str, paragraphs: Sequence[Paragraph]) -> Paragraphs:
        """The same paragraphs kept as offsets (a body given as a list, as tests build them)."""
        if isinstance(paragraphs, Paragraphs):
            return paragraphs
        kept = cls(text)
        for paragraph in paragraphs:
            kept.add(paragraph.span, paragraph.items)
        return kept

    def add(self, span: Span, items: Sequence[Item]) -> None:
        if items:
            self._items[len(self._starts)] = items
        self._starts.append(span.start)
        self._ends.append(span.end)

    def extend(self, starts: array, ends: array, items: Mapping[int, Sequence[Item]]) -> None:
        """Paragraphs at ``starts`` and ``ends`` at once, with the items of some (keyed by their
        index in ``starts``, in order): a run of thousands of lines added without a call each."""
        base = len(self._starts)
        self._items.update((base + index, found) for index, found in items.items())
        self._starts.extend(starts)
        self._ends.extend(ends)

    def items(self) -> list[Item]:
        """Every paragraph's items, in order (no paragraph is made to find them)."""
        return list(chain.from_iterable(self._items.values()))

    def at(self, offset: int) -> int:
        """The index of the paragraph holding ``offset`` (one that starts at or before it), -1 if none."""
        index = bisect_right(self._starts, offset) - 1
        return index if index >= 0 and offset < self._ends[index] else -1

    def after(self, offset: int) -> int:
        """The index of the first paragraph that starts after ``offset`` (``len`` if none)."""
        return bisect_right(self._starts, offset)

    def start(self, index: int) -> int:
        return self._starts[index]

    def end(self, index: int) -> int:
        return self._ends[index]

    def __len__(self) -> int:
        return len(self._starts)

    @overload
    def __getitem__(self, index: int) -> Paragraph: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Paragraph]: ...

    def __getitem__(self, index: int | slice) -> Paragraph | Sequence[Paragraph]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        start, end = self._starts[index], self._ends[index]
        return Paragraph(Span(start, end), self._text[start:end], self._items.get(index, ()))

    def __iter__(self) -> Iterator[Paragraph]:
        text, items = self._text, self._items
        for index, (start, end) in enumerate(zip(self._starts, self._ends, strict=True)):
            yield Paragraph(Span(start, end), text[start:end], items.get(index, ()))


def items_of(body: Sequence[Paragraph]) -> list[Item]:
    """The enumeration items of a body's paragraphs, in order."""
    if isinstance(body, Paragraphs):
        return body.items()
    return [item for paragraph in body for item in paragraph.items]


class Title(NamedTuple):
    text: str
    span: Span


class Section:
    """A heading and what belongs to it. A text of nothing but 一、 lines is millions of
    sections, so a section keeps its marker and heading span as plain offsets in slots (the
    :class:`Marker` and :class:`Span` are made when asked for) and no body or children of its
    own until it has some (the parser gives them): some 200 bytes a section instead of 520."""

    __slots__ = (
        "level", "heading", "body", "children", "start", "end", "marker_text", "number",
        "_marker_end", "_automatic", "_heading_end",
    )  # fmt: skip

    def __init__(
        self,
        level: int,
        marker_text: str,  # as written, "" for a heading without a number
        number: int,
        start: int,  # where the marker, and so the section, starts
        marker_end: int,
        heading: str,  # without its marker and closing punctuation
        heading_end: int,  # after the heading's closing punctuation
        end: int = 0,  # offset where the section (with its descendants) ends
        automatic: bool = False,  # Word's automatic number (not in the text)
    ) -> None:
        # Plain values, not a Marker and a Span: the parser makes millions of sections from its
        # arrays, and rules ask a section's marker text and number without making the Marker.
        self.level, self.marker_text, self.number, self._automatic = level, marker_text, number, automatic
        self.start, self._marker_end, self.heading, self.end = start, marker_end, heading, end
        # a bare marker line's heading ends where its marker does: share that int object (one fewer per line)
        self._heading_end = marker_end if heading_end == marker_end else heading_end
        self.body: Sequence[Paragraph] = ()  # the parser gives a body and children to those that have any
        self.children: Sequence[Section] = ()

    @property
    def marker(self) -> Marker:
        return Marker(self.marker_text, Span(self.start, self._marker_end), self.level, self.number, self._automatic)

    @property
    def heading_span(self) -> Span:
        return Span(self.start, self._heading_end)

    @property
    def items(self) -> list[Item]:
        return items_of(self.body)

    def walk(self) -> Iterator[Section]:
        yield self
        for child in self.children:
            yield from child.walk()

    def __repr__(self) -> str:
        return f"Section({self.level}, {self.marker_text}{self.heading!r}, {self.start}-{self.end})"


# A body paragraph, its section (``None`` in the preamble) and whether it ends its body.
Placed = tuple[Paragraph, Section | None, bool]


class Document:
    """A parsed report (a plain class: a dataclass would compile its methods at every start)."""

    __slots__ = (
        "source", "title", "preamble", "sections", "path", "report_type", "blanked", "flat", "attachments", "_scopes",
        "_bodies",
    )  # fmt: skip

    def __init__(
        self,
        source: Source,
        title: Title | None,
        preamble: Sequence[Paragraph],
        sections: list[Section],
        path: str | None = None,
        report_type: ReportType | None = None,
        blanked: list[Span] | None = None,
        flat: list[Section] | None = None,
        attachments: list[int] | None = None,
    ) -> None:
        self.source, self.title, self.preamble, self.sections = source, title, preamble, sections
        self.path = path
        self.report_type = report_type  # set by the engine from the title or the config
        self.blanked = blanked or []  # Markdown markup blanked to spaces (not prose)
        self.flat = flat or []  # every section in reading order
        # Where in ``sections`` an attachment's own outline begins (after a 附件, 附件1 or 附表
        # line): its numbering starts again and is not part of the report's structure.
        self.attachments = attachments or []
        self._scopes: _Scopes | None = None
        self._bodies: _Bodies | None = None  # the non-empty bodies, made when a rule first searches them

    def __repr__(self) -> str:
        return f"Document({self.path!r}, {self.title!r}, {len(self.sections)} top-level sections)"

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

    def paragraphs_with(self, hint: re.Pattern[str] | regex.Pattern) -> Iterator[Placed]:
        """The body paragraphs, in reading order, that may hold what a rule looks for: those
        where ``hint`` matches (and perhaps a few more, where a match runs past a paragraph's
        end). ``hint`` is searched over the whole text, so a text of millions of paragraphs,
        few of which hold anything to check, costs one scan in C instead of a step per
        paragraph. ``hint`` must match at least one character and look at nothing around its
        match (no look-arounds, anchors or word boundaries): then every paragraph where it
        matches on its own is found."""
        if self._bodies is None:
            self._bodies = _Bodies(self)
        bodies, text, position = self._bodies, self.text, self._bodies.next_start(-1)
        while position >= 0 and (found := hint.search(text, position)) is not None:
            at = found.start()
            which = bisect_right(bodies.starts, at) - 1
            body, section = bodies.bodies[max(which, 0)]
            index = body.at(at) if which >= 0 else -1
            if index >= 0:
                yield body[index], section, index == len(body) - 1
                position = body.end(index)
            else:  # in a heading, a title or between paragraphs: on from the next paragraph
                position = bodies.next_start(at)

    def in_scopes(self, scopes: frozenset[str], starts: array) -> array:
        """Those of ``starts`` (sorted) whose :meth:`scope_at` is one of ``scopes``: a span of
        the outline at a time (two binary searches each), not an offset at a time."""
        if self._scopes is None:
            self._scopes = _Scopes(self)
        return self._scopes.keep(scopes, starts)

    def scope_at(self, offset: int) -> str:
        """``title``, ``markers``, ``headings`` or ``body``: the part of the report at ``offset``."""
        if self._scopes is None:
            self._scopes = _Scopes(self)
        return self._scopes.at(offset)


class _Bodies:
    """The document's non-empty bodies in reading order (which is the order of their
    paragraphs' offsets), with where each begins: finds the paragraph at an offset in two
    binary searches."""

    def __init__(self, doc: Document) -> None:
        self.starts = offsets(len(doc.text))
        self.bodies: list[tuple[Paragraphs, Section | None]] = []
        sections = [(section.body, section) for section in doc.walk() if section.body]  # most have none
        for body, section in chain([(doc.preamble, None)], sections):
            if len(body):
                kept = Paragraphs.of(doc.text, body)
                self.starts.append(kept.start(0))
                self.bodies.append((kept, section))

    def next_start(self, offset: int) -> int:
        """Where the first paragraph after ``offset`` starts, -1 if none does."""
        which = bisect_right(self.starts, offset) - 1
        if which >= 0:
            body = self.bodies[which][0]
            index = body.after(offset)
            if index < len(body):
                return body.start(index)
        return self.starts[which + 1] if which + 1 < len(self.starts) else -1


class _Scopes:
    """The spans of a document's markers, headings and title, sorted, in arrays (a list of
    tuples would cost some 150 bytes a section)."""

    _NAMES = ("markers", "headings", "title")

    def __init__(self, doc: Document) -> None:
        self.starts, self.ends, self.kinds = offsets(len(doc.text)), offsets(len(doc.text)), bytearray()
        for section in doc.walk():  # reading order: the spans come sorted
            start, marker_end, heading_end = section.start, section._marker_end, section._heading_end
            self._add(len(self.starts), start, marker_end, 0)
            self._add(len(self.starts), marker_end, heading_end, 1)
        if doc.title:
            start, end = doc.title.span
            self._add(bisect_right(self.starts, start), start, end, 2)

    def _add(self, index: int, start: int, end: int, kind: int) -> None:
        self.starts.insert(index, start)
        self.ends.insert(index, end)
        self.kinds.insert(index, kind)

    def keep(self, scopes: frozenset[str], starts: array) -> array:
        """See :meth:`Document.in_scopes`: the spans are sorted and do not overlap, and every
        offset outside them is body."""
        kept, body, position = array(starts.typecode), "body" in scopes, 0
        for start, end, kind in zip(self.starts, self.ends, self.kinds, strict=True):
            inside = bisect_left(starts, start, position)
            after = bisect_left(starts, max(start, end), inside)
            if body:
                kept.extend(starts[position:inside])
            if self._NAMES[kind] in scopes:
                kept.extend(starts[inside:after])
            position = after
        if body:
            kept.extend(starts[position:])
        return kept

    def at(self, offset: int) -> str:
        index = bisect_right(self.starts, offset) - 1
        if index >= 0 and self.starts[index] <= offset < self.ends[index]:
            return self._NAMES[self.kinds[index]]
        return "body"


class SectionSpec(NamedTuple):
    """A section a report type requires, found by any of its heading aliases."""

    name: str
    aliases: list[regex.Pattern | str]  # plain text kept as text (see base.regexes.found)

    def matches(self, heading: str) -> bool:
        return any(found(alias, heading) for alias in self.aliases)


class ReportType(NamedTuple):
    id: str
    name: str
    title: regex.Pattern | str | None
    sections: Sequence[SectionSpec] = ()
