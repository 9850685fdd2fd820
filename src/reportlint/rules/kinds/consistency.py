"""``consistency``: one term written two ways in one report.

Parameters:

- ``sets``: a list of variant lists, e.g. ``[[巡察, 巡查]]``. Variants are regexes, so a
  variant can be narrowed to its confusable uses (``巡查(?=组|整改)`` leaves 河道巡查 alone).

When more than one variant of a set appears, every use of the minority variant is flagged; on
a tie, the variant whose first use comes later. The message may name ``{match}`` and
``{suggestion}`` (the first use of the majority form).
"""

from __future__ import annotations

from collections.abc import Iterator

from reportlint.base.filtered import FilteredPass
from reportlint.base.i18n import _
from reportlint.base.record import Record
from reportlint.base.source import Span
from reportlint.outline.model import Document
from reportlint.rules.diagnostics import Finding
from reportlint.rules.kinds.contract import Kind
from reportlint.rules.kinds.params import Param, ParamError, one_pass


class ConsistencyCheck(Record):
    __slots__ = ("sets",)

    def __init__(self, sets: list[list[FilteredPass]]) -> None:  # each variant searched where its RE2 twin matches
        self.sets = sets

    def __call__(self, doc: Document) -> Iterator[Finding]:
        for variants in self.sets:
            uses = [list(v.finditer(doc.text)) for v in variants]
            present = [i for i, found in enumerate(uses) if found]
            if len(present) < 2:
                continue
            # Most uses wins; on a tie, the variant used first wins.
            winner = min(present, key=lambda i: (-len(uses[i]), uses[i][0].start()))
            preferred = uses[winner][0].group()
            for i in present:
                if i != winner:
                    for m in uses[i]:
                        yield Finding.at(Span(m.start(), m.end()), match=m.group(), suggestion=preferred)


def compile(params: dict) -> ConsistencyCheck:
    sets = []
    for entry in params["sets"]:
        if not isinstance(entry, list) or len(entry) < 2:
            raise ParamError("sets", _("each set lists at least two variants"))
        sets.append([one_pass(v, "sets") for v in entry])
    return ConsistencyCheck(sets)


_DOC_ZH = """同一篇报告里一个词有两种写法。

参数：

- ``sets``：若干组写法，如 ``[[巡察, 巡查]]``。每种写法是正则表达式，可收窄到易混的用法
  （``巡查(?=组|整改)`` 不涉及“河道巡查”）。

一组中出现不止一种写法时，少数写法的每一处都报告；数量相同时报告首次出现较晚的写法。
消息可用 ``{match}`` 和 ``{suggestion}``（多数写法的首次出现）。
"""

KIND = Kind(
    "consistency",
    __doc__,
    {
        "sets": Param(
            "list",
            "lists of variants (regexes) of one term",
            required=True,
            doc_zh="同一个词的若干写法（正则表达式）的列表",
        )
    },
    scoped=True,
    fix="never",
    fields=("match", "suggestion"),
    compile=compile,
    doc_zh=_DOC_ZH,
)
