"""The built-in `re` patterns made from cached SRE code (base/srecode.py): the same pattern
objects as `re.compile`'s, and a damaged, foreign or stale entry is a miss, never a crash."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEED

from reportlint.base import srecode
from reportlint.base.diskcache import read_own

# A pattern of the code (repetition's doubled phrase) and a word of its code that, changed to 1
# (the skip of the look-ahead's Han class), crashes CPython 3.11's _sre.compile.
_PHRASE = r"(?=([一-鿿])[一-鿿]{2,5}?\1)([一-鿿]{3,6}?)\2+"
_CRASHING_WORD = 11
_SRE_COMPILE = (
    "import _sre, json, sys; p, f, c, g, i, n = json.loads(sys.argv[1]); _sre.compile(p, f, c, g, i, tuple(n))"
)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private user cache and a fresh table, as at a start."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("REPORTLINT_NO_USER_CACHE", raising=False)
    monkeypatch.setattr(srecode, "_table", None)
    return tmp_path


def _entry() -> Path:
    target = srecode._target()
    assert target is not None
    return target


def _start_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """Write what this "process" made, then forget it, as the next start would."""
    srecode.save()
    monkeypatch.setattr(srecode, "_table", None)


def _check(cache: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "PYTHONHASHSEED": "0"}
    env.pop("REPORTLINT_NO_USER_CACHE", None)
    return subprocess.run(
        [sys.executable, "-m", "reportlint", "check", "--format", "json", "--no-cache", str(SEED)],
        capture_output=True,
        env=env,
        timeout=120,
    )


def test_every_code_a_start_caches_makes_the_pattern_re_makes(tmp_path: Path):
    """A real start fills the entry; each code in it, given to _sre, equals re.compile's pattern
    (same flags, pattern and code), and a second start gives byte-identical findings."""
    first = _check(tmp_path)
    entries = list(tmp_path.glob("reportlint/*/sre-*.json"))
    assert len(entries) == 1
    codes = srecode.decode(read_own(entries[0]))
    assert len(codes) > 30, "the outline's, count's, total's, quantities' patterns at least"
    for key, code in codes.items():
        flags, _, pattern = key.partition(":")
        assert srecode._made(pattern, code) == re.compile(pattern, int(flags)), pattern
    second = _check(tmp_path)
    assert first.returncode == second.returncode == 1, first.stderr
    assert second.stdout == first.stdout and b"template-residue" in first.stdout


def test_a_pattern_is_made_from_the_entry_on_the_next_start(cache: Path, monkeypatch: pytest.MonkeyPatch):
    assert srecode.compile(_PHRASE) == re.compile(_PHRASE)
    _start_again(monkeypatch)
    monkeypatch.setattr(srecode, "generated", lambda *_: pytest.fail("generated again"))
    made = srecode.compile(_PHRASE)
    assert made == re.compile(_PHRASE)
    assert made.search("要加强管理加强管理工作").group(2) == "加强管理"  # type: ignore[union-attr]


def test_flags_are_part_of_the_key(cache: Path, monkeypatch: pytest.MonkeyPatch):
    srecode.compile("a+")
    _start_again(monkeypatch)
    made = srecode.compile("a+", re.IGNORECASE)
    assert made.flags & re.IGNORECASE and made.match("AA")


def test_a_damaged_entry_is_a_miss_not_a_crash(cache: Path, monkeypatch: pytest.MonkeyPatch):
    """One changed word that crashes _sre.compile (shown in a child process) is refused by the
    entry's digest, and the pattern is compiled by re instead."""
    srecode.compile(_PHRASE)
    _start_again(monkeypatch)
    entry = _entry()
    digest, _, body = entry.read_bytes().partition(b"\n")
    data = json.loads(body)
    flags, code, groups, _, names = data["codes"]["0:" + _PHRASE]
    code[_CRASHING_WORD] = 1
    crash = subprocess.run(
        [sys.executable, "-c", _SRE_COMPILE, json.dumps([_PHRASE, flags, code, groups, {}, names])],
        capture_output=True,
    )
    assert crash.returncode < 0, "this _sre validates the damaged code: the digest is still what keeps it out"
    entry.write_bytes(digest + b"\n" + json.dumps(data).encode())
    assert srecode.decode(read_own(entry)) == {}
    assert srecode.compile(_PHRASE) == re.compile(_PHRASE)


@pytest.mark.parametrize(
    "entry",
    [b"", b"not a digest\n{}", b"0" * 64 + b"\n{}"],
    ids=["empty", "no digest", "wrong digest"],
)
def test_an_entry_without_its_digest_is_empty(entry: bytes):
    assert srecode.decode(entry) == {}


def test_a_truncated_entry_is_empty():
    whole = srecode.encode({"0:a": srecode.generated("a", 0)})  # type: ignore[dict-item]
    assert srecode.decode(whole) and srecode.decode(whole[:-5]) == {}


def test_another_interpreters_entry_is_empty(monkeypatch: pytest.MonkeyPatch):
    entry = srecode.encode({"0:a": srecode.generated("a", 0)})  # type: ignore[dict-item]
    monkeypatch.setattr(srecode, "INTERPRETER", srecode.INTERPRETER + "+other")
    assert srecode.decode(entry) == {}


def test_a_code_sre_refuses_falls_back_to_re(cache: Path, monkeypatch: pytest.MonkeyPatch):
    """An entry with a matching digest but code this _sre will not take (another build)."""
    target = _entry()
    target.write_bytes(srecode.encode({"0:ab": (32, [2**31], 0, {}, (None,))}))
    target.chmod(0o600)
    assert srecode.compile("ab") == re.compile("ab")


def test_an_entry_others_may_write_is_not_read(cache: Path, monkeypatch: pytest.MonkeyPatch):
    srecode.compile("a+b")
    _start_again(monkeypatch)
    _entry().chmod(0o666)
    assert srecode._read() is None
    monkeypatch.setattr(srecode, "_made", lambda *_: None)  # nothing new is stored either
    assert srecode.compile("a+b") == re.compile("a+b")
    assert not srecode._loaded().grown


def test_without_a_user_cache_patterns_are_compiled_and_nothing_written(cache: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("REPORTLINT_NO_USER_CACHE", "1")
    assert srecode.compile("x{2}") == re.compile("x{2}")
    srecode.save()
    assert not list(cache.rglob("sre-*"))


def test_when_re_internals_differ_re_compile_alone(cache: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(srecode, "_parser", object())  # no parse()
    assert srecode.generated("a", 0) is None
    assert srecode.compile("q+") == re.compile("q+")
    assert not srecode._loaded().grown


def test_a_full_entry_keeps_only_the_patterns_of_the_run_that_writes_it(cache: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(srecode, "MAX_CODES", 2)
    for pattern in ("a", "b", "c"):
        srecode.compile(pattern)
    _start_again(monkeypatch)
    srecode.compile("d")  # this run used d alone
    _start_again(monkeypatch)
    assert set(srecode._loaded().codes) == {"0:d"}
