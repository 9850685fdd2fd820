"""Parse a report's text into a :class:`~reportlint.model.Document`.

``outline.lark`` classifies each line (heading marker or not); this module assembles the tree:
a heading of level L hangs under the nearest open section of a lower level, and every other
line is a body paragraph of the section open at that point. Parsing never raises.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from reportlint.base.files import os_reason
from reportlint.base.i18n import _
from reportlint.base.regexes import lazy
from reportlint.base.source import Source, Span
from reportlint.inputs.decoded import LineHint
from reportlint.inputs.markdown import is_markdown
from reportlint.numbers.numerals import marker_value
from reportlint.outline.enumerations import find_items
from reportlint.outline.model import Document, Marker, Paragraph, ReportType, Section, Title

if TYPE_CHECKING:
    from lark import Lark

_LEVELS = {"L1": 1, "L2": 2, "L3": 3, "L4": 4, "L1_OR_TEXT": 1, "L3_OR_DECIMAL": 3}
_AMBIGUOUS = ("L1_OR_TEXT", "L3_OR_DECIMAL")
_NUMERAL_AFTER = lazy(r"[一二三四五六七八九十]+")
_YEAR_AFTER = lazy(r"(?:19|20)\d\d年")
_DECIMAL_AFTER = lazy(r"[0-9０-９]+[%％‰万亿元倍]")
# A line of its own that opens an attachment: 附件, 附件1, 附件2：名称, 附表, 附录一.
_ATTACHMENT = re.compile(r"(?:附件|附表|附录)[ \t\u3000]*[0-9０-９一二三四五六七八九十]{0,3}(?:[：:　 \t]|$)")
_ATTACHMENT_MAX = 40
_TRAILING_PUNCT = "。！？!?：:；;，,、 \t\u3000"
_TITLE_MAX = 80
_SPACE = " \t\u3000\u00a0\ufeff"
# A line the grammar needs to see: one that opens (after indentation) with a marker character,
# a bracket, a Markdown hash or a template tag.
_CANDIDATE = re.compile(
    r"[ \t\u3000\u00a0\ufeff]*(?:[#(（]|[一二三四五六七八九十]{1,3}[、，,.．]|[0-9０-９]{1,3}[.．、，,])"
)
_CONTENT_LINE = re.compile(r"[^\r\n]*?[^\r\n \t\u3000\u00a0\ufeff][^\r\n]*")  # a line with more than spaces
_SENTENCE_END = re.compile(r"[。！？!?]")
_CLAUSE_MARK = lazy(r"[。！？!?；;：:，,]")
_NAME_MAX = 20  # a line naming a section is short: 存在的问题, 下一步工作打算


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
    type from the title, so that a line of its own naming one of its sections is a heading."""
    source = Source(text)
    lines = _classify(source, hints, is_markdown(path))
    builder = _Builder(source, report_type, _plain_names_allowed(lines))
    following: tuple[int, int] | None = None  # (level, number) of the next numbered heading
    after: list[tuple[int, int] | None] = []
    for line in reversed(lines):
        after.append(following)
        if line.marker is not None and line.marker.type not in _AMBIGUOUS:
            following = (_LEVELS[line.marker.type], marker_value(_marker_digits(line.marker.value)) or 0)
    for line, next_heading in zip(lines, reversed(after), strict=True):
        builder.add_line(line, next_heading)
    return builder.finish(path)


def _classify(source: Source, hints: Sequence[LineHint | None], markdown: bool) -> list[Line]:
    """One :class:`Line` per line that is not blank. Only lines that could open with a marker (or a lead such as
    ``#``), or that carry an automatic number, are given to the grammar, joined into one text:
    the rest are paragraphs whatever the grammar would say, and skipping them halves the parsing
    time. An automatic number is read in front of its line as if typed; whatever the grammar
    finds in it is placed at the line's start."""
    text = source.text
    out: list[Line] = []
    labels: list[str] = []
    for s, hint in _content_lines(source, hints):
        out.append(Line(s, None, Piece("TEXT", text[s.start : s.end], s.start, s.end), _style_level(hint)))
        labels.append(hint.label if hint is not None else "")
    candidates = [i for i, line in enumerate(out) if labels[i] or _CANDIDATE.match(text, *line.span)]
    if not candidates:
        return out
    lines = [labels[i] + text[out[i].span.start : out[i].span.end] + "\n" for i in candidates]
    tree = parser().parse("".join(lines))  # the grammar accepts every text: a parse error is a bug
    offset = 0
    for i, line, node in zip(candidates, lines, tree.children, strict=False):
        out[i] = _read_line(node, offset, out[i].span, len(labels[i]), out[i].level, markdown)
        offset += len(line)
    return out


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


def _plain_names_allowed(lines: list[Line]) -> bool:
    """Whether a plain line naming a section may be a heading: only in a report whose top level
    is not marked otherwise (no 一、 heading, no heading style or Markdown heading past the
    first line, which is the title)."""
    content = [line for line in lines if line.body is not None and line.body.value.strip(_SPACE) or line.marker]
    return not any(
        (line.marker is not None and line.marker.type == "L1") or (line.level is not None and k > 0)
        for k, line in enumerate(content)
    )


class _Builder:
    """Collects lines into the section tree."""

    def __init__(self, source: Source, report_type: Callable[[str | None], ReportType] | None, names: bool) -> None:
        self.source = source
        self.title: Title | None = None
        self.preamble: list[Paragraph] = []
        self.sections: list[Section] = []
        self.stack: list[Section] = []
        self.flat: list[Section] = []
        self.seen_content = False
        self.content_end = 0  # end of the last line with content: where open sections end
        self.resolve = report_type
        self.report_type: ReportType | None = None
        self.resolved = False
        self.names = names  # whether a plain line naming a section of the report type is a heading
        self.attachments: list[int] = []
        self.attachment_opened = False  # a 附件 line was read: the next heading starts a new outline

    def add_line(self, line: Line, next_heading: tuple[int, int] | None = None) -> None:
        marker, body = line.marker, line.body
        if marker is not None and marker.type in _AMBIGUOUS and not self._heading_in_sequence(marker, body):
            body = Piece(
                "TEXT", marker.value + (body.value if body else ""), marker.start, body.end if body else marker.end
            )
            marker = None
        if marker is not None:
            number = marker_value(_marker_digits(marker.value))
            level = _LEVELS[marker.type]
            if not marker.automatic:
                level = self._level_in_sequence(level, number or 0, next_heading)
            found = Marker(marker.value, Span(marker.start, marker.end), level, number or 0, marker.automatic)
            self._heading(found, body, line.span)
        elif body is not None and body.value.strip(_SPACE):
            value = body.value
            span = Span(body.start + len(value) - len(value.lstrip(_SPACE)), body.start + len(value.rstrip(_SPACE)))
            text = self.source.text[span.start : span.end]
            if not self.seen_content and _looks_like_title(value):
                self.title = Title(text, span)
            elif _ATTACHMENT.match(text) and len(text) <= _ATTACHMENT_MAX and self.flat:
                self.attachment_opened = True
                self._paragraph(span)
            elif line.level is not None or (self.names and self._names_a_section(text)):
                unnumbered = Marker("", Span(span.start, span.start), line.level or 1, 0)
                self._heading(unnumbered, Piece("TEXT", text, span.start, span.end), line.span)
            else:
                self._paragraph(span)
        else:
            return  # blank, or only leads such as a lone ##paidend##
        self.seen_content = True
        self.content_end = line.span.end

    def _heading_in_sequence(self, marker: Piece, body: Piece | None) -> bool:
        """Whether ``一、十年…`` or ``12.2025年…`` is a heading: it is when its number is the next
        of the headings of its level that are open (一、 first; 12. after 11.), unless the text
        goes on with the next numeral (一、二季度, where 、 joins two numerals). A lone 1. is a
        heading only before a year (1.2025年); 1.5万元 and 2.5% are decimals wherever they stand.
        Word's numbers are headings."""
        if marker.automatic:
            return True
        level = _LEVELS[marker.type]
        number = marker_value(_marker_digits(marker.value)) or 0
        previous = next((s for s in reversed(self.stack) if s.level == level and s.marker.text), None)
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
        previous = next((s for s in reversed(self.stack) if s.level == level and s.marker.text), None)
        if number == (previous.number + 1 if previous else 1) or self.attachment_opened:
            return level
        for deeper in reversed(self.stack):
            if deeper.level <= level:
                break
            if deeper.marker.text and number == deeper.number + 1 and next_heading == (deeper.level, number + 1):
                return deeper.level
        return level

    def _names_a_section(self, text: str) -> bool:
        """A short line of its own, no clause inside, that names a section of the report type."""
        if len(text) > _NAME_MAX or _CLAUSE_MARK().search(text):
            return False
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

    def _heading(self, marker: Marker, body: Piece | None, line: Span) -> None:
        level = marker.level
        rest = body.value if body is not None else ""
        rest_start = body.start if body is not None else marker.span.end
        cut = _heading_cut(rest)
        heading_text = rest[:cut]
        heading = heading_text.strip().rstrip(_TRAILING_PUNCT).strip()
        heading_end = max(rest_start + len(heading_text.rstrip()), marker.span.end)
        section = Section(level, marker, heading, Span(marker.span.start, heading_end), end=line.end)
        if self.attachment_opened:  # the attachment's first heading: its own outline begins
            self.attachment_opened = False
            while self.stack:
                self.stack.pop().end = self.content_end
            self.attachments.append(len(self.sections))
        while self.stack and _closes(marker, self.stack[-1]):
            self.stack.pop().end = self.content_end
        (self.stack[-1].children if self.stack else self.sections).append(section)
        self.stack.append(section)
        self.flat.append(section)
        remainder = rest[cut:]
        if remainder.strip():
            start = rest_start + cut + (len(remainder) - len(remainder.lstrip()))
            self._paragraph(Span(start, rest_start + len(rest.rstrip())))

    def _paragraph(self, span: Span) -> None:
        text = self.source.text[span.start : span.end]
        paragraph = Paragraph(span, text, find_items(text, span.start))
        (self.stack[-1].body if self.stack else self.preamble).append(paragraph)

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
    return bool(open_section.marker.text) or not marker.text


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
