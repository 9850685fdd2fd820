"""Apply fixes to a text. Fixes never overlap: of two that touch, the first one wins and the
other waits for the next pass (the CLI re-checks after each pass, as ruff does)."""

from __future__ import annotations

from collections.abc import Iterable

from reportlint.rules.diagnostics import Diagnostic


def apply_fixes(text: str, diagnostics: Iterable[Diagnostic], unsafe: bool = False) -> tuple[str, int]:
    """``text`` with every non-overlapping fix applied (safe ones only unless ``unsafe``), and
    how many were applied."""
    chosen = (d.fix for d in diagnostics if d.fix is not None and (unsafe or d.fix.safe))
    fixes = sorted(chosen, key=lambda f: (f.span.start, f.span.end))
    parts: list[str] = []
    cursor = applied = 0
    for fix in fixes:
        if fix.span.start < cursor or fix.span.end > len(text):
            continue
        parts.append(text[cursor : fix.span.start])
        parts.append(fix.replacement)
        cursor = fix.span.end
        applied += 1
    parts.append(text[cursor:])
    return "".join(parts), applied
