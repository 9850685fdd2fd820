"""Compiled pattern code kept in the user cache: one JSON entry per engine and interpreter, for
``srecode`` (``re``) and ``regexcode`` (``regex``), whose compilers spend most of a start in
Python while the engines' C constructors take the finished code in a moment.

The code is a program for a C matcher that checks it only partly (``srecode`` says what was
measured), so an entry is read only if it is ours alone (``diskcache.read_own``: owner, mode,
no symbolic link) and the SHA-256 written in front of it matches: a damaged or truncated entry
is a miss, never a crash. An entry records the interpreter and engine it was made with and is
keyed by them, so an upgrade is a miss too. Past ``MAX_CODES`` codes an entry keeps only those
of the run that writes it.
"""

from __future__ import annotations

import atexit
import contextlib
import json
from pathlib import Path
from typing import Any

from reportlint.base.digest import sha256
from reportlint.base.diskcache import entry_path, read_own, store, user_cache_dir

KEEP = 4  # entries kept per engine: one per interpreter the user runs reportlint with
MAX_CODES = 2048


class CodeCache:
    """The codes of one engine (``name``) made by one ``interpreter`` (its versions, as text),
    read on first use and written at exit if the process made new ones."""

    __slots__ = ("_codes", "_used", "grown", "interpreter", "name")

    def __init__(self, name: str, interpreter: str) -> None:
        self.name = name
        self.interpreter = interpreter
        self._codes: dict[str, Any] | None = None
        self._used: set[str] = set()
        self.grown = False

    def get(self, key: str) -> Any:
        """The code stored for ``key`` (JSON data), or None."""
        code = self._loaded().get(key)
        if code is not None:
            self._used.add(key)
        return code

    def put(self, key: str, code: Any) -> None:
        """Keep ``code`` (JSON data) for ``key``; the entry is written at exit."""
        self._loaded()[key] = code
        self._used.add(key)
        if not self.grown:
            self.grown = True
            atexit.register(self.save)

    def _loaded(self) -> dict[str, Any]:
        """The codes, read from the entry on first need."""
        if self._codes is None:
            self._codes = self.decode(self._read())
        return self._codes

    def target(self) -> Path | None:
        directory = user_cache_dir()
        if directory is None or not self.interpreter:
            return None
        return entry_path(directory, self.name, sha256(self.interpreter.encode()).hexdigest(), "json")

    def _read(self) -> bytes | None:
        target = self.target()
        return None if target is None else read_own(target)

    def encode(self, codes: dict[str, Any]) -> bytes:
        """The entry: the SHA-256 of the body, a newline, the body (JSON)."""
        body = json.dumps({"interpreter": self.interpreter, "codes": codes}, ensure_ascii=False, separators=(",", ":"))
        data = body.encode("utf-8")
        return sha256(data).hexdigest().encode("ascii") + b"\n" + data

    def decode(self, entry: bytes | None) -> dict[str, Any]:
        """The codes of an entry :meth:`encode` wrote for this interpreter; empty for anything
        else (none, damaged, truncated, another interpreter's)."""
        if entry is None:
            return {}
        digest, _, data = entry.partition(b"\n")
        if sha256(data).hexdigest().encode("ascii") != digest:
            return {}
        try:
            body = json.loads(data)
            codes = body["codes"]
            if body["interpreter"] != self.interpreter or not isinstance(codes, dict):
                return {}
        except (ValueError, TypeError, KeyError):
            return {}
        return codes

    def save(self) -> None:
        """Write the entry if this process made new codes."""
        target = self.target()
        if self._codes is None or not self.grown or target is None:
            return
        codes = self._codes
        if len(codes) > MAX_CODES:
            codes = {key: code for key, code in codes.items() if key in self._used}
        with contextlib.suppress(OSError):
            store(target, self.encode(codes), KEEP)
        self.grown = False
