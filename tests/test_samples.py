"""The sample reports in seeds/ with their exact expected findings pinned."""

from __future__ import annotations

import pytest
from conftest import SEEDS

from reportlint import lint_path

CLEAN = [
    "101_clean_duty_report.txt",
    "102_clean_work_summary.txt",
    "103_clean_duty_report.md",
    "104_clean_research_report.txt",
    "105_clean_conventions.txt",
]

EXPECTED = {
    "201_defective_work_summary.txt": [
        ("missing-section", 1, 1),
        ("template-residue", 1, 16),
        ("typo", 3, 26),
        ("count-mismatch", 3, 43),
        ("total-mismatch", 6, 12),
        ("enumeration-sequence", 6, 69),
        ("fullwidth-digit", 8, 11),
        ("placeholder", 8, 23),
        ("count-mismatch", 8, 46),
        ("numbering-gap", 9, 1),
        ("repeated-punct", 10, 37),
        ("unpaired-bracket", 13, 12),
    ],
    "202_defective_duty_report.md": [
        ("typo", 7, 9),
        ("halfwidth-punct", 7, 13),
        ("placeholder", 7, 20),
        ("numbering-gap", 9, 5),
        ("unused-suppression", 16, 1),
        ("numbering-style", 21, 1),  # 1、 skipping （一）: the form 1. is not also offered
        ("repeated-word", 21, 5),
        ("numbering-style", 23, 1),
    ],
    "203_defective_structure.txt": [
        ("numbering-style", 2, 1),
        ("section-order", 4, 1),
        ("total-mismatch", 7, 19),
        ("numbering-gap", 11, 1),
        ("numbering-style", 13, 1),  # (2) under （一）: one finding, 应为 1., not three that disagree
    ],
}


@pytest.mark.parametrize("name", CLEAN)
def test_clean_reports_give_nothing(name):
    result = lint_path(SEEDS / name)
    assert result.error is None
    assert [(d.rule, d.start.line, d.message) for d in result.diagnostics] == []


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_defective_reports_give_exactly_their_findings(name):
    result = lint_path(SEEDS / name)
    assert [(d.rule, d.start.line, d.start.column) for d in result.diagnostics] == EXPECTED[name]


def test_report_types_are_detected_from_titles():
    kinds = {name: lint_path(SEEDS / name).document.report_type.id for name in CLEAN}
    assert kinds == {
        "101_clean_duty_report.txt": "duty-report",
        "102_clean_work_summary.txt": "work-summary",
        "103_clean_duty_report.md": "duty-report",
        "104_clean_research_report.txt": "general",
        "105_clean_conventions.txt": "work-summary",
    }


def test_markdown_code_and_comments_are_not_checked():
    result = lint_path(SEEDS / "103_clean_duty_report.md")
    text = result.text
    assert "XX份, 模仿作用" in text  # present in a fenced block, yet not flagged
    assert result.diagnostics == []


def test_suppression_comment_silences_the_next_line():
    result = lint_path(SEEDS / "202_defective_duty_report.md")
    assert not [d for d in result.diagnostics if d.start.line == 14]
    assert "XX等次" in result.text.splitlines()[13]


def test_markdown_inline_code_link_targets_and_emphasis():
    from reportlint import lint_text

    text = (
        "# 2024年述职报告\n\n"
        "## 一、主要工作\n\n"
        "配置项 `XX份` 不是占位符，详见[附件](https://example.gov.cn/a,b.pdf)，**重点**完成学习X次。\n\n"
        "## 二、存在的问题\n\n- 学习不够深入。\n\n## 三、下一步打算\n\n1. 加强学习。\n"
    )
    result = lint_text(text, "r.md")
    assert [(d.rule, d.start.line, d.start.column) for d in result.diagnostics] == [("placeholder", 5, 66)]
    assert text.splitlines()[4][65] == "X"
