"""``enumeration``: inline enumerations that count properly: 一是…二是…三是, 第一，…第二，…

No parameters. In each section body (and the preamble) the items of one style form runs; a run
starts at an item numbered one. Within a run each item must be one more than the last: a
skip (一是…二是…四是), a repeat or a run that starts past one is flagged at the item, once
per slip (see ``sequence.py``). The
message may name ``{found}`` and ``{expected}``.
"""

from __future__ import annotations

from collections.abc import Iterator

from reportlint.numbers.numerals import chinese
from reportlint.outline.model import Document, Item
from reportlint.rules.diagnostics import Finding
from reportlint.rules.kinds.contract import Kind
from reportlint.rules.kinds.sequence import breaks

_FORMS = {"shi": "{}是", "di": "第{}"}


class EnumerationCheck:
    """Has no parameters: one instance serves every rule of the kind."""

    def __call__(self, doc: Document) -> Iterator[Finding]:
        for items in doc.items_by_body():  # most bodies have none, and are not read
            for style in ("shi", "di"):
                yield from _check_runs([i for i in items if i.style == style])


def _check_runs(items: list[Item]) -> Iterator[Finding]:
    for index, expected in breaks([item.number for item in items], restart_at_one=True):
        item = items[index]
        yield Finding.at(item.span, found=item.marker, expected=_FORMS[item.style].format(chinese(expected)))


_CHECK = EnumerationCheck()


def compile(params: dict) -> EnumerationCheck:
    return _CHECK


_DOC_ZH = """段内列举须按序计数：一是…二是…三是，第一，…第二，…

无参数。各部分正文中同一写法的列举项连成一串，从序号为一的项开始；串内每项须比上一项多一：
跳号（一是…二是…四是）、重号或不从一开始都在该项处报告。消息可用 ``{found}`` 和 ``{expected}``。
"""

KIND = Kind(
    "enumeration", __doc__, {}, scoped=False, fix="never", fields=("found", "expected"), compile=compile, doc_zh=_DOC_ZH
)
