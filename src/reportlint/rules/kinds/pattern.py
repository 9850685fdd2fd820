"""``pattern``: flag every match of a regex, of several regexes, or of plain strings.

Parameters (exactly one of ``pattern``, ``patterns``, ``literals``):

- ``pattern``: one regular expression.
- ``patterns``: several; each is a regex string or a mapping ``{pattern: …, scope: […]}`` that
  limits that one pattern to part of the report (``title``, ``headings``, ``body``).
- ``literals``: plain strings, matched as written.
- ``skip``: regexes whose matches are exempt (a finding inside one is dropped).

The message may name ``{match}``.

Several patterns are searched in one pass where that is safe (no capturing groups, no inline
flags such as ``(?m)``): the text is scanned once instead of once per pattern. One place of
the text then gives one finding: where two of a rule's patterns would match overlapping text,
the leftmost match is reported (at the same place, the pattern listed first).
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from reportlint.base import regexcode
from reportlint.base.filtered import FilteredPass, alternation
from reportlint.base.i18n import _
from reportlint.base.record import Record
from reportlint.base.source import Span
from reportlint.outline.model import Document
from reportlint.rules.diagnostics import Finding
from reportlint.rules.kinds.contract import Kind
from reportlint.rules.kinds.params import (
    Exempt,
    Param,
    ParamError,
    checks_alone,
    compile_regex,
    literal_matches,
    one_pass,
)

_SCOPES = {"title", "headings", "body"}
_DEFAULT_FLAGS = regexcode.compile("", regex.VERSION0).flags  # a pattern without inline flags
_LEADING_FLAGS = regexcode.compile(r"\(\?[msx]+\)")  # a pattern opening with these has a pass of its own


Scope = frozenset[str] | None


class PatternCheck(Record):
    __slots__ = ("regexes", "skip", "literals", "joined", "joined_scopes")

    def __init__(
        self,
        regexes: list[tuple[FilteredPass, Scope]],  # the patterns searched alone
        skip: list[regex.Pattern] | None,
        literals: tuple[str, ...] | None = None,  # a `literals:` rule is found without a regex
        joined: FilteredPass | None = None,  # the patterns searched in one pass, as groups p0, p1, …
        joined_scopes: dict[str, Scope] | None = None,  # group name → that pattern's scope
    ) -> None:
        self.regexes, self.skip, self.literals, self.joined = regexes, skip, literals, joined
        self.joined_scopes = joined_scopes if joined_scopes is not None else {}

    def __call__(self, doc: Document) -> Iterator[Finding]:
        exempt = Exempt(doc.text, self.skip)
        if self.literals is not None:
            for start, end, literal in literal_matches(doc.text, self.literals):
                if not exempt.covers(start, end):
                    yield Finding.at(Span(start, end), match=literal)
            return
        passes = self.regexes + ([(self.joined, None)] if self.joined is not None else [])
        for search, scope in passes:
            for m in search.finditer(doc.text):
                if m.end() == m.start() or exempt.covers(m.start(), m.end()):
                    continue
                where = self.joined_scopes[m.lastgroup] if search is self.joined else scope
                if where is not None and doc.scope_at(m.start()) not in where:
                    continue
                yield Finding.at(Span(m.start(), m.end()), match=m.group())


def compile(params: dict) -> PatternCheck:
    given = [k for k in ("pattern", "patterns", "literals") if params[k] is not None]
    if len(given) != 1:
        raise ParamError(None, _("give exactly one of 'pattern', 'patterns' or 'literals'"))
    if params["literals"] is not None:
        return PatternCheck([], params["skip"], tuple(params["literals"]))
    if params["pattern"] is not None:
        return PatternCheck([(one_pass(params["pattern"], "pattern"), None)], params["skip"])
    at_once = _joined_at_once(params["patterns"])
    if at_once is not None:
        return PatternCheck(at_once[0], params["skip"], joined=at_once[1], joined_scopes=at_once[2])
    alone, joined, scopes = _join([_entry(entry) for entry in params["patterns"]])
    return PatternCheck(alone, params["skip"], joined=joined, joined_scopes=scopes)


def _join(
    regexes: list[tuple[regex.Pattern, Scope]],
) -> tuple[list[tuple[FilteredPass, Scope]], FilteredPass | None, dict[str, Scope]]:
    """``(patterns searched alone, the rest as one pass or None, its group name → scope)``.
    A pattern with groups (its backreferences would be renumbered) or inline flags (they would
    apply to the others) keeps a pass of its own."""
    alone: list[tuple[regex.Pattern, Scope]] = []
    joinable: list[tuple[regex.Pattern, Scope]] = []
    for pattern, scope in regexes:
        (alone if pattern.groups or pattern.flags != _DEFAULT_FLAGS else joinable).append((pattern, scope))
    if len(joinable) < 2:
        alone, joinable = regexes, []
    passes = [(one_pass(p.pattern, "patterns", p), scope) for p, scope in alone]
    if not joinable:
        return passes, None, {}
    sources = [p.pattern for p, _ in joinable]
    joined = FilteredPass(sources, joined=True, compiled=compile_regex(alternation(sources), "patterns"))
    return passes, joined, {f"p{i}": scope for i, (_, scope) in enumerate(joinable)}


def _joined_at_once(
    entries: list,
) -> tuple[list[tuple[FilteredPass, Scope]], FilteredPass, dict[str, Scope]] | None:
    """Inside :func:`~reportlint.rules.kinds.params.trusted`: what :func:`_join` gives, without
    compiling anything: a pattern that opens with ``(?m)``, ``(?s)`` or ``(?x)`` has a pass of its
    own, and the others, whose text shows no other inline flag or named group (no ``(?`` other
    than ``(?:``, ``(?=``, ``(?!``, ``(?<=``, ``(?<!``, ``(?>``) and no capturing group, are
    joined; each is compiled when a text first needs it. None where that does not hold (a
    pattern with some other ``(?``, a group, or too few to join); each is then compiled as usual.
    The packs are tested pattern by pattern without ``trusted()``, which compiles everything."""
    if checks_alone():
        return None
    try:
        sources = [_source(entry) for entry in entries]
    except ParamError:
        return None
    if not all(isinstance(source, str) and source for source, _ in sources):
        return None  # compile_regex names what is wrong with it
    alone: list[tuple[FilteredPass, Scope]] = []
    joinable: list[tuple[str, Scope]] = []
    for source, scope in sources:
        flags = _LEADING_FLAGS.match(source)
        rest = source[flags.end() :] if flags else source
        if _may_set_flags(rest) or _has_group(rest):
            return None
        if flags:
            alone.append((one_pass(source, "patterns"), scope))
        else:
            joinable.append((source, scope))
    if len(joinable) < 2:
        return None
    joined = FilteredPass([source for source, _ in joinable], joined=True)
    return alone, joined, {f"p{i}": scope for i, (_, scope) in enumerate(joinable)}


def _may_set_flags(source: str) -> bool:
    """Whether a ``(?`` in ``source`` may open an inline flag or a named group. Inside a joined
    pattern a flag would apply to its own group only (so the joined pattern cannot show it)."""
    at = source.find("(?")
    while at >= 0:
        if not source.startswith((":", "=", "!", ">", "<=", "<!"), at + 2):
            return True
        at = source.find("(?", at + 2)
    return False


def _has_group(source: str) -> bool:
    """Whether ``source`` holds a capturing group: a ``(`` that is neither escaped, nor inside a
    character class, nor opening ``(?``."""
    at = 0
    while at < len(source):
        char = source[at]
        if char == "\\":
            at += 2
            continue
        if char == "[":  # skip to the class's closing "]" (a "]" first in it is a member)
            at += 2 if source.startswith("^", at + 1) else 1
            at += 1 if source.startswith("]", at) else 0
            while at < len(source) and source[at] != "]":
                at += 2 if source[at] == "\\" else 1
        elif char == "(" and not source.startswith("?", at + 1):
            return True
        at += 1
    return False


def _entry(entry: object) -> tuple[regex.Pattern, Scope]:
    source, scope = _source(entry)
    return compile_regex(source, "patterns"), scope


def _source(entry: object) -> tuple[str, Scope]:
    """A ``patterns`` entry's regex (not yet compiled) and scope."""
    if isinstance(entry, str):
        return entry, None
    if isinstance(entry, dict) and set(entry) <= {"pattern", "scope"} and "pattern" in entry:
        scope = entry.get("scope")
        if scope is not None and (not isinstance(scope, list) or not set(scope) <= _SCOPES):
            raise ParamError(
                "patterns", _("scope must be a list drawn from {scopes}").format(scopes=", ".join(sorted(_SCOPES)))
            )
        return entry["pattern"], frozenset(scope) if scope else None
    raise ParamError("patterns", _("each entry is a regex or a mapping {{pattern, scope}}").format())


_DOC_ZH = """对正则表达式、几个正则表达式或普通字符串的每处匹配报告问题。

参数（``pattern``、``patterns``、``literals`` 三者只给一个）：

- ``pattern``：一个正则表达式。
- ``patterns``：几个正则表达式；每项是正则表达式字符串，或映射 ``{pattern: …, scope: […]}``，
  把这一项限定在报告的某一部分（``title`` 标题、``headings`` 各级标题、``body`` 正文）。
- ``literals``：普通字符串，按原样匹配。
- ``skip``：正则表达式，落在其匹配之内的问题不报告。

消息可用 ``{match}``。
"""

KIND = Kind(
    "pattern",
    __doc__,
    {
        "pattern": Param("str", "one regular expression", doc_zh="一个正则表达式"),
        "patterns": Param(
            "list", "several regexes, or {pattern, scope} mappings", doc_zh="几个正则表达式，或 {pattern, scope} 映射"
        ),
        "literals": Param("str-list", "plain strings matched as written", doc_zh="按原样匹配的普通字符串"),
        "skip": Param("regex-list", "regexes whose matches are exempt", doc_zh="其匹配处不报告的正则表达式"),
    },
    scoped=True,
    fix="never",
    fields=("match",),
    compile=compile,
    doc_zh=_DOC_ZH,
)
