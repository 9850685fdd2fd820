"""Declaring and validating the parameters of a rule kind.

Each kind lists its parameters as :class:`Param` values; the loader validates a rule's
parameters against them, so a rule file with a wrong type or a bad regex fails at load time
with the file, line and column of the offending key.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import regex

from reportlint.base import regexcode
from reportlint.base.filtered import FilteredPass
from reportlint.base.i18n import _, language
from reportlint.base.literals import literal_matches as literal_matches  # the kinds import it from here
from reportlint.base.regexes import finditer, plain, too_large
from reportlint.base.source import Span
from reportlint.rules.syntaxerrors import regex_reason


class ParamError(ValueError):
    """A rule parameter is invalid; ``key`` names it (None for the rule as a whole)."""

    def __init__(self, key: str | None, message: str) -> None:
        super().__init__(message)
        self.key = key


PARAM_TYPES = ("str", "int", "bool", "regex", "str-list", "regex-list", "mapping", "list")


class Param:
    """One parameter of a kind. ``choices`` makes an enum-like ``str`` parameter: any other
    value is refused at load time with the choices named. ``doc_zh`` is ``doc`` in Chinese.
    (A plain class: a frozen dataclass compiles five methods at every start, 3.4 M instructions.)"""

    __slots__ = ("type", "doc", "required", "default", "choices", "doc_zh")

    def __init__(
        self,
        type: str,  # one of PARAM_TYPES
        doc: str,
        required: bool = False,
        default: Any = None,
        choices: tuple[str, ...] | None = None,
        doc_zh: str = "",
    ) -> None:
        self.type, self.doc, self.required, self.default = type, doc, required, default
        self.choices, self.doc_zh = choices, doc_zh
        if self.type not in PARAM_TYPES:
            raise ValueError(f"unknown parameter type {self.type!r}")
        if self.choices is not None and (
            self.type != "str" or (self.default is not None and self.default not in self.choices)
        ):
            raise ValueError("choices are for 'str' parameters, and the default is one of them")

    def describe(self) -> str:
        """``doc`` in the interface language."""
        return self.doc_zh if self.doc_zh and language() == "zh" else self.doc


def compile_regex(pattern: str, key: str | None) -> regex.Pattern:
    """A user's regex, refused before compiling if it would compile to something huge."""
    if not isinstance(pattern, str) or not pattern:
        raise ParamError(key, _("expected a non-empty regular expression"))
    reason = too_large(pattern)
    if reason:
        shown = pattern if len(pattern) <= 60 else pattern[:60] + "…"
        raise ParamError(
            key, _("regular expression {pattern} is too large: {reason}").format(pattern=repr(shown), reason=reason)
        )
    try:
        return regexcode.compile(pattern, regex.VERSION0)
    except (regex.error, OverflowError, RecursionError) as exc:
        raise ParamError(
            key,
            _("bad regular expression {pattern}: {reason}").format(
                pattern=repr(pattern),
                reason=regex_reason(getattr(exc, "msg", None) or str(exc), getattr(exc, "pos", None)),
            ),
        ) from None


def one_pass(source: Any, key: str, compiled: regex.Pattern | None = None) -> FilteredPass:
    """A pass of one user regex (:mod:`~reportlint.base.filtered`: searched only where its RE2
    twin matches); compiled now, to report a bad one, unless inside :func:`trusted`."""
    if compiled is None and (checks_alone() or not isinstance(source, str) or not source):
        compiled = compile_regex(source, key)
    return FilteredPass([source], joined=False, compiled=compiled)


def searchable(pattern: str, key: str | None) -> regex.Pattern | str:
    """A user's regex that is only ever asked whether it matches (a report type's title, a
    section's aliases): plain text stays text (:func:`~reportlint.base.regexes.found` looks for
    it with ``in``; every built-in alias is a plain word), anything else is compiled."""
    if isinstance(pattern, str) and pattern and plain(pattern) and not too_large(pattern):
        return pattern
    return compile_regex(pattern, key)


_checking_alone: ContextVar[bool] = ContextVar("reportlint_check_regexes_alone", default=True)


@contextmanager
def trusted() -> Iterator[None]:
    """Inside this block, kinds skip the compiles that only validate: a regex compiled by itself
    to name it in an error, when it is used only inside a larger one; and ``pattern`` and
    ``substitution`` compile their regexes only when a text first needs them (``base.filtered``:
    with RE2's twins, most never are). For the built-in packs, which the test suite proves valid
    one pattern at a time. Compiling costs a cold start more than anything else it does."""
    token = _checking_alone.set(False)
    try:
        yield
    finally:
        _checking_alone.reset(token)


def checks_alone() -> bool:
    """False inside :func:`trusted`."""
    return _checking_alone.get()


def compile_parts(joined: str, key: str, parts: list[str], part_key: str) -> regex.Pattern:
    """``joined`` (made of ``parts``) compiled; each part is compiled by itself first, so that a
    bad one is named alone, unless inside :func:`trusted`, where that happens only on failure."""
    if checks_alone():
        for part in parts:
            compile_regex(part, part_key)
        return compile_regex(joined, key)
    try:
        return compile_regex(joined, key)
    except ParamError:
        for part in parts:
            compile_regex(part, part_key)
        raise


def _check_list(value: Any, key: str, item: Callable[[Any], bool], what: str) -> list:
    if not isinstance(value, list) or not value or not all(item(v) for v in value):
        raise ParamError(key, what)
    return value


def validate(params: Mapping[str, Param], raw: Mapping[str, Any]) -> dict[str, Any]:
    """Check ``raw`` against ``params``; return the values with defaults filled in."""
    out: dict[str, Any] = {}
    for key, spec in params.items():
        if key not in raw:
            if spec.required:
                raise ParamError(None, _("missing required parameter '{key}'").format(key=key))
            out[key] = spec.default
            continue
        value = _convert(key, spec.type, raw[key])
        if spec.choices is not None and value not in spec.choices:
            raise ParamError(
                key,
                _("'{key}' is one of {choices}, not {value}").format(
                    key=key, choices=", ".join(spec.choices), value=repr(value)
                ),
            )
        out[key] = value
    return out


def _convert(key: str, kind: str, value: Any) -> Any:
    if kind == "str" and isinstance(value, str):
        return value
    if kind == "int" and isinstance(value, int) and not isinstance(value, bool):
        return value
    if kind == "bool" and isinstance(value, bool):
        return value
    if kind == "regex":
        return compile_regex(value, key)
    if kind == "str-list":
        return _check_list(
            value, key, lambda v: isinstance(v, str) and v != "", _("expected a non-empty list of strings")
        )
    if kind == "regex-list":
        return [
            compile_regex(v, key)
            for v in _check_list(value, key, lambda v: True, _("expected a non-empty list of regexes"))
        ]
    if kind == "mapping" and isinstance(value, dict) and value:
        return value
    if kind == "list" and isinstance(value, list) and value:
        return value
    raise ParamError(key, _("expected {type}, got {given}").format(type=kind, given=type(value).__name__))


class Exempt:
    """The spans of a text that a rule's ``skip`` patterns exclude (URLs, e-mail, …), searched
    only when the rule first asks about a finding: most reports give such a rule no candidate at
    all, and each ``regex`` search under the time budget reads the CPU clock, a system call."""

    __slots__ = ("_text", "_skip", "_spans")

    def __init__(self, text: str, skip: list[regex.Pattern] | None) -> None:
        self._text, self._skip = text, skip
        self._spans: list[Span] | None = None if skip else []

    def covers(self, start: int, end: int) -> bool:
        """Whether ``start``–``end`` lies inside a match of a ``skip`` pattern."""
        spans = self._spans
        if spans is None:
            assert self._skip is not None
            spans = self._spans = sorted(Span(m.start(), m.end()) for p in self._skip for m in finditer(p, self._text))
        return inside_any(start, end, spans)


SKIP_FORMS = Param(
    "mapping", "wrong forms (keys) another rule already reports", doc_zh="另一条规则已报告的错误写法（键）"
)


def left_to_forms(text: str, forms: tuple[str, ...], places: Iterable[int]) -> set[int]:
    """Those of ``places`` inside one of ``forms`` (``skip-forms``): wrong forms another rule
    reports, left to it so that one slip gives one finding."""
    wanted = set(places)
    if not wanted or not forms:
        return set()
    listed = literal_matches(text, forms)
    return {at for at in wanted if any(start <= at < end for start, end, _ in listed)}


def inside_any(start: int, end: int, spans: list[Span]) -> bool:
    return any(s.start <= start and end <= s.end for s in spans)
