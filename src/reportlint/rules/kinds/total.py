"""``total``: parts that do not add up to the stated total.

No parameters. A total is checked only where the text states that some figures are its parts,
in one of three ways, and only among quantities of the same unit (万 and 亿 folded in, so
120万元 and 3.5亿元 compare):

- a breakdown: ``共受理来信来访86件，其中来信32件、来访41件、网上信访12件`` (or 包括). The
  total is the nearest same-unit quantity before 其中 (in the sentence before when 其中 opens a
  sentence of its own). The parts are those of the 其中 clause; after ``其中，`` or ``其中：``
  they run on to the end of the sentence (or the next breakdown or total).
- a closing total: ``电子版文件120份，纸质件80份，合计210份``: a clause that opens with
  合计, 共计, 总计, 总共, 一共 or 共. Its parts are the 、-list in the nearest clause before it
  with that unit (its last two items may be joined by 和, 及 or 以及: 2.3亿元、1.2亿元和0.5亿元),
  or else the run of clauses just before it with one such quantity each; if any tail of that
  run (of two or more) adds up, nothing is flagged.
- a total before a colon: ``共计发放资金50万元：A 20万元、B 30万元``.

Figures that are not amounts take no part: ranks (第3位), figures inside quotation marks or
书名号 (part of a name: “四个与共”), approximate ones (约, 余, 多, 以上, 左右, 突破 …) and lists
ending in 等 leave the total unchecked. A percentage is a share only against a stated 100%:
growth rates of different things (增长6%……增长3.5%) never add up to anything, and 个百分点
never takes part. A new amount beside a cumulative one (新增127座……累计达到1100座) is not a
breakdown, since nothing says so. A sentence with a placeholder (XX份) is left to
``placeholder``.

Each clause is visited a bounded number of times, so the check is linear in the length of a
sentence however many quantities it holds. The message may name ``{sum}``, ``{total}``,
``{unit}`` and ``{parts}``.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterator
from itertools import chain

from reportlint.base import srecode
from reportlint.base.source import Span
from reportlint.numbers.quantities import Quantity, find_quantities, format_value, sentences
from reportlint.outline.model import Document
from reportlint.rules.diagnostics import Finding
from reportlint.rules.kinds.contract import Kind

_CLAUSE_BREAK = srecode.compile(r"[，,：:、]")
_BREAKDOWN = srecode.compile(r"其中|包括")
# Where a clause can open a breakdown or a closing total: at the start of the paragraph, or
# after a sentence or clause mark, past any spaces (group 1 is where the word starts). A
# sentence with none holds no total to check, and a paragraph with none is skipped. Opening
# with the mark lets the scan skip ahead to one (a third of the time of a look-behind).
_LEAD_WORD = r"\s*(其中|包括|合计|总计|共计|总共|一共|共)"
_FIRST_LEAD = srecode.compile(_LEAD_WORD)
_LEAD = srecode.compile(r"[，,：:、。！？!?；;\r\n]" + _LEAD_WORD)
# Every lead word holds one of these: the paragraphs without any are never read.
_LEAD_HINT = srecode.compile(r"其中|包括|[合总]计|共")
_CLOSING_TOTAL = srecode.compile(r"(?:合计|总计|共计|总共|一共|共(?![产同建享识青性治赢商用处鸣振]))")
_PERCENT = ("%", "％")


class _Clauses:
    """The stretches of a sentence between clause marks (，：、), as columns: how each opens
    (a breakdown, a closing total or neither, and whether with 其中 or 包括 alone), the mark
    before it, its quantities (a slice of the sentence's) and whether 等 follows them (examples,
    not all the parts). Some 20 bytes a clause beside its quantities: a line of two million
    共3项： had an object, two offsets, two strings and a list each."""

    __slots__ = ("opens", "openers", "firsts", "open_lists", "quantities")

    def __init__(self, quantities: list[Quantity]) -> None:
        self.opens = bytearray()  # _BREAKS, _CLOSES, | _BARE
        self.openers = bytearray()  # the index of the mark before it in _OPENERS ('' first)
        self.firsts = array("q")  # where its quantities begin in ``quantities`` (and end: the next one's)
        self.open_lists = bytearray()
        self.quantities = quantities

    def __len__(self) -> int:
        return len(self.opens)

    def breakdown(self, index: int) -> bool:
        return self.opens[index] & _BREAKS != 0

    def closing_total(self, index: int) -> bool:
        return self.opens[index] & _CLOSES != 0

    def quantities_of(self, index: int) -> list[Quantity]:
        stop = self.firsts[index + 1] if index + 1 < len(self.firsts) else len(self.quantities)
        return self.quantities[self.firsts[index] : stop]

    def opener(self, index: int) -> str:
        return _OPENERS[self.openers[index]]


_OPENERS = ("", "，", ",", "：", ":", "、")
_OPENER_INDEX = {mark: index for index, mark in enumerate(_OPENERS)}
_BREAKS, _CLOSES, _BARE = 1, 2, 4  # a clause opening with 其中/包括, with a closing total; 其中 or 包括 alone


class TotalCheck:
    """Has no parameters: one instance serves every rule of the kind."""

    def __call__(self, doc: Document) -> Iterator[Finding]:
        for paragraph, _, _ in doc.paragraphs_with(_LEAD_HINT):
            text = paragraph.text
            leads = _leads(text)
            if not leads:
                continue
            quantities = find_quantities(text)
            if len(quantities) < 3:  # a total and two parts at the least
                continue
            starts = [q.start for q in quantities]
            latest: dict[str, Quantity] = {}  # the nearest quantity of each unit so far
            for start, end in sentences(text):
                within = quantities[bisect_left(starts, start) : bisect_left(starts, end)]
                if any(q.placeholder for q in within):
                    latest = {}
                    continue
                lead = bisect_left(leads, start)
                if lead == len(leads) or leads[lead] >= end:  # no total here: only its units count
                    latest = {q.unit: q for q in within}
                    continue
                for finding in _sentence(_clauses(text, start, end, within), latest):
                    yield finding._replace(span=_shift(finding.span, paragraph.span.start))


def _leads(text: str) -> list[int]:
    """Where each word that may open a breakdown or a total starts, in order."""
    first = _FIRST_LEAD.match(text)
    return ([first.start(1)] if first else []) + [m.start(1) for m in _LEAD.finditer(text)]


def _shift(span: Span, base: int) -> Span:
    return Span(span.start + base, span.end + base)


def _clauses(text: str, start: int, end: int, quantities: list[Quantity]) -> _Clauses:
    """The clauses of ``text[start:end]`` with its ``quantities`` (both in order: one merge)."""
    clauses = _Clauses(quantities)
    cut, opener, index = start, "", 0
    for stop, mark in chain(((m.start(), m.group()) for m in _CLAUSE_BREAK.finditer(text, start, end)), [(end, "")]):
        lead = text[cut:stop][:4].lstrip()
        opens = _BREAKS if _BREAKDOWN.match(lead) else _CLOSES if _CLOSING_TOTAL.match(lead) else 0
        clauses.opens.append(opens | (_BARE if lead in ("其中", "包括") else 0))
        clauses.openers.append(_OPENER_INDEX[opener])
        clauses.firsts.append(index)
        while index < len(quantities) and quantities[index].start < stop:
            index += 1
        last = quantities[index - 1] if index > clauses.firsts[-1] else None
        clauses.open_lists.append(last is not None and "等" in text[last.end : stop])
        cut, opener = stop + len(mark), mark
    return clauses


def _sentence(clauses: _Clauses, latest: dict[str, Quantity]) -> Iterator[Finding]:
    """Findings in one sentence. ``latest`` holds the nearest quantity of each unit read so far
    (the sentence before included, for a 其中 that opens a sentence) and is kept up to date."""
    if not clauses.breakdown(0):
        latest.clear()  # a sentence that does not open with 其中 takes no total from the one before
    last_total = -1  # the last clause that closed a total: a run of parts stops there
    for index in range(len(clauses)):
        quantities = clauses.quantities_of(index)
        if clauses.breakdown(index):
            yield from _against(dict(latest), _scope(clauses, index))
            last_total = index
        elif clauses.closing_total(index) and quantities:
            total = quantities[0]
            if index + 1 < len(clauses) and clauses.opener(index + 1) in ("：", ":"):
                yield from _against({total.unit: total}, _scope(clauses, index + 1, opened=True))
                last_total = index
                continue
            parts = _parts_before(clauses, index, total.unit, last_total)
            if len(parts) >= 2:  # a total that closes parts: later runs stop here
                last_total = index
                if _checkable(total, parts) and not _some_tail_adds_up(parts, total):
                    yield _finding(parts, total)
        for q in quantities:
            latest[q.unit] = q


def _scope(clauses: _Clauses, index: int, opened: bool = False) -> list[Quantity]:
    """The parts a breakdown names: its own clause with the 、-list it opens, or, when it is
    followed by a comma or a colon (其中，… / 其中：…), every clause after it up to the next
    breakdown or total."""
    parts = clauses.quantities_of(index)
    opened = opened or clauses.opens[index] & _BARE != 0
    for position in range(index + 1, len(clauses)):  # not a slice: a copy of the rest for each total was quadratic
        if clauses.opens[position] & (_BREAKS | _CLOSES) or not opened and clauses.opener(position) != "、":
            break
        if clauses.open_lists[position]:
            return []
        parts.extend(clauses.quantities_of(position))
    return [] if clauses.open_lists[index] else parts


def _against(totals: dict[str, Quantity], parts: list[Quantity]) -> Iterator[Finding]:
    """A finding for each unit whose parts (two or more) do not make the total before them."""
    for unit in dict.fromkeys(q.unit for q in parts):
        total = totals.get(unit)
        same = [q for q in parts if q.unit == unit]
        if total is not None and len(same) >= 2 and _checkable(total, same):
            if not _close(sum(_amount(p) for p in same), _amount(total)):
                yield _finding(same, total)


def _checkable(total: Quantity, parts: list[Quantity]) -> bool:
    """Only amounts add up: no rank, name, approximation or open list; a percentage only
    against a whole of 100%."""
    every = [total, *parts]
    if any(q.approximate or not q.amount or q.value is None for q in every):
        return False
    return not (total.unit in _PERCENT and total.value != 100 or total.unit == "个百分点")


def _parts_before(clauses: _Clauses, index: int, unit: str, stop: int) -> list[Quantity]:
    """The parts before a closing total: the nearest clause's 、-list, or the run of clauses with
    one quantity of ``unit`` each, never reaching back past the clause at ``stop``."""
    run: list[Quantity] = []
    for position in range(index - 1, stop, -1):
        same = [q for q in clauses.quantities_of(position) if q.unit == unit]
        if not run and not same:
            continue  # a clause without the unit between the parts and the total (开展专题学习)
        if clauses.open_lists[position]:
            return []
        if len(same) != 1:
            if run:
                return run[::-1]
            items = _items_before(clauses, position, unit, stop)
            return [] if items is None else items + same
        run.append(same[0])  # from the last part back: reversed once at the end
    return run[::-1]


def _items_before(clauses: _Clauses, position: int, unit: str, stop: int) -> list[Quantity] | None:
    """The items of a 、-list before its clause at ``position``, one quantity of ``unit`` each:
    a list whose last clause joins two with 和, 及 or 以及 (2.3亿元、1.2亿元和0.5亿元) has its
    first items in the clauses before, and they are parts as much as the last two. None when
    one of them ends in 等 (examples, not every part)."""
    items: list[Quantity] = []
    while clauses.opener(position) == "、" and position - 1 > stop:
        position -= 1
        if clauses.open_lists[position]:
            return None
        same = [q for q in clauses.quantities_of(position) if q.unit == unit]
        if len(same) != 1:
            break
        items.append(same[0])
    return items[::-1]


def _some_tail_adds_up(parts: list[Quantity], total: Quantity) -> bool:
    sums = 0.0
    for position in range(len(parts) - 1, -1, -1):
        sums += _amount(parts[position])
        if position < len(parts) - 1 and _close(sums, _amount(total)):
            return True
    return False


def _amount(q: Quantity) -> float:
    """The value of a quantity known not to be a placeholder (``_checkable`` saw to it)."""
    return q.value if q.value is not None else 0.0


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(b))


def _finding(parts: list[Quantity], total: Quantity) -> Finding:
    """Sum and parts are written in the total's own scale (亿元 stays 亿元)."""
    unit = total.scale + total.unit
    listed = "+".join(format_value(_amount(p), total.scale) for p in parts)
    return Finding.at(
        Span(total.start, total.end),
        sum=f"{format_value(sum(_amount(p) for p in parts), total.scale)}{unit}",
        total=total.text,
        unit=unit,
        parts=listed,
    )


_CHECK = TotalCheck()


def compile(params: dict) -> TotalCheck:
    return _CHECK


_DOC_ZH = """各分项之和与所说的合计不符。

无参数。只在文字表明某些数字是合计的组成部分时检查，且只比较同一单位的数量（万、亿折算后比较）：
“共受理来信来访86件，其中来信32件、来访41件……”一类的分项说明，以及“……合计210份”一类的合计分句。
消息可用 ``{sum}``、``{total}``、``{unit}`` 和 ``{parts}``。
"""

KIND = Kind(
    "total",
    __doc__,
    {},
    scoped=False,
    fix="never",
    fields=("sum", "total", "unit", "parts"),
    compile=compile,
    doc_zh=_DOC_ZH,
)
