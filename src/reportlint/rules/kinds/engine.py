"""The kinds whose findings the engine makes itself, declared like any other kind so that
their rules live in a rule file, are selected, explained and listed like the rest."""

from __future__ import annotations

from reportlint.rules.kinds.contract import Check, Kind, nothing

_RULE_ERROR_DOC = """``rule-error``: a rule failed on this document (made by the engine).

No parameters. When a rule raises (its regex ran out of time, a third-party kind has a bug),
the run goes on and the engine reports it with a rule of this kind, at the title. A rule of
this kind is told whatever the selection, so that a failing rule is never silent. No document
alone makes it fire, so its rules have only examples that stay quiet. The message may name
``{rule}`` and ``{reason}``.
"""

_UNUSED_SUPPRESSION_DOC = """``unused-suppression``: a suppression that silences nothing (made by the engine).

No parameters. In Markdown, ``<!-- reportlint-disable id -->`` silences rules; a suppression
that silenced no finding is reported at the comment, as ruff does for an unused ``noqa``. The
message may name ``{names}`` (the rules it names, or "all rules").
"""


def compile(params: dict) -> Check:
    return nothing


RULE_ERROR = Kind(
    "rule-error",
    _RULE_ERROR_DOC,
    {},
    scoped=False,
    fix="never",
    fields=("rule", "reason"),
    compile=compile,
    engine="rule-error",
    examples_fire=False,
)
UNUSED_SUPPRESSION = Kind(
    "unused-suppression",
    _UNUSED_SUPPRESSION_DOC,
    {},
    scoped=False,
    fix="never",
    fields=("names",),
    compile=compile,
    engine="unused-suppression",
)
