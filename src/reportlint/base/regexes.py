"""User regular expressions: checked for size before they are compiled, and run under one time
budget per document.

A rule file is data, but a regex is a small program: ``(?:x{65535}){65535}`` compiles to
gigabytes, ``(a+)+$`` backtracks for ever. So a pattern is refused before compiling when it is
long or its counted repetitions are large (nested ones multiply), and every search of a user
regex — rule patterns, ``skip`` lists, report-type titles, section aliases — draws on one budget
of :data:`REGEX_BUDGET` seconds of searching for the whole document, however many rules there
are. Built-in kinds' own ``re`` patterns are code, not data, and are not limited.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from time import monotonic
from typing import Any

import regex

from reportlint.base import srecode
from reportlint.base.i18n import _

REGEX_BUDGET = 2.0  # seconds of user-regex searching per document, all rules together
MAX_PATTERN_LENGTH = 20_000
MAX_REPEAT = 1_000  # the largest count in a {m,n} repetition
MAX_WEIGHT = 100_000  # the largest product of nested counted repetitions

_COUNT = srecode.compile(r"\{(\d*)(?:,(\d*))?\}")
_SPECIAL = frozenset(".^$*+?{}[]\\|()")


class _Budget:
    """Seconds of searching left to one document. Only time inside a search is charged: a
    lexicon table built on first use, the rules' own Python work or another process taking the
    CPU must not spend it (with a deadline on the wall clock, a first run on a cold cache timed
    out every rule of its first document)."""

    __slots__ = ("left",)

    def __init__(self, seconds: float) -> None:
        self.left = seconds

    def timeout(self) -> float:
        """What is left; ``TimeoutError`` once it is spent, so later searches fail at once."""
        if self.left <= 0:
            raise TimeoutError("the document's regex time budget is spent")
        return self.left


_budget: ContextVar[_Budget | None] = ContextVar("reportlint_regex_budget", default=None)


@contextmanager
def budget(seconds: float = REGEX_BUDGET) -> Iterator[None]:
    """Every user-regex search inside this block shares ``seconds`` of searching."""
    token = _budget.set(_Budget(seconds))
    try:
        yield
    finally:
        _budget.reset(token)


def finditer(pattern: regex.Pattern | re.Pattern, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[Any]:
    """``pattern.finditer`` under the budget (``re`` patterns are the kinds' own, not limited)."""
    end = len(text) if endpos is None else endpos
    if isinstance(pattern, re.Pattern):
        return pattern.finditer(text, pos, end)
    spent = _budget.get()
    if spent is None:
        return pattern.finditer(text, pos, end, timeout=REGEX_BUDGET)
    return _charged(pattern.finditer(text, pos, end, timeout=spent.timeout()), spent)


def _charged(matches: Iterator[Any], spent: _Budget) -> Iterator[Any]:
    """The matches, each one's search charged to the budget (``regex`` times each step of a
    ``finditer`` on its own, so the time a caller spends between matches is not searching)."""
    while True:
        spent.timeout()
        start = monotonic()
        try:
            found = next(matches, None)
        finally:
            spent.left -= monotonic() - start
        if found is None:
            return
        yield found


def search(pattern: regex.Pattern, text: str) -> regex.Match | None:
    """``pattern.search`` under the budget."""
    spent = _budget.get()
    if spent is None:
        return pattern.search(text, timeout=REGEX_BUDGET)
    start = monotonic()
    try:
        return pattern.search(text, timeout=spent.timeout())
    finally:
        spent.left -= monotonic() - start


def plain(pattern: str) -> bool:
    """Whether a regex is plain text: with no character that is special outside a class (the
    ``(`` of a flag group or a look-around among them), it matches exactly where the text holds
    it, so it needs no compiling (``regex`` compiles each such word in some 0.3 M instructions)."""
    return not _SPECIAL.intersection(pattern)


def found(pattern: regex.Pattern | str, text: str) -> bool:
    """Whether a user regex matches in ``text``: a compiled one searched under the budget, plain
    text (see :func:`plain`) kept as a string and found by ``in``, which cannot take long."""
    return pattern in text if isinstance(pattern, str) else search(pattern, text) is not None


def lazy(pattern: str) -> Callable[[], re.Pattern]:
    """A ``re`` pattern of the code's own, compiled on its first use: for one a run may never
    need. A class of Chinese characters costs ``re`` some 2 M instructions to compile (one
    spanning U+4E00–U+9FFF, 18 M), a fair share of a cold start."""
    return lru_cache(maxsize=1)(lambda: srecode.compile(pattern))


def too_large(pattern: str) -> str | None:
    """Why ``pattern`` may not be compiled (its size), or None."""
    if len(pattern) > MAX_PATTERN_LENGTH:
        return _("longer than {limit} characters").format(limit=MAX_PATTERN_LENGTH)
    if max((_bound(m) for m in _COUNT.finditer(pattern)), default=0) > MAX_REPEAT:
        return _("a repetition count above {limit}").format(limit=MAX_REPEAT)
    weight = _repetition_weight(pattern)
    if weight > MAX_WEIGHT:
        return _("nested repetitions multiply to {weight}, above {limit}").format(weight=weight, limit=MAX_WEIGHT)
    return None


def _bound(match: re.Match) -> int:
    return max((int(n) for n in match.groups() if n), default=0)


def _repetition_weight(pattern: str) -> int:
    """How many times the most repeated atom is repeated, counting nested ``{m,n}`` (``*``
    and ``+`` loop rather than unroll, so they count once). Escapes and character classes are
    single atoms; a ``{`` that is not a repetition is a literal."""
    stack = [1]  # the heaviest atom so far in each open group
    last, i = 1, 0  # the weight of the previous atom, which a repetition multiplies
    while i < len(pattern):
        char = pattern[i]
        if char == "(":
            stack.append(1)
            last, i = 1, i + 1
            continue
        if char == ")" and len(stack) > 1:
            last, i = stack.pop(), i + 1
        elif char == "{" and (count := _COUNT.match(pattern, i)):
            last, i = last * max(1, _bound(count)), count.end()
        elif char == "[":
            last, i = 1, _skip_class(pattern, i)
        else:
            last, i = 1, i + (2 if char == "\\" else 1)
        stack[-1] = max(stack[-1], last)
    return max(stack)


def _skip_class(pattern: str, i: int) -> int:
    """The index after the character class opening at ``i``."""
    j = i + 1
    if j < len(pattern) and pattern[j] == "^":
        j += 1
    if j < len(pattern) and pattern[j] == "]":
        j += 1
    while j < len(pattern) and pattern[j] != "]":
        j += 2 if pattern[j] == "\\" else 1
    return j + 1
