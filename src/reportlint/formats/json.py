"""The versioned JSON output, the stable contract for editors and scripts.

See ``docs/json-output.md`` and the schema ``src/reportlint/schemas/output.schema.json``. The
document is written as the run goes, one file's diagnostics at a time.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from reportlint.base.source import Position
from reportlint.formats import Context
from reportlint.formats import Writer as BaseWriter
from reportlint.formats.summary import Result, Summary
from reportlint.rules.diagnostics import Diagnostic

VERSION = 1


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def objects(diagnostics: Iterable[Diagnostic]) -> list[str]:
    """Each diagnostic as ``_dump(d.to_dict())`` writes it, character for character, but its
    numbers formatted into a template and each distinct string encoded once: building three
    dictionaries per diagnostic for ``json`` to take apart again was most of the cost of writing
    a report of many findings (10,000 of them: 210 -> 60 ms)."""
    strings: dict[str | None, str] = {}

    def string(value: str | None) -> str:
        encoded = strings.get(value)
        if encoded is None:
            encoded = strings[value] = _dump(value)
        return encoded

    out = []
    for d in diagnostics:
        fix = "null"
        if d.fix is not None and d.fix_range is not None:
            fix = (
                f'{{"replacement": {string(d.fix.replacement)}, "range": {_range(*d.fix_range)}, '
                f'"applicability": {string(d.fix.applicability)}}}'
            )
        out.append(
            f'{{"path": {string(d.path)}, "rule": {string(d.rule)}, "severity": {string(d.severity)}, '
            f'"message": {string(d.message)}, "position_kind": {string(d.position_kind)}, '
            f'"range": {_range(d.start, d.end)}, "fix": {fix}}}'
        )
    return out


def _range(start: Position, end: Position) -> str:
    return (
        f'{{"start": {{"line": {start.line:d}, "column": {start.column:d}, "offset": {start.offset:d}}}, '
        f'"end": {{"line": {end.line:d}, "column": {end.column:d}, "offset": {end.offset:d}}}}}'
    )


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
        items = ", ".join(objects(result.diagnostics))
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
