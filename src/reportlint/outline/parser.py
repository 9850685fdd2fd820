"""Parse a report's text into a :class:`~reportlint.model.Document`.

``outline.lark`` classifies each line (heading marker or not); this module assembles the tree:
a heading of level L hangs under the nearest open section of a lower level, and every other
line is a body paragraph of the section open at that point. Parsing never raises.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files
from typing import NamedTuple

from reportlint.base.source import Source, Span
from reportlint.numbers.numerals import marker_value
from reportlint.outline.enumerations import find_items
from reportlint.outline.model import Document, Marker, Paragraph, Section, Title

_LEVELS = {"L1": 1, "L2": 2, "L3": 3, "L4": 4}
_TRAILING_PUNCT = "。！？!?：:；;，,、 \t\u3000"
_TITLE_MAX = 80
_SPACE = " \t\u3000\u00a0\ufeff"
# A line the grammar needs to see: one that opens (after indentation) with a marker character,
# a bracket, a Markdown hash or a template tag.
_CANDIDATE = re.compile(
    r"[ \t\u3000\u00a0\ufeff]*(?:[#(（]|[一二三四五六七八九十]{1,3}[、，,.．]|[0-9０-９]{1,3}[.．、，,])"
)
_SENTENCE_END = re.compile(r"[。！？!?]")


@lru_cache(maxsize=1)
def parser():
    from lark import Lark

    from reportlint.base.diskcache import user_cache_dir

    grammar = files("reportlint.outline").joinpath("outline.lark").read_text(encoding="utf-8")
    directory = user_cache_dir()
    cache = str(directory / "outline.lark-cache") if directory else False
    try:
        return Lark(grammar, parser="lalr", lexer="contextual", cache=cache)
    except OSError:  # an unwritable cache: build in memory
        return Lark(grammar, parser="lalr", lexer="contextual")


class Piece(NamedTuple):
    """A marker or the text of a line, at its offset in the document."""

    type: str  # L1..L4 for markers, TEXT for text
    value: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.value)


def parse_outline(text: str, path: str | None = None) -> Document:
    """The document tree of ``text``; positions are offsets into ``text`` as given."""
    source = Source(text)
    builder = _Builder(source)
    for line, marker, body in _classify(source):
        builder.add_line(line, marker, body)
    return builder.finish(path)


def _classify(source: Source) -> list[tuple[Span, Piece | None, Piece | None]]:
    """``(line span, marker, text)`` for each line. Only lines that could open with a marker (or a lead
    such as ``#``) are given to the grammar, joined into one text: the rest are paragraphs
    whatever the grammar would say, and skipping them halves the parsing time."""
    text = source.text
    spans = [source.line_span(n) for n in range(1, source.line_count + 1)]
    out: list[tuple[Span, Piece | None, Piece | None]] = [
        (s, None, Piece("TEXT", text[s.start : s.end], s.start)) for s in spans
    ]
    candidates = [i for i, s in enumerate(spans) if _CANDIDATE.match(text, s.start, s.end)]
    if not candidates:
        return out
    shifts, offset = [], 0
    for i in candidates:
        shifts.append(spans[i].start - offset)
        offset += spans[i].end - spans[i].start + 1
    try:
        tree = parser().parse("".join(text[spans[i].start : spans[i].end] + "\n" for i in candidates))
    except Exception:  # the grammar accepts every text; stay safe if lark ever disagrees
        return out
    for i, shift, line in zip(candidates, shifts, tree.children, strict=False):
        marker = body = None
        for child in line.children:
            kind = getattr(child, "data", None)
            if kind == "marker":
                token = child.children[0]
                marker = Piece(token.type, str(token), token.start_pos + shift)
            elif kind is None and len(child) > 1:  # the line's text without its line feed
                body = Piece("TEXT", str(child)[:-1], child.start_pos + shift)
        out[i] = (spans[i], marker, body)
    return out


class _Builder:
    """Collects lines into the section tree."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.title: Title | None = None
        self.preamble: list[Paragraph] = []
        self.sections: list[Section] = []
        self.stack: list[Section] = []
        self.flat: list[Section] = []
        self.seen_content = False
        self.content_end = 0  # end of the last line with content: where open sections end

    def add_line(self, line: Span, marker: Piece | None, body: Piece | None) -> None:
        if marker is not None:
            self._heading(marker, body, line)
        elif body is not None and body.value.strip(_SPACE):
            value = body.value
            span = Span(body.start + len(value) - len(value.lstrip(_SPACE)), body.start + len(value.rstrip(_SPACE)))
            if not self.seen_content and _looks_like_title(value):
                self.title = Title(self.source.text[span.start : span.end], span)
            else:
                self._paragraph(span)
        else:
            return  # blank, or only leads such as a lone ##paidend##
        self.seen_content = True
        self.content_end = line.end

    def _heading(self, token: Piece, body: Piece | None, line: Span) -> None:
        level = _LEVELS[token.type]
        number = marker_value(_marker_digits(token.value))
        marker = Marker(token.value, Span(token.start, token.end), level, number or 0)
        rest = body.value if body is not None else ""
        rest_start = body.start if body is not None else token.end
        cut = _heading_cut(rest)
        heading_text = rest[:cut]
        heading = heading_text.strip().rstrip(_TRAILING_PUNCT).strip()
        heading_end = rest_start + len(heading_text.rstrip())
        section = Section(level, marker, heading, Span(token.start, heading_end), end=line.end)
        while self.stack and self.stack[-1].level >= level:
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
        return Document(self.source, self.title, self.preamble, self.sections, path=path, flat=self.flat)


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
