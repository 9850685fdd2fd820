"""Configuration files, discovery, and the command line beating the file."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import SEED, check_json, run_cli


def rules_of(data) -> list[str]:
    return [d["rule"] for d in data["diagnostics"]]


def copy_seed(tmp_path, sub: str = "") -> str:
    target = tmp_path / sub if sub else tmp_path
    target.mkdir(parents=True, exist_ok=True)
    dest = target / "report.txt"
    shutil.copy(SEED, dest)
    return str(dest)


def test_yaml_config_found_by_walking_up(tmp_path):
    (tmp_path / ".reportlint.yaml").write_text("ignore: [placeholder]\nseverity:\n  typo: error\n", encoding="utf-8")
    path = copy_seed(tmp_path, "a/b")
    _, data = check_json(path)
    assert "placeholder" not in rules_of(data)
    assert [d["severity"] for d in data["diagnostics"] if d["rule"] == "typo"] == ["error"]


def test_pyproject_table(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.reportlint]\nselect = ["typo"]\n', encoding="utf-8")
    _, data = check_json(copy_seed(tmp_path))
    assert rules_of(data) == ["typo"]


def test_command_line_beats_the_file(tmp_path):
    (tmp_path / ".reportlint.yaml").write_text("select: [typo]\n", encoding="utf-8")
    path = copy_seed(tmp_path)
    _, data = check_json(path, "--select", "halfwidth-punct")
    assert set(rules_of(data)) == {"halfwidth-punct"}
    _, data = check_json(path, "--extend-select", "halfwidth-punct")
    assert set(rules_of(data)) == {"typo", "halfwidth-punct"}


def test_explicit_config_path(tmp_path):
    config = tmp_path / "custom.yaml"
    config.write_text("select: [dunhao-between-quotes]\n", encoding="utf-8")
    _, data = check_json("--config", str(config), str(SEED))
    assert rules_of(data) == ["dunhao-between-quotes"] * 2


def test_unknown_setting_is_an_error(tmp_path):
    (tmp_path / ".reportlint.yaml").write_text("select: [typo]\ncolour: blue\n", encoding="utf-8")
    proc = run_cli("check", copy_seed(tmp_path))
    assert proc.returncode == 2
    assert f"{tmp_path / '.reportlint.yaml'}:2:1: unknown setting 'colour'" in proc.stderr.decode()
    json_run = run_cli("check", "--format", "json", copy_seed(tmp_path))
    assert (json_run.returncode, json_run.stdout) == (2, b"")  # no half-written JSON for an editor to choke on


def test_unknown_rule_id_is_an_error(tmp_path):
    proc = run_cli("check", "--ignore", "no-such-rule", str(SEED))
    assert proc.returncode == 2
    assert "command line:1:1: unknown rule id 'no-such-rule'" in proc.stderr.decode()


@pytest.mark.parametrize(
    ("args", "config", "place"),
    [
        (("--type", "no-such-type"), None, "command line:1:1"),
        ((), "select: [typo]\ntype: no-such-type\n", ".reportlint.yaml:2:1"),
    ],
)
def test_an_unknown_report_type_is_an_error_not_a_silent_general_report(tmp_path, args, config, place):
    if config is not None:
        (tmp_path / ".reportlint.yaml").write_text(config, encoding="utf-8")
        place = f"{tmp_path / place}"
    proc = run_cli("check", *args, copy_seed(tmp_path))
    assert proc.returncode == 2
    assert proc.stdout == b""
    assert f"{place}: unknown report type 'no-such-type' (known: duty-report, work-summary, general)" in (
        proc.stderr.decode()
    )


@pytest.mark.parametrize(
    ("name", "content", "line", "column"),
    [
        (".reportlint.yaml", "select: [typo]\nignore: [placeholder, no-such-rule]\n", 2, 1),
        (".reportlint.yaml", "severity:\n  typo: info\n  no-such-rule: error\n", 3, 3),
        (".reportlint.yaml", "per-path-ignores:\n  'drafts/*': [typo]\n  '*.md': [no-such-rule]\n", 3, 3),
        ("pyproject.toml", "[tool.reportlint]\nextend-select = ['no-such-rule']\n", 2, 1),
        ("pyproject.toml", "[tool.reportlint.severity]\ntypo = 'info'\nno-such-rule = 'error'\n", 3, 1),
    ],
)
def test_an_unknown_rule_id_in_a_config_is_reported_at_its_key(tmp_path, name, content, line, column):
    (tmp_path / name).write_text(content, encoding="utf-8")
    proc = run_cli("check", copy_seed(tmp_path))
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert f"{tmp_path / name}:{line}:{column}: unknown rule id 'no-such-rule'" in err, err
    assert err.count("\n") == 1


def test_rule_dirs_are_relative_to_the_config_file(tmp_path):
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "r.yaml").write_text(
        "rules:\n  - id: house-rule\n    kind: pattern\n    severity: info\n    message: m\n    description: d\n"
        "    literals: [碧道]\n    examples:\n      fire: [碧道]\n      quiet: [河道]\n",
        encoding="utf-8",
    )
    (tmp_path / ".reportlint.yaml").write_text("rule-dirs: [house]\nselect: [house-rule]\n", encoding="utf-8")
    code, data = check_json(copy_seed(tmp_path, "docs"))
    assert rules_of(data) == ["house-rule", "house-rule"]
    assert code == 0  # info is below the default fail level


def test_per_path_ignores(tmp_path):
    (tmp_path / ".reportlint.yaml").write_text("per-path-ignores:\n  'drafts/*.txt': [placeholder]\n", encoding="utf-8")
    _, drafts = check_json(copy_seed(tmp_path, "drafts"))
    _, final = check_json(copy_seed(tmp_path, "final"))
    assert "placeholder" not in rules_of(drafts)
    assert "placeholder" in rules_of(final)


def test_report_type_override(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("会议纪要\n一、主要工作\n内容。\n", encoding="utf-8")
    _, data = check_json(str(path))
    assert rules_of(data) == []
    _, data = check_json(str(path), "--type", "duty-report")
    assert rules_of(data) == ["missing-section", "missing-section"]
    (tmp_path / ".reportlint.yaml").write_text("type: work-summary\n", encoding="utf-8")
    _, data = check_json(str(path))
    assert [d["message"] for d in data["diagnostics"]][0].endswith("（工作总结应包含）")


def test_rules_command_reads_the_config_in_the_current_directory(tmp_path):
    (tmp_path / ".reportlint.yaml").write_text("select: [typo]\n", encoding="utf-8")
    rows = json.loads(run_cli("rules", "--format", "json", cwd=tmp_path).stdout)
    assert [row["id"] for row in rows] == ["typo", "rule-error"]


def test_an_oversized_config_is_a_one_line_error_naming_it(tmp_path):
    config = tmp_path / ".reportlint.yaml"
    config.write_text("# " + "x" * 3_000_000 + "\n", encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_bytes(SEED.read_bytes())
    proc = run_cli("check", "--no-cache", str(report), cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.decode() == f"reportlint: error: {config}:1:1: file is larger than 1000000 bytes\n"
