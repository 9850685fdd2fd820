"""The built-in ``re`` patterns made from code kept in the user cache, so that a start does not
run ``re``'s pattern parser and code generator again (pure Python, the largest single cost of a
start: docs/performance.md, "Round 7: cold start").

``re.compile`` parses a pattern into a tree and generates its SRE code in Python, then hands
the code to the C constructor ``_sre.compile``. :func:`compile` keeps what it handed over (the
flags, the code as a list of integers, the groups and their names) in one JSON entry of the user
cache per interpreter, and on later starts calls ``_sre.compile`` with it directly.

``_sre.compile`` and its code are private to CPython; they are used here deliberately, and this
is why it is safe:

- The code changes between Python versions, so the entry is keyed by ``sys.version``,
  ``_sre.MAGIC``, ``_sre.CODESIZE`` and ``sys.maxunicode``, and records them again inside; any
  mismatch, any error, a missing ``_sre.compile`` fall back to ``re.compile``.
- Code is stored only if ``_sre.compile`` of it gives a pattern equal to ``re.compile``'s
  (``Pattern.__eq__`` compares the flags, the pattern and the code).
- ``_sre.compile`` validates the code it is given, but not completely: one changed word of a
  generated code (an ``IN`` set's skip inside a look-ahead) crashes CPython 3.11.7 (tested).
  So the entry is used only if it is ours alone
  (``diskcache.read_own``: owner, mode, no symbolic link) and its SHA-256, written in front of it,
  matches: a damaged or truncated entry is a miss, never a crash. Writing a matching entry takes
  the user's own rights, which could as well edit the installed package.

Only patterns of reportlint's own code come here (some built from a rule's parameters, such as
a class of marks); a user's regular expressions (a rule's ``pattern``) never do.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import json
import re
import sys
from re import _compiler, _parser  # type: ignore[attr-defined]
from typing import Any

from reportlint.base.diskcache import entry_path, read_own, store, user_cache_dir

try:
    import _sre  # type: ignore[import-not-found]

    INTERPRETER = f"{sys.version}|{_sre.MAGIC}|{_sre.CODESIZE}|{sys.maxunicode}"
except (ImportError, AttributeError):  # another interpreter: re.compile only
    _sre = None
    INTERPRETER = ""

KEEP = 4  # entries kept: one per interpreter the user runs reportlint with
MAX_CODES = 2048  # past this, an entry keeps only the patterns of the run that writes it

# One SRE pattern as _sre.compile takes it: flags, code, groups, group index, index group.
Code = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]


class _Table:
    """The codes read from the entry, those this process used, and whether it made new ones."""

    __slots__ = ("codes", "grown", "used")

    def __init__(self, codes: dict[str, Code]) -> None:
        self.codes = codes
        self.used: set[str] = set()
        self.grown = False


_table: _Table | None = None


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:  # noqa: A001 - it is re.compile
    """``re.compile(pattern, flags)``, from the cached code when there is one."""
    table = _loaded()
    key = f"{int(flags)}:{pattern}"
    code = table.codes.get(key)
    if code is not None:
        with contextlib.suppress(Exception):  # a foreign code is a miss
            compiled: re.Pattern[str] = _sre.compile(pattern, code[0], list(code[1]), *code[2:])
            table.used.add(key)
            return compiled
    compiled = re.compile(pattern, flags)
    code = generated(pattern, flags)
    if code is not None and _made(pattern, code) == compiled:
        table.codes[key] = code
        table.used.add(key)
        if not table.grown:
            table.grown = True
            atexit.register(save)
    return compiled


def generated(pattern: str, flags: int) -> Code | None:
    """What ``re._compiler.compile`` hands to ``_sre.compile`` for ``pattern``, as plain data."""
    if _sre is None:
        return None
    try:
        tree = _parser.parse(pattern, flags)
        code = [int(word) for word in _compiler._code(tree, flags)]
        state = tree.state
        names: list[str | None] = [None] * state.groups
        for name, index in state.groupdict.items():
            names[index] = name
        return int(flags | state.flags), code, state.groups - 1, dict(state.groupdict), tuple(names)
    except Exception:  # re's internals are not ours: if they differ, re.compile alone
        return None


def _made(pattern: str, code: Code) -> re.Pattern[str] | None:
    try:
        made: re.Pattern[str] = _sre.compile(pattern, code[0], list(code[1]), *code[2:])
    except Exception:
        return None
    return made


def _loaded() -> _Table:
    global _table
    if _table is None:
        _table = _Table(decode(_read()) if _sre is not None else {})
    return _table


def _target() -> Any:
    directory = user_cache_dir()
    if directory is None or not INTERPRETER:
        return None
    return entry_path(directory, "sre", hashlib.sha256(INTERPRETER.encode()).hexdigest(), "json")


def _read() -> bytes | None:
    target = _target()
    return None if target is None else read_own(target)


def encode(codes: dict[str, Code]) -> bytes:
    """The entry: the SHA-256 of the body, a newline, the body (JSON)."""
    body = json.dumps({"interpreter": INTERPRETER, "codes": codes}, ensure_ascii=False, separators=(",", ":"))
    data = body.encode("utf-8")
    return hashlib.sha256(data).hexdigest().encode("ascii") + b"\n" + data


def decode(entry: bytes | None) -> dict[str, Code]:
    """The codes of an entry written by :func:`encode` for this interpreter; empty for anything
    else (none, damaged, truncated, another interpreter's)."""
    if entry is None:
        return {}
    digest, _, data = entry.partition(b"\n")
    if hashlib.sha256(data).hexdigest().encode("ascii") != digest:
        return {}
    try:
        body = json.loads(data)
        if body["interpreter"] != INTERPRETER:
            return {}
        return {
            key: (flags, code, groups, index, tuple(names))
            for key, (flags, code, groups, index, names) in body["codes"].items()
        }
    except Exception:
        return {}


def save() -> None:
    """Write the entry if this process made new codes (at exit: a start compiles as it goes)."""
    table = _table
    target = _target()
    if table is None or not table.grown or target is None:
        return
    codes = table.codes
    if len(codes) > MAX_CODES:
        codes = {key: code for key, code in codes.items() if key in table.used}
    with contextlib.suppress(OSError):
        store(target, encode(codes), KEEP)
    table.grown = False
