"""One JSON object per line: each diagnostic as it is found, then each unreadable input as
``{"path", "error"}`` where it occurs."""

from __future__ import annotations

import json

from . import Context
from .summary import Summary


class Writer:
    def __init__(self, context: Context) -> None:
        self.context = context

    def begin(self) -> str:
        return ""

    def add(self, result) -> str:
        lines = [json.dumps(d.to_dict(), ensure_ascii=False) for d in result.diagnostics]
        if result.error:
            lines.append(json.dumps({"path": result.path, "error": result.error}, ensure_ascii=False))
        return "".join(line + "\n" for line in lines)

    def end(self, summary: Summary) -> str:
        return ""
