"""Parallel runs and the result cache give exactly the serial, uncached answers."""

from __future__ import annotations

import shutil

from conftest import SEEDS, run_cli, run_on_terminal


def make_corpus(directory, n: int = 50):
    sources = sorted(p for p in SEEDS.iterdir() if p.suffix in (".txt", ".md"))
    directory.mkdir()
    for index in range(n):
        source = sources[index % len(sources)]
        shutil.copy(source, directory / f"r{index:03d}{source.suffix}")
    return directory


def test_jobs_2_and_jobs_1_give_identical_output(tmp_path):
    corpus = make_corpus(tmp_path / "corpus")
    serial = run_cli("check", "--format", "json", "--no-cache", "--jobs", "1", str(corpus))
    parallel = run_cli("check", "--format", "json", "--no-cache", "--jobs", "2", str(corpus))
    assert serial.returncode == parallel.returncode == 1
    assert serial.stdout == parallel.stdout
    text_serial = run_cli("check", "--no-cache", "--jobs", "1", str(corpus)).stdout
    assert run_cli("check", "--no-cache", "--jobs", "2", str(corpus)).stdout == text_serial
    assert text_serial.count(b"placeholder") > 50


def test_cache_returns_identical_diagnostics_and_is_invalidated_by_a_rule_change(tmp_path):
    corpus = make_corpus(tmp_path / "corpus", 8)
    rules = tmp_path / "rules"
    rules.mkdir()
    rule = rules / "house.yaml"
    rule_text = (
        "rules:\n  - id: house-rule\n    kind: pattern\n    severity: warning\n    message: m\n"
        "    description: d\n    literals: [碧道]\n    examples:\n      fire: [碧道]\n      quiet: [河道]\n"
    )
    rule.write_text(rule_text, encoding="utf-8")
    args = ["check", "--format", "json", "--rule-dir", str(rules), "--cache-dir", str(tmp_path), str(corpus)]
    uncached = run_cli("check", "--format", "json", "--rule-dir", str(rules), "--no-cache", str(corpus)).stdout
    first = run_cli(*args).stdout
    entries = list((tmp_path / ".reportlint_cache").rglob("*"))
    assert len([e for e in entries if e.is_file() and e.name != ".gitignore"]) == 8
    second = run_cli(*args).stdout
    assert first == second == uncached
    rule.write_text(rule_text.replace("碧道", "党建"), encoding="utf-8")
    changed = run_cli(*args).stdout
    assert changed != second
    assert changed == run_cli("check", "--format", "json", "--rule-dir", str(rules), "--no-cache", str(corpus)).stdout
    assert b'"house-rule"' in changed


def test_cached_result_is_used(tmp_path):
    """A cache entry is really read: a doctored entry shows up in the output."""
    import json

    report = tmp_path / "r.txt"
    report.write_text("标题\n\n学习X次。\n", encoding="utf-8")
    args = ["check", "--format", "json", "--cache-dir", str(tmp_path), str(report)]
    run_cli(*args)
    (entry,) = [p for p in (tmp_path / ".reportlint_cache").rglob("*") if p.is_file() and p.name != ".gitignore"]
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["diagnostics"][0]["message"] = "from the cache"
    entry.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert json.loads(run_cli(*args).stdout)["diagnostics"][0]["message"] == "from the cache"
    assert (
        json.loads(run_cli(*args[:-1], "--no-cache", str(report)).stdout)["diagnostics"][0]["message"]
        != "from the cache"
    )


def test_profile_rules_prints_a_table(tmp_path):
    proc = run_cli("check", "--profile-rules", "--no-cache", str(SEEDS / "000_e4ab13fd1b405e5f.txt"))
    err = proc.stderr.decode()
    assert err.splitlines()[0].split() == ["rule", "ms", "share"]
    assert "placeholder" in err and "total-mismatch" in err


def test_progress_shows_on_a_terminal_and_is_gone_when_done(tmp_path):
    corpus = make_corpus(tmp_path / "corpus", 12)
    text = run_on_terminal("check", "--no-cache", "--jobs", "1", "--format", "concise", str(corpus))
    assert "reportlint: checked 1/12" in text
    assert "\r\x1b[K" in text  # the progress line is erased before output and at the end
    assert text.rstrip().splitlines()[-1].split("\x1b[K")[-1].startswith("Found ")


def test_no_progress_when_not_a_terminal(tmp_path):
    corpus = make_corpus(tmp_path / "corpus", 12)
    proc = run_cli("check", "--no-cache", "--format", "concise", str(corpus))
    assert b"checked" not in proc.stderr


def test_the_collector_is_paused_only_while_the_rules_load():
    """The start's long-lived objects are frozen out of later collections; the collector runs
    again for the documents (it would stay off with a bug, and memory would grow with cycles)."""
    import subprocess
    import sys

    from conftest import SEED

    code = (
        "import gc, sys\n"
        "from reportlint.runner import Options, check_iter\n"
        "seen = []\n"
        "for outcome in check_iter([sys.argv[1]], Options()):\n"
        "    seen.append((gc.isenabled(), gc.get_freeze_count() > 1000, len(outcome.result.diagnostics)))\n"
        "gc.disable()\n"
        "from reportlint.base.collector import long_lived\n"
        "with long_lived():\n"
        "    pass\n"
        "print(seen, gc.isenabled())\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(SEED)], capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "[(True, True, 24)] False", out.stderr


def test_installing_the_optional_word_lists_is_a_new_linter_for_the_typo_rules(monkeypatch, tmp_path):
    """wordfreq's list and the divisions' table change what near-miss and wrong-char find, so a
    result cached without them must not be read with them (and the other rules do not care)."""
    from reportlint.lexicon import newer, places
    from reportlint.rules.engine import Linter
    from reportlint.rules.settings import Settings

    def fingerprints() -> tuple[str, str, str]:
        """near-miss's, wrong-char's (kind ``slip``) and another rule's."""
        return tuple(
            Linter(Settings(select=(rule,))).fingerprint for rule in ("near-miss", "wrong-char", "placeholder")
        )

    table, words = tmp_path / "adcodes.csv", tmp_path / "large_zh.msgpack.gz"
    table.write_text("adcode,name\n", encoding="utf-8")
    words.write_bytes(b"\x00")
    monkeypatch.setattr(newer, "source", lambda: None)
    monkeypatch.setattr(places, "source", lambda: None)
    without = fingerprints()
    monkeypatch.setattr(places, "source", lambda: table)
    with_table = fingerprints()
    monkeypatch.setattr(newer, "source", lambda: words)
    with_both = fingerprints()
    for before, after in ((without, with_table), (with_table, with_both)):
        assert before[0] != after[0] and before[1] != after[1] and before[2] == after[2]


def test_the_code_stamp_covers_the_curated_word_lists(tmp_path):
    """An edited word list (lexicon/data/*.txt) changes findings as an edited module does, so a
    result cached before the edit must not be read after it (an editable install keeps the
    version)."""
    import os

    from reportlint.base.diskcache import code_stamp

    (tmp_path / "data").mkdir()
    (tmp_path / "module.py").write_text("x = 1\n", encoding="utf-8")
    names = tmp_path / "data" / "names.txt"
    names.write_text("国务院\n", encoding="utf-8")
    before = code_stamp(tmp_path)
    names.write_text("国务院\n教育部\n", encoding="utf-8")
    os.utime(names, ns=(1, 1))
    assert code_stamp(tmp_path) != before
