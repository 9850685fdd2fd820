"""Bad rule files stop the run with one clear error naming file, line and column (exit 2)."""

from __future__ import annotations

import pytest
from conftest import SEED, run_cli

GOOD_RULE = """\
rules:
  - id: my-rule
    kind: pattern
    severity: warning
    message: m
    description: d
    pattern: 'abc'
    examples:
      fire: [abc]
      quiet: [xyz]
"""

CASES = {
    "yaml-syntax": ("rules:\n  - id: [oops\n", 3, 1, "expected"),
    "unknown-key": (
        GOOD_RULE.replace("    pattern: 'abc'", "    pattern: 'abc'\n    colour: red"),
        8,
        5,
        "unknown key 'colour'",
    ),
    "missing-field": (GOOD_RULE.replace("    message: m\n", ""), 2, 5, "missing field 'message'"),
    "bad-regex": (GOOD_RULE.replace("'abc'", "'a(b'"), 7, 5, "bad regular expression"),
    "unknown-kind": (GOOD_RULE.replace("kind: pattern", "kind: telepathy"), 3, 5, "unknown kind 'telepathy'"),
    "python-tag": (
        GOOD_RULE.replace("message: m", "message: !!python/object/apply:os.system ['echo hi']"),
        5,
        14,
        "could not determine a constructor",
    ),
    "bad-severity": (GOOD_RULE.replace("severity: warning", "severity: fatal"), 4, 5, "severity must be one of"),
    "top-level-key": ("ruels: []\n", 1, 1, "unknown key 'ruels'"),
    "bad-fix-applicability": (
        GOOD_RULE.replace("severity: warning", "severity: warning\n    fix: sure"),
        5,
        5,
        "'fix' must be 'safe' or 'unsafe'",
    ),
    "misspelt-message-field": (
        GOOD_RULE.replace("message: m", "message: '{sugestion}'"),
        5,
        5,
        "message names '{sugestion}', which kind 'pattern' does not fill in (it fills: {match})",
    ),
    "attribute-in-message": (GOOD_RULE.replace("message: m", "message: '{match.__class__}'"), 5, 5, "message names"),
    "choice-not-declared": (
        GOOD_RULE.replace("kind: pattern", "kind: numbering").replace("    pattern: 'abc'", "    check: sequnce"),
        7,
        5,
        "'check' is one of sequence, style, doubled, not 'sequnce'",
    ),
    "scope-on-unscoped-kind": (
        GOOD_RULE.replace("kind: pattern", "kind: numbering").replace(
            "    pattern: 'abc'", "    check: style\n    scope: [body]"
        ),
        8,
        5,
        "kind 'numbering' is not scoped",
    ),
    "bad-pin": (GOOD_RULE.replace("fire: [abc]", "fire: [{text: abc, at: [0, 1]}]"), 9, 26, "'at' is [line, column]"),
    "bad-phrases": (
        GOOD_RULE.replace("kind: pattern", "kind: repetition").replace(
            "    pattern: 'abc'", "    unit: '[的]'\n    phrases: [6, 3]"
        ),
        8,
        5,
        "phrases needs 2 <= min <= max",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_broken_rule_file_gives_file_line_column_and_exit_2(tmp_path, case):
    content, line, column, reason = CASES[case]
    rules = tmp_path / "rules"
    rules.mkdir()
    bad = rules / "bad.yaml"
    bad.write_text(content, encoding="utf-8")
    proc = run_cli("check", "--rule-dir", str(rules), str(SEED))
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert err.count("\n") == 1, err
    assert f"{bad}:{line}:{column}:" in err
    assert reason in err
    assert "Traceback" not in err


def test_duplicate_id_names_the_second_definition(tmp_path):
    (tmp_path / "a.yaml").write_text(GOOD_RULE, encoding="utf-8")
    (tmp_path / "b.yaml").write_text("# another\n" + GOOD_RULE, encoding="utf-8")
    proc = run_cli("check", "--rule-dir", str(tmp_path), str(SEED))
    assert proc.returncode == 2
    assert f"{tmp_path / 'b.yaml'}:3:1: duplicate rule id 'my-rule'" in proc.stderr.decode()


def test_duplicate_of_a_builtin_id_is_refused(tmp_path):
    (tmp_path / "a.yaml").write_text(GOOD_RULE.replace("my-rule", "typo"), encoding="utf-8")
    proc = run_cli("check", "--rule-dir", str(tmp_path), str(SEED))
    assert proc.returncode == 2
    assert "duplicate rule id 'typo'" in proc.stderr.decode()


def test_a_good_user_rule_runs(tmp_path):
    (tmp_path / "a.yaml").write_text(GOOD_RULE.replace("'abc'", "'碧道'"), encoding="utf-8")
    proc = run_cli("check", "--rule-dir", str(tmp_path), "--select", "my-rule", "--format", "concise", str(SEED))
    assert proc.returncode == 1
    assert proc.stdout.decode().count(" my-rule ") == 2


def test_oversized_and_deeply_nested_rule_files_are_refused(tmp_path):
    from reportlint.rules.loader import RuleFileError, read_yaml

    deep = tmp_path / "deep.yaml"
    deep.write_text("a: " + "[" * 100 + "]" * 100 + "\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match="nested deeper"):
        read_yaml(deep)
    big = tmp_path / "big.yaml"
    big.write_text("# " + "x" * 2_000_000 + "\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match="larger than"):
        read_yaml(big)


def test_message_template_cannot_reach_attributes():
    from reportlint.base.source import Span
    from reportlint.rules.diagnostics import Finding
    from reportlint.rules.engine import render

    finding = Finding.at(Span(0, 1), match="X")
    assert render("{match} {match.__class__} {other}", finding) == "X {match.__class__} {other}"


SEVERAL_PATTERNS = """\
rules:
  - id: my-rule
    kind: pattern
    severity: warning
    message: "{match}"
    description: d
    patterns:
      - '（此处填写[^）]*）'
      - 'XX'
      - pattern: '碧道'
        scope: [title]
      - '(\\d)\\1'
    examples:
      fire: [XX]
      quiet: [abc]
"""


def test_patterns_searched_in_one_pass_keep_their_scope_and_report_a_place_once(tmp_path):
    """Joinable patterns share one pass: overlapping matches give one finding (the leftmost,
    then the first listed), a scoped pattern keeps its scope, and a pattern with a group
    (backreference) still runs by itself."""
    from reportlint.api import lint_text
    from reportlint.rules.settings import Settings

    (tmp_path / "a.yaml").write_text(SEVERAL_PATTERNS, encoding="utf-8")
    settings = Settings(select=("my-rule",), rule_dirs=(tmp_path.resolve(),))
    text = "碧道建设报告\n完成（此处填写XX）项，XX份，碧道长33公里。"
    found = [(d.start.line, d.message) for d in lint_text(text, settings=settings).diagnostics]
    assert found == [(1, "碧道"), (2, "（此处填写XX）"), (2, "XX"), (2, "33")]


def test_the_builtin_packs_compile_alike_trusted_or_checked_one_pattern_at_a_time():
    """The engine loads the built-in packs without the compiles that only validate (a cold
    start's largest cost); checked one pattern at a time here, each still compiles by itself
    and every rule comes out the same."""
    from reportlint.rules.loader import builtin_rules_dir, load_rules

    packs = builtin_rules_dir()
    checked, trusted = load_rules((packs,)), load_rules((packs,), trusted_dir=packs)
    assert [r.id for r in checked.rules] == [r.id for r in trusted.rules]
    for alone, quick in zip(checked.rules, trusted.rules, strict=True):
        assert alone.check == quick.check, alone.id


@pytest.mark.parametrize(
    "patterns",
    [
        ["a", "b", "c"],
        ["(?m)^a$", "b", "c"],  # joined, (?m) would apply to its own group: it keeps its own pass
        ["(?i)a", "b"],
        ["(a)\\1", "b", "c"],
        ["(?P<p1>x)", "y"],  # a group named like the joined pattern's own
        ["x(?#note)", "y", "(?:z)"],
        ["(?<=q)a", "(?!b)c", "(?>d)"],
    ],
)
def test_a_trusted_pattern_rule_searches_as_a_checked_one(tmp_path, patterns):
    from reportlint.rules.loader import load_rules

    listed = "\n".join(f"      - '{p}'" for p in patterns)
    rule = (
        SEVERAL_PATTERNS.split("    patterns:\n")[0]
        + f"    patterns:\n{listed}\n    examples:\n      fire: [a]\n      quiet: [w]\n"
    )
    (tmp_path / "a.yaml").write_text(rule, encoding="utf-8")
    (checked,) = load_rules((tmp_path,)).rules
    (trusted,) = load_rules((tmp_path,), trusted_dir=tmp_path).rules
    assert trusted.check == checked.check


def test_a_bad_regex_in_a_trusted_pack_is_named_by_the_checked_load(tmp_path):
    """Inside ``trusted()`` (the built-in packs) a rule's regexes are compiled when a text first
    needs them, not at load; the tests load the packs checked, which names a bad one by itself.
    Run trusted, the bad regex raises in the rule, which the engine reports as ``rule-error``."""
    import regex

    from reportlint.outline.parser import parse_outline
    from reportlint.rules.loader import RuleFileError, load_rules

    bad = GOOD_RULE.replace("kind: pattern", "kind: substitution").replace(
        "    pattern: 'abc'", "    regex: true\n    swap: {'ab': 'x', 'c(d': 'y'}"
    )
    (tmp_path / "a.yaml").write_text(bad, encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"bad regular expression 'c\(d'"):
        load_rules((tmp_path,))
    (rule,) = load_rules((tmp_path,), trusted_dir=tmp_path).rules
    with pytest.raises(regex.error):
        list(rule.check(parse_outline("abc")))
