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

import codecs
import io
import re
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
        types = _content_types(_xml_member(archive, "[Content_Types].xml"))
        for member in members:
            if _parsed_as_xml(member.filename, types):
                _xml_member(archive, member.filename)


def _xml_member(archive: zipfile.ZipFile, name: str) -> str:
    """The decoded text of an XML part, refused if it declares a DTD or entities: checked on
    the text as the XML parser will read it, whatever its encoding (UTF-16 hides the bytes
    ``<!DOCTYPE``)."""
    try:
        text = _xml_text(archive.read(name))
    except KeyError:
        return ""
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise InputError(_("corrupt .docx: {reason}").format(reason=exc)) from None
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        raise InputError(_("refused: {name} declares a DTD or entities").format(name=name))
    return text


_UNMARKED_XML = (  # how an XML document without a byte-order mark starts, by encoding
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00<", "utf-16-be"),
    (b"<\x00", "utf-16-le"),
    (b"\x4c\x6f\xa7\x94", "cp500"),  # EBCDIC "<?xm"
)
_DECLARED = re.compile(rb"<\?xml[^>]{0,200}?encoding\s*=\s*[\"']([A-Za-z0-9._:-]{1,40})[\"']")


def _xml_text(data: bytes) -> str:
    """``data`` decoded as an XML parser would: byte-order mark, then the first bytes, then the
    declared encoding, else UTF-8 (undecodable bytes replaced: only markup is looked for)."""
    for bom, name in ((codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig")):
        if data.startswith(bom):
            return data.decode(name, errors="replace")
    if data.startswith((codecs.BOM_UTF16_BE, codecs.BOM_UTF16_LE)):
        return data.decode("utf-16", errors="replace")
    for start, name in _UNMARKED_XML:
        if data.startswith(start):
            return data.decode(name, errors="replace")
    declared = _DECLARED.match(data)
    try:
        return data.decode(declared.group(1).decode("ascii") if declared else "utf-8", errors="replace")
    except LookupError:  # an encoding Python lacks: ASCII markup still shows through Latin-1
        return data.decode("latin-1")


_TYPE = re.compile(r"<(Default|Override)\b([^>]*)>")
_ATTRIBUTE = re.compile(r"(\w+)\s*=\s*[\"']([^\"']*)[\"']")


def _content_types(text: str) -> dict[str, str]:
    """Part name (``/word/document.xml``) or extension (``xml``) → content type."""
    out = {}
    for match in _TYPE.finditer(text):
        attributes = dict(_ATTRIBUTE.findall(match.group(2)))
        key = attributes.get("PartName") if match.group(1) == "Override" else attributes.get("Extension", "")
        if key is not None and "ContentType" in attributes:
            out[key.lower() if match.group(1) == "Default" else key] = attributes["ContentType"]
    return out


def _parsed_as_xml(name: str, types: dict[str, str]) -> bool:
    """Whether python-docx (or lxml on our behalf) parses the member: relationships, and any
    part whose content type is XML, whatever its name."""
    if name.endswith((".xml", ".rels")):
        return True
    content_type = types.get("/" + name) or types.get(name.rsplit(".", 1)[-1].lower() if "." in name else "", "")
    return content_type.endswith("xml") and not content_type.startswith("image/")


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
