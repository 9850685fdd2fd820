"""The user cache does not pile up: entries of a kind unused for a week, or beyond the most
recently used few, go when a new entry of that kind is written; reading one marks it used."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from reportlint.base import diskcache
from reportlint.lexicon import compiled

DAY = 86_400


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("REPORTLINT_NO_USER_CACHE", raising=False)
    directory = diskcache.user_cache_dir()
    assert directory is not None
    return directory


def _entry(directory: Path, name: str, key: str, age_days: float, extension: str = "json") -> Path:
    path = diskcache.entry_path(directory, name, key * 32, extension)
    path.write_bytes(b"[]" if extension == "json" else b"a\t1\n")
    path.chmod(0o600)
    then = time.time() - age_days * DAY
    os.utime(path, (then, then))
    return path


def _json(name: str, key: str, value: list[int]) -> list[int]:
    return diskcache.cached_json(name, key * 32, lambda: value, list, list)


def test_writing_an_entry_removes_its_kind_unused_for_a_week(cache: Path) -> None:
    stale = _entry(cache, "rulefile", "a", age_days=8)
    recent = _entry(cache, "rulefile", "b", age_days=6)
    other_kind = _entry(cache, "re2-twins", "c", age_days=30)
    assert _json("rulefile", "d", [1]) == [1]
    assert not stale.exists()
    assert recent.exists()
    assert other_kind.exists()  # only the kind just written is pruned
    assert _json("rulefile", "d", [2]) == [1]  # and the new entry is read back


def test_beyond_keep_the_least_recently_used_go(cache: Path) -> None:
    entries = [_entry(cache, "lexicon", str(n), age_days=n / 10, extension="txt") for n in range(1, 6)]
    new = _entry(cache, "lexicon", "0", age_days=0, extension="txt")
    removed = diskcache.prune(new, keep=3)
    assert sorted(removed) == sorted(entries[2:])
    assert [path.exists() for path in entries] == [True, True, False, False, False]
    assert new.exists()


def test_a_kind_whose_name_holds_a_dash_is_not_mistaken_for_another(cache: Path) -> None:
    twins = _entry(cache, "re2-twins", "a", age_days=30)
    new = _entry(cache, "re2", "b", age_days=0)
    assert diskcache.prune(new, keep=1) == []
    assert twins.exists()


def test_reading_an_entry_marks_it_used_once_a_day(cache: Path) -> None:
    old = _entry(cache, "rulefile", "a", age_days=2)
    fresh = _entry(cache, "rulefile", "b", age_days=0.5)
    fresh_mtime = fresh.stat().st_mtime
    assert _json("rulefile", "a", [9]) == []  # read from the cache, not built
    assert time.time() - old.stat().st_mtime < 60
    assert _json("rulefile", "b", [9]) == []
    assert fresh.stat().st_mtime == fresh_mtime  # no write on every run


def _version(cache: Path, name: str, age_days: float) -> Path:
    folder = cache.parent / name
    folder.mkdir(mode=0o700)
    _entry(folder, "rulefile", "a", age_days=age_days)
    return folder


def test_writing_an_entry_removes_other_versions_unused_for_a_week(cache: Path) -> None:
    stale = _version(cache, "0.0.9", age_days=8)
    in_use = _version(cache, "0.0.8", age_days=2)  # another install still running it
    _entry(in_use, "rulefile", "b", age_days=20)
    assert _json("rulefile", "d", [1]) == [1]
    assert not stale.exists()
    assert in_use.exists() and cache.exists()


def test_a_version_directory_not_ours_alone_or_a_link_is_left(cache: Path) -> None:
    shared = _version(cache, "0.0.7", age_days=30)
    shared.chmod(0o777)
    target = _version(cache, "0.0.6", age_days=30)
    link = cache.parent / "0.0.5"
    link.symlink_to(target, target_is_directory=True)
    assert diskcache.prune_versions(cache, now=time.time()) == [target]
    assert shared.exists() and link.is_symlink()


def test_a_table_is_mapped_only_if_ours_alone_and_its_kind_is_pruned(cache: Path) -> None:
    stale = [_entry(cache, "probe", str(n), age_days=n - 0.5, extension="txt") for n in range(1, 10)]
    built: list[bytes] = []

    def build() -> bytes:
        built.append(b"k\tours\n")
        return built[-1]

    first = compiled.mapped("probe", "key", build)
    assert bytes(first) == b"k\tours\n" and len(built) == 1
    assert bytes(compiled.mapped("probe", "key", build)) == b"k\tours\n" and len(built) == 1
    kept = [path for path in stale if path.exists()]
    assert kept == stale[: compiled.KEEP_TABLES - 1]  # the new table counts as one of those kept
    (table,) = [p for p in cache.glob("probe-*.txt") if p not in stale]
    table.write_bytes(b"k\tplanted\n")
    table.chmod(0o666)  # writable by others: not ours alone, so built again
    assert bytes(compiled.mapped("probe", "key", build)) == b"k\tours\n" and len(built) == 2


def test_the_caches_digest_is_hashlibs_sha256():
    """``base.digest`` takes SHA-256 from CPython's own module to spare a start OpenSSL; the
    digests must be hashlib's, or every cache entry written before would be a miss."""
    import hashlib

    from reportlint.base.digest import sha256

    for data in (b"", b"reportlint", "二〇二四年工作总结".encode() * 1000):
        assert sha256(data).hexdigest() == hashlib.sha256(data).hexdigest()
    both = sha256(b"report")
    both.update(b"lint")
    assert both.digest() == hashlib.sha256(b"reportlint").digest()
