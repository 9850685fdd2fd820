"""The typo family on real text: silent on the published reports, and measured on the ECSpell
official-document sentences (bench/typos.py) against a floor and the false-alarm ceiling."""

from __future__ import annotations

import importlib.util
import sys

from conftest import ROOT

from reportlint.api import lint_text
from reportlint.rules.settings import Settings

CORPUS = ROOT.parent / "shared" / "corpus"
_spec = importlib.util.spec_from_file_location("bench_typos", ROOT / "bench" / "typos.py")
bench_typos = sys.modules.setdefault("bench_typos", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(bench_typos)


def test_the_typo_family_is_silent_on_the_published_reports():
    reports = sorted((CORPUS / "gov-reports-2026").glob("*.txt"))
    assert len(reports) == 15
    settings = Settings(select=bench_typos.TYPO_FAMILY)
    found = [
        (report.name, d.start.line, d.message)
        for report in reports
        for d in lint_text(report.read_text(encoding="utf-8"), path=str(report), settings=settings).diagnostics
    ]
    assert found == []


def test_the_rules_as_shipped_leave_correct_official_sentences_alone():
    result = bench_typos.measure(CORPUS / "ecspell-odw" / "odw.train")
    assert (result.misspelt, result.correct) == (575, 623)
    assert len(result.flagged) <= 0.02 * result.correct, result.flagged
    assert result.found >= 4  # measured 2026-11-27 with the default rules: 4 (0.7 %)


def test_wrong_char_and_near_miss_find_misspelt_sentences_without_false_alarms():
    result = bench_typos.measure(CORPUS / "ecspell-odw" / "odw.train", extend=("near-miss", "wrong-char"))
    assert result.flagged == []
    assert result.found >= 108  # measured 2026-11-28: 108 (18.8 %); a lower count is a regression
    assert result.by_rule.get("wrong-char", 0) >= 66
    assert result.by_rule.get("near-miss", 0) >= 74
