"""Patterns made from cached compiled code (base/codecache.py, srecode.py for `re`, regexcode.py
for `regex`, outline/lalr.py for the outline grammar's lexer): the same patterns as the engines' own
compilers make, and a damaged, foreign or stale entry is a miss, never a crash."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import regex
from conftest import SEED
from test_cold_start import tree_data

from reportlint.base import codecache, regexcode, srecode
from reportlint.base.codecache import CodeCache
from reportlint.base.diskcache import read_own
from reportlint.outline import parser as outline_parser

# A pattern of the code (repetition's doubled phrase) and a word of its code that, changed to 1
# (the skip of the look-ahead's Han class), crashes CPython 3.11's _sre.compile.
_PHRASE = r"(?=([一-鿿])[一-鿿]{2,5}?\1)([一-鿿]{3,6}?)\2+"
_CRASHING_WORD = 11
_SRE_COMPILE = (
    "import _sre, json, sys; p, f, c, g, i, n = json.loads(sys.argv[1]); _sre.compile(p, f, c, g, i, tuple(n))"
)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private user cache and empty tables, as at a start."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("REPORTLINT_NO_USER_CACHE", raising=False)
    monkeypatch.setattr(srecode, "CACHE", CodeCache("sre", srecode.INTERPRETER))
    monkeypatch.setattr(regexcode, "CACHE", CodeCache("regex", regexcode.INTERPRETER))
    regexcode.compile.cache_clear()
    return tmp_path


def _start_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """Write what this "process" made, then forget it, as the next start would."""
    for engine in (srecode, regexcode):
        engine.CACHE.save()
        monkeypatch.setattr(engine, "CACHE", CodeCache(engine.CACHE.name, engine.INTERPRETER))
    regexcode.compile.cache_clear()


def _entry(engine: CodeCache) -> Path:
    target = engine.target()
    assert target is not None
    return target


def _check(cache: Path, *extra: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "PYTHONHASHSEED": "0"}
    env.pop("REPORTLINT_NO_USER_CACHE", None)
    return subprocess.run(
        [sys.executable, "-m", "reportlint", "check", "--format", "json", "--no-cache", *extra, str(SEED)],
        capture_output=True,
        env=env,
        timeout=120,
    )


def _matches(pattern: regex.Pattern | re.Pattern, text: str) -> list:
    return [(m.span(), m.groups(), m.lastgroup) for m in pattern.finditer(text)]


def test_every_code_a_start_caches_makes_the_pattern_the_engine_makes(tmp_path: Path):
    """A real start fills both entries. Each `re` code, given to _sre, equals re.compile's
    pattern (same flags, pattern and code); each `regex` code gives a pattern with the same
    flags and groups that finds the same matches in the seed. A second start, made from the
    entries, gives byte-identical findings."""
    first = _check(tmp_path)
    text = SEED.read_text(encoding="utf-8")
    (sre_entry,) = tmp_path.glob("reportlint/*/sre-*.json")
    codes = srecode.CACHE.decode(read_own(sre_entry))
    assert len(codes) > 30, "the outline's, count's, total's, quantities' patterns at least"
    for key, code in codes.items():
        flags, _, pattern = key.partition(":")
        assert srecode._made(pattern, code) == re.compile(pattern, int(flags)), pattern
    (regex_entry,) = tmp_path.glob("reportlint/*/regex-*.json")
    codes = regexcode.CACHE.decode(read_own(regex_entry))
    assert len(codes) > 10, "the built-in rules' patterns at least"
    for key, code in codes.items():
        flags, _, pattern = key.partition(":")
        made, compiled = regexcode._made(pattern, code), regex.compile(pattern, int(flags))
        assert made is not None and (made.flags, made.groupindex) == (compiled.flags, compiled.groupindex)
        assert _matches(made, text) == _matches(compiled, text), pattern
    second = _check(tmp_path)
    assert first.returncode == second.returncode == 1, first.stderr
    assert second.stdout == first.stdout and b"template-residue" in first.stdout


def test_a_pattern_is_made_from_the_entry_on_the_next_start(cache: Path, monkeypatch: pytest.MonkeyPatch):
    assert srecode.compile(_PHRASE) == re.compile(_PHRASE)
    regexcode.compile(r"(?<=\p{Han})[•・](?=\p{Han})", regex.VERSION0)
    _start_again(monkeypatch)
    monkeypatch.setattr(srecode, "generated", lambda *_: pytest.fail("generated again"))
    monkeypatch.setattr(regexcode, "_recorded", lambda *_: pytest.fail("compiled again"))
    made = srecode.compile(_PHRASE)
    assert made == re.compile(_PHRASE)
    assert made.search("要加强管理加强管理工作").group(2) == "加强管理"  # type: ignore[union-attr]
    dot = regexcode.compile(r"(?<=\p{Han})[•・](?=\p{Han})", regex.VERSION0)
    assert [m.span() for m in dot.finditer("中•国 a•b 人・民")] == [(1, 2), (9, 10)]


def test_flags_are_part_of_the_key(cache: Path, monkeypatch: pytest.MonkeyPatch):
    srecode.compile("a+")
    regexcode.compile("b+")
    _start_again(monkeypatch)
    assert srecode.compile("a+", re.IGNORECASE).match("AA")
    assert regexcode.compile("b+", regex.IGNORECASE).match("BB")


def test_a_damaged_entry_is_a_miss_not_a_crash(cache: Path, monkeypatch: pytest.MonkeyPatch):
    """One changed word that crashes _sre.compile (shown in a child process) is refused by the
    entry's digest, and the pattern is compiled by re instead."""
    srecode.compile(_PHRASE)
    _start_again(monkeypatch)
    entry = _entry(srecode.CACHE)
    digest, _, body = entry.read_bytes().partition(b"\n")
    data = json.loads(body)
    flags, code, groups, _, names = data["codes"]["0:" + _PHRASE]
    code[_CRASHING_WORD] = 1
    crash = subprocess.run(
        [sys.executable, "-c", _SRE_COMPILE, json.dumps([_PHRASE, flags, code, groups, {}, names])],
        capture_output=True,
    )
    assert crash.returncode < 0, "this _sre refuses the damaged code: the digest is still what keeps it out"
    entry.write_bytes(digest + b"\n" + json.dumps(data).encode())
    assert srecode.CACHE.decode(read_own(entry)) == {}
    assert srecode.compile(_PHRASE) == re.compile(_PHRASE)


@pytest.mark.parametrize(
    "entry",
    [b"", b"not a digest\n{}", b"0" * 64 + b"\n{}"],
    ids=["empty", "no digest", "wrong digest"],
)
def test_an_entry_without_its_digest_is_empty(entry: bytes):
    assert srecode.CACHE.decode(entry) == {}


def test_a_truncated_entry_or_one_of_another_shape_is_empty():
    cache = CodeCache("sre", srecode.INTERPRETER)
    whole = cache.encode({"0:a": srecode.generated("a", 0)})
    assert cache.decode(whole) and cache.decode(whole[:-5]) == {}
    listed = json.dumps({"interpreter": srecode.INTERPRETER, "codes": []}).encode()
    assert cache.decode(cache.encode({}).partition(b"\n")[0] + b"\n" + listed) == {}


def test_another_interpreters_entry_is_empty():
    entry = CodeCache("sre", srecode.INTERPRETER).encode({"0:a": srecode.generated("a", 0)})
    assert CodeCache("sre", srecode.INTERPRETER + "+other").decode(entry) == {}


def test_a_code_the_engine_refuses_falls_back_to_its_compiler(cache: Path):
    """Entries with matching digests but codes this _sre / _regex will not take."""
    for engine, key in ((srecode, "0:ab"), (regexcode, "0:ab")):
        target = _entry(engine.CACHE)
        target.write_bytes(engine.CACHE.encode({key: [32, [2**31], 0, {}, [None]]}))
        target.chmod(0o600)
    assert srecode.compile("ab") == re.compile("ab")
    assert regexcode.compile("ab").match("ab")


def test_an_entry_others_may_write_is_not_read(cache: Path, monkeypatch: pytest.MonkeyPatch):
    srecode.compile("a+b")
    _start_again(monkeypatch)
    _entry(srecode.CACHE).chmod(0o666)
    assert srecode.CACHE.get("0:a+b") is None
    assert srecode.compile("a+b") == re.compile("a+b")


def test_without_a_user_cache_patterns_are_compiled_and_nothing_written(cache: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("REPORTLINT_NO_USER_CACHE", "1")
    assert srecode.compile("x{2}") == re.compile("x{2}")
    assert regexcode.compile("y{2}").fullmatch("yy")
    _start_again(monkeypatch)
    assert not list(cache.rglob("*.json"))


def test_when_re_internals_differ_re_compile_alone(cache: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(srecode, "_parser", object())  # no parse()
    assert srecode.generated("a", 0) is None
    assert srecode.compile("q+") == re.compile("q+")
    assert not srecode.CACHE.grown


def test_a_full_entry_keeps_only_the_patterns_of_the_run_that_writes_it(cache: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(codecache, "MAX_CODES", 2)
    for pattern in ("a", "b", "c"):
        srecode.compile(pattern)
    _start_again(monkeypatch)
    srecode.compile("d")  # this run uses d alone
    _start_again(monkeypatch)
    assert [key for key in "abcd" if srecode.CACHE.get(f"0:{key}") is not None] == ["d"]


def test_one_pattern_is_one_object_in_a_process(cache: Path):
    """As regex's own cache gives: its patterns compare by identity, checks by their patterns."""
    assert regexcode.compile("甲+", regex.VERSION0) is regexcode.compile("甲+", regex.VERSION0)


def test_a_bad_regex_raises_as_before_and_leaves_regex_as_it_was(cache: Path):
    with pytest.raises(regex.error):
        regexcode.compile("(unclosed")
    assert regexcode._main._regex is regexcode._regex
    assert not regexcode.CACHE.grown


def test_a_locale_pattern_is_not_stored(cache: Path):
    assert regexcode.compile(rb"\w+", regex.LOCALE).match(b"ab")
    assert not regexcode.CACHE.grown
    assert regexcode._data("p", None) is None


def test_the_outline_tables_read_back_from_the_cache_parse_as_lark_does(cache: Path, monkeypatch: pytest.MonkeyPatch):
    """The outline's tables loaded from their cache entry, as at a start, compile their lexer's
    patterns from srecode's cached code; they parse the seed and the outline's shapes as Lark."""
    outline_parser.tables.cache_clear()
    try:
        outline_parser.tables()  # built with Lark, the entry written
        _start_again(monkeypatch)
        outline_parser.tables.cache_clear()
        loaded = outline_parser.tables()  # read back, as at a start
    finally:
        outline_parser.tables.cache_clear()
    assert [p for p in cache.rglob("outline-lalr-*.json")] and srecode.CACHE.get(
        f"0:{next(iter(loaded.data['lexers'].values()))[0]}"
    )
    text = SEED.read_text(encoding="utf-8") + "一、总体\n（一）分项\n1.条目\n（1）细目\n# 标题\n附件：名单\n"
    assert tree_data(loaded.parse(text)) == tree_data(outline_parser.parser().parse(text))
