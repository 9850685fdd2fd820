"""Human-readable output in the manner of ruff's full format.

``path:line:col: severity rule-id message`` (the severity in words, so that it survives
without colour), then the source line with a caret underline that lines up
under Chinese text (full-width characters take two terminal columns). Long lines are shown as a
window around the finding.
"""

from __future__ import annotations

from typing import Any

import click

from reportlint.base.columns import width
from reportlint.base.i18n import _
from reportlint.base.source import Source
from reportlint.formats import Context, printable
from reportlint.formats import Writer as BaseWriter
from reportlint.formats.summary import Result, Summary, footer
from reportlint.rules.diagnostics import Diagnostic, severity_label

_WINDOW = 24  # characters of context on each side of a finding
_COLORS = {"error": "red", "warning": "yellow", "info": "blue"}


class Writer(BaseWriter):
    def __init__(self, context: Context) -> None:
        super().__init__(context)
        self.fired: dict[str, None] = {}  # rule ids in order of first finding

    def add(self, result: Result) -> str:
        if not result.diagnostics or result.text is None:  # findings stand even when a fix could not be written
            return ""
        source = Source(result.text or "")
        out: list[str] = []
        for d in result.diagnostics:
            self.fired.setdefault(d.rule)
            out.append(_header(result.path or "-", d, self.context.color))
            out.extend(_snippet(source, d, self.context.color))
            out.append("")
        return "\n".join(out) + "\n"

    def end(self, summary: Summary) -> str:
        """The summary, after one line per rule that fired pointing at its documentation."""
        width = max(map(len, self.fired), default=0)
        help_lines = "".join(f"{rule:<{width}}  help: {self.context.help(rule)}\n" for rule in self.fired)
        return help_lines + ("\n" if help_lines else "") + footer(summary, self.context.statistics)


def _style(text: str, color: bool, **style: Any) -> str:
    return click.style(text, **style) if color else text


def _header(path: str, d: Diagnostic, color: bool) -> str:
    where = f"{printable(path)}:{d.start.line}:{d.start.column}:"
    rule = _style(f"{severity_label(d.severity)} {d.rule}", color, fg=_COLORS[d.severity], bold=True)
    fixable = " [*]" if d.fix is not None and d.fix.safe else ""
    unit = (
        " " + _("(paragraph {line}, character {column})").format(line=d.start.line, column=d.start.column)
        if d.position_kind == "paragraph"
        else ""
    )  # a .docx: LINE:COLUMN count paragraphs and characters, as Word shows no lines
    return f"{_style(where, color, bold=True)} {rule}{fixable} {printable(d.message)}{unit}"


def _snippet(source: Source, d: Diagnostic, color: bool) -> list[str]:
    line = d.start.line
    if line > source.line_count:
        return []
    text = source.line_text(line)
    start = d.start.column - 1
    end = min(len(text), start + max(1, d.end.offset - d.start.offset)) if d.end.line == line else len(text)
    left = max(0, start - _WINDOW)
    right = min(len(text), max(end, start + 1) + _WINDOW)
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(text) else ""
    shown = printable(prefix + text[left:right] + suffix)
    pad = width(prefix + text[left:start])
    carets = "^" * max(1, width(text[start:end]))
    gutter = " " * len(str(line))
    return [
        f"{gutter} |",
        f"{line} | {shown}",
        f"{gutter} | {' ' * pad}{_style(carets, color, fg=_COLORS[d.severity], bold=True)}",
    ]
