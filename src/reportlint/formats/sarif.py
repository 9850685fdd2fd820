"""SARIF 2.1.0 for code-scanning dashboards. Columns are Unicode code points
(``columnKind: unicodeCodePoints``), as everywhere in reportlint."""

from __future__ import annotations

import json
from pathlib import PurePath
from urllib.parse import quote

from reportlint import __version__
from reportlint.base.source import Position
from reportlint.formats import Context
from reportlint.formats import Writer as BaseWriter
from reportlint.formats.summary import Result, Summary
from reportlint.rules.diagnostics import Diagnostic
from reportlint.rules.ruleset import Rule

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _uri(path: str | None) -> str:
    """A URI reference for ``path``: percent-encoded (Chinese names, spaces), relative when the
    path is, ``file://`` when it is absolute."""
    if not path:
        return "stdin"
    posix = PurePath(path).as_posix()
    return ("file://" if posix.startswith("/") else "") + quote(posix, safe="/")


def _rule(rule: Rule, context: Context) -> dict:
    return {
        "id": rule.id,
        "name": rule.id,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.description.strip()},
        "helpUri": context.help_uri(rule.id),
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {"kind": rule.kind, "fixable": rule.fixable},
    }


def _region(start: Position, end: Position) -> dict:
    return {
        "startLine": start.line,
        "startColumn": start.column,
        "endLine": end.line,
        "endColumn": end.column,
        "charOffset": start.offset,
        "charLength": end.offset - start.offset,
    }


def _result(path: str | None, d: Diagnostic, index: dict[str, int]) -> dict:
    location = {"physicalLocation": {"artifactLocation": {"uri": _uri(path)}, "region": _region(d.start, d.end)}}
    result: dict[str, object] = {
        "ruleId": d.rule,
        "level": _LEVEL[d.severity],
        "message": {"text": d.message},
        "locations": [location],
    }
    if d.rule in index:
        result["ruleIndex"] = index[d.rule]
    if d.fix is not None and d.fix_range is not None:
        replacement = {"deletedRegion": _region(*d.fix_range), "insertedContent": {"text": d.fix.replacement}}
        result["fixes"] = [
            {
                "description": {"text": f"replace with “{d.fix.replacement}”"},
                "artifactChanges": [{"artifactLocation": {"uri": _uri(path)}, "replacements": [replacement]}],
            }
        ]
    return result


class Writer(BaseWriter):
    """Results are written as they come; the tool (with the rules that fired) and the
    invocation close the run object, since JSON members may come in any order."""

    def __init__(self, context: Context) -> None:
        super().__init__(context)
        self.fired: dict[str, int] = {}  # rule id → ruleIndex, in order of first appearance
        self.notifications: list[dict] = []
        self.first = True

    def begin(self) -> str:
        head = {"$schema": SCHEMA, "version": "2.1.0"}
        return json.dumps(head)[:-1] + ', "runs": [{"columnKind": "unicodeCodePoints", "results": ['

    def add(self, result: Result) -> str:
        if result.error:
            where = {"physicalLocation": {"artifactLocation": {"uri": _uri(result.path)}}}
            message = {"text": f"{result.path}: {result.error}"}
            self.notifications.append({"level": "error", "message": message, "locations": [where]})
        parts = []
        for d in result.diagnostics:
            if d.rule in self.context.rules:
                self.fired.setdefault(d.rule, len(self.fired))
            parts.append(
                ("" if self.first else ", ") + json.dumps(_result(result.path, d, self.fired), ensure_ascii=False)
            )
            self.first = False
        return "".join(parts)

    def end(self, summary: Summary) -> str:
        rules = [_rule(self.context.rules[rule_id], self.context) for rule_id in self.fired]
        tool = {"driver": {"name": "reportlint", "version": __version__, "rules": rules}}
        invocations = [
            {"executionSuccessful": not self.notifications, "toolExecutionNotifications": self.notifications}
        ]
        return (
            "], "
            + '"tool": '
            + json.dumps(tool, ensure_ascii=False)
            + ', "invocations": '
            + json.dumps(invocations, ensure_ascii=False)
            + "}]}\n"
        )
