"""Word paragraph styles: which make a paragraph a heading, and which number it.

A style is a heading when its outline level is set (``w:outlineLvl`` 0–8; 9 is body text) or,
failing that, when it is a built-in heading (``heading 1``, shown as ``Heading 1`` or ``标题 1``).
A style may also carry list numbering (``w:numPr``). Both are inherited through ``w:basedOn``;
what a style says itself wins over what it inherits, and what a paragraph says itself wins over
its style.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from docx.oxml.ns import qn

from reportlint.inputs.word_numbering import int_or_none as _int
from reportlint.inputs.word_numbering import val as _val

_HEADING_NAME = re.compile(r"(?:heading|标题)\s*([1-9])", re.IGNORECASE)
_MAX_DEPTH = 32  # basedOn chains are short; a cycle must not loop


@dataclass(frozen=True)
class StyleLook:
    """What a paragraph style contributes to the outline."""

    level: int | None = None  # heading level, 1 = top; None: not a heading
    num_id: str | None = None  # list numbering; "0" switches it off
    ilvl: int | None = None


@dataclass(frozen=True)
class Styles:
    looks: dict[str, StyleLook]  # paragraph style id → its look, inheritance resolved
    default: str | None  # the style of a paragraph that names none

    def of(self, style_id: str | None) -> StyleLook:
        return self.looks.get(style_id or self.default or "", StyleLook())


def read_styles(root: Any) -> Styles:
    """The paragraph styles of ``styles.xml`` (its root element; None for a document without)."""
    if root is None:
        return Styles({}, None)
    own = {}
    parents = {}
    default = None
    for style in root.iter(qn("w:style")):
        if style.get(qn("w:type")) not in (None, "paragraph"):
            continue
        style_id = style.get(qn("w:styleId"))
        if style.get(qn("w:default")) in ("1", "true", "on"):
            default = style_id
        parents[style_id] = _val(style.find(qn("w:basedOn")))
        name = _val(style.find(qn("w:name"))) or ""
        own[style_id] = _own_look(style.find(qn("w:pPr")), _HEADING_NAME.fullmatch(name.strip()))
    return Styles({style_id: _resolve(style_id, own, parents) for style_id in own}, default)


def paragraph_look(p_pr: Any, styles: Styles) -> tuple[str | None, StyleLook]:
    """``(style id, look)`` of a paragraph from its ``w:pPr`` (None when it has none)."""
    style_id = _val(p_pr.find(qn("w:pStyle"))) if p_pr is not None else None
    inherited = styles.of(style_id)
    mine = _own_look(p_pr, None)
    return style_id or styles.default, _merge(mine, inherited)


def _own_look(p_pr: Any, heading_name: re.Match[str] | None) -> StyleLook:
    level = None
    if heading_name:
        level = int(heading_name.group(1))
    if p_pr is None:
        return StyleLook(level)
    outline = _int(_val(p_pr.find(qn("w:outlineLvl"))))
    if outline is not None:
        level = outline + 1 if 0 <= outline <= 8 else 0  # 0: body text, said explicitly
    num_pr = p_pr.find(qn("w:numPr"))
    if num_pr is None:
        return StyleLook(level)
    return StyleLook(level, _val(num_pr.find(qn("w:numId"))), _int(_val(num_pr.find(qn("w:ilvl")))))


def _merge(mine: StyleLook, inherited: StyleLook) -> StyleLook:
    return StyleLook(
        mine.level if mine.level is not None else inherited.level,
        mine.num_id if mine.num_id is not None else inherited.num_id,
        mine.ilvl if mine.ilvl is not None else inherited.ilvl,
    )


def _resolve(style_id: str, own: dict[str, StyleLook], parents: dict[str, str | None]) -> StyleLook:
    look, seen, parent = own[style_id], {style_id}, parents.get(style_id)
    while parent in own and parent not in seen and len(seen) < _MAX_DEPTH:
        look = _merge(look, own[parent])
        seen.add(parent)
        parent = parents.get(parent)
    return look
