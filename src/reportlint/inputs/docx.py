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
from reportlint.inputs.decoded import OLE_MAGIC, Decoded, InputError, LineHint, legacy_word

MAX_UNPACKED_BYTES = 200_000_000
MAX_RATIO = 200  # unpacked/packed size of one member beyond which it is treated as a bomb


def _check_archive(data: bytes, max_bytes: int | None) -> None:
    if data.startswith(OLE_MAGIC):
        raise legacy_word()
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
        types = _content_types(_xml_member(archive, "[Content_Types].xml", keep=True))
        for member in members:
            if _parsed_as_xml(member.filename, types):
                _xml_member(archive, member.filename)


def _xml_member(archive: zipfile.ZipFile, name: str, keep: bool = False) -> str:
    """The decoded text of an XML part (with ``keep``; else ""), refused if it declares a DTD
    or entities: checked on the text as the XML parser will read it, whatever its encoding
    (UTF-16 hides the bytes ``<!DOCTYPE``). Read and decoded a megabyte at a time: the main
    part may be 200 MB."""
    try:
        return _checked_text(archive, name, keep)
    except KeyError:
        return ""
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise InputError(_("corrupt .docx: {reason}").format(reason=exc)) from None


_CHUNK = 1 << 20
_MARKUP = ("<!DOCTYPE", "<!ENTITY")


def _checked_text(archive: zipfile.ZipFile, name: str, keep: bool) -> str:
    kept: list[str] = []
    tail = ""
    with archive.open(name) as stream:
        head = stream.read(_CHUNK)
        decoder = codecs.getincrementaldecoder(_xml_codec(head))(errors="replace")
        chunk: bytes | None = head
        while chunk is not None:
            text = decoder.decode(chunk, final=not chunk)
            if any(markup in tail + text for markup in _MARKUP):  # the tail: markup cut by a chunk's end
                raise InputError(_("refused: {name} declares a DTD or entities").format(name=name))
            if keep:
                kept.append(text)
            tail = text[-len(_MARKUP[0]) :] if text else tail
            chunk = stream.read(_CHUNK) if chunk else None
    return "".join(kept)


_UNMARKED_XML = (  # how an XML document without a byte-order mark starts, by encoding
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00<", "utf-16-be"),
    (b"<\x00", "utf-16-le"),
    (b"\x4c\x6f\xa7\x94", "cp500"),  # EBCDIC "<?xm"
)
_DECLARED = re.compile(rb"<\?xml[^>]{0,200}?encoding\s*=\s*[\"']([A-Za-z0-9._:-]{1,40})[\"']")


def _xml_codec(head: bytes) -> str:
    """The codec an XML parser would decode a document starting with ``head`` with: byte-order
    mark, then the first bytes, then the declared encoding, else UTF-8 (Latin-1 for an encoding
    Python lacks: ASCII markup still shows through it)."""
    for bom, name in ((codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig")):
        if head.startswith(bom):
            return name
    if head.startswith((codecs.BOM_UTF16_BE, codecs.BOM_UTF16_LE)):
        return "utf-16"
    for start, name in _UNMARKED_XML:
        if head.startswith(start):
            return name
    declared = _DECLARED.match(head)
    try:
        return codecs.lookup(declared.group(1).decode("ascii") if declared else "utf-8").name
    except LookupError:
        return "latin-1"


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
                    seen = set()  # the cells' own elements, not id()s that a freed proxy may pass on
                    for cell in row.cells:
                        if cell._tc in seen:  # a merged cell appears once per spanned column
                            continue
                        seen.add(cell._tc)
                        visit(cell)
            else:
                out.append(block)

    visit(document)
    return out


def read_docx_bytes(data: bytes, max_bytes: int | None = None) -> Decoded:
    """The text of a .docx, one line per body paragraph, and its hints. The main part is read
    as a stream (``lxml.etree.iterparse``), each paragraph or table row let go once read: a
    .docx of 12 MB can hold 200 MB of XML, which python-docx's tree of it held as gigabytes. The
    paragraphs are those python-docx gives (:func:`body_paragraphs`), with the same text."""
    _check_archive(data, max_bytes)
    from reportlint.inputs.word_numbering import read_numbering
    from reportlint.inputs.word_stream import main_part, part_root, read_body
    from reportlint.inputs.word_styles import read_styles

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        try:
            name, related = main_part(archive)
            styles = read_styles(part_root(archive, related.get("styles")))
            numbering = read_numbering(part_root(archive, related.get("numbering")))
            texts: list[str] = []
            hints: list[LineHint | None] = []
            for text, style_id, look, in_cell in read_body(archive, name, styles):
                texts.append(text.replace("\r", " ").replace("\n", " "))
                hints.append(_hint(style_id, look, numbering, in_cell))
        except (ValueError, KeyError, zipfile.BadZipFile, OSError, EOFError) as exc:  # lxml's errors are ValueErrors
            reason = f"{type(exc).__name__}: {exc}".rstrip(": ")
            raise InputError(_("corrupt .docx: {reason}").format(reason=reason)) from None
    return Decoded("\n".join(texts), "docx", kind="docx", hints=tuple(hints))


def _hint(style_id: str | None, look: Any, numbering: Any, in_cell: bool) -> LineHint | None:
    """A paragraph's automatic number (counted: call once per paragraph, in order), level, and
    whether it is in a table cell."""
    label = ""
    if look.num_id not in (None, "0"):
        ilvl = look.ilvl if look.ilvl is not None else numbering.level_of_style(look.num_id, style_id or "")
        label = numbering.label(look.num_id, ilvl or 0)
    level = look.level if look.level else None
    return LineHint(label, level, in_cell) if label or level or in_cell else None
