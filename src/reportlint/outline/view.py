"""The outline as people and editors read it: an indented tree, or JSON document symbols."""

from __future__ import annotations

import json

from reportlint.base.i18n import _
from reportlint.base.source import Source
from reportlint.outline.model import Document, Item, ReportType, Section


def _item(source: Source, item: Item) -> dict:
    position = source.position(item.span.start)
    return {
        "marker": item.marker,
        "number": item.number,
        "style": item.style,
        "line": position.line,
        "column": position.column,
        "offset": position.offset,
    }


def _section(source: Source, section: Section) -> dict:
    start = source.position(section.marker.span.start)
    end = source.position(section.end)
    return {
        "level": section.level,
        "marker": section.marker.text,
        "number": section.number,
        "heading": section.heading,
        "line": start.line,
        "column": start.column,
        "offset": start.offset,
        "end": end.to_dict(),
        "children": [_section(source, child) for child in section.children],
        "items": [_item(source, item) for item in section.items],
    }


def outline_dict(doc: Document) -> dict:
    source = doc.source
    title = None
    if doc.title:
        start = source.position(doc.title.span.start)
        title = {"text": doc.title.text, "line": start.line, "column": start.column, "offset": start.offset}
    preamble_items = [item for p in doc.preamble for item in p.items]
    return {
        "title": title,
        "preamble_items": [_item(source, item) for item in preamble_items],
        "sections": [_section(source, s) for s in doc.sections],
    }


def outline_json(doc: Document) -> str:
    return json.dumps(outline_dict(doc), ensure_ascii=False, indent=2)


def outline_text(doc: Document, paragraphs: bool = False) -> str:
    """The indented tree, each heading with where it is: its line, or with ``paragraphs`` (a
    .docx, whose lines are its paragraphs) its paragraph; then the report type, if one was
    looked for."""
    lines = [f"{doc.title.text}" if doc.title else _("(no title)")]
    for section in doc.walk():
        indent = "  " * section.level
        line = doc.source.position(section.marker.span.start).line
        items = "".join(f" {item.marker}" for item in section.items)
        where = (_("[paragraph {line}]") if paragraphs else _("[line {line}]")).format(line=line)
        lines.append(f"{indent}{section.marker.text}{section.heading}  {where}{'  ·' + items if items else ''}")
    if doc.report_type is not None:
        lines.append(type_line(doc.report_type))
    return "\n".join(lines)


def type_line(report_type: ReportType) -> str:
    """What the report was taken for, and whether its sections are checked: a report whose
    title names no type is checked without them, which the findings alone never say."""
    if report_type.sections:
        return _("Report type: {name} (its sections are checked)").format(name=report_type.name)
    return _(
        "Report type: none found (no title names one, such as 述职报告 or 工作总结), so its sections"
        " are not checked; set one with type: in .reportlint.yaml or check --type"
    )
