"""``count``: a claimed count that does not match what it counts.

No parameters. Two shapes:

- a count announcing a list: ``围绕以下三个方面`` or ``主要有两个方面的问题：``. It is checked
  when it says 以下/如下/下列/下面 or is followed by a colon in its clause, against the first
  run of inline items (一是…) after it in the paragraph, or, when its paragraph ends the
  section's body, against the section's child headings. With neither, it is unverifiable and
  stays quiet (``3个方面13个问题``).
- a count closing a named list: ``北岸碧道工程、新洲红树碧道和滨河公园2个“书记项目”`` names
  three and claims two. The list is the clause before the number, split at the 、 that are not
  inside quotation marks or brackets, and at the last 和/及/与/以及 of its last item when no
  other item has one of its own (建设A和B基地、C和D高地 is two items); it needs at least one 、
  and no quantities inside its items.

  A number beside a list is its count only when it closes the list, so this fires only when the
  list names more items than the number allows. Fewer is no claim: ``包头、阿拉善等6个`` names
  examples, and in ``完成新建、重组11家`` or ``增速、结构、效率提出5项指标`` the listed words
  are verbs or modifiers, not the things counted. Not a count at all: a rank (``第4个``, ``居全国
  第1位``), a number paired with the items one to one (``分别达到22家、182家``, ``各20家``), or a
  number inside a name (``“四个与共”``).

The message may name ``{claimed}`` and ``{actual}``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from itertools import islice

from reportlint.base import srecode
from reportlint.base.source import Span
from reportlint.numbers.numerals import marker_value
from reportlint.numbers.quantities import find_quantities, inside, name_spans
from reportlint.outline.model import Document, Item, Paragraph, Section
from reportlint.rules.diagnostics import Finding
from reportlint.rules.kinds.contract import Kind

_CLAIM = srecode.compile(
    r"(?=[以如下两二三四五六七八九十1-9])(?<!第)"  # a cheap first-character filter; 第三个方面 is a rank
    r"(?P<pointer>以下|如下|下列|下面)?(?P<n>[两二三四五六七八九十]|(?<!\d)[2-9](?!\d)|(?<!\d)1\d(?!\d))[个项条]?"
    r"(?P<what>方面|部分|要点|重点|问题|任务|措施|举措|环节|工作|内容|点|项|条)"
)
# A count of a list: 九个, 3家, after a word (see _after_word), not after another numeral.
_NAMED = srecode.compile(
    r"(?=[0-9两二三四五六七八九十])"  # a cheap first-character filter
    r"(?<![零〇一二两三四五六七八九十百千\d第各均])"
    r"(?P<n>(?<!\d)\d{1,2}(?!\d)|[两二三四五六七八九十])(?P<cls>个|项|家|条|所|座|名|位|类)"
)
_WORD_END = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz”’）)")
# What every match of _CLAIM and of _NAMED holds: a numeral's last character and the word after
# it. Opening with a character class, these let the `re` engine skip ahead to a candidate, which
# the patterns above cannot (they open with look-arounds): most paragraphs have none.
_CLAIM_HINT = srecode.compile(
    r"[\d两二三四五六七八九十][个项条]?(?:方面|部分|要点|重点|问题|任务|措施|举措|环节|工作|内容|点|项|条)"
)
_NAMED_HINT = srecode.compile(r"[\d两二三四五六七八九十][个项家条所座名位类]")
_HINT = srecode.compile(f"{_CLAIM_HINT.pattern}|{_NAMED_HINT.pattern}")  # the paragraphs to read
_CONJUNCTION = srecode.compile(r"以及|和|及|与")
_CLAUSE_MARK = srecode.compile("[，。；：！？,;:!?]")
_MAX_ITEMS = 99
_REACH = 300  # a list, or what announces one, is read within this many characters: bounded work per number
_PAIRED = srecode.compile(r"分别|依次")  # 分别达到22家、182家: one number per item
_NEXT_NUMBER = srecode.compile(r"[、和及与至到][0-9０-９零〇一二两三四五六七八九十百千]")  # 22家、182家


class CountCheck:
    """Has no parameters: one instance serves every rule of the kind."""

    def __call__(self, doc: Document) -> Iterator[Finding]:
        for paragraph, section, last in doc.paragraphs_with(_HINT):
            children = (section.children if section else doc.report_outline()) if last else []
            yield from _claims(paragraph, children)
            yield from _named_lists(paragraph)


def _claims(paragraph: Paragraph, children: Sequence[Section]) -> Iterator[Finding]:
    text = paragraph.text
    reach = _checkable_up_to(paragraph, children)
    if reach < 0 or not _CLAIM_HINT.search(text):
        return
    names: list[tuple[int, int]] | None = None
    for m in _CLAIM.finditer(text):
        if m.end() > reach:
            break
        if names is None:
            names = name_spans(text)
        if inside(m.start(), names):  # “三项制度”: a name, not an announcement
            continue
        rest = text[m.end() : m.end() + _REACH]
        clause_end = min((rest.find(c) for c in "，。；" if c in rest), default=len(rest))
        colon = min((rest.find(c) for c in "：:" if c in rest), default=len(rest))
        if not m.group("pointer") and colon >= clause_end:
            continue
        claimed = marker_value(m.group("n"))
        actual = _items_after(paragraph.items, paragraph.span.start + m.end())
        if actual is None and children:
            actual = sum(1 for child in children if child.level == children[0].level)
        if actual is not None and claimed is not None and actual != claimed:
            span = Span(paragraph.span.start + m.start(), paragraph.span.start + m.end())
            yield Finding.at(span, claimed=claimed, actual=actual, match=m.group())


def _checkable_up_to(paragraph: Paragraph, children: Sequence[Section]) -> int:
    """Where the claims that can be checked end in ``paragraph`` (-1: none can). A claim is
    checked against the items after it or else the child headings: with no children, a claim
    past the last item (every claim of a paragraph without items) has nothing to count, and is
    not read (a line of two million 共3项： took a claim each)."""
    if children:
        return len(paragraph.text)
    return paragraph.items[-1].span.start - paragraph.span.start if paragraph.items else -1


def _items_after(items: Sequence[Item], offset: int) -> int | None:
    """The length of the run of items (一是, 二是 …) that follows ``offset``, when the first
    item after it is a 一是; counted up to ``_MAX_ITEMS``, which bounds the work per claim."""
    run = 0
    for item in islice(items, bisect_left(items, offset, key=lambda i: i.span.start), None):
        if item.number == 1 and run or not run and item.number != 1 or run == _MAX_ITEMS:
            break
        run += 1
    return run or None


def _named_lists(paragraph: Paragraph) -> Iterator[Finding]:
    text = paragraph.text
    if "、" not in text or not _NAMED_HINT.search(text):  # a list needs a 、 before its count
        return
    names: list[tuple[int, int]] | None = None
    marks: list[int] = []  # where the paragraph's clauses end, found with the names
    for m in _NAMED.finditer(text, text.find("、") + 1):  # a count after a list, so after a 、
        if not _after_word(text, m.start()):
            continue
        if names is None:
            names = name_spans(text)
            marks = [mark.start() for mark in _CLAUSE_MARK.finditer(text)]
        if inside(m.start(), names) or _NEXT_NUMBER.match(text, m.end()):
            continue
        reach = max(0, m.start() - _REACH)
        before = bisect_left(marks, m.start())
        start = marks[before - 1] + 1 if before and marks[before - 1] >= reach else 0
        if not start and reach:
            continue  # no clause start within reach: too long to be one list
        listed = text[start : m.start()]
        if _PAIRED.search(listed):
            continue
        items = _items(listed, start, names)
        if items is None:
            continue
        claimed = marker_value(m.group("n"))
        if claimed is not None and claimed < len(items):
            span = Span(paragraph.span.start + m.start(), paragraph.span.start + m.end())
            yield Finding.at(span, claimed=claimed, actual=len(items), match=m.group())


def _after_word(text: str, at: int) -> bool:
    """Whether a Han character, a Latin letter or a closing quotation mark or bracket comes
    before ``at``. This is _NAMED's look-behind, checked here: in the pattern, `re` compiled
    its U+4E00–U+9FFF class at every start (12 M instructions). It gives the same matches, since
    no match of _NAMED can start inside another (a numeral never follows a numeral there)."""
    return at > 0 and ("\u4e00" <= text[at - 1] <= "\u9fff" or text[at - 1] in _WORD_END)


def _items(listed: str, base: int, names: list[tuple[int, int]]) -> list[str] | None:
    """The items of the list ``listed`` (which starts at ``base`` in its paragraph), or None
    when it is not a plain list of names: 、 counts only outside quotation marks and brackets
    (not in “省市共建、一室一策” or 县（市、区）), and no item holds a number."""
    cuts, depth = [], 0
    for i, c in enumerate(listed):
        if c in "（(":
            depth += 1
        elif c in "）)":
            depth = max(0, depth - 1)
        elif c == "、" and not depth and not inside(base + i, names):
            cuts.append(i)
    if not cuts:
        return None
    items = [listed[a + 1 : b] for a, b in zip([-1, *cuts], [*cuts, len(listed)], strict=True)]
    last = items[-1]
    if last.endswith("等"):
        items[-1] = last = last[:-1]
    conjunctions = list(_CONJUNCTION.finditer(last))
    if conjunctions and not any(_CONJUNCTION.search(item) for item in items[:-1]):
        cut = conjunctions[-1]  # the final 和 joins the last two items (和平社区和阳光社区)
        items = items[:-1] + [last[: cut.start()], last[cut.end() :]]
    if any(not item.strip() or "等" in item or find_quantities(item) or re.search(r"\d", item) for item in items):
        return None
    return items


_CHECK = CountCheck()


def compile(params: dict) -> CountCheck:
    return _CHECK


_DOC_ZH = """所说的个数与实际列出的不符。

无参数。两种情形：宣布列举的个数（“围绕以下三个方面”“主要有两个方面的问题：”），与其后的
段内列举或下级标题比较；结束列举的个数（“北岸碧道工程、新洲红树碧道和滨河公园2个‘书记项目’”
列出三个却说两个）。无从核对时不报告。消息可用 ``{match}``、``{claimed}`` 和 ``{actual}``。
"""

KIND = Kind(
    "count",
    __doc__,
    {},
    scoped=False,
    fix="never",
    fields=("match", "claimed", "actual"),
    compile=compile,
    doc_zh=_DOC_ZH,
)
