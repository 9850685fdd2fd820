"""Build .docx files the way Word and WPS write them: python-docx for the document, a hand-written
numbering.xml for the automatic list numbers, and styles for headings."""

from __future__ import annotations

import os
import shutil
import subprocess

import docx
import pytest
from docx.oxml import parse_xml

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def lvl(ilvl: int, fmt: str, text: str, start: int = 1, restart: int | None = None, suff: str | None = None) -> str:
    """One ``w:lvl`` of a list definition."""
    extra = f'<w:lvlRestart w:val="{restart}"/>' if restart is not None else ""
    extra += f'<w:suff w:val="{suff}"/>' if suff is not None else ""
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{extra}'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
    )


# GB/T 9704 levels as Chinese Word templates define them: 一、 （一） 1. （1）
GBT_LEVELS = (
    lvl(0, "chineseCounting", "%1、")
    + lvl(1, "chineseCounting", "（%2）")
    + lvl(2, "decimal", "%3.")
    + lvl(3, "decimal", "（%4）")
)


def abstract(abstract_id: int, levels: str) -> str:
    return f'<w:abstractNum w:abstractNumId="{abstract_id}">{levels}</w:abstractNum>'


def num(num_id: int, abstract_id: int, overrides: str = "") -> str:
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'


def start_override(ilvl: int, start: int) -> str:
    return f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{start}"/></w:lvlOverride>'


def numbering_xml(*parts: str) -> str:
    """numbering.xml with the given abstractNum and num elements (abstractNums first, as Word
    requires)."""
    ordered = sorted(parts, key=lambda part: not part.startswith("<w:abstractNum"))
    return f'<w:numbering xmlns:w="{W}">{"".join(ordered)}</w:numbering>'


# One list of the GB/T 9704 levels (numId 1), as a Chinese Word template defines it
GBT_NUMBERING = numbering_xml(abstract(1, GBT_LEVELS), num(1, 1))


def number(paragraph, num_id: int, ilvl: int = 0) -> None:
    """Give ``paragraph`` automatic numbering: list ``num_id``, level ``ilvl``."""
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = ilvl
    num_pr.get_or_add_numId().val = num_id


def set_numbering(document, xml: str) -> None:
    document.part.numbering_part._element = parse_xml(xml)


def add_style(document, style_id: str, name: str, based_on: str | None = None, ppr: str = "") -> None:
    """A paragraph style written as Word or WPS would (a localised name, an outline level, a list)."""
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    style = parse_xml(
        f'<w:style xmlns:w="{W}" w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{name}"/>'
        f"{based}<w:pPr>{ppr}</w:pPr></w:style>"
    )
    document.styles.element.append(style)


def set_style(paragraph, style_id: str) -> None:
    paragraph._p.get_or_add_pPr().get_or_add_pStyle().val = style_id


def build(path, paragraphs, numbering: str | None = None, styles=()) -> str:
    """A .docx of ``paragraphs``: each a text, or ``(text, num_id, ilvl)`` for an automatically
    numbered one, or ``(text, "style:ID")`` for a styled one."""
    document = docx.Document()
    for style in styles:
        add_style(document, *style)
    if numbering is not None:
        set_numbering(document, numbering)
    for item in paragraphs:
        if isinstance(item, str):
            document.add_paragraph(item)
            continue
        paragraph = document.add_paragraph(item[0])
        if isinstance(item[1], str):
            set_style(paragraph, item[1].removeprefix("style:"))
        else:
            number(paragraph, item[1], item[2] if len(item) > 2 else 0)
    document.save(path)
    return str(path)


def outline_shape(doc):
    """(level, marker, number, heading, line) of every section in reading order."""
    return [
        (s.level, s.marker.text, s.number, s.heading, doc.source.position(s.marker.span.start).line) for s in doc.walk()
    ]


def accept_all(path) -> list[str]:
    """The paragraphs' text once every tracked change is accepted, as Word's "Accept All" does:
    deleted runs go, inserted runs stay."""
    from docx.oxml.ns import qn

    document = docx.Document(path)
    body = document.element.body
    for deleted in list(body.iter(qn("w:del"))):
        deleted.getparent().remove(deleted)
    for inserted in list(body.iter(qn("w:ins"))):
        for child in list(inserted):
            inserted.addprevious(child)
        inserted.getparent().remove(inserted)
    from reportlint.inputs.docx import body_paragraphs

    return [p.text for p in body_paragraphs(document)]


def revisions(path) -> list[tuple[str, str, str]]:
    """(kind, author, text) of every tracked change, in document order."""
    from docx.oxml.ns import qn

    body = docx.Document(path).element.body
    out = []
    for element in body.iter(qn("w:ins"), qn("w:del")):
        text = "".join(t.text or "" for t in element.iter(qn("w:t"), qn("w:delText")))
        out.append((element.tag.rpartition("}")[2], element.get(qn("w:author")), text))
    return out


# CI installs LibreOffice and sets this, so a test that needs it fails there instead of skipping.
_REQUIRED = os.environ.get("REPORTLINT_REQUIRE_LIBREOFFICE") == "1"
needs_libreoffice = pytest.mark.skipif(
    shutil.which("soffice") is None and not _REQUIRED, reason="LibreOffice is not installed"
)


def libreoffice_convert(path, target_format: str, outdir) -> None:
    """Convert ``path`` with LibreOffice headless, in a profile of its own (a second soffice on
    the default profile would hand its work to one already running and return at once)."""
    profile = f"file://{outdir}/lo-profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", target_format]
        + ["--outdir", str(outdir), str(path)],
        check=True,
        capture_output=True,
        timeout=300,
    )
