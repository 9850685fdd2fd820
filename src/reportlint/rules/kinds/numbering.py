"""``numbering``: heading numbers in sequence and in the GB/T 9704-2012 form for their level.

Parameters:

- ``check``: ``sequence`` or ``style``.

``sequence`` looks at the headings of each level under one parent: the first must be 1, and
each next one more than the last; a skip, a repeat or a step back is flagged at the marker.
Levels 3 and 4 (``1.``, ``（1）``) may restart at 1 under the same parent, since a section can
hold two separate numbered lists. The message may name ``{found}`` and ``{expected}``.

``style`` flags a marker not written as GB/T 9704-2012 §7.3.3 has it for its level — ``一、``
``（一）`` ``1.`` ``（1）`` — with the right form as a fix, and a level used out of hierarchy: a
heading whose parent is more than one level up while the skipped level is used elsewhere in
the report (a ``（一）`` directly under the title in a report with ``一、`` headings, a ``1.``
under ``一、`` in a report that uses ``（一）``). The message may name ``{match}``,
``{expected}`` and ``{problem}`` (which of the two it is).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import count, groupby
from operator import attrgetter, eq
from typing import NamedTuple

from reportlint.base import srecode
from reportlint.base.regexes import lazy
from reportlint.numbers.numerals import chinese
from reportlint.outline.model import Document, Marker, Section
from reportlint.rules.diagnostics import Finding, Fix, Unlisted, kept_only
from reportlint.rules.kinds.contract import Kind
from reportlint.rules.kinds.params import Param
from reportlint.rules.kinds.sequence import breaks

_CANONICAL = {
    1: srecode.compile(r"[一二三四五六七八九十]+、"),
    2: srecode.compile(r"（[一二三四五六七八九十]+）"),
    3: srecode.compile(r"[0-9]+\."),
    4: srecode.compile(r"（[0-9]+）"),
}
_WRITTEN = {  # the level a marker's own form says, however it is punctuated (for fixes only)
    1: lazy(r"[一二三四五六七八九十]+[、，,.．]"),
    2: lazy(r"[（(]\s*[一二三四五六七八九十]+\s*[）)][、，,.．]?"),
    3: lazy(r"[0-9０-９]+[、，,.．]"),
    4: lazy(r"[（(]\s*[0-9０-９]+\s*[）)][、，,.．]?"),
}
_LEVEL, _NUMBER, _TEXT = attrgetter("level"), attrgetter("number"), attrgetter("marker_text")
_LEVEL_NAMES = {1: "一级标题", 2: "二级标题", 3: "三级标题", 4: "四级标题"}


_FORMS = {1: "{}、", 2: "（{}）", 3: "{}.", 4: "（{}）"}


def canonical(level: int, number: int) -> str:
    return _FORMS[level].format(chinese(number) if level <= 2 else number)


class NumberingCheck(NamedTuple):
    style: bool

    def __call__(self, doc: Document) -> Iterator[Finding | Unlisted]:
        outlines = _outlines(doc)
        if self.style:
            forms = [_forms(sections) for _, sections in outlines]  # once, though the slips are read twice
            return kept_only(lambda: _style_slips(outlines, forms), _style_finding)
        return kept_only(lambda: _sequence_slips(outlines), _sequence_finding)


Outline = tuple[list[Section], list[Section]]  # its top-level sections, and all its sections in reading order


def _outlines(doc: Document) -> list[Outline]:
    """The report and each attachment, numbered each on its own: an attachment's 一、 or 1.
    starts again and is measured against its own levels."""
    outlines = doc.outlines()
    if len(outlines) == 1:
        return [(outlines[0], list(doc.walk()))]
    return [(top, [section for parent in top for section in parent.walk()]) for top in outlines]


def _sequence_slips(outlines: list[Outline]) -> Iterator[tuple[int, tuple[Section, int]]]:
    """``(start, (section, expected number))`` of each heading out of step, group by group."""
    for top, sections in outlines:
        for _, children in _children_of(top, sections):
            if len(children) == 1:  # as under most parents: out of step unless it is the first
                if children[0].number != 1 and children[0].marker_text:
                    yield children[0].start, (children[0], 1)
                continue
            for siblings in _by_level(children):
                if all(map(eq, map(_NUMBER, siblings), count(1))):
                    continue  # 1, 2, 3…, as most are: seen in C
                numbers = list(map(_NUMBER, siblings))
                for index, expected in breaks(numbers, restart_at_one=siblings[0].level >= 3):
                    yield siblings[index].start, (siblings[index], expected)


def _sequence_finding(slip: tuple[Section, int]) -> Finding:
    section, expected = slip
    marker = section.marker
    return Finding.at(marker.span, found=marker.text.strip(), expected=canonical(section.level, expected))


Forms = tuple[set[int], set[tuple[int, str]]]  # an outline's levels used, and its markers in a wrong form


def _forms(sections: list[Section]) -> Forms:
    """The levels an outline uses (with a number) and its (level, marker) pairs not in the
    form of their level: each distinct pair read once, as a text may have millions of 一、."""
    used = {section.level for section in sections if section.marker_text}
    forms = set(zip(map(_LEVEL, sections), map(_TEXT, sections), strict=True))
    return used, {(level, text) for level, text in forms if text and not _CANONICAL[level].fullmatch(text)}


def _style_slips(outlines: list[Outline], forms: list[Forms]) -> Iterator[tuple[int, tuple[Section, int]]]:
    """``(start, (section, missing level))`` of each first heading of a level used out of
    hierarchy (the level above it missing), then ``(start, (section, 0))`` of each marker not
    in its level's form, outline by outline (``forms``: :func:`_forms` of each)."""
    for (top, sections), (used, wrong) in zip(outlines, forms, strict=True):
        for parent_level, children in _children_of(top, sections):
            if (children[0].level if len(children) == 1 else max(map(_LEVEL, children))) <= parent_level + 1:
                continue  # no level skipped under this parent, as under most
            for siblings in _by_level(children):
                skipped = range(parent_level + 1, siblings[0].level)
                if used.intersection(skipped):
                    yield siblings[0].start, (siblings[0], skipped[0])
        if wrong:
            for section in sections:
                if (section.level, section.marker_text) in wrong:
                    yield section.start, (section, 0)


def _style_finding(slip: tuple[Section, int]) -> Finding:
    section, missing = slip
    marker = section.marker
    if missing:
        return Finding.at(
            marker.span,
            match=marker.text,
            expected=canonical(missing, 1),
            problem=f"越级使用，上面缺少{_LEVEL_NAMES[missing]}",
        )
    right = canonical(section.level, section.number)
    return Finding.at(
        marker.span,
        _fix(marker, section.level, right),
        match=marker.text,
        expected=right,
        problem=f"不是{_LEVEL_NAMES[section.level]}的规范形式",
    )


def _fix(marker: Marker, level: int, right: str) -> Fix | None:
    """The marker in the right form. None for Word's automatic number (not text); unsafe when
    the marker is written as another level (三、 read as the third （…）): the level is a reading."""
    if marker.automatic:
        return None
    written = next((lv for lv, form in _WRITTEN.items() if form().fullmatch(marker.text.strip())), level)
    return Fix(marker.span, right, None if written == level else "unsafe")


def _children_of(top: list[Section], sections: list[Section]) -> Iterator[tuple[int, Sequence[Section]]]:
    """(parent level, children) of the outline's root (``top``) and of each of its ``sections``
    that has children (a report may have no heading)."""
    if top:
        yield 0, top
    for section in sections:
        if section.children:
            yield section.level, section.children


def _by_level(children: Sequence[Section]) -> list[Sequence[Section]]:
    """The numbered ones of one parent's ``children``, by level, each in reading order (a
    heading without a number has nothing to count or to style)."""
    numbered = sorted([child for child in children if child.marker_text], key=_LEVEL)  # stable: in reading order
    return [list(siblings) for _, siblings in groupby(numbered, _LEVEL)]


def compile(params: dict) -> NumberingCheck:
    return NumberingCheck(params["check"] == "style")


_DOC_ZH = """标题序号须连续，并合乎 GB/T 9704-2012 对各层级的写法。

参数：

- ``check``：``sequence`` 或 ``style``。

``sequence`` 检查同一上级下各层级标题的序号：从 1 起，逐个加一；跳号、重号、倒退都在序号处报告。
第三、四层（``1.``、``（1）``）在同一上级下可以重新从 1 编起。消息可用 ``{found}`` 和 ``{expected}``。

``style`` 报告不合 GB/T 9704-2012 §7.3.3 层级写法（``一、`` ``（一）`` ``1.`` ``（1）``）的序号，
以正确写法作为修复；也报告越级使用的层级。消息可用 ``{match}``、``{expected}`` 和 ``{problem}``。
"""

KIND = Kind(
    "numbering",
    __doc__,
    {
        "check": Param(
            "str",
            "sequence: numbers count up; style: the GB/T 9704 form",
            required=True,
            choices=("sequence", "style"),
            doc_zh="sequence：序号连续；style：合乎 GB/T 9704 的写法",
        )
    },
    scoped=False,
    fix="sometimes",
    fixes_when=lambda params: params["check"] == "style",  # only a marker in the wrong form has a fix
    fields=("found", "expected", "match", "problem"),
    compile=compile,
    doc_zh=_DOC_ZH,
)
