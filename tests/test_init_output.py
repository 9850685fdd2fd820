"""``reportlint init`` and ``check -o FILE``: a starting configuration, and the report in a file."""

from __future__ import annotations

import json
import re
import shutil

from conftest import SEED, run_cli

from reportlint.config import load_settings
from reportlint.rules.settings import Settings


def test_init_writes_a_commented_config_that_changes_nothing(tmp_path):
    proc = run_cli("init", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr.decode()
    written = (tmp_path / ".reportlint.yaml").read_text(encoding="utf-8")
    for key in ("# type: duty-report", "# severity:", "# extend-select: [", "# ignore: [", "# rule-dirs: ["):
        assert key in written
    assert "duty-report（述职报告）、work-summary（工作总结）、general（通用）" in written
    settings = load_settings(tmp_path / ".reportlint.yaml")
    defaults = Settings()
    assert (settings.select, settings.extend_select, settings.ignore, settings.severity, settings.rule_dirs) == (
        defaults.select,
        defaults.extend_select,
        defaults.ignore,
        defaults.severity,
        defaults.rule_dirs,
    )
    assert settings.report_type == defaults.report_type
    shutil.copy(SEED, tmp_path / "report.txt")
    proc = run_cli("check", "--format", "json", "--no-cache", "report.txt", cwd=tmp_path)
    assert len(json.loads(proc.stdout)["diagnostics"]) == 24


def test_the_examples_in_the_comments_are_valid_settings(tmp_path):
    run_cli("init", cwd=tmp_path)
    written = (tmp_path / ".reportlint.yaml").read_text(encoding="utf-8")
    (tmp_path / "house-rules").mkdir()
    lines = []
    for line in written.splitlines():  # each example uncommented, as the file says to
        example = r"# (type:|severity:|extend-select: \[|ignore: \[|rule-dirs: \[|  \S+: )"
        lines.append(line[2:] if re.match(example, line) else line)
    edited = "\n".join(lines) + "\n"
    (tmp_path / ".reportlint.yaml").write_text(edited, encoding="utf-8")
    settings = load_settings(tmp_path / ".reportlint.yaml")
    assert settings.report_type == "duty-report"
    assert dict(settings.severity) == {"term-inconsistency": "error", "halfwidth-punct": "info"}
    assert settings.ignore == ("repeated-word", "halfwidth-punct")
    assert settings.extend_select == ("near-miss", "wrong-char")
    assert settings.rule_dirs == ((tmp_path / "house-rules").resolve(),)


def test_init_never_overwrites_a_config(tmp_path):
    assert run_cli("init", "--type", "work-summary", cwd=tmp_path).returncode == 0
    path = tmp_path / ".reportlint.yaml"
    assert load_settings(path).report_type == "work-summary"
    before = path.read_bytes()
    proc = run_cli("init", cwd=tmp_path)
    assert proc.returncode == 2
    assert (
        proc.stderr.decode()
        == "reportlint: error: .reportlint.yaml already configures this directory; not overwritten\n"
    )
    assert path.read_bytes() == before
    other = tmp_path / "other"
    other.mkdir()
    (other / "pyproject.toml").write_text("[tool.reportlint]\nignore = []\n", encoding="utf-8")
    proc = run_cli("init", cwd=other)
    assert proc.returncode == 2 and "pyproject.toml already configures" in proc.stderr.decode()
    assert not (other / ".reportlint.yaml").exists()


def test_init_refuses_an_unknown_report_type(tmp_path):
    proc = run_cli("init", "--type", "novel", cwd=tmp_path)
    assert proc.returncode == 2 and "unknown report type 'novel'" in proc.stderr.decode()
    assert not (tmp_path / ".reportlint.yaml").exists()


def test_output_goes_to_the_file_not_stdout(tmp_path):
    target = tmp_path / "report.json"
    target.write_text("an older report\n", encoding="utf-8")
    proc = run_cli("check", "--format", "json", "-o", str(target), str(SEED))
    assert proc.returncode == 1 and proc.stdout == b""
    assert len(json.loads(target.read_text(encoding="utf-8"))["diagnostics"]) == 24
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]  # no temporary file left
    page = tmp_path / "审阅.html"
    assert run_cli("check", "--format", "html", "--output", str(page), str(SEED)).returncode == 1
    assert page.read_text(encoding="utf-8").count('<li class="finding') == 24
    text = tmp_path / "report.txt"
    run_cli("check", "-o", str(text), str(SEED))
    assert "\x1b[" not in text.read_text(encoding="utf-8") and "Found 24 problems" in text.read_text(encoding="utf-8")


def test_output_never_replaces_an_input_and_says_when_it_cannot_write(tmp_path):
    report = tmp_path / "report.txt"
    shutil.copy(SEED, report)
    proc = run_cli("check", "-o", str(report), str(report))
    assert proc.returncode == 2 and "-o/--output must name a new file" in proc.stderr.decode()
    assert report.read_bytes() == SEED.read_bytes()
    proc = run_cli("check", "-o", str(tmp_path / "missing" / "out.txt"), str(SEED))
    assert proc.returncode == 2
    assert proc.stderr.decode().startswith(
        f"reportlint: error: {tmp_path / 'missing' / 'out.txt'}: cannot write the report: "
    )
    assert "Traceback" not in proc.stderr.decode()
