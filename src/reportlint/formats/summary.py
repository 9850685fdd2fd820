"""Counts gathered while a run streams by, for summary lines and ``--statistics``."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from reportlint.rules.diagnostics import SEVERITIES


@dataclass
class Summary:
    fixed: int = 0  # fixes applied in this run
    severities: Counter = field(default_factory=Counter)
    rules: Counter = field(default_factory=Counter)
    rule_meta: dict[str, tuple[str, bool]] = field(default_factory=dict)  # rule → (severity, fixable)
    fixable: int = 0  # findings whose fix --fix applies (safe ones; all with --unsafe-fixes)
    held_back: int = 0  # findings with an unsafe fix that --fix alone does not apply
    errors: int = 0
    unsafe_fixes: bool = False

    def add(self, result) -> None:
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
            self.rule_meta[d.rule] = (severity, fixable or d.fix is not None)

    def rule_counts(self) -> list[tuple[str, str, int, bool]]:
        """(rule, severity, count, fixable) for each rule that fired, most frequent first."""
        rows = []
        for rule, n in self.rules.most_common():
            severity, fixable = self.rule_meta[rule]
            rows.append((rule, severity, n, fixable))
        return rows

    def line(self) -> str:
        total = sum(self.severities.values())
        if total == 0:
            text = "All checked reports are clean." if not self.errors else "No problems found in the readable inputs."
        else:
            parts = ", ".join(
                f"{self.severities[s]} {s}{'s' if self.severities[s] != 1 else ''}"
                for s in SEVERITIES
                if self.severities[s]
            )
            text = f"Found {total} problem{'s' if total != 1 else ''} ({parts})."
            if self.fixable:
                text += f" {self.fixable} fixable with --fix."
            if self.held_back:
                text += f" {self.held_back} more with --unsafe-fixes."
        if self.fixed:
            text = f"Fixed {self.fixed} problem{'s' if self.fixed != 1 else ''}. " + text
        if self.errors:
            text += f" {self.errors} input{'s' if self.errors != 1 else ''} could not be checked."
        return text

    def table(self) -> str:
        rows = self.rule_counts()
        if not rows:
            return ""
        width = max(len(rule) for rule, *_ in rows)
        return "\n".join(
            f"{n:>5}  {rule:<{width}}  {severity}{'  [*]' if fixable else ''}" for rule, severity, n, fixable in rows
        )


def footer(summary: Summary, statistics: bool) -> str:
    """The closing lines of the human formats: the statistics table, then the summary line."""
    table = summary.table() if statistics else ""
    return (table + "\n\n" if table else "") + summary.line() + "\n"
