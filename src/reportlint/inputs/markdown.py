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


@lru_cache(maxsize=1)
def _patterns() -> tuple[regex.Pattern, regex.Pattern]:
    """The fence and the markup patterns, compiled when a Markdown file first comes: compiling
    them costs a plain-text run some 4 % of its start."""
    fence = regexcode.compile(r"^[ \t]*(```|~~~)")
    masks = regexcode.compile(
        r"<!--.*?-->"  # HTML comments (suppression comments are read from the original text)
        r"|`[^`\r\n]+`"  # inline code
        r"|(?<=\])\([^)\r\n]*\)"  # link targets: [text](target)
        r"|<https?://[^>\r\n]*>"  # autolinks
        r"|\*+"  # emphasis
        r"|^[ \t]*(?:[-+>]|\*)[ \t]",  # list bullets and block quotes
        regex.DOTALL | regex.MULTILINE,
    )
    return fence, masks


def is_markdown(path: str | None) -> bool:
    return path is not None and path.lower().endswith((".md", ".markdown"))


def mask(text: str) -> str:
    """``text`` with non-prose Markdown blanked out; same length, same line breaks."""
    chars = list(text)
    for start, end in blanked(text):
        for index in range(start, end):
            if chars[index] not in "\r\n":
                chars[index] = " "
    return "".join(chars)


def blanked(text: str) -> list[Span]:
    """The spans of ``text`` that :func:`mask` blanks out, in order. Rules need them: a space
    that was ``**`` or a code span is markup, not a space a writer typed."""
    fence_pattern, masks = _patterns()
    spans = [Span(m.start(), m.end()) for m in masks.finditer(text)]
    start = 0
    in_fence = False
    for line in text.splitlines(keepends=True):
        end = start + len(line)
        fence = fence_pattern.match(line)
        if in_fence or fence:
            spans.append(Span(start, end))
        if fence:
            in_fence = not in_fence
        start = end
    return sorted(spans)
