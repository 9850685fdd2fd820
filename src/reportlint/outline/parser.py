"""Parse a report's text into a :class:`~reportlint.model.Document`.

``outline.lark`` classifies each line (heading marker or not); this module assembles the tree:
a heading of level L hangs under the nearest open section of a lower level, and every other
line is a body paragraph of the section open at that point. Parsing never raises.
"""

from __future__ import annotations

import re
import sys
from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from itertools import islice
from operator import methodcaller
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from reportlint.base.files import os_reason
from reportlint.base.i18n import _
from reportlint.base.regexes import lazy
from reportlint.base.source import Source, Span, offsets
from reportlint.inputs.decoded import LineHint
from reportlint.inputs.markdown import is_markdown
from reportlint.numbers.numerals import marker_value
from reportlint.outline.enumerations import find_items
from reportlint.outline.model import Document, Item, Marker, Paragraphs, ReportType, Section, Title

if TYPE_CHECKING:
    from lark import Lark

_LEVELS = {"L1": 1, "L2": 2, "L3": 3, "L4": 4, "L1_OR_TEXT": 1, "L3_OR_DECIMAL": 3}
_AMBIGUOUS = ("L1_OR_TEXT", "L3_OR_DECIMAL")
_NUMERAL_AFTER = lazy(r"[一二三四五六七八九十]+")
_YEAR_AFTER = lazy(r"(?:19|20)\d\d年")
_DECIMAL_AFTER = lazy(r"[0-9０-９]+[%％‰万亿元倍]")
# A line of its own that opens an attachment: 附件, 附件1, 附件2：名称, 附表, 附录一.
# Compiled on first use, for a line opening with 附 (most reports have none).
_ATTACHMENT = lazy(r"(?:附件|附表|附录)[ \t\u3000]*[0-9０-９一二三四五六七八九十]{0,3}(?:[：:　 \t]|$)")
_ATTACHMENT_MAX = 40
_TRAILING_PUNCT = "。！？!?：:；;，,、 \t\u3000"
_TITLE_MAX = 80
_SPACE = " \t\u3000\u00a0\ufeff"
_BLANK = _SPACE + "\r\n"
# A line the grammar needs to see: one that opens (after indentation) with a marker character,
# a bracket, a Markdown hash or a template tag.
# Matched line by line only in a .docx's text (compiled on first use).
_CANDIDATE_SOURCE = (
    r"[ \t\u3000\u00a0\ufeff]*(?:[#(（]|[一二三四五六七八九十]{1,3}[、，,.．]|[0-9０-９]{1,3}[.．、，,])"
)
_CANDIDATE = lazy(_CANDIDATE_SOURCE)
# The same, at the start of any line of the whole text.
_CANDIDATE_LINE = re.compile(r"(?<![^\r\n])" + _CANDIDATE_SOURCE + r"[^\r\n]*")  # to the line's end
_CONTENT_LINE = re.compile(r"[^\r\n]*?[^\r\n \t\u3000\u00a0\ufeff][^\r\n]*")  # a line with more than spaces
# A line with more than spaces that is no candidate (in a text of marker lines, there may be none).
_FIRST_PLAIN = re.compile(r"(?<![^\r\n])(?!" + _CANDIDATE_SOURCE + ")" + _CONTENT_LINE.pattern)
# A line of text, its text without the spaces around it in group 1 (as ``str.strip(_SPACE)``).
_PLAIN_LINE = re.compile(
    r"[ \t\u3000\u00a0\ufeff]*([^\r\n \t\u3000\u00a0\ufeff](?:[^\r\n]*[^\r\n \t\u3000\u00a0\ufeff])?)[^\r\n]*"
)
_STRIPPED, _START, _END = methodcaller("group", 1), methodcaller("start", 1), methodcaller("end", 1)
_RUN = 4096  # plain lines made paragraphs at once
_ITEM_HINT = re.compile("[是第]")  # every enumeration item holds one (see outline.enumerations)
_SENTENCE_END = re.compile(r"[。！？!?]")
_CLAUSE_MARK = lazy(r"[。！？!?；;：:，,]")
_NAME_MAX = 20  # a line naming a section is short: 存在的问题, 下一步工作打算
_NAMED_MAX = 4096


GRAMMAR = "outline.lark"


class GrammarError(Exception):
    """The outline grammar cannot be loaded (lark missing, the grammar file missing or broken):
    nothing can be checked, and the command says so instead of printing an empty outline."""


@lru_cache(maxsize=1)
def parser() -> Lark:
    """The grammar's parser, built once; its tables come from the disk cache as JSON data
    (Lark's own cache is a pickle, which a planted file would turn into code)."""
    import hashlib

    try:
        import lark
        from lark.exceptions import LarkError
    except ImportError as exc:
        raise GrammarError(
            _("the outline grammar cannot be loaded: {reason} (reinstall reportlint)").format(reason=exc)
        ) from None
    from reportlint.base.diskcache import cached_json

    try:
        grammar = Path(__file__).with_name(GRAMMAR).read_text(encoding="utf-8")
    except OSError as exc:
        raise GrammarError(
            _("the outline grammar cannot be loaded: {reason} (reinstall reportlint)").format(
                reason=f"{GRAMMAR}: {os_reason(exc)}"
            )
        ) from None
    key = hashlib.sha256(f"{lark.__version__}\0{grammar}".encode()).hexdigest()
    try:
        return cached_json(
            "outline-parser", key, lambda: lark.Lark(grammar, parser="lalr", lexer="contextual"), _tables, _from_tables
        )
    except LarkError as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise GrammarError(
            _("the outline grammar is broken: {file}: {reason}").format(file=GRAMMAR, reason=reason)
        ) from None


def _tables(parser: Lark) -> dict:
    from lark.grammar import Rule
    from lark.lexer import TerminalDef

    data, memo = parser.memo_serialize([TerminalDef, Rule])
    return {"data": data, "memo": memo}


def _from_tables(tables: dict) -> Lark:
    from lark import Lark

    return Lark._load_from_dict(tables["data"], tables["memo"])


class Piece(NamedTuple):
    """A marker or the text of a line, at its offsets in the document."""

    type: str  # L1..L4 for markers, TEXT for text
    value: str  # as the grammar read it (a marker may be Word's automatic number)
    start: int
    end: int
    automatic: bool = False  # (partly) Word's automatic number: not in the text


class Line(NamedTuple):
    """One classified line: its span, heading marker, text, and the heading level a style or
    Markdown heading gives it when it has no marker."""

    span: Span
    marker: Piece | None
    body: Piece | None
    level: int | None = None


def parse_outline(
    text: str,
    path: str | None = None,
    hints: Sequence[LineHint | None] = (),
    report_type: Callable[[str | None], ReportType] | None = None,
) -> Document:
    """The document tree of ``text``; positions are offsets into ``text`` as given.

    ``hints`` (from a .docx, one per line) put Word's automatic numbers in front of the lines'
    text for the grammar and give heading levels from styles; ``report_type`` picks the report
    type from the title, so that a line of its own naming one of its sections is a heading.

    Memory stays in proportion to the text: the lines are read twice, once to parse the ones
    that may open with a marker (kept in arrays, :class:`_Parsed`), once to build the tree, and
    no object is kept per line but the paragraphs' offsets and the sections."""
    source = Source(text)
    parsed = _classify(source, hints, is_markdown(path))
    builder = _Builder(source, report_type, parsed.names_allowed)
    following = parsed.following(text)
    if hints:
        candidate, next_start = 0, parsed.start(0)
        for start, end, level in _content_spans(source, hints):
            if start == next_start:
                builder.add_line(parsed.line(candidate, text), following(candidate))
                candidate += 1
                next_start = parsed.start(candidate)
            else:
                builder.add_text(start, end, level)
        return builder.finish(path)
    plain = 0  # where the plain lines after the last candidate begin
    for candidate in range(len(parsed.starts)):
        builder.add_plain(plain, parsed.starts[candidate])
        builder.add_line(parsed.line(candidate, text), following(candidate))
        plain = parsed.ends[candidate]
    builder.add_plain(plain, len(text))
    return builder.finish(path)


_TYPES = ("", "L1", "L2", "L3", "L4", "L1_OR_TEXT", "L3_OR_DECIMAL")  # a marker's type as a byte
_CHUNK = 8192  # candidate lines given to the grammar at a time: Lark's tree of one chunk is kept, not of all
_AUTOMATIC, _HAS_BODY = 1, 2


class _Parsed:
    """What the grammar made of the candidate lines, in arrays (some 30 bytes a line instead of
    a few hundred as objects): the line, its marker and its text as offsets into the document,
    a marker's type and the heading level a Markdown heading or a style gives it."""

    def __init__(self, size: int) -> None:
        self.starts, self.ends = offsets(size), offsets(size)
        self.marker_starts, self.marker_ends = offsets(size), offsets(size)
        self.body_starts, self.body_ends = offsets(size), offsets(size)
        self.types, self.flags, self.levels = bytearray(), bytearray(), bytearray()
        self.values: dict[int, str] = {}  # marker values not in the text: Word's automatic numbers
        self.names_allowed = True

    def append(self, shape: Line, span: Span) -> None:
        """The line at ``span`` that reads as ``shape`` (its offsets counted from the line's start)."""
        marker, body, base = shape.marker, shape.body, span.start
        self.starts.append(base)
        self.ends.append(span.end)
        self.levels.append(shape.level or 0)
        flags = _HAS_BODY if body is not None else 0
        self.body_starts.append(base + body.start if body is not None else 0)
        self.body_ends.append(base + body.end if body is not None else 0)
        if marker is None:
            self.types.append(0)
            self.marker_starts.append(0)
            self.marker_ends.append(0)
        else:
            self.types.append(_TYPES.index(marker.type))
            self.marker_starts.append(base + marker.start)
            self.marker_ends.append(base + marker.end)
            if marker.automatic:
                flags |= _AUTOMATIC
                self.values[len(self.types) - 1] = marker.value
        self.flags.append(flags)

    def start(self, index: int) -> int:
        """Where candidate ``index`` starts (-1 past the last)."""
        return self.starts[index] if index < len(self.starts) else -1

    def line(self, index: int, text: str) -> Line:
        marker = body = None
        flags = self.flags[index]
        line = Span(self.starts[index], self.ends[index])
        if self.types[index]:
            start, end = self.marker_starts[index], self.marker_ends[index]
            end = line.end if end == line.end else end  # one int for both: a section keeps each
            value = (
                self.values[index] if flags & _AUTOMATIC else sys.intern(text[start:end])
            )  # 一、 a million times: one string
            marker = Piece(_TYPES[self.types[index]], value, start, end, bool(flags & _AUTOMATIC))
        if flags & _HAS_BODY:
            start, end = self.body_starts[index], self.body_ends[index]
            body = Piece("TEXT", text[start:end], start, end)
        return Line(line, marker, body, self.levels[index] or None)

    def value(self, index: int, text: str) -> str:
        """The marker of candidate ``index`` as the grammar read it."""
        if self.flags[index] & _AUTOMATIC:
            return self.values[index]
        return text[self.marker_starts[index] : self.marker_ends[index]]

    def following(self, text: str) -> Callable[[int], tuple[int, int] | None]:
        """``(level, number)`` of the next numbered heading after each candidate, as a function
        of the candidate's index (ambiguous markers do not count)."""
        count = len(self.types)
        levels, numbers = bytearray(count), array("i", bytes(4 * count))
        level = number = 0
        for index in range(count - 1, -1, -1):
            levels[index], numbers[index] = level, number
            kind = _TYPES[self.types[index]]
            if kind and kind not in _AMBIGUOUS:
                level, number = _LEVELS[kind], _number(self.value(index, text))
        return lambda index: (levels[index], numbers[index]) if levels[index] else None


def _classify(source: Source, hints: Sequence[LineHint | None], markdown: bool) -> _Parsed:
    """Parse the lines that could open with a marker (or a lead such as ``#``), or that carry
    an automatic number; the rest are paragraphs whatever the grammar would say, and skipping
    them halves the parsing time. An automatic number is read in front of its line as if typed;
    whatever the grammar finds in it is placed at the line's start. Also decides whether a plain
    line naming a section may be a heading (:func:`_names_allowed`)."""
    text = source.text
    parsed = _Parsed(len(text))
    chunk: list[tuple[Span, str, int | None]] = []
    first_plain = -1  # where the first line with text that is not a candidate starts
    levelled: list[int] = []  # where the first two plain lines with a heading level start
    if hints:
        candidates: Iterator[tuple[Span, str, int | None]] = _hinted_candidates(source, hints)
        for span, hint in _content_lines(source, hints):
            if not (hint is not None and hint.label or _CANDIDATE().match(text, *span)):
                if _CONTENT_LINE.match(text, *span):
                    first_plain = span.start if first_plain < 0 else first_plain
                    if len(levelled) < 2 and _style_level(hint) is not None:
                        levelled.append(span.start)
    else:  # found by one scan in C: most lines are never looked at one by one here
        candidates = ((Span(*m.span()), "", None) for m in _CANDIDATE_LINE.finditer(text))
        first_plain = first.start() if (first := _FIRST_PLAIN.search(text)) else -1
    for candidate in candidates:
        chunk.append(candidate)
        if len(chunk) == _CHUNK:
            _parse_chunk(text, chunk, markdown, parsed)
            chunk = []
    _parse_chunk(text, chunk, markdown, parsed)
    parsed.names_allowed = _names_allowed(text, parsed, first_plain, levelled)
    return parsed


def _hinted_candidates(source: Source, hints: Sequence[LineHint | None]) -> Iterator[tuple[Span, str, int | None]]:
    """``(span, label, level)`` of the lines of a .docx the grammar reads: with an automatic
    number, or opening with a marker."""
    for span, hint in _content_lines(source, hints):
        label = hint.label if hint is not None else ""
        if label or _CANDIDATE().match(source.text, *span):
            yield span, label, _style_level(hint)


def _parse_chunk(text: str, chunk: list[tuple[Span, str, int | None]], markdown: bool, parsed: _Parsed) -> None:
    """Parse a chunk of candidate lines into ``parsed``. The grammar reads each line on its own,
    so a line that repeats is parsed once (a text of one marker line repeated a million times
    costs the grammar one line a chunk)."""
    if not chunk:
        return
    lines = [label + text[span.start : span.end] + "\n" for span, label, _ in chunk]
    unique = list(dict.fromkeys(lines))
    tree = parser().parse("".join(unique))  # the grammar accepts every text: a parse error is a bug
    where, offset = {}, 0
    for line, node in zip(unique, tree.children, strict=False):
        where[line] = (node, offset)
        offset += len(line)
    shapes: dict[tuple[str, int, int | None], Line] = {}  # what each line reads as, at offset 0
    for (span, label, level), line in zip(chunk, lines, strict=True):
        key = (line, len(label), level)
        if (shape := shapes.get(key)) is None:
            node, start = where[line]
            shape = shapes[key] = _read_line(node, start, Span(0, span.end - span.start), len(label), level, markdown)
        parsed.append(shape, span)


def _names_allowed(text: str, parsed: _Parsed, first_plain: int, levelled: list[int]) -> bool:
    """Whether a plain line naming a section may be a heading: only in a report whose top level
    is not marked otherwise (no 一、 heading, no heading style or Markdown heading past the
    first line with text, which is the title). ``first_plain`` is where the first plain line
    with text starts, ``levelled`` where plain lines with a heading level start."""
    if _TYPES.index("L1") in parsed.types:
        return False
    content = [index for index in range(len(parsed.types)) if _has_content(text, parsed, index)]
    starts = [start for start in (first_plain, parsed.start(content[0]) if content else -1) if start >= 0]
    first = min(starts, default=-1)
    levelled = levelled + [parsed.starts[index] for index in content if parsed.levels[index]]
    return all(start == first for start in levelled)


def _has_content(text: str, parsed: _Parsed, index: int) -> bool:
    """A candidate with a marker, or with text that is not only spaces."""
    if parsed.types[index]:
        return True
    return bool(
        parsed.flags[index] & _HAS_BODY and text[parsed.body_starts[index] : parsed.body_ends[index]].strip(_SPACE)
    )


def _content_spans(source: Source, hints: Sequence[LineHint | None]) -> Iterator[tuple[int, int, int | None]]:
    """``(start, end, style level)`` of each line that is not blank or has a hint."""
    for span, hint in _content_lines(source, hints):
        yield span.start, span.end, _style_level(hint)


def _content_lines(source: Source, hints: Sequence[LineHint | None]) -> Iterator[tuple[Span, LineHint | None]]:
    """``(span, hint)`` of each line that is not blank or has a hint: a blank line adds
    nothing to the outline, and twenty million of them must not cost twenty million objects."""
    if not hints:
        for match in _CONTENT_LINE.finditer(source.text):
            yield Span(match.start(), match.end()), None
        return
    for number in range(1, source.line_count + 1):
        hint = hints[number - 1] if number <= len(hints) else None
        span = source.line_span(number)
        if hint is not None or _CONTENT_LINE.match(source.text, span.start, span.end):
            yield span, hint


def _read_line(node: Any, offset: int, span: Span, label: int, level: int | None, markdown: bool) -> Line:
    """A parsed line as a :class:`Line`; ``offset`` is where it starts in the joined text and
    ``label`` the length of the automatic number read in front of it."""

    def real(position: int) -> int:  # a position in the line as parsed → an offset in the text
        return span.start + max(0, position - offset - label)

    marker = body = None
    for child in node.children:
        kind = getattr(child, "data", None)
        if kind == "marker":
            token = child.children[0]
            end = token.start_pos + len(token)
            automatic = token.start_pos - offset < label
            marker = Piece(token.type, str(token), real(token.start_pos), real(end), automatic)
        elif kind == "lead":
            token = child.children[0]
            if markdown and token.type == "MD_HASHES" and token.endswith((" ", "\t")):
                level = token.count("#") if token.count("#") <= 4 else None
        elif kind is None and len(child) > 1:  # the line's text without its line feed
            skip = max(0, offset + label - child.start_pos)
            value = str(child)[skip:-1]
            body = Piece("TEXT", value, real(child.start_pos), real(child.start_pos) + len(value))
    return Line(span, marker, body, level)


def _style_level(hint: LineHint | None) -> int | None:
    return hint.level if hint is not None and hint.level is not None and 1 <= hint.level <= 4 else None


class _Builder:
    """Collects lines into the section tree."""

    def __init__(self, source: Source, report_type: Callable[[str | None], ReportType] | None, names: bool) -> None:
        self.source = source
        self.title: Title | None = None
        self.preamble = Paragraphs(source.text)
        self.sections: list[Section] = []
        self.stack: list[Section] = []
        self.flat: list[Section] = []
        self.seen_content = False
        self.content_end = 0  # end of the last line with content: where open sections end
        self.resolve = report_type
        self.report_type: ReportType | None = None
        self.resolved = False
        self.names = names  # whether a plain line naming a section of the report type is a heading
        self.named: dict[str, bool] = {}  # short lines already looked up
        self.attachments: list[int] = []
        self.attachment_opened = False  # a 附件 line was read: the next heading starts a new outline

    def add_text(self, start: int, end: int, level: int | None) -> None:
        """A line with text the grammar was not asked about (``level`` from its style)."""
        self._text(start, self.source.text[start:end], end, level)

    def add_plain(self, start: int, end: int) -> None:
        """The lines of ``text[start:end]``, none of which the grammar was asked about (no
        hints): what :meth:`add_text` makes of each, in runs of up to ``_RUN`` lines at once
        where all of them are paragraphs (a text of ten million short lines is thousands of
        runs, not ten million calls)."""
        text = self.source.text
        if end - start < 16 and not text[start:end].strip(_BLANK):
            return  # the line break between two headings: a text of marker lines has millions
        lines = _PLAIN_LINE.finditer(text, start, end)
        while run := list(islice(lines, _RUN)):
            if not self.seen_content:  # the first line with text may be the title
                first = run.pop(0)
                self.add_text(first.start(), first.end(), None)
            if run and not any(map(self._not_a_paragraph, set(map(_STRIPPED, run)))):
                self._paragraphs(run)
            else:
                for line in run:
                    self.add_text(line.start(), line.end(), None)

    def _not_a_paragraph(self, text: str) -> bool:
        """Whether :meth:`_text` makes ``text`` (a line's text, stripped) anything but a
        paragraph, past the title: a line opening an attachment, or naming a section."""
        return bool(
            self.flat
            and len(text) <= _ATTACHMENT_MAX
            and text.startswith("附")
            and _ATTACHMENT().match(text)
            or self.names
            and self._names_a_section(text)
        )

    def _paragraphs(self, run: list[re.Match[str]]) -> None:
        """``run`` (matches of :data:`_PLAIN_LINE`) as paragraphs of the open body; the
        items of those holding a 是 or 第 found one paragraph at a time."""
        text = self.source.text
        starts, ends = offsets(len(text)), offsets(len(text))
        starts.extend(map(_START, run))
        ends.extend(map(_END, run))
        items: dict[int, list[Item]] = {}
        position, stop = starts[0], ends[-1]
        while (hint := _ITEM_HINT.search(text, position, stop)) is not None:
            index = bisect_right(starts, hint.start()) - 1
            position = ends[index]
            if found := find_items(text[starts[index] : position], starts[index]):
                items[index] = found
        self._body().extend(starts, ends, items)
        self.content_end = run[-1].end()

    def add_line(self, line: Line, next_heading: tuple[int, int] | None = None) -> None:
        marker, body = line.marker, line.body
        if marker is not None and marker.type in _AMBIGUOUS and not self._heading_in_sequence(marker, body):
            body = Piece(
                "TEXT", marker.value + (body.value if body else ""), marker.start, body.end if body else marker.end
            )
            marker = None
        if marker is not None:
            number = _number(marker.value)
            level = _LEVELS[marker.type]
            if not marker.automatic:
                level = self._level_in_sequence(level, number, next_heading)
            found = Marker(marker.value, Span(marker.start, marker.end), level, number, marker.automatic)
            self._heading(found, body, line.span.end)
            self.seen_content = True
            self.content_end = line.span.end
        elif body is not None and body.value.strip(_SPACE):
            self._text(body.start, body.value, line.span.end, line.level)
        # else blank, or only leads such as a lone ##paidend##

    def _text(self, start: int, value: str, line_end: int, level: int | None) -> None:
        """A line's text (``value``, at ``start``) that is no numbered heading: the title, an
        attachment's first line, a heading by its style or its name, or a paragraph."""
        text = value.strip(_SPACE)
        lead = 0 if len(text) == len(value) else len(value) - len(value.lstrip(_SPACE))
        span = Span(start + lead, start + lead + len(text))
        if not self.seen_content and _looks_like_title(value):
            self.title = Title(text, span)
        elif self.flat and len(text) <= _ATTACHMENT_MAX and text.startswith("附") and _ATTACHMENT().match(text):
            self.attachment_opened = True
            self._paragraph(span, text)
        elif level is not None or (self.names and self._names_a_section(text)):
            unnumbered = Marker("", Span(span.start, span.start), level or 1, 0)
            self._heading(unnumbered, Piece("TEXT", text, span.start, span.end), line_end)
        else:
            self._paragraph(span, text)
        self.seen_content = True
        self.content_end = line_end

    def _heading_in_sequence(self, marker: Piece, body: Piece | None) -> bool:
        """Whether ``一、十年…`` or ``12.2025年…`` is a heading: it is when its number is the next
        of the headings of its level that are open (一、 first; 12. after 11.), unless the text
        goes on with the next numeral (一、二季度, where 、 joins two numerals). A lone 1. is a
        heading only before a year (1.2025年); 1.5万元 and 2.5% are decimals wherever they stand.
        Word's numbers are headings."""
        if marker.automatic:
            return True
        level = _LEVELS[marker.type]
        number = _number(marker.value)
        previous = next((s for s in reversed(self.stack) if s.level == level and s.marker_text), None)
        if self.attachment_opened:
            previous = None
        rest = body.value if body is not None else ""
        if level == 1:
            follows = _NUMERAL_AFTER().match(rest)
            successor = follows is not None and marker_value(follows.group()) == number + 1
            return number == (previous.number + 1 if previous else 1) and not successor
        if _DECIMAL_AFTER().match(rest):
            return False  # 2.5%, 3.5亿元: a number with a fraction, whatever came before
        if previous is not None:
            return number == previous.number + 1
        return number == 1 and bool(_YEAR_AFTER().match(rest))

    def _level_in_sequence(self, level: int, number: int, next_heading: tuple[int, int] | None) -> int:
        """The level a reader gives a heading whose marker is of the wrong level: in
        ``（一）（二）三、（四）`` the 三、 is the third of the （…） run, written with the wrong
        marker, not a third 一、 heading (which would make three findings of one slip). Taken so
        only when its number is out of step at its own level, is the next of an open deeper run,
        and the next heading goes on with that run."""
        previous = next((s for s in reversed(self.stack) if s.level == level and s.marker_text), None)
        if number == (previous.number + 1 if previous else 1) or self.attachment_opened:
            return level
        for deeper in reversed(self.stack):
            if deeper.level <= level:
                break
            if deeper.marker_text and number == deeper.number + 1 and next_heading == (deeper.level, number + 1):
                return deeper.level
        return level

    def _names_a_section(self, text: str) -> bool:
        """A short line of its own, no clause inside, that names a section of the report type
        (remembered for the last few thousand such lines: a text of one short line repeated a
        million times runs the aliases once)."""
        if len(text) > _NAME_MAX or _CLAUSE_MARK().search(text):
            return False
        if text not in self.named:
            if len(self.named) >= _NAMED_MAX:
                self.named.clear()
            self.named[text] = self._matches_a_section(text)
        return self.named[text]

    def _matches_a_section(self, text: str) -> bool:
        report_type = self._report_type()
        try:
            return report_type is not None and any(spec.matches(text) for spec in report_type.sections)
        except TimeoutError:  # the document's regex budget is spent: parsing goes on regardless
            return False

    def _report_type(self) -> ReportType | None:
        if not self.resolved and self.resolve is not None:
            self.report_type = self.resolve(self.title.text if self.title else None)
            self.resolved = True
        return self.report_type

    def _heading(self, marker: Marker, body: Piece | None, line_end: int) -> None:
        level, (start, marker_end) = marker.level, marker.span
        if body is None:  # a marker alone on its line
            rest, rest_start, cut, heading, heading_end = "", marker_end, 0, "", marker_end
        else:
            rest, rest_start = body.value, body.start
            cut = _heading_cut(rest)
            heading = rest[:cut].strip().rstrip(_TRAILING_PUNCT).strip()
            heading_end = max(rest_start + len(rest[:cut].rstrip()), marker_end)
        section = Section(level, marker, heading, Span(start, heading_end), end=line_end)
        if self.attachment_opened:  # the attachment's first heading: its own outline begins
            self.attachment_opened = False
            while self.stack:
                self.stack.pop().end = self.content_end
            self.attachments.append(len(self.sections))
        while self.stack and _closes(marker, self.stack[-1]):
            self.stack.pop().end = self.content_end
        if not self.stack:
            self.sections.append(section)
        elif isinstance(children := self.stack[-1].children, list):
            children.append(section)
        else:
            self.stack[-1].children = [section]
        self.stack.append(section)
        self.flat.append(section)
        remainder = rest[cut:]
        if remainder and remainder.strip():
            start = rest_start + cut + (len(remainder) - len(remainder.lstrip()))
            end = rest_start + len(rest.rstrip())
            self._paragraph(Span(start, end), self.source.text[start:end])

    def _paragraph(self, span: Span, text: str) -> None:
        self._body().add(span, find_items(text, span.start))

    def _body(self) -> Paragraphs:
        """The body that paragraphs go to now: the open section's, or the preamble."""
        if not self.stack:
            return self.preamble
        if not isinstance(body := self.stack[-1].body, Paragraphs):
            self.stack[-1].body = body = Paragraphs(self.source.text)
        return body

    def finish(self, path: str | None) -> Document:
        for section in self.stack:
            section.end = self.content_end
        doc = Document(
            self.source,
            self.title,
            self.preamble,
            self.sections,
            path=path,
            flat=self.flat,
            attachments=self.attachments,
        )
        doc.report_type = self._report_type()
        return doc


def _closes(marker: Marker, open_section: Section) -> bool:
    """Whether a heading with ``marker`` closes ``open_section``: one of a deeper or the same
    level — except that a numbered heading stays under an unnumbered one of its own level, as
    （一）（二） under a `## 主要工作` or a 标题 2 heading read as sub-points of it."""
    if open_section.level != marker.level:
        return open_section.level > marker.level
    return bool(open_section.marker_text) or not marker.text


@lru_cache(maxsize=4096)
def _number(marker: str) -> int:
    """A marker's number, 0 if it has none (一、 a million times is read once)."""
    return marker_value(_marker_digits(marker)) or 0


def _marker_digits(marker: str) -> str:
    return "".join(c for c in marker if c.isdigit() or c in "一二三四五六七八九十")


def _heading_cut(rest: str) -> int:
    """Where the heading ends on its line: after the first sentence end if more text follows."""
    for m in _SENTENCE_END.finditer(rest):
        if rest[m.end() :].strip():
            return m.end()
    return len(rest)


def _looks_like_title(text: str) -> bool:
    stripped = text.strip()
    return len(stripped) <= _TITLE_MAX and not stripped.endswith(("。", "；", "：", ":"))
