"""Counts gathered while a run streams by, for summary lines and ``--statistics``."""

from __future__ import annotations

from collections import Counter
from typing import Any, Protocol

from reportlint.base.i18n import _, join_sentences, ngettext, pgettext
from reportlint.rules.diagnostics import SEVERITIES, Diagnostic, severity_label


class Result(Protocol):
    """What the formats read of one input's outcome (``reportlint.api.LintResult``, which
    lives above this layer)."""

    path: str | None
    diagnostics: list[Diagnostic]
    text: str | None
    encoding: str | None
    document: Any
    error: str | None


class Summary:
    """What a run found, counted as results come."""

    def __init__(self, fixed: int = 0, unsafe_fixes: bool = False) -> None:
        self.fixed = fixed  # fixes applied in this run
        self.severities: Counter = Counter()
        self.rules: Counter = Counter()
        self.rule_meta: dict[str, tuple[str, bool]] = {}  # rule → (severity, fixable by this run's --fix)
        self.fixable = 0  # findings whose fix --fix applies (safe ones; all with --unsafe-fixes)
        self.held_back = 0  # findings with an unsafe fix that --fix alone does not apply
        self.errors = 0
        self.unsafe_fixes = unsafe_fixes

    def add(self, result: Result) -> None:
        if result.error:
            self.errors += 1
        for d in result.diagnostics:
            self.severities[d.severity] += 1
            self.rules[d.rule] += 1
            if d.fix is not None:
                if d.fix.safe or self.unsafe_fixes:
                    self.fixable += 1
                else:
                    self.held_back += 1
            severity, fixable = self.rule_meta.get(d.rule, (d.severity, False))
            applied = d.fix is not None and (d.fix.safe or self.unsafe_fixes)  # what --fix would change
            self.rule_meta[d.rule] = (severity, fixable or applied)

    def rule_counts(self) -> list[tuple[str, str, int, bool]]:
        """(rule, severity, count, fixable) for each rule that fired, most frequent first."""
        rows = []
        for rule, n in self.rules.most_common():
            severity, fixable = self.rule_meta[rule]
            rows.append((rule, severity, n, fixable))
        return rows

    def line(self) -> str:
        total = sum(self.severities.values())
        sentences = []
        if self.fixed:
            sentences.append(ngettext("Fixed {n} problem.", "Fixed {n} problems.", self.fixed).format(n=self.fixed))
        if total == 0:
            sentences.append(
                _("All checked reports are clean.")
                if not self.errors
                else _("No problems found in the readable inputs.")
            )
        else:
            parts = pgettext("list separator", ", ").join(
                severity_count(s, self.severities[s]) for s in SEVERITIES if self.severities[s]
            )
            sentences.append(
                ngettext("Found {n} problem ({parts}).", "Found {n} problems ({parts}).", total).format(
                    n=total, parts=parts
                )
            )
            if self.fixable:
                sentences.append(_("{n} fixable with --fix.").format(n=self.fixable))
            if self.held_back:
                sentences.append(_("{n} more with --unsafe-fixes.").format(n=self.held_back))
        if self.errors:
            sentences.append(
                ngettext("{n} input could not be checked.", "{n} inputs could not be checked.", self.errors).format(
                    n=self.errors
                )
            )
        return join_sentences(sentences)

    def table(self) -> str:
        rows = self.rule_counts()
        if not rows:
            return ""
        width = max(len(rule) for rule, *_ in rows)
        return "\n".join(
            f"{n:>5}  {rule:<{width}}  {severity_label(severity)}{'  [*]' if fixable else ''}"
            for rule, severity, n, fixable in rows
        )


def severity_count(severity: str, n: int) -> str:
    """``3 errors``: one severity's count in the summary line."""
    if severity == "error":
        return ngettext("{n} error", "{n} errors", n).format(n=n)
    if severity == "warning":
        return ngettext("{n} warning", "{n} warnings", n).format(n=n)
    return ngettext("{n} info", "{n} infos", n).format(n=n)


def footer(summary: Summary, statistics: bool) -> str:
    """The closing lines of the human formats: the statistics table, then the summary line."""
    table = summary.table() if statistics else ""
    return (table + "\n\n" if table else "") + summary.line() + "\n"
