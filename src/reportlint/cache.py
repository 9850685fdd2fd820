"""The per-file result cache, so that a pre-commit or editor run costs little.

Like ``.ruff_cache``: the key is the file's bytes, its path (which decides Markdown handling and
per-path ignores) and the linter's fingerprint (reportlint's version, the contents of every rule
file, and the settings). Changing a rule file therefore invalidates every entry.

A cache that cannot be read or written is simply not used. The compiled rules and the outline
parser are cached elsewhere: :mod:`reportlint.base.diskcache`.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TypeVar

from reportlint import __version__
from reportlint.base.files import atomic_write

CACHE_DIR = ".reportlint_cache"
T = TypeVar("T")


class ResultCache:
    def __init__(self, root: Path) -> None:
        self.directory = root / CACHE_DIR / __version__

    @staticmethod
    def key(data: bytes, path: str, linter_fingerprint: str) -> str:
        digest = hashlib.sha256(linter_fingerprint.encode())
        digest.update(path.encode())
        digest.update(hashlib.sha256(data).digest())
        return digest.hexdigest()

    def get(self, key: str) -> dict | None:
        try:
            return json.loads((self.directory / key[:2] / key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def put(self, key: str, value: dict) -> None:
        target = self.directory / key[:2] / key
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            gitignore = self.directory.parent / ".gitignore"
            if not gitignore.exists():
                gitignore.write_text("*\n", encoding="utf-8")
            atomic_write(target, json.dumps(value, ensure_ascii=False).encode("utf-8"))
        except OSError:
            pass
