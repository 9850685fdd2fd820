"""The optional compiled packages (the ``[fast]`` extra) change how fast reportlint is, never
what it finds (issue 19).

Every test here runs twice in one process: once with the compiled packages, once with
``REPORTLINT_PURE_PYTHON`` set, which makes reportlint take its pure-Python path as it does
where a package has no wheel. The ``[test]`` extra installs the packages, so CI tests both.
The packages: ``ahocorasick-rs`` (word lists, ``base.literals``) and ``google-re2`` (the RE2
twins that rule out a rule's regexes before ``regex`` searches, ``base.filtered``). The outline
grammar's parser has one path (``outline.lalr``, faster than ``lark-cython`` was: round 9).
"""

from __future__ import annotations

import os
from functools import cache
from importlib import import_module
from importlib.metadata import requires
from pathlib import Path

import pytest
import regex
from conftest import ROOT, SEED
from hypothesis import given, settings
from hypothesis import strategies as st
from packaging.requirements import Requirement
from test_rule_examples import CASES, LINTER, mismatches
from test_seed import EXPECTED as SEED_FINDINGS

from reportlint.api import lint_text
from reportlint.base import filtered, literals
from reportlint.base.filtered import FilteredPass
from reportlint.base.literals import PURE_PYTHON, literal_matches
from reportlint.base.re2syntax import translate
from reportlint.rules.kinds.consistency import ConsistencyCheck
from reportlint.rules.kinds.pattern import PatternCheck
from reportlint.rules.kinds.substitution import SubstitutionCheck

CORPUS = ROOT.parent / "shared" / "corpus" / "gov-reports-2026"
PATHS = ("compiled", "pure")


def _use(path: str) -> None:
    if path == "pure":
        os.environ[PURE_PYTHON] = "1"
    else:
        os.environ.pop(PURE_PYTHON, None)


def _require(module: str, distribution: str) -> None:
    """Import ``module``: a package the ``[test]`` extra installs here must be there (a missing
    one fails, not silently pure); one its marker leaves out here (no wheel) skips the test."""
    listed = [Requirement(r) for r in requires("reportlint") or () if Requirement(r).name == distribution]
    tested = [r for r in listed if r.marker is not None and r.marker.evaluate({"extra": "test"})]
    if listed and not tested:
        pytest.skip(f"{distribution} has no wheel for this platform ([test] leaves it out)")
    import_module(module)


@pytest.fixture(params=PATHS)
def path(request, monkeypatch) -> str:
    """Which path the test runs on; the compiled packages must be installed (``[test]`` has them)."""
    monkeypatch.delenv(PURE_PYTHON, raising=False)
    if request.param == "compiled":
        _require("ahocorasick_rs", "ahocorasick-rs")
        _require("re2", "google-re2")
    else:
        monkeypatch.setenv(PURE_PYTHON, "1")
    return request.param


def _findings(text: str) -> list[tuple]:
    return [(d.rule, d.start.offset, d.end.offset, d.message, d.fix) for d in lint_text(text).diagnostics]


@cache
def _pure_findings(file: Path) -> list[tuple]:
    """The pure path's findings on ``file`` (the reference the compiled path must equal)."""
    saved = os.environ.get(PURE_PYTHON)
    os.environ[PURE_PYTHON] = "1"
    try:
        return _findings(file.read_text(encoding="utf-8"))
    finally:
        if saved is None:
            os.environ.pop(PURE_PYTHON)
        else:
            os.environ[PURE_PYTHON] = saved


def _reports() -> list[Path]:
    files = sorted(CORPUS.glob("*.txt"))
    if not files:
        if os.environ.get("CI"):
            pytest.fail(f"the real-report corpus is missing in CI: {CORPUS}")
        pytest.skip(f"the real-report corpus is not beside this clone ({CORPUS})")
    return files


def test_the_compiled_path_is_taken_when_installed(path):
    """Guards the test itself: "compiled" really runs the automaton and RE2, "pure" does not."""
    uses_automaton = not literals.pure_python() and literals._automaton(("的",)) is not None
    assert uses_automaton == (path == "compiled")
    searched = FilteredPass(["(?<=甲)乙", "丙"], joined=True)
    filtered.TWINS.hits((), "a first text")  # a process's first short text is not filtered
    assert searched.candidates("丙") == ((1,) if path == "compiled" else (0, 1))


def test_real_reports_give_the_same_findings_both_ways(path):
    for file in _reports():
        assert _findings(file.read_text(encoding="utf-8")) == _pure_findings(file), file.name


def test_seed_gives_its_findings_both_ways(path):
    text = SEED.read_text(encoding="utf-8")
    result = lint_text(text)
    assert [(d.rule, d.start.line, d.start.column) for d in result.diagnostics] == SEED_FINDINGS
    assert _findings(text) == _pure_findings(SEED)


def test_rule_examples_hold_both_ways(path):
    failed = {case.id: problems for case in CASES if (problems := mismatches(LINTER, *case.values))}
    assert failed == {}


LITERALS = ("模仿", "模仿作用", "仿作", "作用", "a", "ab", "abc", "bc", "😀", "😀b")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="模仿作用abc😀\ud800x", max_size=40), st.lists(st.sampled_from(LITERALS), min_size=1))
def test_literal_matches_are_the_same_both_ways(text, chosen):
    """Overlapping strings, one a prefix or suffix of another, characters outside the BMP and
    lone surrogates (which have no UTF-8 form and so take the pure path) all match alike."""
    wanted = tuple(dict.fromkeys(chosen))
    _use("compiled")
    try:
        compiled = literal_matches(text, wanted)
        _use("pure")
        pure = literal_matches(text, wanted)
    finally:
        os.environ.pop(PURE_PYTHON, None)
    assert compiled == pure
    if literals._automaton(wanted) is not None:  # the NFA a run starts with and the DFA it moves to
        dfa = literals._by_windows(literals._automaton(wanted, True), text, wanted) if "\ud800" not in text else pure
        assert dfa == pure
    cursor = 0
    for start, end, literal in pure:  # leftmost, longest, never overlapping
        assert text[start:end] == literal and start >= cursor
        cursor = end


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="模仿作用abc😀x", max_size=60),
    st.lists(st.sampled_from(LITERALS), min_size=1),
    st.integers(min_value=1, max_value=7),
)
def test_a_long_text_searched_window_by_window_matches_alike(text, chosen, window):
    """The automaton sees a long text a window at a time (to keep its memory small): matches
    across a window's edge, and runs of overlapping candidates, come out as in one search."""
    wanted = tuple(dict.fromkeys(chosen))
    saved = literals.WINDOW
    _use("compiled")
    literals.WINDOW = window
    try:
        compiled = literal_matches(text, wanted)
    finally:
        literals.WINDOW = saved
    _use("pure")
    try:
        assert compiled == literal_matches(text, wanted)
    finally:
        os.environ.pop(PURE_PYTHON, None)


def _rule_regexes() -> list[str]:
    """Every regex of the built-in rules that gets an RE2 twin (``pattern``, ``substitution`` and
    ``consistency``)."""
    passes: list[FilteredPass] = []
    for rule in LINTER.ruleset.rules:
        if isinstance(rule.check, PatternCheck):
            passes += [search for search, _ in rule.check.regexes] + [rule.check.joined] * bool(rule.check.joined)
        elif isinstance(rule.check, SubstitutionCheck) and rule.check.pattern is not None:
            passes.append(rule.check.pattern)
        elif isinstance(rule.check, ConsistencyCheck):
            passes += [variant for variants in rule.check.sets for variant in variants]
    return sorted({source for search in passes for source in search.sources})


RULE_REGEXES = _rule_regexes()
EXAMPLES = sorted({case.values[1].text for case in CASES})


def test_the_built_in_rule_regexes_all_have_twins():
    """A regex without a twin is searched on every text: each built-in one has one."""
    assert len(RULE_REGEXES) > 40
    assert [source for source in RULE_REGEXES if translate(source) is None] == []


@pytest.mark.parametrize("source", RULE_REGEXES)
def test_a_built_in_rule_regex_never_matches_where_its_twin_does_not(source):
    """On every rule example, and on texts drawn from the regex's own characters, RE2's twin
    matches wherever ``regex`` does (where it is exact, at the same place)."""
    import re2

    translation = translate(source)
    assert translation is not None
    program, twin = regex.compile(source, regex.VERSION0), re2.compile(translation.source)

    def agree(text: str) -> None:
        found = program.search(text)
        if translation.exact:
            assert (found and found.span()) == (twin.search(text) and twin.search(text).span()), text
        elif found:
            assert twin.search(text), text

    for text in EXAMPLES:
        agree(text)
    alphabet = "".join(sorted(set(source) | set("\n 　中文1a年")))
    settings(max_examples=150, deadline=None)(given(st.text(alphabet=alphabet, max_size=20))(agree))()


def test_a_list_is_searched_by_its_dfa_once_it_has_scanned_enough(monkeypatch):
    """A cold start builds the cheap NFA; a long run moves to the DFA, which scans faster."""
    import ahocorasick_rs  # noqa: F401  (the [test] extra installs it)

    monkeypatch.delenv(PURE_PYTHON, raising=False)
    monkeypatch.setattr(literals, "DFA_AFTER", 10)
    wanted = ("模仿作用", "作用", "成绩")
    built: list[bool] = []
    original = literals._automaton
    monkeypatch.setattr(literals, "_automaton", lambda found, dfa=False: built.append(dfa) or original(found, dfa))
    literals._scanned.pop(wanted, None)
    first = literal_matches("发挥模仿作用，", wanted)  # 7 characters so far: the NFA
    assert literal_matches("发挥模仿作用，", wanted) == first == [(2, 6, "模仿作用")]  # 14: the DFA
    assert built == [False, True]
