"""Output formats. Each module has a ``Writer`` whose ``begin()``, ``add(result)`` and
``end(summary)`` return text, so output streams file by file while a run goes on; formats only
format: what to report was decided before they are called."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from importlib import import_module
from types import MappingProxyType
from typing import Any

from reportlint.formats.summary import Result, Summary

FORMATS = ("text", "concise", "json", "json-lines", "sarif", "github", "html")
# Where a rule's documentation is: its section of docs/rules.md. The project has no public
# URL, so the default is a reference relative to the repository; REPORTLINT_DOCS_URL names
# another place for that page (an internal Git server, a docs site).
DOCS_URL_VARIABLE = "REPORTLINT_DOCS_URL"
DEFAULT_DOCS_URL = "docs/rules.md"
# Control characters shown as their Unicode pictures (␛ for ESC), one column each as before: text
# from a document or a file name never reaches a terminal as an escape sequence.
_PICTURES = {code: 0x2400 + code for code in range(32) if code != 9} | {0x7F: 0x2421}
_PICTURES |= dict.fromkeys(range(0x80, 0xA0), 0xFFFD)


def printable(text: str) -> str:
    """``text`` safe to print on a terminal: control characters (but tabs) made visible."""
    return text.translate(_PICTURES)


class Context:
    __slots__ = ("color", "statistics", "rules", "docs_url")

    def __init__(
        self,
        color: bool = False,
        statistics: bool = False,
        rules: Mapping[str, Any] = MappingProxyType({}),  # rule id → Rule, for formats that describe rules
        docs_url: str | None = None,  # the rules page (REPORTLINT_DOCS_URL); a rule's help is its section there
    ) -> None:
        self.color, self.statistics, self.rules, self.docs_url = color, statistics, rules, docs_url

    def help_uri(self, rule_id: str) -> str:
        """The address of a rule's section of the rules page (the project's own page, relative,
        unless one is given)."""
        return f"{self.docs_url or DEFAULT_DOCS_URL}#{rule_id}"

    def help(self, rule_id: str) -> str:
        """Where a person reads about a rule: the rules page given, or else the command that
        explains it, which works wherever reportlint is installed (a pip install has no docs/)."""
        return self.help_uri(rule_id) if self.docs_url else f"reportlint explain {rule_id}"


class Writer:
    """The base of every format: nothing before, nothing per file, nothing after."""

    def __init__(self, context: Context) -> None:
        self.context = context

    def begin(self) -> str:
        return ""

    def add(self, result: Result) -> str:
        return ""

    def end(self, summary: Summary) -> str:
        return ""


def writer(name: str, context: Context) -> Writer:
    return import_module(f"reportlint.formats.{name.replace('-', '')}").Writer(context)


def render(name: str, results: Iterable[Result], context: Context, fixed: int = 0) -> str:
    """The whole output for ``results`` at once (the API's and tests' form of a writer)."""
    out = writer(name, context)
    summary = Summary(fixed=fixed)
    parts = [out.begin()]
    for result in results:
        summary.add(result)
        parts.append(out.add(result))
    parts.append(out.end(summary))
    return "".join(parts)
