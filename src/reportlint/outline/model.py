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
from itertools import chain, compress, islice, repeat
from operator import add, lt
from typing import TypeVar, overload

import regex

from reportlint.base.record import NamedTuple
from reportlint.base.regexes import found
from reportlint.base.source import Source, Span, offsets

LEVEL_NAMES = {1: "一、", 2: "（一）", 3: "1.", 4: "（1）"}
_Column = TypeVar("_Column", array, bytearray)


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


def shifted_copies(part: _Column, step: int, times: int) -> _Column:
    """``times`` copies of ``part`` one after another, the k-th (from 1) with ``k * step`` added
    to each value: a repeated block of lines is added a column at a time, each value of the block
    a range, in C."""
    if isinstance(part, bytearray) or not step:
        return part * times
    if times == 1:
        return array(part.typecode, map(add, part, repeat(step)))
    copies = part * times
    for index, value in enumerate(part):
        copies[index :: len(part)] = array(part.typecode, range(value + step, value + step * (times + 1), step))
    return copies


class Bodies(Mapping[int, "Paragraphs"]):
    """Every body's paragraphs in reading order (the preamble's first), kept as offsets in two
    arrays: a body is a range of them, so a body costs some 12 bytes beside its paragraphs' 8
    (20 MB of 附件/一、 pairs are 1.4 million bodies of one paragraph, and an object with two
    arrays each took some 370 bytes). As a mapping, the sections' bodies by section index (the
    preamble aside), each made a :class:`Paragraphs` view when read. Paragraphs come in reading
    order, and each to the last section opened (or the preamble, before any): so the bodies'
    sections increase, and a body's paragraphs are together."""

    __slots__ = ("text", "starts", "ends", "sections", "firsts", "_items", "with_items")

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts, self.ends = offsets(len(text)), offsets(len(text))
        self.sections = array("q")  # each body's section, -1 for the preamble
        self.firsts = offsets(len(text))  # where each body's paragraphs begin in ``starts``
        self._items: dict[int, Sequence[Item]] = {}  # only the paragraphs that have items
        self.with_items = offsets(len(text))  # their indices, in order

    def add(self, section: int, start: int, end: int, items: Sequence[Item]) -> None:
        """A paragraph at the end of ``section``'s body (-1: the preamble)."""
        self._open(section)
        if items:
            self._items[len(self.starts)] = items
            self.with_items.append(len(self.starts))
        self.starts.append(start)
        self.ends.append(end)

    def extend(self, section: int, starts: array, ends: array, items: Mapping[int, Sequence[Item]]) -> None:
        """Paragraphs at ``starts`` and ``ends`` at the end of ``section``'s body, with the items
        of some (keyed by their index in ``starts``, in order): a run of thousands of lines
        added without a call each."""
        self._open(section)
        base = len(self.starts)
        if items:
            self._items.update((base + index, found) for index, found in items.items())
            self.with_items.extend(base + index for index in items)
        self.starts.extend(starts)
        self.ends.extend(ends)

    def _open(self, section: int) -> None:
        if not self.sections or self.sections[-1] != section:
            self.sections.append(section)
            self.firsts.append(len(self.starts))

    def preamble(self) -> Paragraphs:
        """The preamble's paragraphs (none if the first body is a section's)."""
        return self.body(0) if self.sections and self.sections[0] < 0 else Paragraphs(self, 0, 0)

    def body(self, which: int) -> Paragraphs:
        """Body number ``which`` (in reading order, the preamble's included)."""
        stop = self.firsts[which + 1] if which + 1 < len(self.firsts) else len(self.starts)
        return Paragraphs(self, self.firsts[which], stop)

    def of_paragraph(self, index: int) -> int:
        """The number of the body that paragraph ``index`` is in."""
        return bisect_right(self.firsts, index) - 1

    def paragraph(self, index: int) -> Paragraph:
        start, end = self.starts[index], self.ends[index]
        return Paragraph(Span(start, end), self.text[start:end], self._items.get(index, ()))

    def items_in(self, first: int, stop: int) -> list[Item]:
        """The items of paragraphs ``first`` to ``stop``, in order (no paragraph is made to find them)."""
        with_items = self.with_items
        found = with_items[bisect_left(with_items, first) : bisect_left(with_items, stop)]
        return list(chain.from_iterable(map(self._items.__getitem__, found)))

    def bodieswith_items(self) -> Iterator[list[Item]]:
        """The items of each body that has any, in order: a body at a time, only those."""
        with_items, firsts, position = self.with_items, self.firsts, 0
        while position < len(with_items):
            which = bisect_right(firsts, with_items[position]) - 1
            stop = firsts[which + 1] if which + 1 < len(firsts) else len(self.starts)
            after = bisect_left(with_items, stop, position)
            yield list(chain.from_iterable(map(self._items.__getitem__, with_items[position:after])))
            position = after

    def _which(self, section: int) -> int:
        """The number of ``section``'s body, -1 if it has none."""
        which = bisect_left(self.sections, section)
        return which if which < len(self.sections) and self.sections[which] == section else -1

    def __contains__(self, section: object) -> bool:
        return isinstance(section, int) and section >= 0 and self._which(section) >= 0

    def __getitem__(self, section: int) -> Paragraphs:
        if section < 0 or (which := self._which(section)) < 0:
            raise KeyError(section)
        return self.body(which)

    def __iter__(self) -> Iterator[int]:
        return iter(self.sections[1:] if self.sections and self.sections[0] < 0 else self.sections)

    def __len__(self) -> int:
        return len(self.sections) - (1 if self.sections and self.sections[0] < 0 else 0)


class Paragraphs(Sequence[Paragraph]):
    """A body's paragraphs: a range of those of :class:`Bodies`, each made a :class:`Paragraph`
    only as it is read (ten million one-character lines are ten million paragraphs, and an
    object each would take gigabytes)."""

    __slots__ = ("_store", "_first", "_stop")

    def __init__(self, store: Bodies, first: int, stop: int) -> None:
        self._store, self._first, self._stop = store, first, stop

    @classmethod
    def of(cls, text: str, paragraphs: Sequence[Paragraph]) -> Paragraphs:
        """The same paragraphs kept as offsets (a body given as a list, as tests build them)."""
        if isinstance(paragraphs, Paragraphs):
            return paragraphs
        store = Bodies(text)
        for paragraph in paragraphs:
            store.add(-1, paragraph.span.start, paragraph.span.end, paragraph.items)
        return cls(store, 0, len(store.starts))

    @property
    def store(self) -> Bodies:
        """The paragraphs these are a range of."""
        return self._store

    def items(self) -> list[Item]:
        """Every paragraph's items, in order (no paragraph is made to find them)."""
        return self._store.items_in(self._first, self._stop)

    def at(self, offset: int) -> int:
        """The index of the paragraph holding ``offset`` (one that starts at or before it), -1 if none."""
        index = bisect_right(self._store.starts, offset, self._first, self._stop) - 1
        return index - self._first if index >= self._first and offset < self._store.ends[index] else -1

    def after(self, offset: int) -> int:
        """The index of the first paragraph that starts after ``offset`` (``len`` if none)."""
        return bisect_right(self._store.starts, offset, self._first, self._stop) - self._first

    def start(self, index: int) -> int:
        return self._store.starts[self._first + index]

    def end(self, index: int) -> int:
        return self._store.ends[self._first + index]

    def __len__(self) -> int:
        return self._stop - self._first

    @overload
    def __getitem__(self, index: int) -> Paragraph: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Paragraph]: ...

    def __getitem__(self, index: int | slice) -> Paragraph | Sequence[Paragraph]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._store.paragraph(self._first + index)

    def __iter__(self) -> Iterator[Paragraph]:
        return map(self._store.paragraph, range(self._first, self._stop))


def items_of(body: Sequence[Paragraph]) -> list[Item]:
    """The enumeration items of a body's paragraphs, in order."""
    if isinstance(body, Paragraphs):
        return body.items()
    return [item for paragraph in body for item in paragraph.items]


class Title(NamedTuple):
    text: str
    span: Span


class Sections:
    """A document's sections in reading order, kept as columns (some 37 bytes a section): a
    text may be nothing but 6.7 million ``1.`` lines, and an object each took 1.8 GB. A
    :class:`Section` is made when a rule reads one (``sections[i]``), and let go after.

    The tree is in ``after``: a section's descendants are the sections after it, up to
    ``after[i]`` (exclusive); its children are the first of them and each next one past the
    last one's descendants."""

    __slots__ = (
        "text", "levels", "markers", "marker_texts", "marker_numbers", "marker_automatic", "starts", "marker_ends",
        "heading_starts", "heading_ends", "spans_end", "ends", "after", "bodies", "tops", "_marker_ids",
    )  # fmt: skip

    def __init__(self, text: str) -> None:
        self.text = text
        self.levels, self.markers = bytearray(), array("I")  # a marker as an index in the marker_ lists
        # each distinct marker once: its text ("" for a heading without one), number, and
        # whether it is Word's automatic number
        self.marker_texts, self.marker_numbers, self.marker_automatic = [""], [0], [False]
        self._marker_ids = {("", 0, False): 0}
        size = len(text)
        self.starts, self.marker_ends, self.spans_end = offsets(size), offsets(size), offsets(size)
        self.heading_starts, self.heading_ends = offsets(size), offsets(size)  # the heading's text
        self.ends, self.after = offsets(size), offsets(size)
        self.bodies = Bodies(text)  # the paragraphs of the preamble and the sections that have any
        self.tops = offsets(size)  # the top-level sections

    def add(
        self,
        level: int,
        marker_text: str,  # as written, "" for a heading without a number
        number: int,
        start: int,  # where the marker, and so the section, starts
        marker_end: int,
        heading: tuple[int, int],  # where its text is: without its marker and closing punctuation
        heading_end: int,  # after the heading's closing punctuation
        automatic: bool = False,  # Word's automatic number (not in the text)
    ) -> int:
        """A new section (its end and descendants are set when it closes): its index."""
        if (marker := self._marker_ids.get((marker_text, number, automatic))) is None:
            marker = self._marker_ids[marker_text, number, automatic] = len(self.marker_texts)
            self.marker_texts.append(marker_text)
            self.marker_numbers.append(number)
            self.marker_automatic.append(automatic)
        self.levels.append(level)
        self.markers.append(marker)
        self.starts.append(start)
        self.marker_ends.append(marker_end)
        self.heading_starts.append(heading[0])
        self.heading_ends.append(heading[1])
        self.spans_end.append(heading_end)
        self.ends.append(0)
        self.after.append(0)
        return len(self.levels) - 1

    def add_like(self, index: int, line: int, lines: array) -> None:
        """After section ``index``, the last, whose line starts at ``line``: one like it (same
        level and marker) on each line starting at ``lines``, its end and descendants set as
        :meth:`add` sets them; a column at a time, in C."""
        self.levels.extend(bytes(self.levels[index : index + 1]) * len(lines))
        self.markers.extend(repeat(self.markers[index], len(lines)))
        for column in (self.starts, self.marker_ends, self.heading_starts, self.heading_ends, self.spans_end):
            column.extend(map(add, lines, repeat(column[index] - line)))  # at the same place in its line
        self.ends.extend(repeat(0, len(lines)))
        self.after.extend(repeat(0, len(lines)))

    def close_like(self, first: int, ends: array) -> None:
        """Sections from ``first`` on, one for each of ``ends``, close there with no
        descendants (siblings one after another, as :meth:`close` would close them)."""
        stop = first + len(ends)
        self.ends[first:stop] = ends
        self.after[first:stop] = array(self.after.typecode, range(first + 1, stop + 1))

    def close(self, index: int, end: int) -> None:
        """Section ``index`` ends at ``end``; its descendants are those added so far."""
        self.ends[index] = end
        self.after[index] = len(self.levels)

    def children(self, index: int) -> array:
        """The indices of the children of section ``index``."""
        found, child, stop = offsets(len(self.text)), index + 1, self.after[index]
        while child < stop:
            found.append(child)
            child = self.after[child]
        return found

    def __len__(self) -> int:
        return len(self.levels)

    def __getitem__(self, index: int) -> Section:
        return Section(self, index)


class Section:
    """A heading and what belongs to it: a view of row ``index`` of :class:`Sections`, made
    when read. Its plain values are copied (rules read them often); its heading, body and
    children are read when asked."""

    __slots__ = ("level", "marker_text", "number", "start", "end", "_marker_end", "_heading_end", "_table", "_index")

    def __init__(self, table: Sections, index: int) -> None:
        self._table, self._index = table, index
        marker = table.markers[index]
        self.level, self.start, self.end = table.levels[index], table.starts[index], table.ends[index]
        self.marker_text, self.number = table.marker_texts[marker], table.marker_numbers[marker]
        self._marker_end, self._heading_end = table.marker_ends[index], table.spans_end[index]

    @property
    def heading(self) -> str:
        """Without its marker and closing punctuation."""
        table, index = self._table, self._index
        return table.text[table.heading_starts[index] : table.heading_ends[index]]

    @property
    def body(self) -> Sequence[Paragraph]:
        return self._table.bodies.get(self._index, ())

    @property
    def children(self) -> Sequence[Section]:
        return SectionList(self._table, self._table.children(self._index))

    @property
    def marker(self) -> Marker:
        automatic = self._table.marker_automatic[self._table.markers[self._index]]
        return Marker(self.marker_text, Span(self.start, self._marker_end), self.level, self.number, automatic)

    @property
    def heading_span(self) -> Span:
        return Span(self.start, self._heading_end)

    @property
    def items(self) -> list[Item]:
        return items_of(self.body)

    def walk(self) -> Iterator[Section]:
        """It and its descendants in reading order."""
        return map(self._table.__getitem__, range(self._index, self._table.after[self._index]))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Section) and other._table is self._table and other._index == self._index

    def __hash__(self) -> int:
        return hash((id(self._table), self._index))

    def __repr__(self) -> str:
        return f"Section({self.level}, {self.marker_text}{self.heading!r}, {self.start}-{self.end})"


class SectionList(Sequence[Section]):
    """Some of a document's sections (by their indices), each made when read."""

    __slots__ = ("_table", "_indices")

    def __init__(self, table: Sections, indices: Sequence[int]) -> None:
        self._table, self._indices = table, indices

    def __len__(self) -> int:
        return len(self._indices)

    @overload
    def __getitem__(self, index: int) -> Section: ...

    @overload
    def __getitem__(self, index: slice) -> SectionList: ...

    def __getitem__(self, index: int | slice) -> Section | SectionList:
        if isinstance(index, slice):
            return SectionList(self._table, self._indices[index])
        return Section(self._table, self._indices[index])

    def __iter__(self) -> Iterator[Section]:
        return map(self._table.__getitem__, self._indices)

    def __eq__(self, other: object) -> bool:
        """Equal to a list of the same sections (as the outline was a list)."""
        return isinstance(other, SectionList | list | tuple) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]  # a sequence that compares by its contents


# A body paragraph, its section (``None`` in the preamble) and whether it ends its body.
Placed = tuple[Paragraph, Section | None, bool]


class Document:
    """A parsed report (a plain class: a dataclass would compile its methods at every start)."""

    __slots__ = (
        "source", "title", "preamble", "table", "path", "report_type", "blanked", "attachments", "cells", "_scopes",
        "_bodies",
    )  # fmt: skip

    def __init__(
        self,
        source: Source,
        title: Title | None,
        preamble: Sequence[Paragraph],
        table: Sections | None = None,
        path: str | None = None,
        report_type: ReportType | None = None,
        blanked: list[Span] | None = None,
        attachments: list[int] | None = None,
    ) -> None:
        self.source, self.title, self.preamble = source, title, preamble
        self.table = table if table is not None else Sections(source.text)  # every section, in reading order
        self.path = path
        self.report_type = report_type  # set by the engine from the title or the config
        self.blanked = blanked or []  # Markdown markup blanked to spaces (not prose)
        # Where in ``sections`` an attachment's own outline begins (after a 附件, 附件1 or 附表
        # line): its numbering starts again and is not part of the report's structure.
        self.attachments = attachments or []
        self.cells: frozenset[int] = frozenset()  # the lines that are table cells' paragraphs (a .docx)
        self._scopes: _Scopes | None = None
        self._bodies: Bodies | None = None  # every body, for a document not built by the parser

    def __repr__(self) -> str:
        return f"Document({self.path!r}, {self.title!r}, {len(self.sections)} top-level sections)"

    @property
    def text(self) -> str:
        return self.source.text

    @property
    def sections(self) -> SectionList:
        """The top-level sections (of the report, then of its attachments)."""
        return SectionList(self.table, self.table.tops)

    def walk(self) -> Iterator[Section]:
        """Every section, depth first, which is reading order."""
        return map(self.table.__getitem__, range(len(self.table)))

    def outline_cuts(self) -> array:
        """Where the top-level sections of each outline begin in ``table.tops``: the report's
        (at 0, even when it has none), then each attachment's that has any (each is numbered
        on its own); ``len(tops)`` last. An array: 20 MB of 附件/一、 pairs are 1.4 million
        outlines."""
        cuts, end = self.attachments, len(self.table.tops)
        with_tops = compress(cuts, map(lt, cuts, chain(islice(cuts, 1, None), (end,))))
        return array("q", [0, *with_tops, end])

    def outlines(self) -> list[SectionList]:
        """The top-level sections of the report, then those of each attachment: each list is
        numbered on its own."""
        tops, cuts = self.table.tops, self.outline_cuts()
        return [SectionList(self.table, tops[a:b]) for a, b in zip(cuts, cuts[1:], strict=False)]

    def report_outline(self) -> SectionList:
        """The report's top-level sections, without its attachments'."""
        return SectionList(self.table, self.table.tops[: self.attachments[0] if self.attachments else None])

    def bodies(self) -> Iterator[tuple[Sequence[Paragraph], Section | None]]:
        """The preamble (with ``None``), then each section's body that has paragraphs, in
        reading order."""
        yield self.preamble, None
        bodies = self.table.bodies
        for which, section in enumerate(bodies.sections):
            if section >= 0:
                yield bodies.body(which), self.table[section]

    def paragraphs(self) -> Iterator[Paragraph]:
        """Every body paragraph in reading order (preamble first)."""
        for body, _ in self.bodies():
            yield from body

    def items_by_body(self) -> Iterator[list[Item]]:
        """The enumeration items of each body that has any (the preamble's first), in order:
        the bodies without any are not read."""
        return self._all_bodies().bodieswith_items()

    def paragraphs_with(self, hint: re.Pattern[str] | regex.Pattern) -> Iterator[Placed]:
        """The body paragraphs, in reading order, that may hold what a rule looks for: those
        where ``hint`` matches (and perhaps a few more, where a match runs past a paragraph's
        end). ``hint`` is searched over the whole text, so a text of millions of paragraphs,
        few of which hold anything to check, costs one scan in C instead of a step per
        paragraph. ``hint`` must match at least one character and look at nothing around its
        match (no look-arounds, anchors or word boundaries): then every paragraph where it
        matches on its own is found."""
        bodies, text = self._all_bodies(), self.text
        starts, ends, count = bodies.starts, bodies.ends, len(bodies.starts)
        position = starts[0] if count else -1
        section, made = None, -1  # the section view last made, and its index
        while position >= 0 and (found := hint.search(text, position)) is not None:
            at = found.start()
            index = bisect_right(starts, at) - 1  # the paragraph starting at or before it
            if index >= 0 and at < ends[index]:
                which = bodies.of_paragraph(index)
                if bodies.sections[which] != made:
                    made = bodies.sections[which]
                    section = self.table[made] if made >= 0 else None
                stop = bodies.firsts[which + 1] if which + 1 < len(bodies.firsts) else count
                yield bodies.paragraph(index), section, index == stop - 1
                position = ends[index]
            else:  # in a heading, a title or between paragraphs: on from the next paragraph
                position = starts[index + 1] if index + 1 < count else -1

    def _all_bodies(self) -> Bodies:
        """Every body's paragraphs, the preamble's first: the parser's :class:`Bodies`, or for a
        document built from lists, a copy made on first need."""
        bodies = self.table.bodies
        if isinstance(self.preamble, Paragraphs) and self.preamble.store is bodies:
            return bodies
        if self._bodies is None:
            self._bodies = Bodies(self.text)
            for body, section in self.bodies():
                for paragraph in body:
                    where = -1 if section is None else section._index
                    self._bodies.add(where, paragraph.span.start, paragraph.span.end, paragraph.items)
        return self._bodies

    def in_scopes(self, scopes: frozenset[str], starts: array) -> array:
        """Those of ``starts`` (sorted) whose :meth:`scope_at` is one of ``scopes``: a span of
        the outline at a time (two binary searches each), not an offset at a time."""
        return self._scoped().keep(scopes, starts)

    def scope_at(self, offset: int) -> str:
        """``title``, ``markers``, ``headings`` or ``body``: the part of the report at ``offset``."""
        return self._scoped().at(offset)

    def _scoped(self) -> _Scopes:
        """The parts of the report, found on first need."""
        if self._scopes is None:
            self._scopes = _Scopes(self)
        return self._scopes


class _Scopes:
    """The spans of a document's markers, headings and title, sorted, in arrays (a list of
    tuples would cost some 150 bytes a section; these, 18)."""

    _NAMES = ("markers", "headings", "title")

    def __init__(self, doc: Document) -> None:
        self.starts, self.ends, table = offsets(len(doc.text)), offsets(len(doc.text)), doc.table
        # each section's marker, then its heading (reading order: the spans come sorted), in C
        self.starts.extend(chain.from_iterable(zip(table.starts, table.marker_ends, strict=True)))
        self.ends.extend(chain.from_iterable(zip(table.marker_ends, table.spans_end, strict=True)))
        self.kinds = bytearray(b"\x00\x01") * len(table)
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
