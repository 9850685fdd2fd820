"""Writing files safely: a temporary file in the same directory, then an atomic rename.

The original is never truncated in place: if anything fails before the rename — an error, or a
signal that stops the process — it is left as it was and the temporary file is removed. The new
file keeps the original's permission bits (a new file gets the usual ones under the umask).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def atomic_write(path: Path, data: bytes) -> None:
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:  # a new file: the permissions any new file would get
        mask = os.umask(0)
        os.umask(mask)
        mode = 0o666 & ~mask
    # The name is chosen before the file exists, so cleanup knows it whenever an exit comes.
    temp = path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp"
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except FileNotFoundError:
            pass
        raise
