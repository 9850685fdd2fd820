"""The per-file result cache, so that a pre-commit or editor run costs little.

Like ``.ruff_cache``: the key is the file's bytes, its path (which decides Markdown handling and
per-path ignores) and the linter's fingerprint (reportlint's version, the contents of every rule
file, the settings, and the optional word lists when the typo rules that read them are on).
Changing a rule file therefore invalidates every entry.

A cache that cannot be read or written is simply not used. The compiled rules and the outline
parser are cached elsewhere: :mod:`reportlint.base.diskcache`.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TypeVar

from reportlint import __version__
from reportlint.base.digest import sha256
from reportlint.base.files import atomic_write

CACHE_DIR = ".reportlint_cache"
T = TypeVar("T")


class ResultCache:
    def __init__(self, root: Path) -> None:
        self.directory = root / CACHE_DIR / __version__

    @staticmethod
    def key(data: bytes, path: str, linter_fingerprint: str) -> str:
        digest = sha256(linter_fingerprint.encode())
        digest.update(path.encode())
        digest.update(sha256(data).digest())
        return digest.hexdigest()

    def get(self, key: str) -> dict | None:
        """The entry stored under ``key``, if it is a JSON object (its fields are checked by
        whoever reads them: a damaged entry is a miss, never a crash)."""
        if self._linked():
            return None
        try:
            entry = json.loads((self.directory / key[:2] / key).read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):
            return None
        return entry if isinstance(entry, dict) else None

    def put(self, key: str, value: dict) -> None:
        target = self.directory / key[:2] / key
        if self._linked():
            return
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._ignore_in_git()
            atomic_write(target, json.dumps(value, ensure_ascii=False).encode("utf-8"))
        except OSError:
            pass

    def _linked(self) -> bool:
        """A cache directory that is a symbolic link (planted, or dangling) is not used: writing
        through it would create or change files elsewhere."""
        return any(path.is_symlink() for path in (self.directory.parent, self.directory))

    def _ignore_in_git(self) -> None:
        """``.gitignore`` with ``*``, created only if no file of that name (nor a link) exists."""
        gitignore = self.directory.parent / ".gitignore"
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        try:
            fd = os.open(gitignore, flags, 0o644)
        except FileExistsError:
            return
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write("*\n")
