"""Compiled artefacts (rules, the outline parser) cached in the user's cache directory
(``$XDG_CACHE_HOME/reportlint``), keyed by reportlint's version and the rule files' contents,
so a start does not parse YAML or build the grammar again.

A cache that cannot be read or written is simply not used.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from reportlint import __version__
from reportlint.base.files import atomic_write

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
