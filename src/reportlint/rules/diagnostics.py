"""Diagnostics: what the engine reports, independent of how it is printed."""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from heapq import nsmallest
from itertools import islice, repeat
from operator import itemgetter, le
from typing import TypeVar

from reportlint.base.i18n import pgettext
from reportlint.base.record import NamedTuple
from reportlint.base.source import Position, Source, Span

SEVERITIES = ("error", "warning", "info")
T = TypeVar("T")
# Findings kept per document (the first by position; a too-many-findings note counts the rest):
# 20 MB of ，， or of one placeholder would otherwise hold millions, gigabytes in all.
MAX_FINDINGS = 10_000


def severity_label(severity: str) -> str:
    """A severity as people read it in the interface language (machine formats keep the id)."""
    labels = {
        "error": pgettext("severity", "error"),
        "warning": pgettext("severity", "warning"),
        "info": pgettext("severity", "info"),
    }
    return labels.get(severity, severity)


SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
# How sure a fix is, as ruff has it: ``safe`` cannot change the meaning and ``--fix`` applies it;
# ``unsafe`` is a guess (which of two spellings, which copy of a doubled character) and is
# applied only with ``--unsafe-fixes``.
APPLICABILITIES = ("safe", "unsafe")


class Fix(NamedTuple):
    """Replace ``span`` with ``replacement``. Fixes never touch text outside their span.
    ``applicability`` is None while a kind makes the fix; the engine sets the rule's (a kind may
    mark one fix ``unsafe`` itself, and that is never made safe by the rule)."""

    span: Span
    replacement: str
    applicability: str | None = None

    @property
    def safe(self) -> bool:
        return self.applicability == "safe"


class Finding(NamedTuple):
    """What a rule kind yields: where, the values its message template may name, a fix.
    Named tuples (like :class:`Span`): rules make many, and tuples are cheap to build."""

    span: Span
    values: tuple[tuple[str, str], ...] = ()
    fix: Fix | None = None

    @classmethod
    def at(cls, span: Span, fix: Fix | None = None, **values: object) -> Finding:
        return cls(span, tuple([(k, v if type(v) is str else str(v)) for k, v in values.items()]), fix)


class Unlisted(NamedTuple):
    """What a kind may yield in place of ``findings`` findings that cannot be among the
    :data:`MAX_FINDINGS` a document keeps (see :func:`kept_only`): the engine only counts them
    for the too-many-findings note, so they need not be made. Only while :data:`KEPT` is
    set, and for findings Markdown markup would not drop (none of them only spaces)."""

    findings: int


# Set by the engine while a rule runs: which of a sorted array of finding starts it keeps (its
# scope's filter; ``all_kept`` for a rule whose findings no scope drops). A kind may leave unmade
# the findings that cannot be among the first MAX_FINDINGS kept only when this is set; called on
# its own (a test, an example), it makes every finding.
KEPT: ContextVar[Callable[[array], array] | None] = ContextVar("KEPT", default=None)


def all_kept(starts: array) -> array:
    """The filter of a rule whose findings no scope drops."""
    return starts


def kept_only(
    places: Callable[[], Iterable[tuple[int, T]]], make: Callable[[T], Finding]
) -> Iterator[Finding | Unlisted]:
    """The findings ``make`` makes of what ``places()`` gives (``(start, what)``), but only of
    those that may be among the :data:`MAX_FINDINGS` a document keeps of the rule; the others
    are counted in one :class:`Unlisted`. For a kind that knows where its findings start before
    it makes them, and may have millions (2.86 million out-of-step 一、 headings): ``places()``
    is read once, keeping the first MAX_FINDINGS places and every start (in an array, 8 bytes
    each); read again only where the places do not come in order (then the kept ones may be
    anywhere) or where more than MAX_FINDINGS start at or before the last kept one."""
    if KEPT.get() is not all_kept:
        yield from map(make, map(_WHAT, places()))
        return
    found = iter(places())
    first = list(islice(found, MAX_FINDINGS))
    starts = array("q", map(_START, first))
    starts.extend(map(_START, found))
    if len(starts) <= MAX_FINDINGS:
        yield from map(make, map(_WHAT, first))
        return
    if all(map(le, starts, islice(starts, 1, None))):  # in order: the kept ones come first
        kept = bisect_right(starts, starts[MAX_FINDINGS - 1])  # ties with the last are kept too
        yield from map(make, map(_WHAT, first if kept == len(first) else islice(places(), kept)))
    else:
        last = nsmallest(MAX_FINDINGS, starts)[-1]
        kept = sum(map(le, starts, repeat(last)))
        yield from (make(what) for start, what in places() if start <= last)
    if kept < len(starts):
        yield Unlisted(len(starts) - kept)


_START, _WHAT = itemgetter(0), itemgetter(1)


def kept_at(starts: array, make: Callable[[int], Finding]) -> Iterator[Finding | Unlisted]:
    """:func:`kept_only` for findings that ``make`` makes from their start alone, with their
    starts at hand, sorted, in an array (5 million unclosed brackets are 5 million starts),
    under any scope: the engine's filter (:data:`KEPT`) is applied to the starts first."""
    keep = KEPT.get()
    if keep is None or len(starts) <= MAX_FINDINGS:
        yield from map(make, starts)
        return
    starts = keep(starts)
    # sorted: the kept end after the last start equal to the MAX_FINDINGS-th (ties are kept)
    cut = bisect_right(starts, starts[MAX_FINDINGS - 1]) if len(starts) > MAX_FINDINGS else len(starts)
    yield from map(make, starts[:cut])
    if cut < len(starts):
        yield Unlisted(len(starts) - cut)


class Diagnostic(NamedTuple):
    """One finding as reported. A named tuple: a parallel run sends every diagnostic from a
    worker to the main process, and tuples are unpickled about three times faster."""

    rule: str
    severity: str
    message: str
    start: Position
    end: Position
    fix: Fix | None = None
    fix_range: tuple[Position, Position] | None = None
    path: str | None = None
    position_kind: str = "line"  # "line" for text files, "paragraph" for .docx

    @classmethod
    def make(
        cls,
        source: Source,
        rule: str,
        severity: str,
        message: str,
        span: Span,
        fix: Fix | None = None,
        path: str | None = None,
        position_kind: str = "line",
    ) -> Diagnostic:
        fix_range = None
        if fix is not None:
            fix_range = (source.position(fix.span.start), source.position(fix.span.end))
        return cls(
            rule,
            severity,
            message,
            source.position(span.start),
            source.position(span.end),
            fix,
            fix_range,
            path,
            position_kind,
        )

    @property
    def span(self) -> Span:
        return Span(self.start.offset, self.end.offset)

    def sort_key(self) -> tuple:
        return (self.start.offset, self.end.offset, self.rule)

    def to_dict(self) -> dict:
        """The JSON shape of a diagnostic. ``formats.json.objects`` writes the same shape from
        templates, for speed: a field added here goes there too (test_throughput compares them)."""
        fix = None
        if self.fix is not None and self.fix_range is not None:
            fix = {
                "replacement": self.fix.replacement,
                "range": _range(*self.fix_range),
                "applicability": self.fix.applicability,
            }
        return {
            "path": self.path,
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "position_kind": self.position_kind,
            "range": _range(self.start, self.end),
            "fix": fix,
        }

    @classmethod
    def from_dict(cls, data: dict) -> Diagnostic:
        fix = fix_range = None
        if data.get("fix"):
            fix_range = _positions(data["fix"]["range"])
            fix = Fix(
                Span(fix_range[0].offset, fix_range[1].offset),
                data["fix"]["replacement"],
                data["fix"].get("applicability", "unsafe"),
            )
        start, end = _positions(data["range"])
        return cls(
            data["rule"],
            data["severity"],
            data["message"],
            start,
            end,
            fix,
            fix_range,
            data.get("path"),
            data.get("position_kind", "line"),
        )


def _range(start: Position, end: Position) -> dict:
    return {"start": start.to_dict(), "end": end.to_dict()}


def _positions(rng: dict) -> tuple[Position, Position]:
    return Position(**rng["start"]), Position(**rng["end"])
