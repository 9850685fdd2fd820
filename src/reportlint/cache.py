"""On-disk caches, so that a pre-commit or editor run costs little.

- The per-file result cache, like ``.ruff_cache``: the key is the file's bytes, its path (which
  decides Markdown handling and per-path ignores) and the linter's fingerprint (reportlint's
  version, the contents of every rule file, and the settings). Changing a rule file therefore
  invalidates every entry.
- The compiled rules and the outline parser, in the user's own cache directory
  (``$XDG_CACHE_HOME/reportlint``), keyed by reportlint's version and the rule files' contents,
  so a start does not parse YAML or build the grammar again. These are pickles: they are only
  read from a directory the user owns.

A cache that cannot be read or written is simply not used.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from . import __version__
from .fsutil import atomic_write

CACHE_DIR = ".reportlint_cache"
T = TypeVar("T")


def user_cache_dir() -> Path | None:
    """``$XDG_CACHE_HOME/reportlint`` (or ``~/.cache/reportlint``), if it can be owned by us."""
    if os.environ.get("REPORTLINT_NO_USER_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    directory = Path(base) / "reportlint" / __version__
    try:
        directory.mkdir(parents=True, exist_ok=True)
        if hasattr(os, "getuid") and directory.stat().st_uid != os.getuid():
            return None
    except OSError:
        return None
    return directory


def pickled(name: str, key: str, build: Callable[[], T]) -> T:
    """``build()``, or its result as pickled by an earlier run with the same ``key``."""
    directory = user_cache_dir()
    if directory is None:
        return build()
    target = directory / f"{name}-{key[:32]}.pickle"
    try:
        return pickle.loads(target.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        pass
    value = build()
    try:
        atomic_write(target, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        pass
    return value


def fingerprint(rule_files: list[Path], settings_repr: str = "") -> str:
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
