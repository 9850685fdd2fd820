"""The versioned JSON output, the stable contract for editors and scripts.

See ``docs/json-output.md`` and the schema ``src/reportlint/schemas/output.schema.json``. The
document is written as the run goes, one file's diagnostics at a time.
"""

from __future__ import annotations

import json

from reportlint.formats import Context
from reportlint.formats import Writer as BaseWriter
from reportlint.formats.summary import Result, Summary

VERSION = 1


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


class Writer(BaseWriter):
    def __init__(self, context: Context) -> None:
        super().__init__(context)
        self.first = True
        self.errors: list[dict] = []

    def begin(self) -> str:
        return f'{{"version": {VERSION}, "diagnostics": ['

    def add(self, result: Result) -> str:
        if result.error:
            self.errors.append({"path": result.path, "message": result.error})
        if not result.diagnostics:
            return ""
        items = _dump([d.to_dict() for d in result.diagnostics])[1:-1]  # one call per file, not per item
        separator = "" if self.first else ", "
        self.first = False
        return separator + items

    def end(self, summary: Summary) -> str:
        tail = '], "errors": ' + _dump(self.errors)
        if self.context.statistics:
            rows = [
                {"rule": rule, "severity": severity, "count": n, "fixable": fixable}
                for rule, severity, n, fixable in summary.rule_counts()
            ]
            tail += ', "statistics": ' + _dump(rows)
        return tail + "}\n"
