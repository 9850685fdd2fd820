"""``required-sections``: the sections a report type requires, present and in order.

Parameters:

- ``check``: ``presence`` flags a required section that no top-level heading matches (at the
  title, or the start of the text when there is none); ``order`` flags a required section
  whose first heading comes before that of a section listed ahead of it.

The sections and their heading aliases are data of the report type (``types:`` in a rule
file), so an organisation adds its own type without code. The message may name
``{section}`` (for ``presence`` the type's name of the section; for ``order`` its heading as the
report writes it), ``{type}`` and, for ``order``, ``{after}`` (the heading it should follow).
"""

from __future__ import annotations

from collections.abc import Iterator

from reportlint.base.record import Record
from reportlint.base.source import Span
from reportlint.outline.model import Document
from reportlint.rules.diagnostics import Finding
from reportlint.rules.kinds.contract import Kind
from reportlint.rules.kinds.params import Param


class RequiredSectionsCheck(Record):
    __slots__ = ("order",)

    def __init__(self, order: bool) -> None:
        self.order = order

    def __call__(self, doc: Document) -> Iterator[Finding]:
        report_type = doc.report_type
        if report_type is None or not report_type.sections:
            return
        report = doc.report_outline()  # an attachment's headings are not the report's sections
        headings = [section.heading for section in report]
        firsts = [next((i for i, h in enumerate(headings) if spec.matches(h)), None) for spec in report_type.sections]
        if not self.order:
            anchor = doc.title.span if doc.title else Span(0, 0)
            for spec, first in zip(report_type.sections, firsts, strict=True):
                if first is None:
                    yield Finding.at(anchor, section=spec.name, type=report_type.name)
            return
        for k, first in enumerate(firsts):
            if first is None:
                continue
            # named as the report heads them (主要工作), not by the type's name for them (履职情况)
            earlier = [headings[index] for j in range(k) if (index := firsts[j]) is not None and index > first]
            if earlier:
                span = report[first].heading_span
                yield Finding.at(span, section=headings[first], after=earlier[0], type=report_type.name)


def compile(params: dict) -> RequiredSectionsCheck:
    return RequiredSectionsCheck(params["check"] == "order")


_DOC_ZH = """报告类型要求的各部分须齐全且顺序正确。

参数：

- ``check``：``presence`` 报告没有任何一级标题对应的必备部分（报告在标题处，无标题时在文首）；
  ``order`` 报告首个标题排在前一必备部分之前的部分。

各部分及其标题的别名是报告类型的数据（规则文件中的 ``types:``），单位可自行增加报告类型而无需写代码。
消息可用 ``{section}``（``presence`` 为报告类型对该部分的称呼，``order`` 为报告中的标题原文）、``{type}``，
``order`` 还可用 ``{after}``（应排在其后的那个标题）。
"""

KIND = Kind(
    "required-sections",
    __doc__,
    {
        "check": Param(
            "str",
            "presence: each section is there; order: they come in order",
            required=True,
            choices=("presence", "order"),
            doc_zh="presence：各部分齐全；order：顺序正确",
        )
    },
    scoped=False,
    fix="never",
    fields=("section", "type", "after"),
    compile=compile,
    doc_zh=_DOC_ZH,
)
