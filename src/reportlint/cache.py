"""A per-file result cache, like ``.ruff_cache``: a pre-commit or editor run on unchanged files
costs a hash and a read.

The key is the file's bytes, its path (which decides Markdown handling and per-path ignores),
and the linter's fingerprint (reportlint's version, the contents of every rule file, and the
settings). Changing a rule file therefore invalidates every entry. A cache that cannot be
written is simply not used.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from . import __version__
from .fsutil import atomic_write

CACHE_DIR = ".reportlint_cache"


def fingerprint(rule_files: list[Path], settings_repr: str) -> str:
    digest = hashlib.sha256(__version__.encode())
    for path in rule_files:
        digest.update(str(path).encode())
        digest.update(path.read_bytes())
    digest.update(settings_repr.encode())
    return digest.hexdigest()


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
