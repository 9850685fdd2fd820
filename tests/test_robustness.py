"""Never crash, never hang, never lose a file (issue #8)."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
import zipfile

import pytest
from conftest import SEED, SEEDS, check_json, run_cli
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from reportlint import lint_text, parse_outline
from reportlint.inputs.decoded import InputError
from reportlint.inputs.reader import decode
from reportlint.rules.fixes import apply_fixes
from reportlint.rules.settings import Settings

ALL = Settings(select=("ALL",))
BUDGET = settings(
    max_examples=int(os.environ.get("REPORTLINT_HYPOTHESIS_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# Fragments that steer generated text into the interesting paths of the parser and the rules.
FRAGMENTS = [
    "一、",
    "（一）",
    "(二)",
    "1.",
    "（1）",
    "一是",
    "二是",
    "四是",
    "第一，",
    "X",
    "XX份",
    "合计",
    "其中",
    "共86件",
    "32件、",
    "以下三个方面：",
    "##paidbegin##",
    "模仿作用",
    ",",
    ".",
    "。。",
    "（",
    "）",
    "《",
    "》",
    "“",
    "”",
    "的的",
    "巡查",
    "巡察",
    "１２．５",
    "\n",
    "\r\n",
    "\r",
    "\u3000",
    "😀",
    "\u202e",
    "\ufeff",
    "# ",
    "<!-- reportlint-disable -->",
    "`code`",
    "述职报告",
    "工作总结",
]
report_text = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(st.characters(blacklist_categories=()), max_size=8)), max_size=60
).map("".join)


def assert_well_formed(text: str, diagnostics) -> None:
    for d in diagnostics:
        assert 0 <= d.start.offset <= d.end.offset <= len(text), d
        assert d.start.line >= 1 and d.start.column >= 1
        if d.fix is not None:
            assert 0 <= d.fix.span.start <= d.fix.span.end <= len(text)


@BUDGET
@given(report_text)
def test_parser_never_raises_and_positions_stay_inside(text):
    doc = parse_outline(text)
    for section in doc.walk():
        assert 0 <= section.marker.span.start <= section.heading_span.end <= len(text)
        for item in section.items:
            assert text[item.span.start : item.span.end] == item.marker


@BUDGET
@given(report_text, st.sampled_from(["r.txt", "r.md"]))
def test_engine_never_raises_and_ranges_are_valid(text, name):
    result = lint_text(text, name, ALL)
    assert_well_formed(text, result.diagnostics)


@BUDGET
@given(st.binary(max_size=300))
def test_reader_decodes_or_says_why(data):
    try:
        decoded = decode(data)
    except InputError as exc:
        assert str(exc)
    else:
        assert decoded.encode(decoded.text) == data


@BUDGET
@given(report_text)
@example("。。的的一、的的")  # fixing 。。 once let 的的 pass for the second half of an AABB form
@example("一、\n一、一、一、。。一是\n;（一）")  # a half-width ; made a clause mark by its fix
@example("一是一、一、第一，（一）\n。。一、 0")  # a stray space beside 、 read as a caption's until fixed
def test_fixes_change_only_their_spans_and_cause_no_new_finding(text):
    before = lint_text(text, "r.txt", ALL).diagnostics
    fixed, applied = apply_fixes(text, before)
    if not applied:
        return
    # Outside the applied spans the text is unchanged, in order.
    spans = sorted({d.fix.span for d in before if d.fix is not None}, key=lambda s: (s.start, s.end))
    cursor, pieces = 0, []
    for span in spans:
        if span.start >= cursor:
            pieces.append(text[cursor : span.start])
            cursor = span.end
    pieces.append(text[cursor:])
    position = 0
    for piece in pieces:
        found = fixed.find(piece, position)
        assert found >= 0, (piece, fixed)
        position = found + len(piece)
    after = lint_text(fixed, "r.txt", ALL).diagnostics
    fixed_rules = {d.rule for d in before if d.fix is not None}
    for rule in fixed_rules:
        assert sum(d.rule == rule for d in after) <= sum(d.rule == rule for d in before), rule


@pytest.mark.parametrize(
    "text",
    [
        "标题\n" + "很长的一行，" * 50_000,
        "（" * 10_000 + "）" * 10_000,
        "《" * 10_000,
        "标题\n" + "".join(f"（{i % 10 + 1}）第{i}项\n" for i in range(10_000)),
        "标题\n" + "一、甲\n" * 10_000,
        "一是" * 10_000,
        "\ud800\udfff\x00\x1b[31m\u202e" * 1000,
    ],
    ids=["long-line", "nested-brackets", "open-brackets", "10k-headings", "10k-l1", "10k-items", "control"],
)
def test_pathological_documents_finish(text):
    result = lint_text(text, "r.txt", ALL)
    assert_well_formed(text, result.diagnostics)


def mutate(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    choice = rng.randrange(3)
    if choice == 0:  # random deletions
        for _ in range(rng.randrange(1, 20)):
            if len(text) > 1:
                start = rng.randrange(len(text))
                text = text[:start] + text[start + rng.randrange(1, 50) :]
        return text
    if choice == 1:  # insertions of random Unicode
        for _ in range(rng.randrange(1, 20)):
            start = rng.randrange(len(text) + 1)
            noise = "".join(
                chr(
                    rng.choice(
                        [
                            rng.randrange(0x20, 0x7F),
                            rng.randrange(0x4E00, 0x9FFF),
                            rng.randrange(0xD800, 0xE000),
                            rng.randrange(0x1F600, 0x1F650),
                            rng.randrange(0, 0x20),
                        ]
                    )
                )
                for _ in range(rng.randrange(1, 10))
            )
            text = text[:start] + noise + text[start:]
        return text
    rng.shuffle(lines)  # shuffled lines
    return "\n".join(lines)


def test_a_thousand_mutated_seeds_never_crash():
    rng = random.Random(8)
    seed = SEED.read_text(encoding="utf-8")
    for _ in range(1000):
        text = mutate(seed, rng)
        result = lint_text(text, "mutant.txt", ALL)
        assert_well_formed(text, result.diagnostics)
        assert not [d for d in result.diagnostics if d.rule == "rule-error"]


def evil_rule(pattern: str) -> str:
    return (
        "rules:\n  - id: evil\n    kind: pattern\n    severity: warning\n    message: m\n"
        "    description: A catastrophic pattern.\n"
        f"    pattern: '{pattern}'\n    examples:\n      fire: [aaa]\n      quiet: [bbb]\n"
    )


@pytest.mark.parametrize("pattern", ["(a+)+$", "(a|aa)+$"])
def test_catastrophic_user_regex_ends_in_a_rule_error_or_finishes_not_a_hang(tmp_path, pattern):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "evil.yaml").write_text(evil_rule(pattern), encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_text("标题\n\n" + "a" * 40 + "b\n", encoding="utf-8")
    started = time.monotonic()
    code, data = check_json("--rule-dir", str(rules), "--select", "evil", "--no-cache", str(report))
    assert time.monotonic() - started < 30
    found = [(d["rule"], d["severity"], d["message"]) for d in data["diagnostics"]]
    if pattern == "(a+)+$":  # the regex module defuses this classic: it finishes, with no match
        assert (code, found) == (0, [])
    else:  # this one it cannot: the time limit stops it and the rule is named
        assert (code, found) == (1, [("rule-error", "error", "规则“evil”在本文档上运行失败：正则表达式超时")])


def test_config_files_too_deep_or_with_python_tags_are_refused(tmp_path):
    (tmp_path / ".reportlint.yaml").write_text("select: " + "[" * 100 + "]" * 100 + "\n", encoding="utf-8")
    report = tmp_path / "r.txt"
    shutil.copy(SEEDS / "101_clean_duty_report.txt", report)
    proc = run_cli("check", str(report))
    assert proc.returncode == 2
    assert (
        proc.stderr.decode()
        == f"reportlint: error: {tmp_path / '.reportlint.yaml'}:1:{8 + 32}: nested deeper than 32 levels\n"
    )
    (tmp_path / ".reportlint.yaml").write_text(
        "select: !!python/object/apply:os.system ['touch pwned']\n", encoding="utf-8"
    )
    proc = run_cli("check", str(report), cwd=tmp_path)
    assert proc.returncode == 2 and "could not determine a constructor" in proc.stderr.decode()
    assert not (tmp_path / "pwned").exists()


def docx_with(member: str, xml: bytes, path) -> None:
    from test_inputs import make_docx

    make_docx(path, ["标题"])
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members[member] = xml
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def test_xml_entity_tricks_are_refused(tmp_path):
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
        b"<w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>"
    )
    path = tmp_path / "laughs.docx"
    docx_with("word/document.xml", laughs, path)
    code, data = check_json(str(path))
    assert code == 2
    assert data["errors"] == [{"path": str(path), "message": "refused: word/document.xml declares a DTD or entities"}]


def test_a_directory_walk_does_not_follow_symlinks(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.copy(SEED, outside / "secret.txt")
    reports = tmp_path / "reports"
    reports.mkdir()
    shutil.copy(SEEDS / "101_clean_duty_report.txt", reports / "good.txt")
    (reports / "link.txt").symlink_to(outside / "secret.txt")
    (reports / "linkdir").symlink_to(outside, target_is_directory=True)
    code, data = check_json("--no-cache", str(reports))
    assert (code, data["diagnostics"], data["errors"]) == (0, [], [])
    code, data = check_json("--no-cache", str(reports / "link.txt"))  # named on the command line: read
    assert code == 1 and len(data["diagnostics"]) == 24


def test_a_failed_write_leaves_the_original_intact(tmp_path, monkeypatch):
    from reportlint.base import files as fsutil
    from reportlint.runner import Options, check

    target = tmp_path / "seed.txt"
    shutil.copy(SEED, target)
    before = target.read_bytes()

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fsutil.os, "replace", broken_replace)
    run = check([str(target)], Options(fix=True))
    assert run.results[0].error == "cannot write fixes: No space left on device"
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["seed.txt"]  # the temporary file is gone


def test_annotate_to_an_unwritable_place_is_a_one_line_error(tmp_path):
    from test_inputs import make_docx

    source = make_docx(tmp_path / "r.docx", ["2024年述职报告", "一、主要工作", "学习X次。"])
    proc = run_cli("check", str(source), "--annotate", str(tmp_path / "missing-dir" / "out.docx"))
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert err.startswith(
        f"reportlint: error: {tmp_path / 'missing-dir' / 'out.docx'}: cannot write the annotated copy"
    )
    assert err.count("\n") == 1


def test_ctrl_c_exits_130_promptly_without_traceback_or_half_written_files(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for index in range(1500):
        shutil.copy(SEED, corpus / f"r{index:04d}.txt")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "reportlint",
            "check",
            "--fix",
            "--no-cache",
            "--jobs",
            "2",
            "--format",
            "concise",
            str(corpus),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    time.sleep(2.5)
    proc.send_signal(signal.SIGINT)
    started = time.monotonic()
    _, err = proc.communicate(timeout=30)
    assert time.monotonic() - started < 10
    assert proc.returncode == 130
    assert "Traceback" not in err.decode()
    assert err.decode().endswith("reportlint: interrupted\n")
    assert not [p for p in corpus.iterdir() if p.name.endswith(".tmp")]
    seed = SEED.read_bytes()
    fixed = seed.replace("模仿作用".encode(), "模范作用".encode())
    assert all(
        p.read_bytes() in (seed, fixed) or p.read_bytes().count(b"\n") == seed.count(b"\n") for p in corpus.iterdir()
    )
