"""Reading and writing files safely.

Reading is bounded: bytes are counted as they are read (a size from ``stat`` says nothing about
``/dev/zero``), and only regular files are read — a FIFO would block for ever, a device never ends.

Writing a new file (or replacing one on request): a temporary file in the same directory, then
an atomic rename, so the target is either untouched or fully replaced, and a signal or an error
before the rename leaves it as it was. Rewriting a file in place (``--fix``, see
:func:`rewrite`) keeps what a rename would lose: the file behind a symbolic link, its owner,
group, mode, extended attributes and hard links.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from reportlint.base.i18n import N_, _

_CHUNK = 1 << 20
_WRITE_BITS = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH


class TooLarge(OSError):
    """A file above the byte limit; ``str()`` says so in one line."""

    def __init__(self, limit: int, size: int | None = None) -> None:
        if size:
            said = _("file is {size} bytes, above the limit of {limit}").format(size=size, limit=limit)
        else:
            said = _("file is above the limit of {limit} bytes").format(limit=limit)
        super().__init__(said)
        self.limit, self.size = limit, size


class NotRegular(OSError):
    """Not a regular file (a FIFO, a device, a socket): never read, it may block or never end."""

    def __init__(self, what: str) -> None:
        super().__init__(
            _("is a directory") if what == "a directory" else _("not a regular file ({what})").format(what=_(what))
        )


class Changed(OSError):
    """The file changed on disk since it was read: writing would lose that edit."""

    def __init__(self) -> None:
        super().__init__(_("the file changed since it was read; not rewritten"))


def file_kind(mode: int) -> str:
    """A name for a file type people know, for a one-line refusal."""
    for test, name in (
        (stat.S_ISFIFO, N_("a FIFO")),
        (stat.S_ISCHR, N_("a character device")),
        (stat.S_ISBLK, N_("a block device")),
        (stat.S_ISSOCK, N_("a socket")),
        (stat.S_ISDIR, N_("a directory")),
    ):
        if test(mode):
            return name
    return N_("a special file")


# The system's reasons people meet, in the catalog: Python shows the C library's English ones.
_REASONS = {
    errno.ENOENT: N_("no such file or directory"),
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("operation not permitted"),
    errno.EISDIR: N_("is a directory"),
    errno.ENOTDIR: N_("not a directory"),
    errno.EEXIST: N_("file exists"),
    errno.ENOSPC: N_("no space left on device"),
    errno.EROFS: N_("read-only file system"),
    errno.ELOOP: N_("too many levels of symbolic links"),
    errno.ENAMETOOLONG: N_("file name too long"),
    errno.EBUSY: N_("device or resource busy"),
    errno.EIO: N_("input/output error"),
    errno.EADDRINUSE: N_("address already in use"),
    errno.EADDRNOTAVAIL: N_("cannot assign requested address"),
}


def os_reason(exc: OSError) -> str:
    """Why an operation failed, in one line in the user's language. A system reason is
    translated by its number (in English it is the system's own); a reason reportlint wrote
    itself (``PermissionError(13, "the file is read-only; not rewritten")``) is kept."""
    system = exc.errno is not None and (
        getattr(exc, "winerror", None) is not None or exc.strerror == os.strerror(exc.errno)
    )
    if system and exc.errno in _REASONS and _(_REASONS[exc.errno]) != _REASONS[exc.errno]:
        return _(_REASONS[exc.errno])
    return exc.strerror or str(exc)  # in English, the system's own words


def read_limited(path: Path | str, max_bytes: int) -> bytes:
    """The bytes of the regular file at ``path`` (symbolic links followed), at most ``max_bytes``.
    Opened without blocking, so a FIFO is refused rather than waited on."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb", buffering=0) as handle:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise NotRegular(file_kind(status.st_mode))
        if status.st_size > max_bytes:
            raise TooLarge(max_bytes, status.st_size)
        return read_stream(handle, max_bytes)


def read_stream(stream: BinaryIO, max_bytes: int) -> bytes:
    """At most ``max_bytes`` from a binary stream (a file, standard input), counted as read."""
    parts: list[bytes] = []
    size = 0
    while True:
        chunk = stream.read(min(_CHUNK, max_bytes + 1 - size))
        if not chunk:
            return b"".join(parts)
        parts.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            raise TooLarge(max_bytes)


def _new_file_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def atomic_write(path: Path, data: bytes, *, replace: bool = True, mode: int | None = None) -> None:
    """Write ``data`` to ``path`` through a temporary file renamed into place, with ``mode``
    (default: the replaced file's, else what a new file gets under the umask). With
    ``replace=False`` an existing ``path`` is never overwritten (``FileExistsError``), and the
    check and the creation are one step (a hard link), so nothing can slip in between."""
    if mode is None:
        try:
            mode = path.stat().st_mode & 0o7777 if replace else _new_file_mode()
        except FileNotFoundError:
            mode = _new_file_mode()
    with _temporary_beside(path, data) as (temp, fd):
        os.fsync(fd)
        os.fchmod(fd, mode)
        if replace:
            os.replace(temp, path)
        else:
            os.link(temp, path)


@contextlib.contextmanager
def _temporary_beside(path: Path, data: bytes) -> Iterator[tuple[Path, int]]:
    """A temporary file in ``path``'s directory holding ``data`` (flushed, not yet synced) and
    its descriptor; removed on the way out, whatever ends the block, unless renamed away. The
    name is chosen before the file exists, so cleanup knows it whenever an exit comes."""
    temp = path.parent / f".{path.name}.{os.urandom(4).hex()}.tmp"
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            yield temp, handle.fileno()
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)


def rewrite(path: Path, data: bytes, original: bytes) -> None:
    """Replace the contents of the file at ``path`` (read earlier as ``original``) with ``data``.

    The real file behind a symbolic link is written, the link stays. A read-only file is refused
    (``PermissionError``); a file whose contents are no longer ``original`` is left alone
    (:class:`Changed`). The new bytes go to a temporary file renamed over the original, which
    is given the original's mode, owner, group and extended attributes first; a file with more
    than one hard link, or one whose owner or attributes the rename would lose, is overwritten in
    place instead, with the space reserved before the first byte changes and signals held
    until the last is written.
    """
    real = Path(os.path.realpath(path))
    before = os.stat(real)
    if not before.st_mode & _WRITE_BITS:
        raise PermissionError(13, _("the file is read-only; not rewritten"))
    if _current(real) != original:
        raise Changed()
    if before.st_nlink > 1 or not _renamed_over(real, data, before):
        _overwrite(real, data, original)


def _current(path: Path) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


def _renamed_over(path: Path, data: bytes, before: os.stat_result) -> bool:
    """Write ``data`` through a temporary file carrying the original's identity and rename it
    over ``path``; False (and nothing changed) when that identity cannot be reproduced."""
    with _temporary_beside(path, data) as (temp, fd):
        if not _same_identity(fd, path, before):
            return False
        os.fsync(fd)
        if _stamp(os.stat(path)) != _stamp(before):
            raise Changed()
        os.replace(temp, path)
        return True


def _stamp(status: os.stat_result) -> tuple[int, int, int]:
    """What changes when anyone writes or replaces the file."""
    return status.st_ino, status.st_size, status.st_mtime_ns


def _same_identity(fd: int, path: Path, before: os.stat_result) -> bool:
    """Give the open temporary file the original's owner, group, mode and extended attributes;
    False if any of them cannot be given."""
    try:
        if (before.st_uid, before.st_gid) != (os.fstat(fd).st_uid, os.fstat(fd).st_gid):
            os.fchown(fd, before.st_uid, before.st_gid)
        os.fchmod(fd, stat.S_IMODE(before.st_mode))
        for name in _xattrs(path):
            os.setxattr(fd, name, os.getxattr(path, name))
    except OSError:
        return False
    return True


def _xattrs(path: Path) -> list[str]:
    try:
        return os.listxattr(path) if hasattr(os, "listxattr") else []
    except OSError:
        return []


def _overwrite(path: Path, data: bytes, original: bytes) -> None:
    with _signals_held(), open(path, "r+b") as handle:
        if handle.read() != original:
            raise Changed()
        if hasattr(os, "posix_fallocate") and len(data) > len(original):
            try:  # a full disk fails here, before any byte changes
                os.posix_fallocate(handle.fileno(), 0, len(data))
            except OSError:
                handle.truncate(len(original))
                raise
        handle.seek(0)
        handle.write(data)
        handle.truncate()
        handle.flush()
        os.fsync(handle.fileno())


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait until an in-place write is complete (then take effect)."""
    held = {signal.SIGINT, signal.SIGTERM}
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
