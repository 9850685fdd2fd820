"""Every example of every rule — built-in and the user pack in tests/rules — is run."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportlint.rules.engine import get_linter
from reportlint.rules.settings import Settings

USER_RULES = Path(__file__).parent / "rules"
LINTER = get_linter(Settings(select=("ALL",), rule_dirs=(USER_RULES.resolve(),)))
CASES = [
    pytest.param(rule, example, id=f"{rule.id}-{'fire' if example.count else 'quiet'}-{index}")
    for rule in LINTER.ruleset.rules
    for index, example in enumerate(rule.examples)
]


@pytest.mark.parametrize(("rule", "example"), CASES)
def test_rule_example(rule, example):
    found = LINTER.run_rule(rule, example.text)
    assert len(found) == example.count, [(d.start.line, d.start.column, d.message) for d in found]


def test_every_rule_has_examples_that_fire_and_that_stay_quiet():
    for rule in LINTER.ruleset.rules:
        assert any(e.count for e in rule.examples), rule.id
        assert any(not e.count for e in rule.examples), rule.id


def test_the_issue_rule_ids_are_all_built_in():
    builtin = {r.id for r in get_linter(Settings()).ruleset.rules}
    assert {
        "placeholder",
        "template-residue",
        "typo",
        "term-inconsistency",
        "halfwidth-punct",
        "fullwidth-digit",
        "dunhao-between-quotes",
        "unpaired-bracket",
        "repeated-punct",
        "repeated-word",
        "missing-section",
        "section-order",
        "numbering-gap",
        "numbering-style",
        "enumeration-sequence",
        "total-mismatch",
        "count-mismatch",
    } <= builtin


def test_user_rule_pack_fires_through_the_normal_path():
    from reportlint.api import lint_text

    settings = Settings(rule_dirs=(USER_RULES.resolve(),))
    result = lint_text("关于巡察整改情况的报告\n一、整改情况\n领导高度重视。", settings=settings)
    assert [(d.rule, d.start.line) for d in result.diagnostics] == [
        ("org-missing-section", 1),
        ("org-banned-phrase", 3),
    ]


def test_a_kind_from_an_entry_point_is_found(monkeypatch, tmp_path):
    """Third-party kinds come in through the entry-point group reportlint.kinds."""
    import sys

    from reportlint.rules import kinds

    (tmp_path / "shout_kind.py").write_text(
        "from reportlint.rules.diagnostics import Finding\n"
        "from reportlint.base.source import Span\n"
        "PARAMS = {}\nSCOPED = False\nFIXABLE = False\n"
        "class Check:\n"
        "    def __call__(self, doc):\n"
        "        if '！！' in doc.text:\n"
        "            start = doc.text.index('！！')\n"
        "            yield Finding.at(Span(start, start + 2), match='！！')\n"
        "def compile(params):\n    return Check()\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(kinds, "_plugins", lambda: {"shout": "shout_kind"})
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "r.yaml").write_text(
        "rules:\n  - id: no-shouting\n    kind: shout\n    severity: info\n    message: '{match}'\n"
        "    description: d\n    examples:\n      fire: ['好！！']\n      quiet: ['好！']\n",
        encoding="utf-8",
    )
    from reportlint import parse_outline
    from reportlint.rules.loader import load_rules

    (rule,) = load_rules([rules]).rules
    assert rule.kind == "shout"
    assert [f.values for f in rule.check(parse_outline("真好！！"))] == [(("match", "！！"),)]
    sys.modules.pop("shout_kind", None)


def test_a_repeated_phrase_is_one_finding_and_its_fix_keeps_one_copy():
    from reportlint.api import lint_text
    from reportlint.rules.fixes import apply_fixes

    text = "坚持以人民为中心以人民为中心以人民为中心的发展思想，加强党的的建设。"
    found = [d for d in lint_text(text).diagnostics if d.rule == "repeated-word"]
    where = [(d.start.column, d.end.column, d.fix.replacement) for d in found]
    assert where == [(3, 21, "以人民为中心"), (30, 32, "的")]
    assert apply_fixes(text, found) == (text, 0)  # unsafe: --fix alone leaves them
    fixed, applied = apply_fixes(text, found, unsafe=True)
    assert (fixed, applied) == ("坚持以人民为中心的发展思想，加强党的建设。", 2)


def test_a_phrase_run_inside_a_unit_run_is_not_reported_twice():
    from reportlint.api import lint_text

    found = [d for d in lint_text("这是的的的的的的。").diagnostics if d.rule == "repeated-word"]
    assert [(d.start.column, d.end.column) for d in found] == [(3, 9)]
