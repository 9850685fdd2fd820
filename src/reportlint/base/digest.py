"""SHA-256, the one hash of the caches' keys and entry checks, taken from CPython's own module
when there is one: ``import hashlib`` loads OpenSSL's ``_hashlib`` first, whatever algorithm is
asked for, and that cost a start about 6 M instructions and 2–3 ms of some 65
(docs/performance.md, round 9, third part). The digests are the same either way."""

from __future__ import annotations

try:  # CPython 3.12 and later
    from _sha2 import sha256  # type: ignore[import-not-found,unused-ignore]
except ImportError:
    try:  # CPython 3.10 and 3.11
        from _sha256 import sha256  # type: ignore[import-not-found,no-redef,unused-ignore]
    except ImportError:  # another interpreter, or a CPython built without them
        from hashlib import sha256  # type: ignore[assignment,unused-ignore]

__all__ = ["sha256"]
