"""One JSON object per line: each diagnostic, then each unreadable input as ``{"path", "error"}``."""

from __future__ import annotations

import json

from . import Context


def render(results, context: Context) -> str:
    lines = [json.dumps(d.to_dict(), ensure_ascii=False) for r in results for d in r.diagnostics]
    lines += [json.dumps({"path": r.path, "error": r.error}, ensure_ascii=False) for r in results if r.error]
    return "\n".join(lines)
