"""The command line as users, hooks and CI run it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import jsonschema
import pytest
from conftest import ROOT, SEED, SEEDS, check_json, run_cli, run_on_terminal

SARIF_SCHEMA = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"


def test_exit_codes_follow_the_fail_level(tmp_path):
    clean = SEEDS / "101_clean_duty_report.txt"
    assert run_cli("check", str(clean)).returncode == 0
    assert run_cli("check", str(SEED)).returncode == 1
    assert run_cli("check", "--exit-zero", str(SEED)).returncode == 0
    only_warnings = tmp_path / "w.txt"
    only_warnings.write_text("标题\n\n全面完成任务。。\n", encoding="utf-8")
    assert run_cli("check", str(only_warnings)).returncode == 1
    assert run_cli("check", "--fail-level", "error", str(only_warnings)).returncode == 0


def test_stdin_with_a_filename():
    code, data = check_json("--stdin-filename", "draft.md", "-", stdin="# 标题\n\n学习X次。\n".encode())
    assert code == 1
    assert [(d["path"], d["rule"], d["range"]["start"]["line"]) for d in data["diagnostics"]] == [
        ("draft.md", "placeholder", 3)
    ]


def test_unreadable_inputs_are_reported_and_the_rest_still_checked(tmp_path):
    empty_dir = tmp_path / "empty"
    empty_dir.mkdir()
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    missing = tmp_path / "missing.txt"
    code, data = check_json(str(missing), str(empty_dir), str(binary), str(SEED))
    assert code == 2
    assert [(e["path"], e["message"]) for e in data["errors"]] == [
        (str(missing), "no such file or directory"),
        (str(empty_dir), "directory has no files to check (.txt, .md, .markdown, .docx)"),
        (str(binary), "binary file, not text (if it is text, name its encoding with --encoding)"),
    ]
    assert len(data["diagnostics"]) == 24
    proc = run_cli("check", str(missing), str(SEED))
    err = proc.stderr.decode()
    assert proc.returncode == 2
    assert err == f"reportlint: {missing}: no such file or directory\n"
    assert "seed" not in err and "Traceback" not in err


def test_an_empty_input_is_one_empty_document_warning_not_clean(tmp_path):
    import docx

    (tmp_path / "a-empty.txt").write_bytes(b"")
    (tmp_path / "b-blank.txt").write_bytes(" \r\n\u3000\n\t".encode())
    document = docx.Document()
    document.add_paragraph("   ")
    document.save(tmp_path / "c-empty.docx")
    code, data = check_json(str(tmp_path), "--no-cache")
    assert data["errors"] == []
    found = [(Path(d["path"]).name, d["rule"], d["severity"], d["range"]["start"]["line"]) for d in data["diagnostics"]]
    assert found == [
        ("a-empty.txt", "empty-document", "warning", 1),
        ("b-blank.txt", "empty-document", "warning", 1),
        ("c-empty.docx", "empty-document", "warning", 1),
    ]
    assert code == 1


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_fix_changes_exactly_the_half_width_marks_and_holds_back_the_typo(tmp_path, newline):
    original = SEED.read_bytes().decode("utf-8").replace("\n", newline).encode("utf-8")
    target = tmp_path / "seed.txt"
    target.write_bytes(original)
    target.chmod(0o640)
    proc = run_cli("check", "--fix", str(target))
    assert proc.returncode == 1  # placeholders and residue remain
    safe = original.replace("监督,深化标本兼治,在全局".encode(), "监督，深化标本兼治，在全局".encode()).replace(
        "指示精神.".encode(), "指示精神。".encode()
    )
    assert target.read_bytes() == safe  # the typo's fix is a guess: unsafe, held back
    assert oct(target.stat().st_mode & 0o777) == "0o640"
    assert "Fixed 3 problems." in proc.stdout.decode()
    assert "1 more with --unsafe-fixes." in proc.stdout.decode()
    _, data = check_json(str(target))
    assert {d["rule"] for d in data["diagnostics"]} == {
        "placeholder",
        "template-residue",
        "term-inconsistency",
        "dunhao-between-quotes",
        "typo",
    }
    (typo,) = [d for d in data["diagnostics"] if d["rule"] == "typo"]
    assert typo["fix"]["applicability"] == "unsafe"

    proc = run_cli("check", "--fix", "--unsafe-fixes", str(target))
    assert target.read_bytes() == safe.replace("模仿作用".encode(), "模范作用".encode())
    assert "Fixed 1 problem." in proc.stdout.decode()


def test_diff_prints_and_writes_nothing(tmp_path):
    target = tmp_path / "seed.txt"
    shutil.copy(SEED, target)
    before = target.read_bytes()
    proc = run_cli("check", "--diff", "--unsafe-fixes", "--format", "concise", str(target))
    out = proc.stdout.decode()
    assert target.read_bytes() == before
    lines = out.splitlines()
    removed = [line for line in lines if line.startswith("-") and not line.startswith("---")]
    added = [line for line in lines if line.startswith("+") and not line.startswith("+++")]
    assert len(removed) == len(added) == 3
    assert f"+++ b{target}" in out  # an absolute path loses its leading slash after b/
    assert "先锋模范作用" in out
    assert "typo" not in out and " typo " in proc.stderr.decode()  # the findings go to stderr


@pytest.mark.parametrize(
    ("ending", "encoding"), [("\n", "utf-8"), ("\r\n", "utf-8"), ("", "utf-8"), ("\n", "gbk"), ("\r\n", "gbk")]
)
@pytest.mark.parametrize("tool", ["git", "patch"])
def test_diff_output_is_a_patch_that_git_apply_and_patch_accept(tmp_path, ending, encoding, tool):
    """The diff alone is on standard output: saved to a file, it applies with git apply (or
    patch -p1) and gives what --fix writes, whatever the line endings, final line break and
    encoding (a GBK file's patch holds GBK lines, as git diff would write them)."""
    text = SEED.read_text(encoding="utf-8").rstrip("\n").replace("\n", "\r\n" if ending == "\r\n" else "\n")
    (tmp_path / "patched").mkdir()
    (tmp_path / "fixed").mkdir()
    for where in ("patched", "fixed"):
        (tmp_path / where / "报告 1.txt").write_bytes((text + ending).encode(encoding))
    proc = run_cli("check", "--diff", "--no-cache", "报告 1.txt", cwd=tmp_path / "patched")
    assert proc.returncode == 1 and proc.stdout.startswith("--- a/报告 1.txt".encode()), proc.stdout[:200]
    (tmp_path / "fix.patch").write_bytes(proc.stdout)
    command = ["git", "apply", "../fix.patch"] if tool == "git" else ["patch", "-p1", "-i", "../fix.patch"]
    applied = subprocess.run(command, cwd=tmp_path / "patched", capture_output=True, text=True)
    assert applied.returncode == 0, applied.stdout + applied.stderr
    run_cli("check", "--fix", "--no-cache", "报告 1.txt", cwd=tmp_path / "fixed")
    patched = (tmp_path / "patched" / "报告 1.txt").read_bytes()
    assert patched == (tmp_path / "fixed" / "报告 1.txt").read_bytes() != (text + ending).encode(encoding)


def test_text_output_underlines_chinese_text(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text("标题\n\n全年学习X次。\n", encoding="utf-8")
    lines = run_cli("check", str(report)).stdout.decode().splitlines()
    assert lines[0] == f"{report}:3:5: error placeholder 未填写的占位符“X”"
    assert lines[2] == "3 | 全年学习X次。"
    assert lines[3] == "  | " + " " * 8 + "^"  # four full-width characters take eight columns
    assert lines[-1] == "Found 1 problem (1 error)."


def test_concise_github_and_json_lines():
    concise = run_cli("check", "--format", "concise", str(SEED)).stdout.decode().splitlines()
    assert concise[0] == f"{SEED}:1:23: error template-residue 模板或网页残留“（2946字）”"
    github = run_cli("check", "--format", "github", str(SEED)).stdout.decode().splitlines()
    assert github[0] == (
        f"::error file={SEED},line=1,col=23,endLine=1,endColumn=30,title=template-residue::模板或网页残留“（2946字）”"
    )
    lines = run_cli("check", "--format", "json-lines", str(SEED)).stdout.decode().splitlines()
    assert len(lines) == 24 and json.loads(lines[2])["rule"] == "typo"


def test_sarif_validates_against_the_official_schema():
    proc = run_cli("check", "--format", "sarif", str(SEED))
    sarif = json.loads(proc.stdout)
    jsonschema.validate(sarif, json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))
    run = sarif["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    assert {r["id"] for r in run["tool"]["driver"]["rules"]} == {r["ruleId"] for r in run["results"]}
    assert len(run["results"]) == 24
    typo = next(r for r in run["results"] if r["ruleId"] == "typo")
    assert typo["locations"][0]["physicalLocation"]["region"]["startColumn"] == 340
    assert typo["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == "模范作用"


def test_sarif_uris_are_percent_encoded_references_and_every_rule_has_help(tmp_path):
    shutil.copy(SEED, tmp_path / "述职 报告.txt")
    proc = run_cli(
        "check", "--format", "sarif", "--no-cache", "述职 报告.txt", str(tmp_path / "述职 报告.txt"), cwd=tmp_path
    )
    sarif = json.loads(proc.stdout)
    jsonschema.validate(sarif, json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))
    run = sarif["runs"][0]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
    encoded = "%E8%BF%B0%E8%81%8C%20%E6%8A%A5%E5%91%8A.txt"
    assert uris == {encoded, "file://" + quote(str(tmp_path)) + "/" + encoded}
    rules = run["tool"]["driver"]["rules"]
    assert rules and all(r["helpUri"] == f"docs/rules.md#{r['id']}" for r in rules)
    assert all(r["fullDescription"]["text"] for r in rules)
    headings = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert all(f"## `{r['id']}`" in headings for r in rules)  # the anchor exists


def test_the_help_link_base_is_configurable_and_the_text_format_prints_it():
    import os

    env = {**os.environ, "REPORTLINT_DOCS_URL": "https://docs.example.org/rules.md"}
    proc = subprocess.run(
        [sys.executable, "-m", "reportlint", "check", "--no-cache", str(SEED)], capture_output=True, text=True, env=env
    )
    lines = proc.stdout.splitlines()
    helps = [line.split() for line in lines if "  help: " in line]
    assert [h[0] for h in helps] == [
        "template-residue",
        "placeholder",
        "typo",
        "term-inconsistency",
        "dunhao-between-quotes",
        "halfwidth-punct",
    ]
    assert all(h[2] == f"https://docs.example.org/rules.md#{h[0]}" for h in helps)
    assert lines[-1].startswith("Found 24 problems")
    default = run_cli("check", "--no-cache", str(SEED)).stdout.decode().splitlines()
    helps = [line.split(None, 2) for line in default if "  help: " in line]
    assert helps and all(h[2] == f"reportlint explain {h[0]}" for h in helps)  # a pip install has no docs/
    explained = run_cli("explain", helps[0][0])
    assert explained.returncode == 0 and helps[0][0] in explained.stdout.decode()


def test_statistics_in_text_and_json():
    out = run_cli("check", "--statistics", "--format", "concise", str(SEED)).stdout.decode()
    assert "   13  placeholder" in out
    _, data = check_json("--statistics", str(SEED))
    assert data["statistics"][0] == {"rule": "placeholder", "severity": "error", "count": 13, "fixable": False}
    assert {"rule": "halfwidth-punct", "severity": "warning", "count": 3, "fixable": True} in data["statistics"]
    # fixable: what --fix would apply; a typo's correction is unsafe, so only with --unsafe-fixes
    assert {"rule": "typo", "severity": "warning", "count": 1, "fixable": False} in data["statistics"]
    _, unsafe = check_json("--statistics", "--unsafe-fixes", str(SEED))
    assert {"rule": "typo", "severity": "warning", "count": 1, "fixable": True} in unsafe["statistics"]


def test_rules_and_explain():
    rows = json.loads(run_cli("rules", "--format", "json").stdout)
    ids = [row["id"] for row in rows]
    assert "total-mismatch" in ids and "unused-suppression" in ids
    typo = next(row for row in rows if row["id"] == "typo")
    assert (typo["kind"], typo["severity"], typo["fixable"]) == ("substitution", "warning", True)
    text = run_cli("rules").stdout.decode()
    assert "halfwidth-punct" in text
    for rule_id in ids:
        proc = run_cli("explain", rule_id)
        assert proc.returncode == 0, rule_id
    out = run_cli("explain", "total-mismatch").stdout.decode()
    assert "Fires on" in out and "合计210份" in out and "Stays quiet on" in out
    missing = run_cli("explain", "no-such-rule")
    assert missing.returncode == 2 and "unknown rule 'no-such-rule'" in missing.stderr.decode()


def test_outline_text_view():
    out = run_cli("outline", str(SEED)).stdout.decode().splitlines()
    assert out[0] == "2023年党总支部书记抓基层党建工作述职报告（2946字）"
    assert out[1] == "  一、主要做法  [line 4]"
    assert out[2] == "    （一）抓思想，政治引领突出成效  [line 5]  · 一是 二是 三是"


def test_outline_says_which_report_type_and_when_none_is_found(tmp_path):
    """A report whose title names no type is checked without its sections (missing-section
    and section-order find nothing): the outline says so rather than leave it silent."""
    unit = tmp_path / "unit.txt"
    unit.write_text("XX市XX街道办事处\n2025年度述职报告\n一、履职情况\n完成了任务。\n", encoding="utf-8")
    notice = tmp_path / "notice.txt"
    notice.write_text("关于开展专项检查的通知\n一、检查内容\n内容。\n", encoding="utf-8")
    typed = run_cli("outline", str(unit)).stdout.decode().splitlines()
    assert typed == ["2025年度述职报告", "  一、履职情况  [line 3]", "Report type: 述职报告 (its sections are checked)"]
    untyped = run_cli("outline", str(notice)).stdout.decode().splitlines()
    assert untyped[-1].startswith("Report type: none found") and "type: in .reportlint.yaml" in untyped[-1]


def test_no_color_when_not_a_tty():
    out = run_cli("check", str(SEED)).stdout
    assert b"\x1b[" not in out


def test_rules_page_is_generated_from_the_rule_files():
    page = run_cli("rules", "--all", "--format", "markdown").stdout.decode()
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == page, "regenerate docs/rules.md"


def test_kinds_page_is_generated_from_the_kind_declarations():
    page = run_cli("kinds", "--format", "markdown").stdout.decode()
    assert (ROOT / "docs" / "kinds.md").read_text(encoding="utf-8") == page, "regenerate docs/kinds.md"


def test_sarif_is_readable_by_sarif_tools(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    out = tmp_path / "seed.sarif"
    out.write_bytes(run_cli("check", "--format", "sarif", str(SEED)).stdout)
    sarif = Path(sys.executable).parent / "sarif"
    proc = subprocess.run(
        [str(sarif) if sarif.exists() else "sarif", "summary", str(out)], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert "error: 16" in proc.stdout and "warning: 8" in proc.stdout
    assert "typo" in proc.stdout


def test_colour_on_a_terminal_unless_no_color():
    coloured = run_on_terminal("check", "--no-cache", str(SEED))
    assert "\x1b[31m\x1b[1merror placeholder" in coloured  # errors in bold red
    plain = run_on_terminal("check", "--no-cache", str(SEED), env={"NO_COLOR": "1"})
    assert "\x1b[3" not in plain and ": error placeholder" in plain  # the severity in words without colour


def run_without(setup: str, *args: str) -> subprocess.CompletedProcess:
    """Run the command line after ``setup`` broke something it needs."""
    code = f"import sys; {setup}; from reportlint.__main__ import run; sys.argv[0] = 'reportlint'; run()"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(
    ("setup", "reason"),
    [
        ("sys.modules['lark'] = None", "the outline grammar cannot be loaded: import of lark halted"),
        (
            "import reportlint.outline.parser as p; p.GRAMMAR = 'missing.lark'",
            "the outline grammar cannot be loaded: missing.lark",
        ),
    ],
)
def test_outline_and_check_exit_2_with_one_line_when_the_grammar_cannot_be_loaded(setup, reason):
    for command in (["outline", str(SEED)], ["check", "--no-cache", str(SEED)]):
        proc = run_without(setup, *command)
        assert (proc.returncode, proc.stdout) == (2, ""), proc.stderr
        assert proc.stderr.startswith(f"reportlint: error: {reason}") and proc.stderr.count("\n") == 1, proc.stderr


def test_a_missing_package_is_one_line_and_exit_2():
    for package in ("regex", "click"):
        proc = run_without(f"sys.modules[{package!r}] = None", "rules")
        assert proc.returncode == 2 and proc.stderr.count("\n") == 1, proc.stderr
        assert f"a package reportlint needs cannot be imported: import of {package} halted" in proc.stderr


def test_version_has_a_short_form():
    assert run_cli("-V").stdout == run_cli("--version").stdout != b""
    assert run_cli("-V").stdout.startswith(b"reportlint, version ")


def test_rules_prints_a_header_row():
    lines = run_cli("rules").stdout.decode().splitlines()
    assert lines[0].split() == ["id", "kind", "severity", "fix", "summary"]
    assert lines[1].split()[0] == "placeholder"
