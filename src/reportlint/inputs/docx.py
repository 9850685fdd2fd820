"""Word .docx in and out: read the body as text, and write findings back as comments (批注).

Reading: the body's paragraphs in document order, table cells included (each cell paragraph is
a paragraph of its own), one per line of the text, so a diagnostic's line is the paragraph's
1-based index among the body paragraphs (empty ones count) and its column is the code point
within the paragraph. Line breaks inside a paragraph are read as spaces, keeping lengths.
Word's automatic list numbers and heading styles are not part of the text: they are read beside
it (``word_numbering``, ``word_styles``) as one :class:`LineHint` per paragraph, which the
outline parser reads in front of the paragraph's text; positions stay in the paragraph's text.
Text boxes, headers, footers, footnotes, endnotes and comments are not read.

Safety: the archive is checked before python-docx opens it — an encrypted or legacy file, a
corrupt archive, an archive whose unpacked size or compression ratio is out of bounds (a zip
bomb), or XML with a DTD (entity tricks) is refused with a one-line reason.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from reportlint.base.i18n import _
from reportlint.inputs.decoded import Decoded, InputError, LineHint

MAX_UNPACKED_BYTES = 200_000_000
MAX_RATIO = 200  # unpacked/packed size of one member beyond which it is treated as a bomb
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _check_archive(data: bytes, max_bytes: int | None) -> None:
    if data.startswith(_OLE_MAGIC):
        raise InputError(_("encrypted or legacy Word file (.doc), not a .docx"))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise InputError(_("corrupt .docx: not a zip archive")) from None
    limit = min(MAX_UNPACKED_BYTES, max_bytes * 10) if max_bytes else MAX_UNPACKED_BYTES
    with archive:
        members = archive.infolist()
        if "word/document.xml" not in {m.filename for m in members}:
            raise InputError(_("corrupt .docx: no word/document.xml"))
        total = sum(m.file_size for m in members)
        if total > limit:
            raise InputError(
                _("refused: unpacks to {total} bytes, above the limit of {limit} (zip bomb?)").format(
                    total=total, limit=limit
                )
            )
        for member in members:
            ratio = member.file_size // max(member.compress_size, 1)
            if member.file_size > 1_000_000 and ratio > MAX_RATIO:
                raise InputError(
                    _("refused: {name} is compressed {ratio}:1 (zip bomb?)").format(name=member.filename, ratio=ratio)
                )
            if member.filename.endswith(".xml") or member.filename.endswith(".rels"):
                try:
                    head = archive.read(member)
                except (zipfile.BadZipFile, OSError, EOFError) as exc:
                    raise InputError(_("corrupt .docx: {reason}").format(reason=exc)) from None
                if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                    raise InputError(_("refused: {name} declares a DTD or entities").format(name=member.filename))


def open_document(data: bytes, max_bytes: int | None) -> Any:
    _check_archive(data, max_bytes)
    import docx

    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on a damaged package
        raise InputError(
            _("corrupt .docx: {reason}").format(reason=f"{type(exc).__name__}: {exc}".rstrip(": "))
        ) from None


def body_paragraphs(document: Any) -> list:
    """The body's paragraphs in order, with each table cell's paragraphs in place."""
    from docx.table import Table

    out: list = []

    def visit(container: Any) -> None:
        for block in container.iter_inner_content():
            if isinstance(block, Table):
                for row in block.rows:
                    seen = set()
                    for cell in row.cells:
                        if id(cell._tc) in seen:  # a merged cell appears once per spanned column
                            continue
                        seen.add(id(cell._tc))
                        visit(cell)
            else:
                out.append(block)

    visit(document)
    return out


def _paragraph_text(paragraph: Any) -> str:
    return paragraph.text.replace("\r", " ").replace("\n", " ")


def read_docx_bytes(data: bytes, max_bytes: int | None = None) -> Decoded:
    document = open_document(data, max_bytes)
    paragraphs = body_paragraphs(document)
    text = "\n".join(_paragraph_text(p) for p in paragraphs)
    return Decoded(text, "docx", kind="docx", hints=paragraph_hints(document, paragraphs))


def paragraph_hints(document: Any, paragraphs: list) -> tuple[LineHint | None, ...]:
    """Each paragraph's automatic number and heading level, counted in document order."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    from reportlint.inputs.word_numbering import read_numbering
    from reportlint.inputs.word_styles import paragraph_look, read_styles

    styles = read_styles(_part_root(document, RT.STYLES))
    numbering = read_numbering(_part_root(document, RT.NUMBERING))
    hints: list[LineHint | None] = []
    for paragraph in paragraphs:
        style_id, look = paragraph_look(paragraph._p.pPr, styles)
        label = ""
        if look.num_id not in (None, "0"):
            ilvl = look.ilvl if look.ilvl is not None else numbering.level_of_style(look.num_id, style_id or "")
            label = numbering.label(look.num_id, ilvl or 0)
        level = look.level if look.level else None
        hints.append(LineHint(label, level) if label or level else None)
    return tuple(hints)


def _part_root(document: Any, relationship: str) -> Any:
    """The XML root of the document's part related by ``relationship``; None if it has none."""
    try:
        return document.part.part_related_by(relationship).element
    except (KeyError, AttributeError):
        return None
