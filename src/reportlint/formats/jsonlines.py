"""One JSON object per line: each diagnostic as it is found, then each unreadable input as
``{"path", "error"}`` where it occurs."""

from __future__ import annotations

import json

from reportlint.formats import Writer as BaseWriter
from reportlint.formats.json import objects
from reportlint.formats.summary import Result


class Writer(BaseWriter):
    def add(self, result: Result) -> str:
        lines = objects(result.diagnostics)
        if result.error:
            lines.append(json.dumps({"path": result.path, "error": result.error}, ensure_ascii=False))
        return "".join(line + "\n" for line in lines)
