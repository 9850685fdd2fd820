"""One self-contained HTML review page: the report's text with every finding highlighted in place.

For people who read reports in Word rather than in a terminal. The page needs no network (CSS and
a little JavaScript inline), shows the outline as a table of contents, a summary by rule,
filters by severity and rule, and each proposed fix as before → after (unsafe ones marked).
Several files make one page with a file list. A .docx is shown as its paragraphs, one per line,
which is how its findings are numbered.

Every piece of the document, its name and every message is escaped: reports are untrusted input,
and nothing from them reaches the page's markup or script unescaped. The visible strings go
through :func:`label`, that is the gettext catalog: Chinese under a Chinese locale or ``--lang zh``
(and, for ``reportlint serve``, for a browser that asks for Chinese).
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

from reportlint.base.i18n import _, join_sentences, language, pgettext
from reportlint.base.source import Source
from reportlint.formats import Context
from reportlint.formats import Writer as BaseWriter
from reportlint.formats.summary import Result, Summary, severity_count
from reportlint.outline.model import Document, Section
from reportlint.rules.diagnostics import SEVERITIES, SEVERITY_RANK, Diagnostic, severity_label


def label(message: str, **fields: object) -> str:
    """The page's text for ``message`` in the interface language, ``fields`` filled in. Not escaped."""
    return _(message).format(**fields)


def html_lang() -> str:
    """The page's ``lang`` attribute: fonts and screen readers follow it."""
    return "zh-CN" if language() == "zh" else "en"


def _applicability(applicability: str) -> str:
    return pgettext("applicability", "safe") if applicability == "safe" else pgettext("applicability", "unsafe")


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


@dataclass
class _File:
    """One rendered file: its name, counts by severity and its section of the page."""

    index: int
    name: str
    counts: dict[str, int]
    error: str | None
    body: str


class Writer(BaseWriter):
    """Collects each file's section as results stream by; the page is written at the end."""

    def __init__(self, context: Context) -> None:
        super().__init__(context)
        self.files: list[_File] = []

    def add(self, result: Result) -> str:
        self.files.append(render_file(result, len(self.files) + 1))
        return ""

    def end(self, summary: Summary) -> str:
        return page(self.files, summary, self.context.rules)


def render_file(result: Result, index: int) -> _File:
    name = result.path or "-"
    counts = {s: 0 for s in SEVERITIES}
    for d in result.diagnostics:
        counts[d.severity] += 1
    if result.error or result.text is None:
        reason = result.error or "no text"
        body = f'<p class="error">{_e(label("Could not be checked: {reason}", reason=reason))}</p>'
        return _File(index, name, counts, reason, body)
    source = Source(result.text)
    prefix = f"f{index}"
    ids = [f"{prefix}-d{n}" for n in range(1, len(result.diagnostics) + 1)]
    document = result.document  # the outline as the rules read it (None: no contents to show)
    toc = _toc(document, prefix, result.diagnostics) if document else ""
    body = (
        f'<div class="layout"><nav class="toc"><h3>{_e(label("Contents"))}</h3>{toc}</nav>'
        f'<article class="text">{_text(source, document, prefix, result.diagnostics, ids)}</article>'
        f'<aside class="findings"><h3>{_e(label("Findings"))}</h3>'
        f"{_findings(source, result.diagnostics, ids, prefix)}</aside>"
        "</div>"
    )
    return _File(index, name, counts, None, body)


# ---- the text with its highlights -------------------------------------------------------------


def _pieces(
    line_start: int, line_end: int, diagnostics: list[Diagnostic], ids: list[str]
) -> tuple[list[tuple[int, int, str]], list[tuple[int, str]]]:
    """The findings on one line: ranges ``(start, end, id)`` clipped to it and zero-width points
    ``(offset, id)`` (a finding that covers no character of the line but starts on it)."""
    ranges, points = [], []
    for d, ident in zip(diagnostics, ids, strict=True):
        start, end = d.start.offset, d.end.offset
        if start > line_end or end < line_start:
            continue
        lo, hi = max(start, line_start), min(end, line_end)
        if lo < hi:
            ranges.append((lo, hi, ident))
        elif line_start <= start <= line_end:
            points.append((start, ident))
    return ranges, points


def _line_html(
    text: str,
    line_start: int,
    line_end: int,
    ranges: list[tuple[int, int, str]],
    points: list[tuple[int, str]],
    notes: dict[str, tuple[str, str]],
) -> str:
    cuts = sorted({line_start, line_end, *(r[0] for r in ranges), *(r[1] for r in ranges), *(p[0] for p in points)})
    out: list[str] = []
    for a, b in zip(cuts, [*cuts[1:], None], strict=True):
        here = [ident for offset, ident in points if offset == a]
        if here:
            out.append(_mark("", here, notes, point=True))
        if b is None:
            break
        covering = [ident for lo, hi, ident in ranges if lo <= a and hi >= b]
        segment = text[a:b]
        out.append(_mark(segment, covering, notes) if covering else _e(segment))
    return "".join(out)


def _mark(segment: str, idents: list[str], notes: dict[str, tuple[str, str]], point: bool = False) -> str:
    """A highlighted piece of text, coloured by the most severe finding covering it."""
    tip = "\n".join(notes[i][1] for i in idents)
    severity = max((notes[i][0] for i in idents), key=lambda s: SEVERITY_RANK.get(s, 0))
    kind = f"hl point sev-{severity}" if point else f"hl sev-{severity}"
    return f'<mark class="{_e(kind)}" data-ids="{" ".join(idents)}" title="{_e(tip)}">{_e(segment)}</mark>'


def _text(source: Source, document: Document, prefix: str, diagnostics: list[Diagnostic], ids: list[str]) -> str:
    notes = {
        i: (d.severity, f"{severity_label(d.severity)} · {d.rule}：{d.message}")
        for d, i in zip(diagnostics, ids, strict=True)
    }
    heading_level: dict[int, int] = {}
    automatic: dict[int, str] = {}  # Word's numbers, not in the text: shown before their headings, as Word does
    for section in document.walk() if document else ():
        heading_level[source.position(section.heading_span.start).line] = section.level
        if section.marker.automatic:
            automatic[source.position(section.marker.span.start).line] = section.marker.text.strip()
    title_line = source.position(document.title.span.start).line if document and document.title else None
    anchors: dict[int, list[str]] = {}  # line → the findings that start on it
    for d, ident in zip(diagnostics, ids, strict=True):
        anchors.setdefault(source.position(d.start.offset).line, []).append(ident)
    lines: list[str] = []
    for number in range(1, source.line_count + 1):
        span = source.line_span(number)
        ranges, points = _pieces(span.start, span.end, diagnostics, ids)
        inner = _line_html(source.text, span.start, span.end, ranges, points, notes)
        starts = "".join(f'<a class="anchor" id="at-{i}"></a>' for i in anchors.get(number, ()))
        if number in automatic:
            starts += f'<span class="auto-number">{_e(automatic[number])}</span>'  # not text: no offsets
        css = "line"
        if number == title_line:
            css += " title"
        elif number in heading_level:
            css += f" h{heading_level[number]}"
        lines.append(f'<div class="{css}" id="{prefix}-L{number}" data-line="{number}">{starts}{inner}</div>')
    return "".join(lines)


# ---- the outline and the list of findings -----------------------------------------------------


def _toc(document: Document, prefix: str, diagnostics: list[Diagnostic]) -> str:
    source = document.source

    def count(start: int, end: int) -> str:
        n = sum(1 for d in diagnostics if start <= d.start.offset < end)
        return f' <span class="count">{n}</span>' if n else ""

    def entry(section: Section) -> str:
        line = source.position(section.marker.span.start).line
        link = f'<a href="#{prefix}-L{line}">{_e(section.marker.text + section.heading)}</a>'
        children = "".join(entry(child) for child in section.children)
        nested = f"<ul>{children}</ul>" if children else ""
        return f"<li>{link}{count(section.marker.span.start, section.end)}{nested}</li>"

    if document.title:
        line = source.position(document.title.span.start).line
        head = f'<p class="toc-title"><a href="#{prefix}-L{line}">{_e(document.title.text)}</a></p>'
    else:
        head = f'<p class="toc-title">{_e(label("(no title)"))}</p>'
    return head + "<ul>" + "".join(entry(s) for s in document.sections) + "</ul>"


def _where(d: Diagnostic) -> str:
    if d.position_kind == "paragraph":
        return label("Paragraph {line}, character {column}", line=d.start.line, column=d.start.column)
    return label("Line {line}, column {column}", line=d.start.line, column=d.start.column)


def _fix(source: Source, d: Diagnostic) -> str:
    if d.fix is None:
        return ""
    before = source.text[d.fix.span.start : d.fix.span.end]
    after = d.fix.replacement
    old = f"<del>{_e(before)}</del>" if before else f'<span class="none">{_e(label("(insert)"))}</span>'
    new = f"<ins>{_e(after)}</ins>" if after else f'<span class="none">{_e(label("(delete)"))}</span>'
    applicability = "safe" if d.fix.safe else "unsafe"
    return (
        f'<div class="fix {applicability}"><span class="fix-label">{_e(label("Fix"))}</span> {old} → {new} '
        f'<span class="badge {applicability}">{_e(_applicability(applicability))}</span></div>'
    )


def _findings(source: Source, diagnostics: list[Diagnostic], ids: list[str], prefix: str) -> str:
    if not diagnostics:
        return f'<p class="clean">{_e(label("No problems found."))}</p>'
    items = [
        f'<li class="finding sev-{_e(d.severity)}" data-id="{i}" data-severity="{_e(d.severity)}"'
        f' data-rule="{_e(d.rule)}"><a href="#at-{i}">'
        f'<span class="sev">{_e(severity_label(d.severity))}</span> <span class="where">{_e(_where(d))}</span></a>'
        f'<div class="message">{_e(d.message)}</div><div class="rule">{_e(d.rule)}</div>{_fix(source, d)}</li>'
        for d, i in zip(diagnostics, ids, strict=True)
    ]
    return f'<ol class="finding-list">{"".join(items)}</ol>'


# ---- the page ---------------------------------------------------------------------------------


def summary_line(summary: Summary) -> str:
    total = sum(summary.severities.values())
    sentences = []
    if total == 0:
        sentences.append(label("All checked reports are clean."))
    else:
        parts = pgettext("list separator", ", ").join(
            severity_count(s, summary.severities[s]) for s in SEVERITIES if summary.severities[s]
        )
        sentences.append(label("{total} problems: {parts}.", total=total, parts=parts))
        if summary.fixable or summary.held_back:
            sentences.append(
                label("{n} can be fixed safely, {m} need a person's decision.", n=summary.fixable, m=summary.held_back)
            )
    if summary.errors:
        sentences.append(label("{n} files could not be checked.", n=summary.errors))
    return join_sentences(sentences)


def _filters(summary: Summary, rules: Mapping[str, Any]) -> str:
    severities = "".join(
        f'<label class="sev-{s}"><input type="checkbox" data-filter="severity" value="{s}" checked>'
        f' {_e(severity_label(s))} <span class="n">{summary.severities[s]}</span></label>'
        for s in SEVERITIES
    )
    rows = []
    for rule, severity, n, _fixable in summary.rule_counts():
        described = rules.get(rule)
        rows.append(
            f'<tr class="sev-{_e(severity)}"><td><label><input type="checkbox" data-filter="rule" value="{_e(rule)}"'
            f" checked> {_e(rule)}</label></td><td>{_e(severity_label(severity))}</td><td>{n}</td>"
            f"<td>{_e(described.summary) if described else ''}</td></tr>"
        )
    table = ""
    if rows:
        table = (
            f'<table class="rules"><thead><tr><th><label><input type="checkbox" data-filter="all-rules" checked>'
            f" {_e(label('Rule'))}</label></th><th>{_e(label('Severity'))}</th><th>{_e(label('Count'))}</th>"
            f"<th>{_e(label('Description'))}</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )
    shown = label("{shown} of {total} shown", shown="{shown}", total="{total}")  # the script fills it in
    return (
        f'<section class="filters"><div class="severities"><span>{_e(label("Show"))}：</span>{severities}'
        f' <span class="shown" data-template="{_e(shown)}">'
        f"</span></div><h2>{_e(label('By rule'))}</h2>{table}</section>"
    )


def _file_list(files: list[_File]) -> str:
    items = []
    for f in files:
        counts = " ".join(
            f'<span class="count sev-{s}" title="{_e(severity_label(s))}">{f.counts[s]}</span>'
            for s in SEVERITIES
            if f.counts[s]
        )
        error = f' <span class="error">{_e(f.error)}</span>' if f.error else ""
        items.append(f'<li><a href="#f{f.index}">{_e(f.name)}</a> {counts}{error}</li>')
    return f'<nav class="files"><h2>{_e(label("Files"))}</h2><ol>{"".join(items)}</ol></nav>'


def _asset(name: str) -> str:
    return resources.files("reportlint.formats").joinpath("assets", name).read_text(encoding="utf-8")


def page(files: list[_File], summary: Summary, rules: Mapping[str, Any] | None = None, extra: str = "") -> str:
    """The whole page; ``extra`` is trusted markup placed under the summary (the web page's
    download links)."""
    title = files[0].name if len(files) == 1 else f"{len(files)}"
    sections = "".join(
        f'<section class="file" id="f{f.index}"><h2 class="file-name">{_e(f.name)}</h2>{f.body}</section>'
        for f in files
    )
    file_list = _file_list(files) if len(files) > 1 else ""
    order = " ".join(sorted(SEVERITY_RANK, key=lambda severity: SEVERITY_RANK[severity]))
    return (
        f'<!DOCTYPE html><html lang="{html_lang()}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "script-src 'unsafe-inline'; img-src data:\">"
        f"<title>{_e(label('Review'))} · {_e(title)}</title><style>{_asset('review.css')}</style></head>"
        f'<body data-severity-order="{order}"><header><h1>{_e(label("Review"))}</h1>'
        f'<p class="summary">{_e(summary_line(summary))}</p>{extra}</header>'
        f"{_filters(summary, rules or {})}{file_list}{sections}"
        f"<script>{_asset('review.js')}</script></body></html>\n"
    )
