"""Output formats. Each module has ``render(results, context) -> str`` and only formats:
what to report was decided before it is called."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import import_module

FORMATS = ("text", "concise", "json", "json-lines", "sarif", "github")


@dataclass(frozen=True)
class Context:
    color: bool = False
    statistics: bool = False
    fixed: int = 0  # fixes applied in this run (shown in the summary)
    rules: dict = field(default_factory=dict)  # rule id → Rule, for formats that describe rules


def render(name: str, results, context: Context) -> str:
    module = import_module(f"reportlint.formats.{name.replace('-', '')}")
    return module.render(results, context)
