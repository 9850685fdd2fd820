"""``pattern``: flag every match of a regex, of several regexes, or of plain strings.

Parameters (exactly one of ``pattern``, ``patterns``, ``literals``):

- ``pattern``: one regular expression.
- ``patterns``: several; each is a regex string or a mapping ``{pattern: …, scope: […]}`` that
  limits that one pattern to part of the report (``title``, ``headings``, ``body``).
- ``literals``: plain strings, matched as written.
- ``skip``: regexes whose matches are exempt (a finding inside one is dropped).

The message may name ``{match}``.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..diagnostics import Finding
from ..model import Document
from ..source import Span
from .params import Param, ParamError, compile_regex, finditer, inside_any, literal_matches, skipped

PARAMS = {
    "pattern": Param("str", "one regular expression"),
    "patterns": Param("list", "several regexes, or {pattern, scope} mappings"),
    "literals": Param("str-list", "plain strings matched as written"),
    "skip": Param("regex-list", "regexes whose matches are exempt"),
}
SCOPED = True
FIXABLE = False
_SCOPES = {"title", "headings", "body"}


@dataclass
class PatternCheck:
    regexes: list[tuple[regex.Pattern, frozenset[str] | None]]
    skip: list[regex.Pattern] | None
    literals: tuple[str, ...] | None = None  # a `literals:` rule is found without a regex

    def __call__(self, doc: Document):
        exempt = skipped(doc, self.skip)
        if self.literals is not None:
            for start, end, literal in literal_matches(doc.text, self.literals):
                if not inside_any(start, end, exempt):
                    yield Finding.at(Span(start, end), match=literal)
            return
        for pattern, scope in self.regexes:
            for m in finditer(pattern, doc.text):
                if m.end() == m.start() or inside_any(m.start(), m.end(), exempt):
                    continue
                if scope is not None and doc.scope_at(m.start()) not in scope:
                    continue
                yield Finding.at(Span(m.start(), m.end()), match=m.group())


def compile(params: dict) -> PatternCheck:
    given = [k for k in ("pattern", "patterns", "literals") if params[k] is not None]
    if len(given) != 1:
        raise ParamError(None, "give exactly one of 'pattern', 'patterns' or 'literals'")
    if params["pattern"] is not None:
        regexes = [(compile_regex(params["pattern"], "pattern"), None)]
    elif params["literals"] is not None:
        return PatternCheck([], params["skip"], tuple(params["literals"]))
    else:
        regexes = [_entry(entry) for entry in params["patterns"]]
    return PatternCheck(regexes, params["skip"])


def _entry(entry) -> tuple[regex.Pattern, frozenset[str] | None]:
    if isinstance(entry, str):
        return compile_regex(entry, "patterns"), None
    if isinstance(entry, dict) and set(entry) <= {"pattern", "scope"} and "pattern" in entry:
        scope = entry.get("scope")
        if scope is not None and (not isinstance(scope, list) or not set(scope) <= _SCOPES):
            raise ParamError("patterns", f"scope must be a list drawn from {sorted(_SCOPES)}")
        return compile_regex(entry["pattern"], "patterns"), frozenset(scope) if scope else None
    raise ParamError("patterns", "each entry is a regex or a mapping {pattern, scope}")
