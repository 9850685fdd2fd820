"""The contract of a rule kind: one typed object that says everything the loader, the engine
and the documentation need to know about it.

A kind module exposes ``KIND = Kind(...)``. The loader validates a rule's parameters against
``params`` (types and choices), refuses a message that names a field the kind does not
provide, and asks ``fixable`` whether the rule's findings can carry fixes; the engine reads
``scoped``; ``reportlint kinds`` writes the reference page from all of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Literal, Protocol

from reportlint.base.columns import unfold
from reportlint.base.i18n import language
from reportlint.outline.model import Document
from reportlint.rules.diagnostics import Finding, Unlisted
from reportlint.rules.kinds.params import Param

FixAvailability = Literal["always", "sometimes", "never"]
FIX_AVAILABILITY: tuple[FixAvailability, ...] = ("always", "sometimes", "never")


class Check(Protocol):
    """A compiled rule: called on each document, it yields what it finds (and perhaps the
    number of findings it need not make, as they could not be kept: :class:`Unlisted`)."""

    def __call__(self, doc: Document, /) -> Iterable[Finding | Unlisted]: ...


class Kind:
    """A rule kind's declaration.

    ``fix`` says whether its findings carry fixes: ``always``, ``never``, or ``sometimes``, in
    which case ``fixes_when(params)`` decides for one rule (``keep: last``, ``check: style``).
    ``fields`` are the names its findings fill in, and so all a message may use. ``engine`` is
    set for the kinds whose findings the engine itself makes (a rule that failed, a
    suppression that silenced nothing) rather than a check over the document; their
    ``compile`` gives a check that finds nothing by itself. ``doc_zh`` (and each parameter's)
    is the description in Chinese, as ``description-zh`` is a rule's. (A plain class: a frozen
    dataclass compiles five methods at every start, 3.4 M instructions.)
    """

    __slots__ = (
        "name", "doc", "params", "scoped", "fix", "fields", "compile", "fixes_when", "engine", "examples_fire",
        "doc_zh",
    )  # fmt: skip

    def __init__(
        self,
        name: str,
        doc: str,  # the kind module's docstring: what it checks, how, and its parameters in prose
        params: Mapping[str, Param],
        scoped: bool,
        fix: FixAvailability,
        fields: tuple[str, ...],
        compile: Callable[[dict[str, Any]], Check],
        fixes_when: Callable[[dict[str, Any]], bool] | None = None,
        engine: Literal["rule-error", "unused-suppression", "too-many-findings"] | None = None,
        examples_fire: bool = True,  # False where no document alone can make it fire (rule-error)
        doc_zh: str = "",  # ``doc`` in Chinese, shown in a Chinese interface (a plugin kind may leave it out)
    ) -> None:
        self.name, self.doc, self.params, self.scoped, self.fix = name, doc, params, scoped, fix
        self.fields, self.compile, self.fixes_when, self.engine = fields, compile, fixes_when, engine
        self.examples_fire, self.doc_zh = examples_fire, doc_zh
        if self.fix not in FIX_AVAILABILITY:
            raise ValueError(f"kind {self.name}: fix is one of {', '.join(FIX_AVAILABILITY)}")
        if (self.fix == "sometimes") != (self.fixes_when is not None):
            raise ValueError(f"kind {self.name}: fixes_when is given exactly when fix is 'sometimes'")

    @property
    def summary(self) -> str:
        """The description's first sentence in the interface language, without the docstring's
        leading ``name``."""
        description = self.describe()
        paragraph = unfold(description.strip().split("\n\n")[0])
        end = r"(?<=。)(?![。，、”’）)])" if description is self.doc_zh else r"(?<=\.)\s"  # 。 not inside “。。”
        sentence = re.split(end, paragraph, maxsplit=1)[0]
        return sentence.removeprefix(f"``{self.name}``: ") or self.name

    def describe(self) -> str:
        """The description in the interface language: ``doc_zh`` in Chinese if there is one."""
        return self.doc_zh if self.doc_zh and language() == "zh" else self.doc

    def fixable(self, params: dict[str, Any]) -> bool:
        """Whether a rule of this kind with ``params`` (validated) gives fixes."""
        if self.fixes_when is not None:
            return self.fixes_when(params)
        return self.fix == "always"


def nothing(doc: Document) -> Iterable[Finding]:
    """The check of an engine-made kind: the engine reports its findings, not a pass over ``doc``."""
    return ()
