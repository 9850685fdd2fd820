"""The engine: run the active rules over a parsed document and collect diagnostics.

One code path for the command line, the API and the language server: each builds a
:class:`Linter` from settings (cached, so rules are loaded and compiled once) and calls
:meth:`Linter.lint`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cached_property, lru_cache, partial
from heapq import heappush, heapreplace
from itertools import chain, islice
from operator import attrgetter
from pathlib import Path
from time import thread_time
from typing import Any, TypeVar

from reportlint import __version__
from reportlint.base import collector, regexes, srecode
from reportlint.base.digest import sha256
from reportlint.base.diskcache import cached_json, code_stamp, file_stamp, fingerprint
from reportlint.base.i18n import _
from reportlint.base.source import Source, Span
from reportlint.inputs import markdown
from reportlint.inputs.decoded import LineHint
from reportlint.outline.model import Document, ReportType
from reportlint.outline.parser import parse_outline
from reportlint.rules import diagnostics as limits  # MAX_FINDINGS read at each use: tests lower it
from reportlint.rules import suppression
from reportlint.rules.diagnostics import Diagnostic, Finding, Fix, Unlisted
from reportlint.rules.loader import (
    RuleFileError,
    builtin_rules_dir,
    freeze,
    load_rules,
    parse_yaml,
    read_data_file,
    rule_files,
    thaw,
)
from reportlint.rules.ruleset import GENERAL, SCOPES, Rule, RuleSet
from reportlint.rules.settings import Settings

_TEMPLATE_FIELD = srecode.compile(r"\{(\w+)\}")
_NONE: Any = object()  # what an exhausted iterator gives ``next``
T = TypeVar("T")
# A finding as the engine passes it on: rule id, severity, message template, the finding, its fix.
_Found = tuple[str, str, str, Finding, Fix | None]


# A rule-error finding's {reason} when a regex ran out of time: Chinese like the findings
# themselves, which are the same text in every interface language (and in the result cache).
_TIMED_OUT = "正则表达式超时"


class Outcome:
    """A linted document and its sorted diagnostics."""

    __slots__ = ("document", "diagnostics")

    def __init__(self, document: Document, diagnostics: list[Diagnostic]) -> None:
        self.document, self.diagnostics = document, diagnostics


@lru_cache(maxsize=16)
def load_ruleset(rule_dirs: tuple[Path, ...]) -> RuleSet:
    """The compiled rules of the built-in packs and ``rule_dirs``. Each file's parsed YAML comes
    from the disk cache when the file is unchanged (a file that does not parse is never cached,
    so its error is always shown); the rules are compiled from it. The built-in packs skip the
    compiles that only validate (the tests check them one pattern at a time)."""
    builtin = builtin_rules_dir()
    return load_rules((builtin, *rule_dirs), read=_cached_yaml, trusted_dir=builtin)


_YAML_FORMAT = "yaml-1"  # the shape freeze() gives parsed YAML; change it when that changes


def _cached_yaml(path: Path) -> Any:
    data = read_data_file(path)
    key = sha256(f"{__version__}\0{_YAML_FORMAT}\0".encode() + data).hexdigest()
    return cached_json("rulefile", key, lambda: parse_yaml(str(path), data), freeze, thaw)


_READ_OPTIONAL_DATA = frozenset({"near-miss", "slip"})  # the kinds whose findings depend on reportlint[typos]


def _code_stamp() -> str:
    """Size and mtime of reportlint's own modules: results made by other code are stale."""
    return code_stamp(Path(__file__).parents[1])


@lru_cache(maxsize=64)
def get_linter(settings: Settings) -> Linter:
    return Linter(settings)


class Linter:
    """The rules that ``settings`` select, ready to run on any number of documents."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.ruleset = load_ruleset(settings.rule_dirs)
        self.rules = _select(self.ruleset, settings)
        self.scopes = {rule.id: _scope(rule) for rule in self.ruleset.rules}
        self.failure_rules = [r for r in self.rules if r.engine == "rule-error"]
        self.suppression_rules = [r for r in self.rules if r.engine == "unused-suppression"]
        self.overflow_rules = [r for r in self.rules if r.engine == "too-many-findings"]
        self.severity = dict(settings.severity)
        self.timings: dict[str, float] | None = None  # rule id → CPU seconds when profiling (a busy machine adds none)

    @cached_property
    def fingerprint(self) -> str:
        """Identifies everything that decides this linter's output (for the result cache): the
        rule files, the settings, reportlint's code and, when the typo rules that read them are
        selected, the optional word lists (installing ``reportlint[typos]`` changes findings)."""
        files = rule_files((builtin_rules_dir(), *self.settings.rule_dirs))
        return fingerprint(files, repr(self.settings) + _code_stamp() + self._optional_data_stamp())

    def _optional_data_stamp(self) -> str:
        """The optional data the selected rules read (wordfreq's list, the divisions' table):
        present or not, and which file, so that installing or upgrading one is a new linter."""
        if not any(rule.kind in _READ_OPTIONAL_DATA for rule in self.rules):
            return ""
        from reportlint.lexicon import newer, places

        return "".join(file_stamp(path) for path in (newer.source(), places.source()) if path is not None)

    def lint(
        self, text: str, path: str | None = None, position_kind: str = "line", hints: Sequence[LineHint | None] = ()
    ) -> Outcome:
        """Check ``text``; ``hints`` are a .docx's automatic numbers and heading styles, per line.
        All user regexes on one document share one time budget."""
        with regexes.budget(), collector.paused():
            return self._lint(text, path, position_kind, hints)

    def _lint(self, text: str, path: str | None, position_kind: str, hints: Sequence[LineHint | None]) -> Outcome:
        is_md = markdown.is_markdown(path)
        failed: list = []  # a rule error when the title's report type could not be decided in time
        blanked = markdown.blanked(text) if is_md else []
        doc = parse_outline(markdown.mask(text, blanked) if is_md else text, path, hints, partial(self._typed, failed))
        doc.blanked = blanked
        ignored = self.settings.ignored_for(path)
        dropped: list[int] = []  # findings beyond MAX_FINDINGS, per rule and in all
        found = (f for f in chain(failed, self._run(doc, dropped)) if f[0] not in ignored)
        kept, more = _earliest(found, limits.MAX_FINDINGS, _finding_span)
        diagnostics = [  # messages rendered only now: of 15,000 findings, 10,000 are kept
            Diagnostic.make(
                doc.source,
                rule_id,
                self.severity.get(rule_id, severity),
                render(template, finding),
                finding.span,
                fix,
                path,
                position_kind,
            )
            for rule_id, severity, template, finding, fix in kept
        ]
        if more + sum(dropped):
            diagnostics += self._overflow(doc.source, more + sum(dropped), ignored, path, position_kind)
        if is_md:
            diagnostics = self._suppress(Source(text), diagnostics, ignored, path, position_kind)
        diagnostics.sort(key=Diagnostic.sort_key)
        return Outcome(doc, _one_per_fix(diagnostics))

    def report_type(self, title: str | None) -> ReportType:
        """The report type of a report with ``title`` (the configured one if set)."""
        return self.ruleset.report_type(title, self.settings.report_type)

    def _typed(self, failed: list, title: str | None) -> ReportType:
        """:meth:`report_type`; a title pattern that runs out of time leaves the report
        ``general`` and adds a rule error to ``failed``, once a document (the parser asks
        about each of the opening lines that may be the title, and about the title)."""
        try:
            return self.report_type(title)
        except TimeoutError:
            failure = Finding.at(Span(0, 0), rule="types（标题模式）", reason=_TIMED_OUT)
            for reporter in self.failure_rules if not failed else ():
                failed.append((reporter.id, reporter.severity, reporter.message, failure, None))
            return self.ruleset.report_type(None)

    def _overflow(
        self, source: Source, more: int, ignored: set[str], path: str | None, position_kind: str
    ) -> list[Diagnostic]:
        """The too-many-findings note, at the start of the document."""
        note = Finding.at(Span(0, 0), max=limits.MAX_FINDINGS, more=more)
        return [
            Diagnostic.make(
                source,
                rule.id,
                self.severity.get(rule.id, rule.severity),
                render(rule.message, note),
                note.span,
                None,
                path,
                position_kind,
            )
            for rule in self.overflow_rules
            if rule.id not in ignored
        ]

    def _run(self, doc: Document, dropped: list[int]) -> Iterator[_Found]:
        """Each finding of each rule that applies, with the rule's id, severity and message
        template (rendered only for the findings kept) and its fix."""
        report_type = doc.report_type.id if doc.report_type else "general"
        for rule in self.rules:
            if rule.engine is not None or not rule.applies_to(report_type):
                continue
            scope = self.scopes[rule.id]
            started = thread_time() if self.timings is not None else 0.0  # a system call: only when profiling
            try:
                unlisted: list[int] = []
                placed = self._placed(rule, scope, doc, unlisted)
                keep = limits.all_kept if scope is None else partial(doc.in_scopes, scope)
                token = limits.KEPT.set(keep)  # the kind may leave unmade what cannot be kept
                try:
                    findings, more = _earliest(placed, limits.MAX_FINDINGS, attrgetter("span"))
                finally:
                    limits.KEPT.reset(token)
            except Exception as exc:  # a rule must never take the run down with it
                reason = _TIMED_OUT if isinstance(exc, TimeoutError) else type(exc).__name__
                failure = Finding.at(doc.title.span if doc.title else Span(0, 0), rule=rule.id, reason=reason)
                for reporter in self.failure_rules:
                    yield reporter.id, reporter.severity, reporter.message, failure, None
                continue
            finally:
                if self.timings is not None:
                    self.timings[rule.id] = self.timings.get(rule.id, 0.0) + thread_time() - started
            dropped.append(more + sum(unlisted))
            for finding in findings:
                yield rule.id, rule.severity, rule.message, finding, _stamped(finding.fix, rule)

    @staticmethod
    def _placed(rule: Rule, scope: frozenset[str] | None, doc: Document, unlisted: list[int]) -> Iterator[Finding]:
        """``rule``'s findings in its scope and outside blanked Markdown markup; the number of
        those it did not make, as they could not be kept (:class:`Unlisted`, counted under the scope
        by the kind: see :data:`~reportlint.rules.diagnostics.KEPT`), added to ``unlisted``."""
        for finding in rule.check(doc):
            if isinstance(finding, Unlisted):
                unlisted.append(finding.findings)
                continue
            if scope is not None and doc.scope_at(finding.span.start) not in scope:
                continue
            fix = finding.fix
            if doc.blanked and _overlaps(finding.span, doc.blanked):
                if doc.text[finding.span.start : finding.span.end].isspace():
                    continue  # markup blanked out, or the spaces around it: not prose
                if fix is not None and _overlaps(fix.span, doc.blanked):
                    finding = finding._replace(fix=None)  # applied to the original, it would rewrite the markup too
            yield finding

    def _suppress(
        self, source: Source, diagnostics: list[Diagnostic], ignored: set[str], path: str | None, position_kind: str
    ) -> list[Diagnostic]:
        items = suppression.parse(source)
        if not items:
            return diagnostics
        kept = []
        for diagnostic in diagnostics:
            hits = [s for s in items if s.covers(diagnostic.rule, diagnostic.start.offset)]
            for item in hits:
                item.used = True
            if not hits:
                kept.append(diagnostic)
        for rule in self.suppression_rules:
            if rule.id in ignored:
                continue
            for item in items:
                if not item.used:
                    unused = Finding.at(item.comment, names=", ".join(sorted(item.ids)) if item.ids else "all rules")
                    severity = self.severity.get(rule.id, rule.severity)
                    message = render(rule.message, unused)
                    kept.append(
                        Diagnostic.make(source, rule.id, severity, message, unused.span, None, path, position_kind)
                    )
        return kept

    def run_rule(self, rule: Rule, text: str, path: str | None = None) -> list[Diagnostic]:
        """Diagnostics of ``rule`` alone on ``text`` (how rule examples are checked)."""
        alone = get_linter(self.settings._replace(select=(rule.id,), extend_select=(), ignore=()))
        return [d for d in alone.lint(text, path).diagnostics if d.rule == rule.id]


def render(template: str, finding: Finding) -> str:
    """Fill ``{name}`` fields of a message template. The loader refuses a name the kind does
    not fill in; a third-party kind that fails to give one leaves it as written."""
    values = dict(finding.values)
    return _TEMPLATE_FIELD.sub(lambda m: values.get(m.group(1), m.group()), template)


def _finding_span(found: _Found) -> Span:
    return found[3].span


def _one_per_fix(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """``diagnostics`` (sorted) without a finding whose fix another rule proposes already: the same
    change at the same place is one slip however many rules see it (社会宝障 is both a near miss
    of 社会保障体系 and a character that reads better as 保). The first in sort order is kept."""
    seen: set[tuple[int, int, str, str | None]] = set()
    kept = []
    for diagnostic in diagnostics:
        fix = diagnostic.fix
        if fix is not None:
            key = (fix.span.start, fix.span.end, fix.replacement, fix.applicability)
            if key in seen:
                continue
            seen.add(key)
        kept.append(diagnostic)
    return kept


def _earliest(items: Iterable[T], limit: int, span: Callable[[T], Span]) -> tuple[list[T], int]:
    """The first ``limit`` of ``items`` by position (of equal ones, the first given), in the
    order given, and how many more there were: memory for ``limit`` of them, however many come."""
    items = iter(items)
    first = list(islice(items, limit))  # most rules of most documents give fewer: no heap
    following = next(items, _NONE)
    if following is _NONE:
        return first, 0
    heap: list[tuple[int, int, int, T]] = []  # the latest position on top, to be let go first
    count = 0
    for count, item in enumerate(chain(first, [following], items), 1):
        start, end = span(item)
        entry = (-start, -end, -count, item)
        if len(heap) < limit:
            heappush(heap, entry)
        elif entry > heap[0]:
            heapreplace(heap, entry)
    return [entry[3] for entry in sorted(heap, key=lambda entry: -entry[2])], count - len(heap)


def _overlaps(span: Span, blanked: list[Span]) -> bool:
    return any(start < span.end and span.start < end for start, end in blanked)


def _scope(rule: Rule) -> frozenset[str] | None:
    if not rule.scoped:
        return None
    return rule.scope or frozenset(SCOPES)


def _stamped(fix: Fix | None, rule: Rule) -> Fix | None:
    """``fix`` with the rule's applicability, unless the kind already marked it unsafe."""
    if fix is None or fix.applicability == "unsafe":
        return fix
    return fix._replace(applicability=rule.fix)


def _select(ruleset: RuleSet, settings: Settings) -> list[Rule]:
    """The rules ``settings`` select, in rule-file order. A rule that reports failing rules
    is always selected unless ignored: a failure is never silent. An unknown rule id or report
    type is an error at the place that names it, never a setting quietly without effect."""
    types = [t.id for t in ruleset.types] + [GENERAL]
    if settings.report_type is not None and settings.report_type not in types:
        raise RuleFileError(
            *settings.place_of(settings.report_type),
            _("unknown report type '{type}' (known: {known})").format(
                type=settings.report_type, known=", ".join(types)
            ),
        )
    known = set(ruleset.by_id())
    for rule_id in (
        *(settings.select or ()),
        *settings.extend_select,
        *settings.ignore,
        *(k for k, _level in settings.severity),
        *(i for _glob, ids in settings.per_path_ignores for i in ids),
    ):
        if rule_id != "ALL" and rule_id not in known:
            raise RuleFileError(*settings.place_of(rule_id), _("unknown rule id '{rule}'").format(rule=rule_id))
    if settings.select is None:
        chosen = {r.id for r in ruleset.rules if r.default}
    elif "ALL" in settings.select:
        chosen = set(known)
    else:
        chosen = set(settings.select)
    chosen |= set(settings.extend_select) | {r.id for r in ruleset.rules if r.engine == "rule-error"}
    chosen -= set(settings.ignore)
    return [r for r in ruleset.rules if r.id in chosen]
