"""SARIF 2.1.0 for code-scanning dashboards. Columns are Unicode code points
(``columnKind: unicodeCodePoints``), as everywhere in reportlint."""

from __future__ import annotations

import json
from pathlib import PurePath

from .. import __version__
from . import Context

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _uri(path: str | None) -> str:
    return PurePath(path).as_posix() if path else "stdin"


def _rule(rule) -> dict:
    return {
        "id": rule.id,
        "name": rule.id,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.description.strip()},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {"kind": rule.kind, "fixable": rule.fixable},
    }


def _region(start, end) -> dict:
    return {
        "startLine": start.line,
        "startColumn": start.column,
        "endLine": end.line,
        "endColumn": end.column,
        "charOffset": start.offset,
        "charLength": end.offset - start.offset,
    }


def _result(path: str | None, d, index: dict[str, int]) -> dict:
    location = {"physicalLocation": {"artifactLocation": {"uri": _uri(path)}, "region": _region(d.start, d.end)}}
    result = {"ruleId": d.rule, "level": _LEVEL[d.severity], "message": {"text": d.message}, "locations": [location]}
    if d.rule in index:
        result["ruleIndex"] = index[d.rule]
    if d.fix is not None and d.fix_range is not None:
        replacement = {"deletedRegion": _region(*d.fix_range), "insertedContent": {"text": d.fix.replacement}}
        result["fixes"] = [{"description": {"text": f"replace with “{d.fix.replacement}”"},
                            "artifactChanges": [{"artifactLocation": {"uri": _uri(path)},
                                                 "replacements": [replacement]}]}]  # fmt: skip
    return result


def document(results, context: Context) -> dict:
    fired = sorted({d.rule for r in results for d in r.diagnostics})
    rules = [context.rules[rule_id] for rule_id in fired if rule_id in context.rules]
    index = {rule.id: i for i, rule in enumerate(rules)}
    notifications = [
        {"level": "error", "message": {"text": f"{r.path}: {r.error}"},
         "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(r.path)}}}]}  # fmt: skip
        for r in results
        if r.error
    ]
    run = {
        "tool": {"driver": {"name": "reportlint", "version": __version__, "rules": [_rule(r) for r in rules]}},
        "columnKind": "unicodeCodePoints",
        "results": [_result(r.path, d, index) for r in results for d in r.diagnostics],
        "invocations": [{"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}],
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def render(results, context: Context) -> str:
    return json.dumps(document(results, context), ensure_ascii=False)
