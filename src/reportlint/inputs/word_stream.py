"""The body of a .docx read as a stream: the paragraphs python-docx gives, without its tree.

python-docx parses the whole main part into one lxml tree (gigabytes for the 200 MB of XML a
12 MB .docx may hold). Here ``lxml.etree.iterparse`` reads it in order and each body paragraph,
or each row of a body table, is read and then let go. What counts as a paragraph, and its text,
are python-docx's (``docx.blkcntnr.BlockItemContainer.iter_inner_content``, ``CT_P.text``):

- the ``w:p`` and ``w:tbl`` children of the body, and of each table cell, in order (not those
  inside other elements: content controls, tracked insertions, text boxes);
- a table's rows (``w:tr`` children) and each row's cells (``w:tc`` children), a cell spanning
  columns once; a cell that continues a vertical merge (``w:vMerge`` without ``restart``) is
  the cell above it again, as python-docx's ``_Row.cells`` has it;
- a paragraph's text is that of its ``w:r`` and ``w:hyperlink`` children (a hyperlink's ``w:r``
  children): ``w:t`` as written, ``w:tab`` and ``w:ptab`` a tab, ``w:br`` (a line break, not a
  page or column break) and ``w:cr`` a line feed, ``w:noBreakHyphen`` a hyphen.

The XML is parsed as python-docx parses it (blank text between elements dropped, no entities
resolved, nothing fetched).
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Iterator
from itertools import count
from typing import Any

from lxml import etree  # type: ignore[import-untyped]  # (installed with python-docx)

from reportlint.inputs.word_styles import StyleLook, Styles, paragraph_look

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_P, _TBL, _TR, _TC, _BODY = _W + "p", _W + "tbl", _W + "tr", _W + "tc", _W + "body"
_RUN_TEXT = {_W + "tab": "\t", _W + "ptab": "\t", _W + "cr": "\n", _W + "noBreakHyphen": "-"}

Read = tuple[str, str | None, StyleLook, bool]  # a paragraph's text, style id, look, and whether in a table cell


_SAFE = {"resolve_entities": False, "no_network": True}


def _parser() -> etree.XMLParser:
    return etree.XMLParser(remove_blank_text=True, **_SAFE)


def main_part(archive: zipfile.ZipFile) -> tuple[str, dict[str, str]]:
    """The main document part's name and its related parts by relationship (``styles``,
    ``numbering``); ``ValueError`` when the package's main part is not a Word document."""
    target = _targets(archive, "_rels/.rels", "").get("officeDocument")
    if target is None:
        raise ValueError("no main document part")
    content_type = _content_type(archive, target)
    if content_type != _MAIN:
        raise ValueError(f"not a Word document: its main part is {content_type or 'of no known type'}")
    folder, name = posixpath.split(target)
    return target, _targets(archive, posixpath.join(folder, "_rels", name + ".rels"), folder)


def _targets(archive: zipfile.ZipFile, rels: str, folder: str) -> dict[str, str]:
    """Relationship type (its last word) → part name, from a ``.rels`` part (none: empty)."""
    try:
        root = etree.fromstring(archive.read(rels), _parser())
    except KeyError:
        return {}
    out: dict[str, str] = {}
    for relationship in root.iter(_PKG):
        kind, target = relationship.get("Type", ""), relationship.get("Target", "")
        if relationship.get("TargetMode") == "External" or not kind.startswith(_R):
            continue
        name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        out.setdefault(kind[len(_R) :], name)
    return out


def _content_type(archive: zipfile.ZipFile, name: str) -> str | None:
    root = etree.fromstring(archive.read("[Content_Types].xml"), _parser())
    default = None
    for element in root:
        tag = etree.QName(element).localname
        if tag == "Override" and element.get("PartName", "").lstrip("/").lower() == name.lower():
            return element.get("ContentType")
        if tag == "Default" and element.get("Extension", "").lower() == name.rpartition(".")[2].lower():
            default = element.get("ContentType")
    return default


def part_root(archive: zipfile.ZipFile, name: str | None) -> Any:
    """The root element of a related part (styles, numbering); None when there is none or it is
    not XML (as python-docx has it; only XML parts were checked for a DTD)."""
    if name is None or not (_content_type(archive, name) or "").endswith("xml"):
        return None
    try:
        return etree.fromstring(archive.read(name), _parser())
    except KeyError:
        return None


def read_body(archive: zipfile.ZipFile, name: str, styles: Styles) -> Iterator[Read]:
    """Each body paragraph of the main part ``name``, in order."""
    above: list[tuple[int, int, list[Read]]] = []  # the cells of the body table's last row read
    with archive.open(name) as stream:
        for _, element in etree.iterparse(stream, tag=(_P, _TBL, _TR), remove_blank_text=True, **_SAFE):
            parent = element.getparent()
            if parent is None:
                continue
            if parent.tag == _BODY:  # a body paragraph, or the end of a body table
                if element.tag == _P:
                    yield _read(element, styles, False)
                above = []
                _let_go(element)
            elif element.tag == _TR and parent.tag == _TBL and _parent_tag(parent) == _BODY:
                above = _row(element, above, styles)
                yield from (read for _, _, content in _unique(above) for read in content)
                _let_go(element)


def _parent_tag(element: Any) -> str | None:
    parent = element.getparent()
    return parent.tag if parent is not None else None


def _let_go(element: Any) -> None:
    """Free what has been read: the element's content and the siblings before it."""
    element.clear()
    while element.getprevious() is not None:
        del element.getparent()[0]


_CELL_IDS = count()


def _row(tr: Any, above: list[tuple[int, int, list[Read]]], styles: Styles) -> list[tuple[int, int, list[Read]]]:
    """``(grid offset, id, paragraphs)`` of each cell of a row, a merged cell's content taken
    from the row above (``id`` tells cells apart: a cell spanning columns is read once). The id is
    a serial number, never ``id(tc)``: lxml's element proxies are freed as the loop moves on, and
    a later cell's proxy at the same address made two cells one, dropping the second's text."""
    offset = _int(tr.find(f"{_W}trPr/{_W}gridBefore"), 0)
    cells = []
    for tc in tr.iterchildren(_TC):
        span = _int(tc.find(f"{_W}tcPr/{_W}gridSpan"), 1)
        merge = tc.find(f"{_W}tcPr/{_W}vMerge")
        if merge is not None and merge.get(f"{_W}val", "continue") == "continue":
            root = next((cell for cell in above if cell[0] == offset), (offset, next(_CELL_IDS), []))
            cells.append((offset, root[1], root[2]))
        else:
            cells.append((offset, next(_CELL_IDS), list(_cell(tc, styles))))
        offset += span
    return cells


def _unique(cells: list[tuple[int, int, list[Read]]]) -> Iterator[tuple[int, int, list[Read]]]:
    seen = set()
    for cell in cells:
        if cell[1] not in seen:
            seen.add(cell[1])
            yield cell


def _cell(tc: Any, styles: Styles) -> Iterator[Read]:
    """The paragraphs of a cell (held in memory: one row at a time), nested tables included."""
    for child in tc:
        if child.tag == _P:
            yield _read(child, styles, True)
        elif child.tag == _TBL:
            above: list[tuple[int, int, list[Read]]] = []
            for tr in child.iterchildren(_TR):
                above = _row(tr, above, styles)
                yield from (read for _, _, content in _unique(above) for read in content)


def _read(p: Any, styles: Styles, in_cell: bool) -> Read:
    style_id, look = paragraph_look(p.find(_W + "pPr"), styles)
    return _text(p), style_id, look, in_cell


def _text(p: Any) -> str:
    parts = []
    for child in p:
        if child.tag == _W + "r":
            parts.append(_run_text(child))
        elif child.tag == _W + "hyperlink":
            parts.extend(_run_text(run) for run in child.iterchildren(_W + "r"))
    return "".join(parts)


def _run_text(run: Any) -> str:
    parts = []
    for child in run:
        tag = child.tag
        if tag == _W + "t":
            parts.append(child.text or "")
        elif tag == _W + "br":
            parts.append("\n" if child.get(_W + "type", "textWrapping") == "textWrapping" else "")
        elif tag in _RUN_TEXT:
            parts.append(_RUN_TEXT[tag])
    return "".join(parts)


def _int(element: Any, default: int) -> int:
    value = element.get(_W + "val") if element is not None else None
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
