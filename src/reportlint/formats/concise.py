"""One line per finding: ``path:line:col: severity rule message``."""

from __future__ import annotations

from . import Context
from .summary import statistics_table, summary_line


def render(results, context: Context) -> str:
    lines = [
        f"{r.path or '-'}:{d.start.line}:{d.start.column}: {d.severity} {d.rule} {d.message}"
        for r in results
        for d in r.diagnostics
    ]
    if context.statistics:
        table = statistics_table(results)
        if table:
            lines.append(table)
    lines.append(summary_line(results, context.fixed))
    return "\n".join(lines)
