"""Every example of every rule — built-in and the user pack in tests/rules — is run."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportlint.rules.engine import get_linter
from reportlint.rules.fixes import apply_fixes
from reportlint.rules.kinds import get_kind
from reportlint.rules.settings import Settings

USER_RULES = Path(__file__).parent / "rules"
LINTER = get_linter(Settings(select=("ALL",), rule_dirs=(USER_RULES.resolve(),)))
CASES = [
    pytest.param(rule, example, id=f"{rule.id}-{'fire' if example.count else 'quiet'}-{index}")
    for rule in LINTER.ruleset.rules
    for index, example in enumerate(rule.examples)
]


def mismatches(linter, rule, example) -> list[str]:
    """How ``rule`` fails ``example``: the count, the pinned places, the fixed text."""
    found = linter.run_rule(rule, example.text, example.path)
    where = tuple((d.start.line, d.start.column) for d in found)
    problems = []
    if len(found) != example.count:
        problems.append(f"{len(found)} findings, expected {example.count}: {where}")
    elif example.at is not None and where != example.at:
        problems.append(f"fires at {where}, pinned at {example.at}")
    if example.fixed is not None and apply_fixes(example.text, found, unsafe=True)[0] != example.fixed:
        problems.append(f"fixes give {apply_fixes(example.text, found, unsafe=True)[0]!r}")
    return problems


@pytest.mark.parametrize(("rule", "example"), CASES)
def test_rule_example(rule, example):
    assert mismatches(LINTER, rule, example) == []


def test_every_rule_has_examples_that_fire_and_that_stay_quiet():
    for rule in LINTER.ruleset.rules:
        assert any(e.count for e in rule.examples) or not get_kind(rule.kind).examples_fire, rule.id
        assert any(not e.count for e in rule.examples), rule.id


def test_every_built_in_rule_pins_where_an_example_fires():
    """An example that fires in the wrong place must fail, so each rule pins one; a rule
    that gives fixes pins what one of them makes."""
    for rule in get_linter(Settings()).ruleset.rules:
        if not get_kind(rule.kind).examples_fire:
            continue
        assert any(e.at for e in rule.examples), rule.id
        assert not rule.fixable or any(e.fixed is not None for e in rule.examples), rule.id


def test_a_pinned_example_in_the_wrong_place_fails(tmp_path):
    (tmp_path / "r.yaml").write_text(
        "rules:\n  - id: my-rule\n    kind: substitution\n    severity: info\n    message: '{match}'\n"
        "    description: d\n    swap: {甲: 乙}\n    examples:\n"
        "      fire: [{text: '丙甲', at: [1, 1], fixed: '丙甲'}]\n      quiet: ['丙']\n",
        encoding="utf-8",
    )
    linter = get_linter(Settings(select=("my-rule",), rule_dirs=(tmp_path.resolve(),)))
    rule = linter.ruleset.by_id()["my-rule"]
    (example,) = [e for e in rule.examples if e.count]
    assert mismatches(linter, rule, example) == ["fires at ((1, 2),), pinned at ((1, 1),)", "fixes give '丙乙'"]


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
        "from reportlint.rules.kinds.contract import Kind\n"
        "class Check:\n"
        "    def __call__(self, doc):\n"
        "        if '！！' in doc.text:\n"
        "            start = doc.text.index('！！')\n"
        "            yield Finding.at(Span(start, start + 2), match='！！')\n"
        "def compile(params):\n    return Check()\n"
        "KIND = Kind('shout', 'Shouting.', {}, scoped=True, fix='never', fields=('match',), compile=compile)\n"
        "NOT_A_KIND = 3\n",
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
    from reportlint.rules.loader import RuleFileError, load_rules

    (rule,) = load_rules([rules]).rules
    assert rule.kind == "shout"
    assert (rule.scoped, rule.fixable) == (True, False)
    assert [f.values for f in rule.check(parse_outline("真好！！"))] == [(("match", "！！"),)]
    monkeypatch.setattr(kinds, "_plugins", lambda: {"shout": "shout_kind:NOT_A_KIND"})
    with pytest.raises(RuleFileError, match=r"r.yaml:3:5: rule 'no-shouting': kind 'shout' .* declares no Kind"):
        load_rules([rules])
    sys.modules.pop("shout_kind", None)


def test_a_repeated_phrase_is_one_finding_and_its_fix_keeps_one_copy():
    from reportlint.api import lint_text

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
