"""``numbering``: heading numbers in sequence and in the GB/T 9704-2012 form for their level.

Parameters:

- ``check``: ``sequence``, ``style`` or ``doubled``.

``sequence`` looks at the headings of each level under one parent: the first must be 1, and
each next one more than the last; a skip, a repeat or a step back is flagged at the marker.
Levels 3 and 4 (``1.``, ``（1）``) may restart at 1 under the same parent, since a section can
hold two separate numbered lists. The message may name ``{found}`` and ``{expected}``.

``style`` flags a marker not written as GB/T 9704-2012 §7.3.3 has it for its level — ``一、``
``（一）`` ``1.`` ``（1）`` — with the right form as a fix, and a level used out of hierarchy: a
heading whose parent is more than one level up while the skipped level is used elsewhere in
the report (a ``（一）`` directly under the title in a report with ``一、`` headings, a ``1.``
under ``一、`` in a report that uses ``（一）``). The message may name ``{match}``,
``{expected}`` and ``{problem}`` (which of the two it is). One marker gets one piece of advice:
a heading told its level is skipped gets no form finding (``(2)`` under ``（一）``: 应为 ``1.``,
not also ``（2）``), and ``sequence`` leaves the numbers of a group whose level is skipped alone.

``doubled`` flags a heading whose text opens with a second marker: a number typed after Word's
automatic one (Word shows ``一、一、履职情况``) or a marker written twice. The fix deletes the
typed one (unsafe: it may be the number meant). The message may name ``{found}`` (the
heading's marker) and ``{match}`` (the second).
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache, partial
from itertools import compress, count, groupby, repeat
from operator import add, eq, lt, or_, sub

from reportlint.base import srecode
from reportlint.base.record import Record
from reportlint.base.regexes import lazy
from reportlint.base.source import Span
from reportlint.numbers.numerals import chinese
from reportlint.outline.model import Document, Marker, Sections
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
_WRITTEN_FORMS = {  # the level a marker's own form says, however it is punctuated
    1: r"[一二三四五六七八九十]+[、，,.．]",
    2: r"[（(]\s*[一二三四五六七八九十]+\s*[）)][、，,.．]?",
    3: r"[0-9０-９]+[、，,.．]",
    4: r"[（(]\s*[0-9０-９]+\s*[）)][、，,.．]?",
}
_WRITTEN = {level: lazy(form) for level, form in _WRITTEN_FORMS.items()}  # for fixes
# a marker of any level opening a heading's text (``doubled``); not 1.5万元, where a digit follows
_TYPED = lazy(
    "(?:"
    + "|".join(form + (r"(?![0-9０-９])" if level == 3 else "") for level, form in _WRITTEN_FORMS.items())
    + r")\s*"
)
_MARKER_STARTS = "一二三四五六七八九十（(0123456789０１２３４５６７８９"  # where a marker's first character can be
_LEVEL_NAMES = {1: "一级标题", 2: "二级标题", 3: "三级标题", 4: "四级标题"}


_FORMS = {1: "{}、", 2: "（{}）", 3: "{}.", 4: "（{}）"}


def canonical(level: int, number: int) -> str:
    return _FORMS[level].format(chinese(number) if level <= 2 else number)


class NumberingCheck(Record):
    __slots__ = ("check",)

    def __init__(self, check: str) -> None:
        self.check = check

    def __call__(self, doc: Document) -> Iterator[Finding | Unlisted]:
        if self.check == "doubled":
            return kept_only(lambda: _doubled_slips(doc.table), partial(_doubled_finding, doc.table))
        table, cuts = doc.table, doc.outline_cuts()
        if self.check == "style":
            wrong = _wrong_forms(table)  # once: the slips are read twice
            return kept_only(lambda: _style_slips(table, cuts, wrong), partial(_style_finding, table))
        return kept_only(lambda: _sequence_slips(table, cuts), partial(_sequence_finding, table))


def _sequence_slips(table: Sections, cuts: array) -> Iterator[tuple[int, tuple[int, int]]]:
    """``(start, (section, expected number))`` of each heading out of step, group by group
    (a section as its index in ``table``). A group of siblings whose level skips one the
    outline uses is left to ``style``: its numbers count in a level that is itself in doubt
    ((2) under （一）: 应为 1. there, not （1） here)."""
    numbers, starts, markers, levels = table.marker_numbers, table.starts, table.markers, table.levels
    used = _levels_used(table, cuts)
    for parent_level, children in _groups(table, cuts):
        if len(children) == 1:  # as under most parents: out of step unless it is the first
            if numbers[markers[children[0]]] != 1 and markers[children[0]]:
                if not _skips(used, parent_level, levels[children[0]], children[0]):
                    yield starts[children[0]], (children[0], 1)
            continue
        for siblings in _by_level(table, children):
            if _skips(used, parent_level, levels[siblings[0]], siblings[0]):
                continue
            found = array("I", map(numbers.__getitem__, map(markers.__getitem__, siblings)))
            restart = levels[siblings[0]] >= 3
            if _in_step(found, restart):
                continue  # as most are: seen in C
            for index, expected in breaks(found, restart_at_one=restart):
                yield starts[siblings[index]], (siblings[index], expected)


def _in_step(found: array, restart_at_one: bool) -> bool:
    """Whether :func:`~reportlint.rules.kinds.sequence.breaks` finds ``found`` in step, seen
    in C where it is plain: 1, 2, 3…; or, where a 1 starts a new run, each a 1 or one more
    than the last (6.7 million ``1.`` siblings are 6.7 million new runs)."""
    if all(map(eq, found, count(1))):
        return True
    following = found[1:]
    return (
        restart_at_one
        and found[0] == 1
        and all(map(or_, map(eq, following, repeat(1)), map(eq, following, map(add, found, repeat(1)))))
    )


def _sequence_finding(table: Sections, slip: tuple[int, int]) -> Finding:
    index, expected = slip
    section = table[index]
    marker = section.marker
    return Finding.at(marker.span, found=marker.text.strip(), expected=canonical(section.level, expected))


def _wrong_forms(table: Sections) -> set[tuple[int, int]]:
    """The (level, marker) pairs of the document not in the form of their level: each distinct
    pair read once, in C, as a text may have millions of 一、."""
    texts = table.marker_texts
    forms = set(zip(table.levels, table.markers, strict=True))
    return {(level, m) for level, m in forms if m and not _CANONICAL[level].fullmatch(texts[m])}


def _style_slips(table: Sections, cuts: array, wrong: set[tuple[int, int]]) -> Iterator[tuple[int, tuple[int, int]]]:
    """``(start, (section, missing level))`` of each first heading of a level used out of
    hierarchy (the level above it missing, and used in its outline), then ``(start, (section,
    0))`` of each marker in a form of ``wrong`` (:func:`_wrong_forms`)."""
    levels, starts, markers = table.levels, table.starts, table.markers
    used = _levels_used(table, cuts)
    flagged = bytearray(len(table))  # 1 for a heading already told its level is skipped (a byte each)
    for parent_level, children in _groups(table, cuts):
        if max(map(levels.__getitem__, children)) <= parent_level + 1:
            continue  # no level skipped under this parent, as under most
        for siblings in _by_level(table, children):
            skipped = _skips(used, parent_level, levels[siblings[0]], siblings[0])
            if skipped:
                yield starts[siblings[0]], (siblings[0], skipped[0])
                flagged[siblings[0]] = 1
    if wrong:
        for index in compress(count(), map(wrong.__contains__, zip(levels, markers, strict=True))):
            if not flagged[index]:  # (2) under （一）: 应为 1. for its level, not also （2） for its form
                yield starts[index], (index, 0)


def _skips(used: Callable[[int], set[int]], parent_level: int, level: int, section: int) -> range:
    """The levels between a parent and a child ``section`` of ``level`` when the child's outline
    uses one of them (a level skipped); empty otherwise, as almost always (asked in C first)."""
    if level <= parent_level + 1:
        return range(0)
    skipped = range(parent_level + 1, level)
    return skipped if used(section).intersection(skipped) else range(0)


def _levels_used(table: Sections, cuts: array) -> Callable[[int], set[int]]:
    """The levels used with a number in the outline (the report or an attachment, ``cuts``
    as :meth:`Document.outline_cuts` gives them) that holds a section. Asked only where a
    level is skipped; the last outline asked about is remembered, not every one (1.4 million
    attachments)."""
    tops, size = table.tops, len(table)
    firsts = array("q", [tops[cut] if cut < len(tops) else size for cut in cuts])  # each outline's first section

    @lru_cache(maxsize=1)
    def of_outline(outline: int) -> set[int]:
        first, stop = firsts[outline], firsts[outline + 1]
        return set(compress(table.levels[first:stop], table.markers[first:stop]))

    return lambda section: of_outline(bisect_right(firsts, section) - 1)


def _style_finding(table: Sections, slip: tuple[int, int]) -> Finding:
    index, missing = slip
    section = table[index]
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


def _doubled_slips(table: Sections) -> Iterator[tuple[int, tuple[int, int, int]]]:
    """``(start, (section, start, end))`` of each second marker opening a numbered heading's
    text. Headings are read one by one only when some heading's text starts with a character
    a marker can start with (found in C)."""
    text, starts, ends = table.text, table.heading_starts, table.heading_ends
    heads = set(map(text.__getitem__, compress(starts, map(lt, starts, ends))))
    if heads.isdisjoint(_MARKER_STARTS):
        return
    for index in compress(count(), table.markers):
        typed = _TYPED().match(text, starts[index], ends[index])
        if typed is not None:
            yield typed.start(), (index, typed.start(), typed.end())


def _doubled_finding(table: Sections, slip: tuple[int, int, int]) -> Finding:
    index, start, end = slip
    span = Span(start, end)
    marker = table[index].marker
    return Finding.at(span, Fix(span, "", "unsafe"), found=marker.text.strip(), match=table.text[start:end].strip())


def _groups(table: Sections, cuts: array) -> Iterator[tuple[int, Sequence[int]]]:
    """(parent level, children) of each group of siblings, sections as indices: the root of
    each outline (its top-level sections; ``cuts`` as :meth:`Document.outline_cuts` gives
    them), then each section that has children. An outline of one top-level section, as each
    attachment of 附件/一、 pairs is, is found in C; so is a section with children, as its
    descendants reach past the next one."""
    tops = table.tops
    sizes = array("q", map(sub, cuts[1:], cuts[:-1]))
    for outline in compress(count(), map(lt, repeat(1), sizes)):
        yield 0, tops[cuts[outline] : cuts[outline + 1]]
    for top in map(tops.__getitem__, compress(cuts, map(eq, sizes, repeat(1)))):
        yield 0, (top,)
    after, size = table.after, len(table)
    for parent in compress(range(size), map(lt, range(1, size + 1), after)):
        if after[parent + 1] == after[parent]:  # one child, as with the levels alternating
            yield table.levels[parent], (parent + 1,)
        else:
            yield table.levels[parent], table.children(parent)


def _by_level(table: Sections, children: Sequence[int]) -> list[Sequence[int]]:
    """The numbered ones of one parent's ``children``, by level, each in reading order (a
    heading without a number has nothing to count or to style); in an array where they are
    all of one level, as under most parents (6.7 million ``1.`` as a list took 270 MB)."""
    markers, levels = table.markers, table.levels
    numbered = array("I", compress(children, map(markers.__getitem__, children)))
    if len(set(map(levels.__getitem__, numbered))) <= 1:
        return [numbered] if numbered else []
    ordered = sorted(numbered, key=levels.__getitem__)  # stable: in reading order
    return [list(siblings) for _, siblings in groupby(ordered, levels.__getitem__)]


def compile(params: dict) -> NumberingCheck:
    return NumberingCheck(params["check"])


_DOC_ZH = """标题序号须连续，并合乎 GB/T 9704-2012 对各层级的写法。

参数：

- ``check``：``sequence``、``style`` 或 ``doubled``。

``sequence`` 检查同一上级下各层级标题的序号：从 1 起，逐个加一；跳号、重号、倒退都在序号处报告。
第三、四层（``1.``、``（1）``）在同一上级下可以重新从 1 编起。消息可用 ``{found}`` 和 ``{expected}``。

``style`` 报告不合 GB/T 9704-2012 §7.3.3 层级写法（``一、`` ``（一）`` ``1.`` ``（1）``）的序号，
以正确写法作为修复；也报告越级使用的层级。消息可用 ``{match}``、``{expected}`` 和 ``{problem}``。
一个序号只给一条意见：已报越级的标题不再报写法（``（一）`` 下的 ``(2)`` 应为 ``1.``，不再另说应为 ``（2）``），
``sequence`` 也不检查越级那一组的序号。

``doubled`` 报告标题文字又以一个序号开头：Word 自动编号后又手打了序号（Word 显示为 ``一、一、履职情况``），
或序号写了两遍。修复删去手打的那个（需确认：它可能才是想要的序号）。
消息可用 ``{found}``（标题的序号）和 ``{match}``（多出的那个）。
"""

KIND = Kind(
    "numbering",
    __doc__,
    {
        "check": Param(
            "str",
            "sequence: numbers count up; style: the GB/T 9704 form; doubled: one marker after another",
            required=True,
            choices=("sequence", "style", "doubled"),
            doc_zh="sequence：序号连续；style：合乎 GB/T 9704 的写法；doubled：序号后又有序号",
        )
    },
    scoped=False,
    fix="sometimes",
    fixes_when=lambda params: params["check"] in ("style", "doubled"),  # a marker in the wrong form, or one too many
    fields=("found", "expected", "match", "problem"),
    compile=compile,
    doc_zh=_DOC_ZH,
)
