"""Parse a report's text into a :class:`~reportlint.model.Document`.

``outline.lark`` classifies each line (heading marker or not); this module assembles the tree:
a heading of level L hangs under the nearest open section of a lower level, and every other
line is a body paragraph of the section open at that point. Parsing never raises.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

from .enumerations import find_items
from .model import Document, Marker, Paragraph, Section, Title
from .numerals import marker_value
from .source import Source, Span

_LEVELS = {"L1": 1, "L2": 2, "L3": 3, "L4": 4}
_HEADING_END = "。！？!?"
_TRAILING_PUNCT = "。！？!?：:；;，,、 \t\u3000"
_TITLE_MAX = 80


@lru_cache(maxsize=1)
def _parser():
    from lark import Lark

    grammar = files("reportlint").joinpath("outline.lark").read_text(encoding="utf-8")
    return Lark(grammar, parser="lalr", lexer="contextual")


def parse_outline(text: str, path: str | None = None) -> Document:
    """The document tree of ``text``; positions are offsets into ``text`` as given."""
    source = Source(text)
    builder = _Builder(source)
    for number, line in enumerate(_classify(text), start=1):
        builder.add_line(number, *line)
    return builder.finish(path)


def _classify(text: str):
    """Yield ``(marker_token, text_token)`` for each line of ``text`` (either may be None)."""
    try:
        tree = _parser().parse(text)
    except Exception:  # the grammar accepts every text; stay safe if lark ever disagrees
        for _ in range(len(Source(text).line_starts)):
            yield None, None
        return
    for line in tree.children:
        marker = body = None
        for child in line.children:
            kind = getattr(child, "data", None)
            if kind == "marker":
                marker = child.children[0]
            elif kind is None:
                body = child
        yield marker, body


class _Builder:
    """Collects lines into the section tree."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.title: Title | None = None
        self.preamble: list[Paragraph] = []
        self.sections: list[Section] = []
        self.stack: list[Section] = []
        self.seen_content = False

    def add_line(self, number: int, marker, body) -> None:
        line = self.source.line_span(number)
        if marker is not None:
            self._heading(marker, body, line)
        elif body is not None and body.strip():
            start = body.start_pos + (len(body) - len(body.lstrip()))
            span = Span(start, body.start_pos + len(body.rstrip()))
            if not self.seen_content and _looks_like_title(body):
                self.title = Title(self.source.text[span.start : span.end], span)
            else:
                self._paragraph(span)
        else:
            return  # blank, or only leads such as a lone ##paidend##
        self.seen_content = True
        for section in self.stack:
            section.end = line.end

    def _heading(self, token, body, line: Span) -> None:
        level = _LEVELS[token.type]
        number = marker_value(_marker_digits(str(token)))
        marker = Marker(str(token), Span(token.start_pos, token.end_pos), level, number or 0)
        rest = str(body) if body is not None else ""
        rest_start = body.start_pos if body is not None else token.end_pos
        cut = _heading_cut(rest)
        heading_text = rest[:cut]
        heading = heading_text.strip().rstrip(_TRAILING_PUNCT).strip()
        heading_end = rest_start + len(heading_text.rstrip())
        section = Section(level, marker, heading, Span(token.start_pos, heading_end), end=line.end)
        while self.stack and self.stack[-1].level >= level:
            self.stack.pop()
        (self.stack[-1].children if self.stack else self.sections).append(section)
        self.stack.append(section)
        remainder = rest[cut:]
        if remainder.strip():
            start = rest_start + cut + (len(remainder) - len(remainder.lstrip()))
            self._paragraph(Span(start, rest_start + len(rest.rstrip())))

    def _paragraph(self, span: Span) -> None:
        text = self.source.text[span.start : span.end]
        paragraph = Paragraph(span, text, find_items(text, span.start))
        (self.stack[-1].body if self.stack else self.preamble).append(paragraph)

    def finish(self, path: str | None) -> Document:
        return Document(self.source, self.title, self.preamble, self.sections, path=path)


def _marker_digits(marker: str) -> str:
    return "".join(c for c in marker if c.isdigit() or c in "一二三四五六七八九十")


def _heading_cut(rest: str) -> int:
    """Where the heading ends on its line: after the first sentence end if more text follows."""
    for index, char in enumerate(rest):
        if char in _HEADING_END and rest[index + 1 :].strip():
            return index + 1
    return len(rest)


def _looks_like_title(text: str) -> bool:
    stripped = text.strip()
    return len(stripped) <= _TITLE_MAX and not stripped.endswith(("。", "；", "：", ":"))
