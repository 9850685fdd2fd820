"""Real published reports give exactly their reviewed findings (issue 14).

The development half of the 2026 provincial government work reports sits beside the clone at
``../shared/corpus/gov-reports-2026`` (as in CI). Every finding at warning or error must be one
listed in ``tests/data/gov-reports-2026.expected`` (the true ones from REVIEW.md), and every
listed one must be found: a rule change that adds a false alarm on real text, or loses a true
finding, fails here. Where the corpus is absent locally the test is skipped; in CI it must be
there.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import NamedTuple

import pytest
from conftest import ROOT

from reportlint import lint_path

CORPUS = ROOT.parent / "shared" / "corpus" / "gov-reports-2026"
EXPECTED = ROOT / "tests" / "data" / "gov-reports-2026.expected"
KNOWN_FALSE = "known-false "
REPORTS = 15


class Expected(NamedTuple):
    file: str
    line: int
    column: int
    rule: str
    note: str


def _parse(line: str) -> Expected:
    """``FILE:LINE:COLUMN RULE  NOTE`` → an :class:`Expected`."""
    where, rule, note = (line.split(None, 2) + [""])[:3]
    file, row, column = where.rsplit(":", 2)
    return Expected(file, int(row), int(column), rule, note.strip())


def _expected() -> tuple[list[Expected], list[Expected]]:
    """(true findings, false alarms still given while their fix is in flight)."""
    true, known_false = [], []
    for raw in EXPECTED.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith(KNOWN_FALSE):
            known_false.append(_parse(line[len(KNOWN_FALSE) :]))
        else:
            true.append(_parse(line))
    return true, known_false


def _corpus() -> Path:
    if not CORPUS.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"the real-report corpus is missing in CI: {CORPUS}")
        pytest.skip(f"the real-report corpus is not beside this clone ({CORPUS})")
    return CORPUS


@cache
def _found(corpus: Path) -> frozenset[tuple[str, int, int, str]]:
    found = set()
    for path in sorted(corpus.glob("*.txt")):
        result = lint_path(path)
        assert result.error is None, result.error
        for d in result.diagnostics:
            if d.severity in ("warning", "error"):
                found.add((path.name, d.start.line, d.start.column, d.rule))
    return frozenset(found)


def _key(e: Expected) -> tuple[str, int, int, str]:
    return (e.file, e.line, e.column, e.rule)


def test_the_expected_file_is_well_formed():
    true, known_false = _expected()
    keys = [_key(e) for e in true + known_false]
    assert len(keys) == len(set(keys)), "a finding is listed twice"
    assert all(e.note for e in true + known_false), "every line needs a note"


def test_real_reports_give_exactly_the_true_findings():
    corpus = _corpus()
    assert len(list(corpus.glob("*.txt"))) == REPORTS
    true, known_false = _expected()
    found = _found(corpus) - {_key(e) for e in known_false}
    expected = {_key(e) for e in true}
    assert sorted(found - expected) == [], "false alarms (or true findings not yet in the expected file)"
    assert sorted(expected - found) == [], "true findings lost"


def _gone(known_false: list[Expected], found: frozenset[tuple[str, int, int, str]]) -> list[tuple]:
    """The listed known false alarms that the rules no longer make."""
    return [_key(e) for e in known_false if _key(e) not in found]


def test_a_known_false_alarm_is_listed_only_while_it_is_still_found():
    """The list of known false alarms (fixes in flight) holds only alarms the rules still make:
    once a fix lands, its line must go, so the list never hides a new alarm at the same place."""
    found = _found(_corpus())
    true, known_false = _expected()
    assert _gone(known_false, found) == [], "these known false alarms are gone: remove their lines"
    # the check can fail (the list is empty today): an alarm still made stays, one no longer made goes
    made, not_made = true[0], true[0]._replace(line=true[0].line + 10_000)
    assert _gone([made, not_made], found) == [_key(not_made)]


def test_fix_never_rewrites_a_correct_doubled_character(tmp_path):
    """首都都市圈 is 首都 + 都市圈: removing a 都 is a guess, so --fix alone (safe fixes only)
    must leave the file as it is, byte for byte; the guess is offered only with --unsafe-fixes."""
    from conftest import run_cli

    target = tmp_path / "report.txt"
    original = "落实现代化首都都市圈空间协同规划，全力服务北京非首都功能疏解。\n".encode()
    target.write_bytes(original)
    run_cli("check", "--fix", str(target))
    assert target.read_bytes() == original
