"""Compiled rules and report types: what the loader makes of the YAML rule packs."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import regex

from reportlint.base.i18n import language
from reportlint.base.record import NamedTuple
from reportlint.base.regexes import found
from reportlint.outline.model import Document, ReportType
from reportlint.rules.diagnostics import Finding, Unlisted

SCOPES = ("title", "headings", "body")
GENERAL = "general"


class Example:
    """A text a rule must fire on ``count`` times (0: stay quiet on). ``at`` pins where each
    finding starts (line, column); ``fixed`` pins the text once the rule's fixes are applied;
    ``path`` names the example's file (Markdown for a suppression comment). A plain class: a
    dataclass compiles its methods at every start, and a named tuple already has ``count``."""

    __slots__ = ("text", "count", "at", "fixed", "path")

    def __init__(
        self,
        text: str,
        count: int,
        at: tuple[tuple[int, int], ...] | None = None,
        fixed: str | None = None,
        path: str | None = None,
    ) -> None:
        self.text, self.count, self.at, self.fixed, self.path = text, count, at, fixed, path

    def __repr__(self) -> str:
        return f"Example({self.text!r}, {self.count})"


class Rule(NamedTuple):
    id: str
    kind: str
    severity: str
    message: str
    description: str
    check: Callable[[Document], Iterable[Finding | Unlisted]]
    scope: frozenset[str] | None = None  # as written; see ``scoped``
    scoped: bool = False  # the kind's findings are filtered by scope (all of them when ``scope`` is None)
    engine: str | None = None  # which engine-made diagnostic this rule reports (its kind's ``engine``)
    types: frozenset[str] | None = None
    default: bool = True
    fixable: bool = False
    fix: str = "unsafe"  # the applicability of this rule's fixes: "safe" or "unsafe"
    examples: Sequence[Example] = ()
    origin: str = ""  # file:line where the rule is defined
    description_zh: str = ""  # the description in Chinese (``description-zh``), shown in a Chinese interface

    def describe(self) -> str:
        """The description in the interface language: in Chinese, ``description-zh`` if the rule
        has one, else the English ``description``."""
        return self.description_zh if self.description_zh and language() == "zh" else self.description

    @property
    def summary(self) -> str:
        """The first sentence of the description in the interface language."""
        description = self.describe()
        joiner = "" if description is self.description_zh else " "  # Chinese lines join without a space
        text = joiner.join(line.strip() for line in description.split("\n") if line.strip())
        return regex.split(r"(?<=\.)\s|(?<=。)", text, maxsplit=1)[0].rstrip(".。") or self.id

    def applies_to(self, report_type: str) -> bool:
        return self.types is None or report_type in self.types


class RuleSet(NamedTuple):
    rules: list[Rule]
    types: list[ReportType]

    def by_id(self) -> dict[str, Rule]:
        return {rule.id: rule for rule in self.rules}

    def report_type(self, title: str | None, override: str | None = None) -> ReportType:
        """The type named by ``override``, else the first whose title pattern matches."""
        for report_type in self.types:
            if override is not None:
                if report_type.id == override:
                    return report_type
            elif title and report_type.title is not None and found(report_type.title, title):
                return report_type
        return ReportType(override or GENERAL, override or GENERAL, None)
