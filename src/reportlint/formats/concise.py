"""One line per finding: ``path:line:col: severity rule message``."""

from __future__ import annotations

from reportlint.formats import Writer as BaseWriter
from reportlint.formats import printable
from reportlint.formats.summary import Result, Summary, footer
from reportlint.rules.diagnostics import severity_label


class Writer(BaseWriter):
    def add(self, result: Result) -> str:
        path = result.path or "-"
        return "".join(
            printable(f"{path}:{d.start.line}:{d.start.column}: {severity_label(d.severity)} {d.rule} {d.message}")
            + "\n"
            for d in result.diagnostics
        )

    def end(self, summary: Summary) -> str:
        return footer(summary, self.context.statistics)
