"""The built-in ``re`` patterns made from code kept in the user cache, so that a start does not
run ``re``'s pattern parser and code generator again (pure Python, the largest single cost of a
start: docs/performance.md, "Round 7: cold start").

``re.compile`` parses a pattern into a tree and generates its SRE code in Python, then hands
the code to the C constructor ``_sre.compile``. :func:`compile` keeps what it handed over (the
flags, the code as a list of integers, the groups and their names) in the user cache
(``codecache``), and on later starts calls ``_sre.compile`` with it directly.

``_sre.compile`` and its code are private to CPython; they are used here deliberately, and this
is why it is safe:

- The code changes between Python versions, so the entry is keyed by ``sys.version``,
  ``_sre.MAGIC``, ``_sre.CODESIZE`` and ``sys.maxunicode``, and records them again inside; any
  mismatch, any error, a missing ``_sre.compile`` fall back to ``re.compile``.
- Code is stored only if ``_sre.compile`` of it gives a pattern equal to ``re.compile``'s
  (``Pattern.__eq__`` compares the flags, the pattern and the code).
- ``_sre.compile`` validates the code it is given, but not completely: one changed word of a
  generated code (an ``IN`` set's skip inside a look-ahead) crashes CPython 3.11.7 (tested).
  So an entry is used only if it is ours alone and its SHA-256 matches (``codecache``): a
  damaged or truncated entry is a miss, never a crash. Writing a matching entry takes the
  user's own rights, which could as well edit the installed package.
"""

from __future__ import annotations

import re
import sys
from re import _compiler, _parser  # type: ignore[attr-defined]
from typing import Any

from reportlint.base.codecache import CodeCache

try:
    import _sre  # type: ignore[import-not-found]

    INTERPRETER = f"{sys.version}|{_sre.MAGIC}|{_sre.CODESIZE}|{sys.maxunicode}"
except (ImportError, AttributeError):  # another interpreter: re.compile only
    _sre = None
    INTERPRETER = ""

CACHE = CodeCache("sre", INTERPRETER)


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:  # noqa: A001 - it is re.compile
    """``re.compile(pattern, flags)``, from the cached code when there is one."""
    key = f"{int(flags)}:{pattern}"
    code = CACHE.get(key) if _sre is not None else None
    if code is not None:
        made = _made(pattern, code)
        if made is not None:
            return made
    compiled = re.compile(pattern, flags)
    code = generated(pattern, flags)
    if code is not None and _made(pattern, code) == compiled:
        CACHE.put(key, code)
    return compiled


def generated(pattern: str, flags: int) -> list[Any] | None:
    """What ``re._compiler.compile`` hands to ``_sre.compile`` for ``pattern``, as JSON data:
    flags, code, groups, group index, index group."""
    if _sre is None:
        return None
    try:
        tree = _parser.parse(pattern, flags)
        code = [int(word) for word in _compiler._code(tree, flags)]
        state = tree.state
        names: list[str | None] = [None] * state.groups
        for name, index in state.groupdict.items():
            names[index] = name
        return [int(flags | state.flags), code, state.groups - 1, dict(state.groupdict), names]
    except Exception:  # re's internals are not ours: if they differ, re.compile alone
        return None


def _made(pattern: str, code: Any) -> re.Pattern[str] | None:
    try:
        flags, words, groups, index, names = code
        made: re.Pattern[str] = _sre.compile(pattern, flags, list(words), groups, dict(index), tuple(names))
    except Exception:  # a code this _sre refuses: a miss
        return None
    return made
