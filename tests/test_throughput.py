"""Shortcuts taken for speed (issue 19) find exactly what the plain reading they skip finds."""

from __future__ import annotations

import copy

from hypothesis import given, settings
from hypothesis import strategies as st

from reportlint.outline.parser import parse_outline
from reportlint.rules.kinds.pairing import compile as pairing

BRACKETS = pairing({"pairs": ["（）", "《》", "“”", "‘’", "【】"]})


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="（）《》“”‘’【】字，\n\r", max_size=80))
def test_pairing_reads_only_the_unbalanced_lines_and_finds_what_reading_them_all_finds(text):
    every_line = sorted(BRACKETS._lines(text, 0, len(text)))
    assert list(BRACKETS(parse_outline(text))) == [BRACKETS._finding(text, offset) for offset in every_line]


def test_pairing_reads_lines_nested_deeper_than_its_rounds_mark_by_mark():
    deep = "（" * 12 + "字" + "）" * 12
    text = f"{deep}\n“{deep}\n《{deep}》\r\n{deep}）"
    found = [(f.span.start, f.values) for f in BRACKETS(parse_outline(text))]
    every_line = [BRACKETS._finding(text, offset) for offset in sorted(BRACKETS._lines(text, 0, len(text)))]
    assert found == [(f.span.start, f.values) for f in every_line]
    assert [text[start] for start, _ in found] == ["“", "）"]


def test_pairing_with_a_mark_that_opens_and_closes_reads_every_line():
    straight = pairing({"pairs": ['""', "（）"]})
    text = '他说"好（"）\n"对"'
    assert [text[f.span.start] for f in straight(parse_outline(text))] == ['"', '"']


def test_the_json_objects_of_real_reports_are_what_json_dumps_writes():
    from conftest import ROOT, SEEDS

    from reportlint.api import lint_text
    from reportlint.formats.json import _dump, objects

    corpus = ROOT.parent / "shared" / "corpus" / "gov-reports-2026"
    diagnostics = []
    for path in [*sorted(corpus.glob("*.txt"))[:5], *sorted(SEEDS.glob("*.txt"))[:5]]:
        diagnostics += lint_text(path.read_text(encoding="utf-8"), path=str(path)).diagnostics
    assert len(diagnostics) > 50 and any(d.fix for d in diagnostics)
    assert objects(diagnostics) == [_dump(d.to_dict()) for d in diagnostics]


@settings(max_examples=200, deadline=None)
@given(
    st.text(max_size=12),
    st.one_of(st.none(), st.text(max_size=8)),
    st.text(max_size=4),
    st.integers(0, 2**40),
)
def test_the_json_objects_are_what_json_dumps_writes_of_each_diagnostic(message, path, replacement, offset):
    """Written from a template, each diagnostic must read as json.dumps wrote its dictionary:
    any string (quotes, backslashes, control characters, lone surrogates), no path, no fix."""
    from reportlint.base.source import Position, Span
    from reportlint.formats.json import _dump, objects
    from reportlint.rules.diagnostics import Diagnostic, Fix

    at = Position(offset + 1, offset + 2, offset)
    fixed = Diagnostic("r", "warning", message, at, at, Fix(Span(offset, offset), replacement), (at, at), path)
    plain = fixed._replace(fix=None, fix_range=None, position_kind="paragraph")
    assert objects([fixed, plain]) == [_dump(d.to_dict()) for d in (fixed, plain)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="，。、；：？！,.的\n", max_size=30), st.integers(2, 4))
def test_runs_of_a_plain_class_are_found_by_re_where_regex_finds_them(text, least):
    import regex

    from reportlint.rules.kinds.repetition import compile as repetition

    check = repetition(
        {"unit": "[，。、；：？！]", "same": False, "min": least, "allow": [], "skip-reduplication": False}
        | {"keep": "last", "phrases": None, "lexicon": False}
    )
    plain = regex.compile(f"(?:[，。、；：？！]){{{least},}}", regex.VERSION0)
    assert [m.span() for m in check.run.finditer(text)] == [m.span() for m in plain.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 20), st.integers(0, 3)), max_size=30), st.integers(1, 12))
def test_the_engine_keeps_the_earliest_findings_with_or_without_a_heap(spans, limit):
    """Up to ``limit`` findings are kept as they come (no heap); past it, the earliest by
    position, of equal ones the first given, in the order given; either way what sorting all
    of them would keep."""
    from reportlint.base.source import Span
    from reportlint.rules.engine import _earliest

    items = [(Span(start, start + length), n) for n, (start, length) in enumerate(spans)]
    first = sorted(sorted(items, key=lambda item: item[0])[:limit], key=lambda item: item[1])
    assert _earliest(iter(items), limit, lambda item: item[0]) == (first, len(items) - len(first))


def test_a_rules_skip_patterns_are_searched_only_when_a_finding_asks(monkeypatch):
    """``skip`` lists (URLs, e-mail …) are searched once a candidate finding needs them, and
    then exempt it as before."""
    from reportlint.base import regexes
    from reportlint.rules.kinds import params

    searched = []
    monkeypatch.setattr(params, "finditer", lambda pattern, text: searched.append(pattern) or iter(()))
    check = _halfwidth_check()
    assert list(check(parse_outline("全文没有半角标点。"))) == []
    assert searched == []
    monkeypatch.setattr(params, "finditer", regexes.finditer)
    text = "详见https://example.com/a,（附件）,请按时报送。"
    commas = [i for i, char in enumerate(text) if char == ","]
    unskipped = copy.copy(check)
    unskipped.skip = None
    assert [f.span.start for f in unskipped(parse_outline(text))] == commas
    assert [f.span.start for f in check(parse_outline(text))] == commas[1:]  # not the one in the link


def _halfwidth_check():
    from reportlint.rules.engine import get_linter
    from reportlint.rules.settings import Settings

    return next(r.check for r in get_linter(Settings()).ruleset.rules if r.id == "halfwidth-punct")
