"""``repetition``: a unit written twice or more in a row: 的的, 。。, ，。

Parameters:

- ``unit``: a regex for one unit (a word, a character class of punctuation).
- ``same``: the repeated units must be identical (a doubled word; default true). With false,
  any run of units counts (a comma followed by a full stop).
- ``min``: how many units make a run (default 2).
- ``allow``: plain strings in which a run is fine (不了了之, 的的确确, ？！).
- ``skip-reduplication``: leave AABB forms alone (扎扎实实, 认认真真; default false).
- ``lexicon``: decide a doubled character with the word list (default false): it is two words
  where one word ends on the first copy and another begins on the second (首都|都市圈,
  共产党|党员, 为了|了解), or where the second copy is a common word on its own (目的|的); it is
  part of one word where a word spans both copies (常常, 不了了之, 的的确确). Only a doubled
  character that the word list cannot read is reported.
- ``keep``: ``last`` to collapse the run to its last unit, ``none`` for no fix (default).
- ``phrases``: ``[min, max]``: also flag a phrase of min to max Han characters written twice or
  more in a row (a copy-and-paste slip). The kind builds this pattern itself from the two
  numbers, so it runs on Python's own ``re`` engine, which scans such a backreference about
  twice as fast as ``regex``. A ``unit`` that is a class of plain characters (``[的了是]``: no
  ranges, escapes or negation) makes runs that cannot backtrack, so they too are found with
  ``re`` (three times as fast); any other ``unit`` runs under ``regex`` and its time limit.

The message may name ``{match}`` and ``{suggestion}`` (the collapsed form).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import regex

from reportlint.base import srecode
from reportlint.base.i18n import _
from reportlint.base.record import Record
from reportlint.base.source import Span
from reportlint.outline.model import Document
from reportlint.rules.diagnostics import Finding, Fix
from reportlint.rules.kinds.contract import Kind
from reportlint.rules.kinds.params import Param, ParamError, compile_regex, finditer, inside_any

_MAX_PHRASE = 20
# A unit that is a class of plain characters ([的了是]): a run of one of them cannot backtrack,
# so it is found on the ``re`` engine, which scans this pattern in a third of ``regex``'s time.
_PLAIN_CLASS = srecode.compile(r"\[[^\[\]\\^-]+\]")


class RepetitionCheck(Record):
    __slots__ = ("run", "unit", "allow", "skip_reduplication", "fixes", "phrases", "lexicon", "single")

    def __init__(
        self,
        run: regex.Pattern | re.Pattern,
        unit: regex.Pattern,
        allow: regex.Pattern | None,
        skip_reduplication: bool,
        fixes: bool,  # keep: last
        phrases: re.Pattern | None = None,  # group 2 is the phrase
        lexicon: bool = False,
        single: bool = False,  # the unit is one character (a plain class)
    ) -> None:
        self.run, self.unit, self.allow, self.skip_reduplication = run, unit, allow, skip_reduplication
        self.fixes, self.phrases, self.lexicon, self.single = fixes, phrases, lexicon, single

    def __call__(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        runs = [(m.start(), m.end(), self._last_unit(text, m.start(), m.end())) for m in finditer(self.run, text)]
        if self.phrases is not None:
            runs += [
                (m.start(), m.end(), m.group(2))
                for m in self.phrases.finditer(text)
                if not any(start < m.end() and m.start() < end for start, end, _ in runs)
            ]
        allowed = [Span(a.start(), a.end()) for a in finditer(self.allow, text)] if self.allow and runs else []
        for start, end, last in sorted(runs):
            if inside_any(start, end, allowed):
                continue
            if self.skip_reduplication and _aabb(text, start, end):
                continue
            if self.lexicon and end - start == 2 and _words_read_it(text, start):
                continue
            span = Span(start, end)
            yield Finding.at(span, Fix(span, last) if self.fixes else None, match=text[start:end], suggestion=last)

    def _last_unit(self, text: str, start: int, end: int) -> str:
        if self.single:  # a search of the unit with bounds costs ``regex`` time in the text's length
            return text[end - 1]
        return [u.group() for u in finditer(self.unit, text, start, end)][-1]


def _words_read_it(text: str, start: int) -> bool:
    """The lexicon's reading of a doubled character, imported only when one is found: most
    documents have none, and their start-up should not pay for the word list's modules."""
    from reportlint.lexicon.reading import words_read_it

    return words_read_it(text, start)


def _aabb(text: str, start: int, end: int) -> bool:
    """True when the doubled pair text[start:end] sits beside another doubled pair of letters
    (扎扎实实). Doubled marks beside it (。。的的) are a slip of their own, not reduplication."""
    if end - start != 2:
        return False
    return _letter_pair(text[end : end + 2], text[start]) or _letter_pair(text[max(0, start - 2) : start], text[start])


def _letter_pair(pair: str, unit: str) -> bool:
    return len(pair) == 2 and pair[0] == pair[1] != unit and pair[0].isalpha()


def compile(params: dict) -> RepetitionCheck:
    unit_source = params["unit"]
    unit = compile_regex(unit_source, "unit")
    if unit.groups:
        raise ParamError("unit", _("the unit regex must not contain capturing groups; use (?:…)"))
    if params["min"] < 2:
        raise ParamError("min", _("a run has at least two units"))
    more = params["min"] - 1
    single = _PLAIN_CLASS.fullmatch(unit_source) is not None  # a class of single characters
    run: regex.Pattern | re.Pattern
    if params["same"] and single:
        run = srecode.compile(f"({unit_source})\\1{{{more},}}")
    elif single:  # any run of them: no backtracking either
        run = srecode.compile(f"{unit_source}{{{params['min']},}}")
    elif params["same"]:
        run = compile_regex(f"(?P<u>{unit_source})(?:(?P=u)){{{more},}}", "unit")
    else:
        run = compile_regex(f"(?:{unit_source}){{{params['min']},}}", "unit")
    phrases = _phrases(params["phrases"]) if params["phrases"] is not None else None
    if phrases is not None and not params["same"]:
        raise ParamError("phrases", _("doubled phrases are identical units: phrases needs same: true"))
    allow = None
    if params["allow"]:
        alternation = "|".join(re.escape(s) for s in sorted(params["allow"], key=len)[::-1])
        allow = compile_regex(alternation, "allow")
    return RepetitionCheck(
        run, unit, allow, params["skip-reduplication"], params["keep"] == "last", phrases, params["lexicon"], single
    )


def _phrases(value: list) -> re.Pattern:
    """A phrase of n characters can only be doubled where its first character comes back n
    characters later: the lookahead tests that first, which rules out most places cheaply.
    The lazy group finds the shortest repeated phrase, so a fix keeps one copy of it."""
    if not (len(value) == 2 and all(isinstance(v, int) and not isinstance(v, bool) for v in value)):
        raise ParamError("phrases", _("phrases is [min, max], two whole numbers"))
    low, high = value
    if not 2 <= low <= high <= _MAX_PHRASE:
        raise ParamError("phrases", _("phrases needs 2 <= min <= max <= {limit}").format(limit=_MAX_PHRASE))
    han = "[\u4e00-\u9fff]"
    return srecode.compile(rf"(?=({han}){han}{{{low - 1},{high - 1}}}?\1)({han}{{{low},{high}}}?)\2+")


_DOC_ZH = """同一单元连写两次以上，如“的的”“。。”“，。”。

参数：

- ``unit``：一个单元的正则表达式（一个词、一类标点）。
- ``same``：重复的单元须相同（叠词；默认 true）。为 false 时任何连续单元都算（逗号后接句号）。
- ``min``：几个单元算连写（默认 2）。
- ``allow``：可以连写的普通字符串（不了了之、的的确确、？！）。
- ``skip-reduplication``：不管 AABB 式叠词（扎扎实实、认认真真；默认 false）。
- ``keep``：``last`` 修复时保留最后一个，``none`` 不修复。
- ``phrases``：``[min, max]``，叠用词组的汉字数。
- ``lexicon``：用词表判断叠字（默认 false）：词表读作两个词或一个词的叠字不报告。

消息可用 ``{match}`` 和 ``{suggestion}``。
"""

KIND = Kind(
    "repetition",
    __doc__,
    {
        "unit": Param("str", "a regex for one unit", required=True, doc_zh="一个单元的正则表达式"),
        "same": Param("bool", "units must be identical", default=True, doc_zh="单元须相同"),
        "min": Param("int", "units that make a run", default=2, doc_zh="几个单元算连写"),
        "allow": Param("str-list", "strings in which a run is fine", doc_zh="可以连写的字符串"),
        "skip-reduplication": Param("bool", "leave AABB forms alone", default=False, doc_zh="不管 AABB 式叠词"),
        "keep": Param(
            "str",
            "last: the fix keeps the last copy; none: no fix",
            default="none",
            choices=("last", "none"),
            doc_zh="last：修复保留最后一个；none：不修复",
        ),
        "phrases": Param(
            "list", "[min, max] Han characters of a doubled phrase", doc_zh="[min, max]：叠用词组的汉字数"
        ),
        "lexicon": Param(
            "bool",
            "a doubled character the word list reads as words is fine",
            default=False,
            doc_zh="词表读得通的叠字不报告",
        ),
    },
    scoped=True,
    fix="sometimes",
    fixes_when=lambda params: params["keep"] == "last",
    fields=("match", "suggestion"),
    compile=compile,
    doc_zh=_DOC_ZH,
)
