"""One line per finding: ``path:line:col: severity rule message``."""

from __future__ import annotations

from . import Context
from .summary import Summary, footer


class Writer:
    def __init__(self, context: Context) -> None:
        self.context = context

    def begin(self) -> str:
        return ""

    def add(self, result) -> str:
        return "".join(f"{result.path or '-'}:{d.start.line}:{d.start.column}: {d.severity} {d.rule} {d.message}\n"
                       for d in result.diagnostics)  # fmt: skip

    def end(self, summary: Summary) -> str:
        return footer(summary, self.context.statistics)
