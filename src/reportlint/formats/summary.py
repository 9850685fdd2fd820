"""Counts shared by the human-facing formats and ``--statistics``."""

from __future__ import annotations

from collections import Counter

from ..diagnostics import SEVERITIES


def severity_counts(results) -> Counter:
    return Counter(d.severity for r in results for d in r.diagnostics)


def rule_counts(results) -> list[tuple[str, str, int, bool]]:
    """(rule, severity, count, fixable) for each rule that fired, most frequent first."""
    counts: Counter = Counter()
    meta: dict[str, tuple[str, bool]] = {}
    for result in results:
        for d in result.diagnostics:
            counts[d.rule] += 1
            fixable = meta.get(d.rule, (d.severity, False))[1] or d.fix is not None
            meta[d.rule] = (d.severity, fixable)
    return [(rule, meta[rule][0], n, meta[rule][1]) for rule, n in counts.most_common()]


def summary_line(results, fixed: int = 0) -> str:
    counts = severity_counts(results)
    total = sum(counts.values())
    errors = sum(1 for r in results if r.error)
    if total == 0:
        text = "All checked reports are clean." if not errors else "No problems found in the readable inputs."
    else:
        parts = ", ".join(f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}" for s in SEVERITIES if counts[s])
        fixable = sum(1 for r in results for d in r.diagnostics if d.fix is not None)
        text = f"Found {total} problem{'s' if total != 1 else ''} ({parts})."
        if fixable:
            text += f" {fixable} fixable with --fix."
    if fixed:
        text = f"Fixed {fixed} problem{'s' if fixed != 1 else ''}. " + text
    if errors:
        text += f" {errors} input{'s' if errors != 1 else ''} could not be checked."
    return text


def statistics_table(results) -> str:
    rows = rule_counts(results)
    if not rows:
        return ""
    width = max(len(rule) for rule, *_ in rows)
    return "\n".join(
        f"{n:>5}  {rule:<{width}}  {severity}{'  [*]' if fixable else ''}" for rule, severity, n, fixable in rows
    )
