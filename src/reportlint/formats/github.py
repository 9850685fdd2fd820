"""GitHub Actions workflow commands: one ``::error file=…,line=…::message`` per finding."""

from __future__ import annotations

from . import Context

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(results, context: Context) -> str:
    lines = []
    for r in results:
        path = _escape_property(r.path or "-")
        for d in r.diagnostics:
            props = (f"file={path},line={d.start.line},col={d.start.column},"
                     f"endLine={d.end.line},endColumn={d.end.column},title={_escape_property(d.rule)}")  # fmt: skip
            lines.append(f"::{_LEVEL[d.severity]} {props}::{_escape_data(d.message)}")
        if r.error:
            lines.append(f"::error file={path},title=reportlint::{_escape_data(r.error)}")
    return "\n".join(lines)
