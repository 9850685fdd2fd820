"""GitHub Actions workflow commands: one ``::error file=…,line=…::message`` per finding."""

from __future__ import annotations

from reportlint.formats import Writer as BaseWriter
from reportlint.formats.summary import Result

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class Writer(BaseWriter):
    def add(self, result: Result) -> str:
        lines = []
        path = _escape_property(result.path or "-")
        for d in result.diagnostics:
            props = (
                f"file={path},line={d.start.line},col={d.start.column},"
                f"endLine={d.end.line},endColumn={d.end.column},title={_escape_property(d.rule)}"
            )
            lines.append(f"::{_LEVEL[d.severity]} {props}::{_escape_data(d.message)}")
        if result.error:
            lines.append(f"::error file={path},title=reportlint::{_escape_data(result.error)}")
        return "".join(line + "\n" for line in lines)
