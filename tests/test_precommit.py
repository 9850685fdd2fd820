"""reportlint as a pre-commit hook, run by the real pre-commit against this checkout, in both
setups the README shows: try-repo, and the local hook written as the README writes it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from conftest import ROOT, SEED, SEEDS


def git(repo, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def try_repo(repo, home, *files: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "reportlint", "--files", *files],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_hook_fails_on_a_bad_report_and_passes_on_a_good_one(tmp_path):
    repo = tmp_path / "reports"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "test@localhost")
    git(repo, "config", "user.name", "test")
    shutil.copy(SEED, repo / "bad.txt")
    shutil.copy(SEEDS / "101_clean_duty_report.txt", repo / "good.txt")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "reports")
    home = tmp_path / "pre-commit-home"

    bad = try_repo(repo, home, "bad.txt")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "reportlint" in bad.stdout and "Failed" in bad.stdout
    assert "bad.txt:6:340: warning typo “模仿作用”应为“模范作用”" in bad.stdout

    good = try_repo(repo, home, "good.txt")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout


def readme_hook_config() -> str:
    """The README's .pre-commit-config.yaml, as written there."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("# .pre-commit-config.yaml\n", 1)[1].split("```", 1)[0]
    assert '"/path/to/reportlint"' in block
    return block


def test_the_readme_local_hook_works_as_written(tmp_path):
    repo = tmp_path / "reports"
    repo.mkdir()
    git(repo, "init", "-q")
    shutil.copy(SEED, repo / "bad.txt")
    config = readme_hook_config().replace("/path/to/reportlint", ROOT.as_posix())
    (repo / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    git(repo, "add", ".")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "home"), "NO_COLOR": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "reportlint" in proc.stdout and "Failed" in proc.stdout
    assert "bad.txt:6:340: warning typo “模仿作用”应为“模范作用”" in proc.stdout
