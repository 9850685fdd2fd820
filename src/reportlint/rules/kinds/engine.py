"""The kinds whose findings the engine makes itself, declared like any other kind so that
their rules live in a rule file, are selected, explained and listed like the rest."""

from __future__ import annotations

from reportlint.rules.kinds.contract import Check, Kind, nothing

_RULE_ERROR_DOC = """``rule-error``: a rule failed on this document (made by the engine).

No parameters. When a rule raises (its regex ran out of time, a third-party kind has a bug),
the run goes on and the engine reports it with a rule of this kind, at the title. A rule of
this kind is told whatever the selection, so that a failing rule is never silent. No document
alone makes it fire, so its rules have only examples that stay quiet. The message may name
``{rule}`` and ``{reason}``.
"""

_UNUSED_SUPPRESSION_DOC = """``unused-suppression``: a suppression that silences nothing (made by the engine).

No parameters. In Markdown, ``<!-- reportlint-disable id -->`` silences rules; a suppression
that silenced no finding is reported at the comment, as ruff does for an unused ``noqa``. The
message may name ``{names}`` (the rules it names, or "all rules").
"""

_TOO_MANY_FINDINGS_DOC = """``too-many-findings``: more findings on one document than are kept (made by the engine).

No parameters. A document reports at most 10,000 findings (the first ones, by position), so
that a pathological text (20 MB of ，， or of one placeholder) cannot hold gigabytes of them;
when that is hit, a rule of this kind says how many more there were, at the start of the
document. No document short enough for an example makes it fire. The message may name
``{max}`` and ``{more}``.
"""


def compile(params: dict) -> Check:
    return nothing


_RULE_ERROR_DOC_ZH = """某条规则在这个文档上运行失败（由引擎报告）。

无参数。规则出错（正则表达式超时、第三方规则类型有缺陷）时，检查继续进行，由引擎以这一类型的规则在
标题处报告。这类规则不论如何选择规则都会启用，使出错的规则不会悄无声息。没有文档能单独触发它，
所以它的规则只有不触发的示例。消息可用 ``{rule}`` 和 ``{reason}``。
"""

_UNUSED_SUPPRESSION_DOC_ZH = """没有屏蔽任何问题的屏蔽注释（由引擎报告）。

无参数。Markdown 中 ``<!-- reportlint-disable id -->`` 可以屏蔽规则；没有屏蔽掉任何问题的注释
在注释处报告，就像 ruff 报告多余的 ``noqa``。消息可用 ``{names}``（它所列的规则，或“所有规则”）。
"""

_TOO_MANY_FINDINGS_DOC_ZH = """一个文档的问题多于保留的上限（由引擎报告）。

无参数。一个文档最多报告 10,000 条问题（按位置取前面的），使异常的文本（20 MB 的“，，”或同一个占位符）
不会占用几 GB 内存；达到上限时，由这一类型的规则在文档开头说明还有多少条未列出。示例那么短的文档
不会触发它。消息可用 ``{max}`` 和 ``{more}``。
"""

RULE_ERROR = Kind(
    "rule-error",
    _RULE_ERROR_DOC,
    {},
    scoped=False,
    fix="never",
    fields=("rule", "reason"),
    compile=compile,
    engine="rule-error",
    examples_fire=False,
    doc_zh=_RULE_ERROR_DOC_ZH,
)
UNUSED_SUPPRESSION = Kind(
    "unused-suppression",
    _UNUSED_SUPPRESSION_DOC,
    {},
    scoped=False,
    fix="never",
    fields=("names",),
    compile=compile,
    engine="unused-suppression",
    doc_zh=_UNUSED_SUPPRESSION_DOC_ZH,
)
TOO_MANY_FINDINGS = Kind(
    "too-many-findings",
    _TOO_MANY_FINDINGS_DOC,
    {},
    scoped=False,
    fix="never",
    fields=("max", "more"),
    compile=compile,
    engine="too-many-findings",
    examples_fire=False,
    doc_zh=_TOO_MANY_FINDINGS_DOC_ZH,
)
