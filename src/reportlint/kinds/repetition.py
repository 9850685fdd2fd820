"""``repetition``: a unit written twice or more in a row: 的的, 。。, ，。

Parameters:

- ``unit``: a regex for one unit (a word, a character class of punctuation).
- ``same``: the repeated units must be identical (a doubled word; default true). With false,
  any run of units counts (a comma followed by a full stop).
- ``min``: how many units make a run (default 2).
- ``allow``: plain strings in which a run is fine (不了了之, 的的确确, ？！).
- ``skip-reduplication``: leave AABB forms alone (扎扎实实, 认认真真; default false).
- ``fix``: ``last`` to collapse the run to its last unit, ``none`` for no fix (default).

The message may name ``{match}`` and ``{suggestion}`` (the collapsed form).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import regex

from ..diagnostics import Finding, Fix
from ..model import Document
from ..source import Span
from .params import Param, ParamError, compile_regex, finditer, inside_any

PARAMS = {
    "unit": Param("str", "a regex for one unit", required=True),
    "same": Param("bool", "units must be identical", default=True),
    "min": Param("int", "units that make a run", default=2),
    "allow": Param("str-list", "strings in which a run is fine"),
    "skip-reduplication": Param("bool", "leave AABB forms alone", default=False),
    "fix": Param("str", "last | none", default="none"),
}
SCOPED = True
FIXABLE = True


@dataclass
class RepetitionCheck:
    run: regex.Pattern
    unit: regex.Pattern
    allow: regex.Pattern | None
    skip_reduplication: bool
    fixable: bool

    def __call__(self, doc: Document):
        text = doc.text
        allowed: list[Span] | None = None  # found on the first run only: most reports have none
        for m in finditer(self.run, text):
            start, end = m.start(), m.end()
            if allowed is None:
                allowed = [Span(a.start(), a.end()) for a in finditer(self.allow, text)] if self.allow else []
            if inside_any(start, end, allowed):
                continue
            if self.skip_reduplication and _aabb(text, start, end):
                continue
            last = [u.group() for u in finditer(self.unit, text, start, end)][-1]
            span = Span(start, end)
            yield Finding.at(span, Fix(span, last) if self.fixable else None, match=m.group(), suggestion=last)


def _aabb(text: str, start: int, end: int) -> bool:
    """True when the doubled pair text[start:end] sits beside another doubled pair."""
    if end - start != 2:
        return False
    after = text[end : end + 2]
    before = text[max(0, start - 2) : start]
    return (len(after) == 2 and after[0] == after[1] != text[start]) or (
        len(before) == 2 and before[0] == before[1] != text[start]
    )


def compile(params: dict) -> RepetitionCheck:
    unit_source = params["unit"]
    unit = compile_regex(unit_source, "unit")
    if unit.groups:
        raise ParamError("unit", "the unit regex must not contain capturing groups; use (?:…)")
    if params["min"] < 2:
        raise ParamError("min", "a run has at least two units")
    if params["fix"] not in ("last", "none"):
        raise ParamError("fix", "fix is 'last' or 'none'")
    more = params["min"] - 1
    if params["same"]:
        run = compile_regex(f"(?P<u>{unit_source})(?:(?P=u)){{{more},}}", "unit")
    else:
        run = compile_regex(f"(?:{unit_source}){{{params['min']},}}", "unit")
    allow = None
    if params["allow"]:
        alternation = "|".join(re.escape(s) for s in sorted(params["allow"], key=len)[::-1])
        allow = compile_regex(alternation, "allow")
    return RepetitionCheck(run, unit, allow, params["skip-reduplication"], params["fix"] == "last")
