"""``substitution``: a wrong form and its right form, with the right form as a fix.

Parameters (exactly one of ``swap``, ``translate``):

- ``swap``: mapping wrong → right. Keys are plain strings, or regexes with ``regex: true``.
- ``translate``: with ``pattern``, a character map applied to each match: ``{from: "１２",
  to: "12"}``; the fix is the translated match (used for full-width digits).
- ``pattern``: the regex whose matches ``translate`` rewrites.
- ``regex``: treat ``swap`` keys as regexes (default false).
- ``skip``: regexes whose matches are exempt.
- ``quiet-across-words``: no finding where the match reads as the tail of one word and the head
  of the next in its sentence (座落 in 一座落成: 一座|落成), by the word list (default false).

The message may name ``{match}`` and ``{suggestion}``.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from reportlint.base.filtered import FilteredPass, alternation
from reportlint.base.i18n import _
from reportlint.base.record import Record
from reportlint.base.source import Span
from reportlint.outline.model import Document
from reportlint.rules.diagnostics import Finding, Fix
from reportlint.rules.kinds.contract import Kind
from reportlint.rules.kinds.params import (
    Exempt,
    Param,
    ParamError,
    checks_alone,
    compile_parts,
    literal_matches,
)


class SubstitutionCheck(Record):
    __slots__ = ("pattern", "replacements", "table", "skip", "swap", "across_words")

    def __init__(
        self,
        pattern: FilteredPass | None,  # for regex keys (groups p0, p1, …), or what `translate` rewrites
        replacements: list[str] | None,  # one per key, in the order of the groups
        table: dict[int, int] | None,
        skip: list[regex.Pattern] | None,
        swap: dict[str, str] | None = None,  # plain-string keys are found without a regex
        across_words: bool = False,  # quiet where the match is the end of one word and the start of the next
    ) -> None:
        self.pattern, self.replacements, self.table, self.skip, self.swap = pattern, replacements, table, skip, swap
        self.across_words = across_words

    def __call__(self, doc: Document) -> Iterator[Finding]:
        exempt = Exempt(doc.text, self.skip)
        for start, end, wrong, right in self._matches(doc.text):
            if end == start or right == wrong or exempt.covers(start, end):
                continue
            if self.across_words and _straddled(doc.text, start, end):
                continue
            span = Span(start, end)
            yield Finding.at(span, Fix(span, right), match=wrong, suggestion=right)

    def _matches(self, text: str) -> Iterator[tuple[int, int, str, str]]:
        if self.swap is not None:
            for start, end, wrong in literal_matches(text, tuple(self.swap)):
                yield start, end, wrong, self.swap[wrong]
            return
        assert self.pattern is not None  # compile gives a pattern whenever there is no swap table
        for m in self.pattern.finditer(text):
            if self.table is not None:
                right = m.group().translate(self.table)
            else:
                assert self.replacements is not None
                right = self.replacements[int(m.lastgroup[1:])]
            yield m.start(), m.end(), m.group(), right


def _straddled(text: str, start: int, end: int) -> bool:
    from reportlint.lexicon.reading import straddled  # the word list only once a form is found

    return straddled(text, start, end)


def compile(params: dict) -> SubstitutionCheck:
    if (params["swap"] is None) == (params["translate"] is None):
        raise ParamError(None, _("give exactly one of 'swap' or 'translate'"))
    if params["translate"] is not None:
        return _translate(params)
    swap = params["swap"]
    if not all(isinstance(k, str) and k and isinstance(v, str) for k, v in swap.items()):
        raise ParamError("swap", _("swap maps non-empty strings to strings"))
    if not params["regex"]:
        return SubstitutionCheck(
            None, None, None, params["skip"], swap=dict(swap), across_words=params["quiet-across-words"]
        )
    keys = sorted(swap, key=len, reverse=True)
    compiled = compile_parts(alternation(keys), "swap", keys, "swap") if checks_alone() else None
    if compiled is not None and compiled.groups != len(keys):
        raise ParamError("swap", _("regex keys must not contain capturing groups; use (?:…)"))
    found = FilteredPass(keys, True, compiled)
    replacements = [swap[k] for k in keys]
    return SubstitutionCheck(found, replacements, None, params["skip"], across_words=params["quiet-across-words"])


def _translate(params: dict) -> SubstitutionCheck:
    spec = params["translate"]
    if params["pattern"] is None:
        raise ParamError("translate", _("translate needs a 'pattern' whose matches it rewrites"))
    source, target = spec.get("from"), spec.get("to")
    if set(spec) != {"from", "to"} or not isinstance(source, str) or not isinstance(target, str):
        raise ParamError("translate", _("translate takes {{from: chars, to: chars}}").format())
    if len(source) != len(target):
        raise ParamError("translate", _("'from' and 'to' must have the same length"))
    pattern = FilteredPass([params["pattern"].pattern], joined=False, compiled=params["pattern"])
    return SubstitutionCheck(pattern, None, str.maketrans(source, target), params["skip"])


_DOC_ZH = """一种错误写法及其正确写法，以正确写法作为修复。

参数（``swap``、``translate`` 只给一个）：

- ``swap``：错误写法 → 正确写法的映射；键是普通字符串，加 ``regex: true`` 时是正则表达式。
- ``translate``：与 ``pattern`` 同用，对每处匹配逐字替换：``{from: "１２", to: "12"}``；
  修复为替换后的文字（用于全角数字）。
- ``pattern``：``translate`` 所改写的匹配。
- ``regex``：把 ``swap`` 的键当作正则表达式（默认 false）。
- ``skip``：其匹配处不报告的正则表达式。
- ``quiet-across-words``：按词表，匹配可读作前一个词的词尾加后一个词的词头时不报告（一座落成 中的
  “座落”：一座|落成；默认 false）。

消息可用 ``{match}`` 和 ``{suggestion}``。
"""

KIND = Kind(
    "substitution",
    __doc__,
    {
        "swap": Param("mapping", "wrong → right", doc_zh="错误写法 → 正确写法"),
        "regex": Param("bool", "treat swap keys as regexes", default=False, doc_zh="把 swap 的键当作正则表达式"),
        "translate": Param(
            "mapping",
            "{from, to}: a character map for matches of pattern",
            doc_zh="{from, to}：对 pattern 的匹配逐字替换",
        ),
        "pattern": Param("regex", "what translate rewrites", doc_zh="translate 所改写的内容"),
        "skip": Param("regex-list", "regexes whose matches are exempt", doc_zh="其匹配处不报告的正则表达式"),
        "quiet-across-words": Param(
            "bool",
            "quiet where the match is the end of one word and the start of the next",
            default=False,
            doc_zh="匹配是前一个词的词尾加后一个词的词头时不报告",
        ),
    },
    scoped=True,
    fix="always",
    fields=("match", "suggestion"),
    compile=compile,
    doc_zh=_DOC_ZH,
)
