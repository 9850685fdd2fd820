"""Markdown input: blank out what is not report prose, keeping every offset.

Fenced code blocks, inline code, HTML comments, link targets and emphasis or list markup are
replaced by spaces of the same length (line breaks kept), so the outline parser and the rules
see only prose while every position still points into the original file.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from reportlint.base import regexcode
from reportlint.base.source import Span

# Where ``str.splitlines`` breaks a line: a fence line starts after one of these, or at the start.
_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


@lru_cache(maxsize=1)
def _patterns() -> tuple[regex.Pattern, regex.Pattern, regex.Pattern, regex.Pattern]:
    """The fence and markup patterns, a character that is no line break and a line break as
    ``splitlines`` reads it, compiled when a Markdown file first comes: compiling them costs a
    plain-text run some 4 % of its start. Fence lines are found in the whole text at the line
    starts ``str.splitlines`` has (a text of ten million lines is one search)."""
    fence = regexcode.compile(rf"(?:^|(?<=[{_BREAKS}]))[ \t]*(?:```|~~~)")
    masks = regexcode.compile(
        r"<!--.*?-->"  # HTML comments (suppression comments are read from the original text)
        r"|`[^`\r\n]+`"  # inline code
        r"|(?<=\])\([^)\r\n]*\)"  # link targets: [text](target)
        r"|<https?://[^>\r\n]*>"  # autolinks
        r"|\*+"  # emphasis
        r"|^[ \t]*(?:[-+>]|\*)[ \t]",  # list bullets and block quotes
        regex.DOTALL | regex.MULTILINE,
    )
    return fence, masks, regex.compile(r"[^\r\n]"), regex.compile(rf"\r\n|[{_BREAKS}]")


def is_markdown(path: str | None) -> bool:
    return path is not None and path.lower().endswith((".md", ".markdown"))


def mask(text: str, spans: list[Span] | None = None) -> str:
    """``text`` with non-prose Markdown blanked out (``spans``, :func:`blanked` of it if not
    given); same length, same line breaks. Built from slices (a list of every character of
    20 MB took 160 MB)."""
    not_a_break = _patterns()[2]
    pieces: list[str] = []
    done = 0
    for start, end in blanked(text) if spans is None else spans:  # sorted by start; fence lines may overlap markup
        if end > done:
            start = max(start, done)
            pieces += (text[done:start], not_a_break.sub(" ", text[start:end]))
            done = end
    pieces.append(text[done:])
    return "".join(pieces)


def blanked(text: str) -> list[Span]:
    """The spans of ``text`` that :func:`mask` blanks out, in order. Rules need them: a space
    that was ``**`` or a code span is markup, not a space a writer typed. Each line from an
    opening fence line to its closing one (or the end) is one span, as ``splitlines`` cuts
    them; only those lines are read one by one."""
    fence_pattern, masks, _, line_break = _patterns()
    spans = [Span(m.start(), m.end()) for m in masks.finditer(text)]
    position = 0
    while (opening := fence_pattern.search(text, position)) is not None:  # it starts a line
        closing = fence_pattern.search(text, opening.end())
        start, stop = opening.start(), len(text)
        if closing is not None:  # to the end of its line, with its line break
            stop = brk.end() if (brk := line_break.search(text, closing.end())) else len(text)
        for line in text[start:stop].splitlines(keepends=True):
            spans.append(Span(start, start + len(line)))
            start += len(line)
        position = stop
    return sorted(spans)
