"""Compiled artefacts (the rule files as parsed, the outline parser's tables) cached in the
user's cache directory (``$XDG_CACHE_HOME/reportlint``), so a start neither parses YAML nor
builds the grammar again.

Nothing in the cache is executable: entries are JSON data, turned back into objects by the
code that asked for them (the rules are compiled from their parsed YAML, Lark's parser is
rebuilt from its serialised tables), so a planted file can at worst be a wrong rule file, never
code. Even so the directory is made ``0700``, and a directory or an entry that belongs to
someone else or that others may write is not used. A cache that cannot be read or written is
simply not used.

Entries are keyed by what made them, so an upgrade or an edited rule file leaves the old entry
behind: writing an entry removes the entries of its kind not used for a week, and all but the
most recently used ``keep`` (reading an entry marks it used, at most once a day). Each version
of reportlint has a directory of its own; writing an entry also removes the directory of another
version none of whose entries was used for a week (an upgrade left it behind).
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from reportlint import __version__
from reportlint.base.digest import sha256
from reportlint.base.files import TooLarge, atomic_write, read_limited, read_stream

T = TypeVar("T")
MAX_ENTRY_BYTES = 8_000_000
_OTHERS_WRITE = stat.S_IWGRP | stat.S_IWOTH
_USED_AGAIN_SECONDS = 86_400  # an entry read is marked used at most once a day
_UNUSED_SECONDS = 7 * 86_400  # an entry not used for a week goes when its kind writes one
KEEP_JSON = 256  # entries of one kind kept: a rule file per project, settings, pattern sets


def user_cache_dir() -> Path | None:
    """``$XDG_CACHE_HOME/reportlint/VERSION`` (or under ``~/.cache``), if it is ours alone."""
    if os.environ.get("REPORTLINT_NO_USER_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    top = Path(base) / "reportlint"
    directory = top / __version__
    try:
        Path(base).mkdir(parents=True, exist_ok=True)
        for folder in (top, directory):
            folder.mkdir(mode=0o700, exist_ok=True)
            if not _ours_alone(os.lstat(folder), stat.S_ISDIR):
                return None
    except OSError:
        return None
    return directory


def _ours_alone(status: os.stat_result, kind: Callable[[int], bool]) -> bool:
    """Of the right kind (a symbolic link is not), owned by us, writable by no one else."""
    owner_ok = not hasattr(os, "getuid") or status.st_uid == os.getuid()
    return kind(status.st_mode) and owner_ok and not status.st_mode & _OTHERS_WRITE


def cached_json(
    name: str, key: str, build: Callable[[], T], encode: Callable[[T], Any], decode: Callable[[Any], T]
) -> T:
    """``build()``, or ``decode`` of what ``encode`` made of it in an earlier run with the same
    ``key``. ``encode`` may raise ``TypeError`` for a value that is not data (it is then not
    cached); anything ``decode`` raises on a damaged entry means the entry is built again."""
    directory = user_cache_dir()
    if directory is None:
        return build()
    target = entry_path(directory, name, key, "json")
    entry = read_own(target)
    if entry is not None:
        try:
            return decode(json.loads(entry, object_hook=_untag))
        except Exception:  # a damaged or foreign entry is a miss, whatever it breaks
            pass
    value = build()
    try:
        payload = json.dumps(_tag(encode(value)), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    except (TypeError, ValueError, RecursionError):
        return value
    with contextlib.suppress(OSError):
        store(target, payload, KEEP_JSON)
    return value


def entry_path(directory: Path, name: str, key: str, extension: str) -> Path:
    """Where the entry of kind ``name`` for ``key`` is kept."""
    return directory / f"{name}-{key[:32]}.{extension}"


def open_own(path: Path) -> int | None:
    """A descriptor of a cache entry that is a regular file of ours that no one else may write
    (a symbolic link is not followed), the entry marked used; None for any other file."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        status = os.fstat(fd)
        if _ours_alone(status, stat.S_ISREG):
            if time.time() - status.st_mtime > _USED_AGAIN_SECONDS:
                with contextlib.suppress(OSError):
                    os.utime(path)
            return fd
    except OSError:
        pass
    os.close(fd)
    return None


def read_own(path: Path) -> bytes | None:
    """The bytes of a cache entry of ours (``open_own``), if not over ``MAX_ENTRY_BYTES``."""
    fd = open_own(path)
    if fd is None:
        return None
    with os.fdopen(fd, "rb", buffering=0) as handle:
        try:
            return read_stream(handle, MAX_ENTRY_BYTES)
        except (OSError, TooLarge):
            return None


def store(target: Path, payload: bytes, keep: int) -> None:
    """Write the entry ``target`` (private, atomically), then ``prune`` its kind and the
    directories of other versions left unused."""
    atomic_write(target, payload, mode=0o600)
    prune(target, keep)
    prune_versions(target.parent)


def prune_versions(directory: Path, now: float | None = None) -> list[Path]:
    """Remove the other versions' directories beside ``directory`` (ours alone, not links)
    whose entries were all last used more than a week ago. Returns what was removed."""
    now = time.time() if now is None else now
    removed = []
    with contextlib.suppress(OSError), os.scandir(directory.parent) as folders:
        for folder in folders:
            if folder.name == directory.name:
                continue
            with contextlib.suppress(OSError):
                if (
                    _ours_alone(folder.stat(follow_symlinks=False), stat.S_ISDIR)
                    and now - _last_used(folder.path) > _UNUSED_SECONDS
                ):
                    import shutil  # here: with the bz2, lzma and zlib it imports, 6.7 M instructions of a start

                    shutil.rmtree(folder.path)
                    removed.append(Path(folder.path))
    return removed


def _last_used(folder: str) -> float:
    """When an entry in ``folder`` was last written or marked used (the folder's own time if empty)."""
    with os.scandir(folder) as entries:
        return max((entry.stat(follow_symlinks=False).st_mtime for entry in entries), default=os.stat(folder).st_mtime)


def prune(target: Path, keep: int, now: float | None = None) -> list[Path]:
    """Remove the entries of ``target``'s kind (same name, another key) not used for a week,
    and beyond the ``keep`` most recently used; ``target`` itself stays. Best effort: an entry
    another process has open or removes first is left to it. Returns what was removed."""
    kind, _, _ = target.name.rpartition("-")
    extension = target.suffix
    now = time.time() if now is None else now
    others = []
    with contextlib.suppress(OSError), os.scandir(target.parent) as entries:
        for entry in entries:
            head, _, tail = entry.name.rpartition("-")
            if head == kind and tail.endswith(extension) and entry.name != target.name:
                with contextlib.suppress(OSError):
                    others.append((entry.stat(follow_symlinks=False).st_mtime, Path(entry.path)))
    others.sort(reverse=True)
    removed = []
    for rank, (used, path) in enumerate(others, start=1):
        if rank >= keep or now - used > _UNUSED_SECONDS:
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
    return removed


# JSON keeps only strings as keys and has no tuples; the parser tables need both.
_PAIRS, _TUPLE = "__pairs__", "__tuple__"


def _tag(value: Any) -> Any:
    if isinstance(value, dict):
        if all(isinstance(k, str) for k in value) and _PAIRS not in value and _TUPLE not in value:
            return {k: _tag(v) for k, v in value.items()}
        return {_PAIRS: [[_tag(k), _tag(v)] for k, v in value.items()]}
    if isinstance(value, tuple):
        return {_TUPLE: [_tag(v) for v in value]}
    if isinstance(value, list):
        return [_tag(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"not data: {type(value).__name__}")


def _untag(value: dict) -> Any:
    if len(value) == 1 and _PAIRS in value:
        return {_hashable(k): v for k, v in value[_PAIRS]}
    if len(value) == 1 and _TUPLE in value:
        return tuple(value[_TUPLE])
    return value


def _hashable(key: Any) -> Any:
    return tuple(key) if isinstance(key, list) else key


def fingerprint(rule_files: list[Path], settings_repr: str = "") -> str:
    digest = sha256(__version__.encode())
    for path in rule_files:
        digest.update(str(path).encode())
        try:
            digest.update(read_limited(path, MAX_ENTRY_BYTES))
        except OSError as exc:  # loading the rules says why; here it only has to differ
            digest.update(type(exc).__name__.encode())
    digest.update(settings_repr.encode())
    return digest.hexdigest()


def file_stamp(path: Path | str) -> str:
    """A file's path, size and mtime: what a cached entry made from it is keyed by, so an entry
    made from another version of the file (an upgrade, an edit) is never read as current."""
    stat = os.stat(path)
    return f"{path}:{stat.st_size}:{stat.st_mtime_ns}"


def code_stamp(package: Path) -> str:
    """The stamps of every module and text data file under ``package`` (the curated word lists
    are ``.txt``): what code and data made a cached entry."""
    return ";".join(file_stamp(p) for p in sorted([*package.rglob("*.py"), *package.rglob("*.txt")]))
