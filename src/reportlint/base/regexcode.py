"""``regex`` patterns made from code kept in the user cache, so that a start does not run
``regex``'s pattern parser and compiler again (pure Python: docs/performance.md, "Round 7:
cold start").

``regex.compile`` parses a pattern, optimises it and compiles it to a list of integers in
Python, then hands that to the C constructor ``_regex.compile``. :func:`compile` records what
was handed over the first time (``regex.compile`` run with the module's ``_regex`` seen through
a recorder) and keeps it in the user cache (``codecache``); later starts call
``_regex.compile`` with it directly.

``_regex.compile`` is private to ``regex``; it is used here deliberately, and this is why it is
safe:

- The entry is keyed by ``sys.version``, ``regex.__version__``, ``_regex.MAGIC``,
  ``_regex.CODE_SIZE`` and ``regex.DEFAULT_VERSION``; any mismatch or error falls back to
  ``regex.compile``.
- A code is stored only if it reads back from JSON exactly as recorded (so never one with
  named lists, which are not kept), and never for a pattern that depends on the locale.
- ``_regex`` trusts the code it is given, so an entry is used only if it is ours alone and its
  SHA-256 matches (``codecache``): a damaged or truncated entry is a miss, never a crash.
- A pattern ``regex.compile`` refuses raises as before: nothing is stored for it.
"""

from __future__ import annotations

import json
import sys
import threading
from functools import lru_cache
from typing import Any

import regex
from regex import _main

from reportlint.base.codecache import CodeCache

_regex: Any = _main._regex  # type: ignore[attr-defined]
INTERPRETER = (
    f"{sys.version}|regex {regex.__version__}|{getattr(_regex, 'MAGIC', '')}|"
    f"{getattr(_regex, 'CODE_SIZE', '')}|{regex.DEFAULT_VERSION}|{sys.maxunicode}"
)
CACHE = CodeCache("regex", INTERPRETER)
_RECORDING = threading.Lock()


@lru_cache(maxsize=1024)
def compile(pattern: str, flags: int = 0) -> regex.Pattern:  # noqa: A001 - it is regex.compile
    """``regex.compile(pattern, flags)``, from the cached code when there is one. One object
    per pattern in a process, as ``regex``'s own cache gives (its patterns compare by identity,
    so two checks built from one rule compare equal)."""
    key = f"{int(flags)}:{pattern}"
    code = CACHE.get(key)
    if code is not None:
        made = _made(pattern, code)
        if made is not None:
            return made
    compiled, args = _recorded(pattern, flags)
    code = _data(pattern, args)
    if code is not None:
        CACHE.put(key, code)
    return compiled


class _Recorder:
    """``_regex`` as ``regex._main`` sees it while one pattern compiles: the arguments of its
    ``compile`` are kept."""

    def __init__(self) -> None:
        self.args: tuple[Any, ...] | None = None

    def __getattr__(self, name: str) -> Any:
        return getattr(_regex, name)

    def compile(self, *args: Any) -> Any:
        self.args = args
        return _regex.compile(*args)


def _recorded(pattern: str, flags: int) -> tuple[regex.Pattern, tuple[Any, ...] | None]:
    recorder = _Recorder()
    with _RECORDING:
        _main._regex = recorder  # type: ignore[attr-defined,assignment]
        try:
            compiled = regex.compile(pattern, flags, cache_pattern=False)
        finally:
            _main._regex = _regex  # type: ignore[attr-defined]
    return compiled, recorder.args


def _data(pattern: str, args: tuple[Any, ...] | None) -> list[Any] | None:
    """The recorded arguments as JSON data, if they are plain and read back the same."""
    if args is None or len(args) != 11 or args[0] != pattern:
        return None
    _, flags, code, index, groups, named, named_indexes, offset, chars, char_flags, count = args
    if flags & regex.LOCALE:
        return None
    data = [int(flags), code, index, [[k, v] for k, v in groups.items()], offset, list(chars), int(char_flags), count]
    try:
        again = json.loads(json.dumps(data))
    except (TypeError, ValueError):
        return None
    return data if _arguments(pattern, again) == args else None


def _arguments(pattern: str, data: Any) -> tuple[Any, ...]:
    flags, code, index, groups, offset, chars, char_flags, count = data
    return (
        pattern,
        flags,
        list(code),
        dict(index),
        {k: v for k, v in groups},
        {},
        [],
        offset,
        tuple(chars),
        char_flags,
        count,
    )


def _made(pattern: str, code: Any) -> regex.Pattern | None:
    try:
        made: regex.Pattern = _regex.compile(*_arguments(pattern, code))
    except Exception:  # a code this _regex refuses: a miss
        return None
    return made
