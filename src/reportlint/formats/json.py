"""The versioned JSON output, the stable contract for editors and scripts.

See ``docs/json-output.md`` and the schema ``src/reportlint/schemas/output.schema.json``.
"""

from __future__ import annotations

import json

from . import Context
from .summary import rule_counts

VERSION = 1


def document(results, context: Context) -> dict:
    out = {
        "version": VERSION,
        "diagnostics": [d.to_dict() for r in results for d in r.diagnostics],
        "errors": [{"path": r.path, "message": r.error} for r in results if r.error],
    }
    if context.statistics:
        out["statistics"] = [
            {"rule": rule, "severity": severity, "count": n, "fixable": fixable}
            for rule, severity, n, fixable in rule_counts(results)
        ]
    return out


def render(results, context: Context) -> str:
    return json.dumps(document(results, context), ensure_ascii=False)
