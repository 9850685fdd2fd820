"""Reports as people write them in Word and WPS: automatic list numbers and heading styles read as
the reader sees them, and unnumbered headings in Markdown and plain text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli
from wordfiles import GBT_LEVELS, GBT_NUMBERING, abstract, build, lvl, num, numbering_xml, outline_shape, start_override

from reportlint import lint_path, lint_text, parse_outline
from reportlint.inputs.reader import read_path
from reportlint.inputs.word_numbering import format_number

# A 述职报告 whose headings carry GB/T 9704 numbers at four levels, with a typo in a body line.
REPORT = [
    ("2024年述职报告", None),
    ("主要工作", 0),
    ("学习", 1),
    ("坚持理论学习。", None),
    ("要点", 2),
    ("细项一", 3),
    ("细项三", 3),
    ("要点二", 2),
    ("宣传", 1),
    ("存在的问题", 0),
    ("学习不够深入，发挥先锋模仿作用不够。", None),
    ("下一步打算", 0),
    ("加强学习", 1),
]
TYPED_LABELS = {0: "{cn}、", 1: "（{cn}）", 2: "{n}.", 3: "（{n}）"}


def typed(report, numbers) -> str:
    """The report with the numbers typed, as the automatic numbering shows them."""
    lines = []
    for (text, level), n in zip(report, numbers, strict=True):
        if level is None:
            lines.append(text)
        else:
            lines.append(TYPED_LABELS[level].format(cn=format_number(n, "chineseCounting"), n=n) + text)
    return "\n".join(lines)


def findings(result):
    return sorted((d.rule, d.start.line, d.message) for d in result.diagnostics)


def test_automatic_numbers_read_as_if_typed(tmp_path):
    numbering = GBT_NUMBERING
    paragraphs = [text if level is None else (text, 1, level) for text, level in REPORT]
    path = build(tmp_path / "r.docx", paragraphs, numbering)
    labels = [hint.label if hint else "" for hint in read_path(Path(path)).hints]
    assert labels[:7] == ["", "一、\t", "（一）\t", "", "1.\t", "（1）\t", "（2）\t"]
    assert labels[7:] == ["2.\t", "（二）\t", "二、\t", "", "三、\t", "（一）\t"]
    text = typed(REPORT, [0, 1, 1, 0, 1, 1, 2, 2, 2, 2, 0, 3, 1])
    word, plain = lint_path(path), lint_text(text, "r.txt")
    assert outline_shape(word.document) == outline_shape(plain.document)
    assert findings(word) == findings(plain)
    assert ("typo", 11, "“模仿作用”应为“模范作用”") in findings(word)


def test_a_number_typed_after_an_automatic_one_is_one_finding_on_the_typed_one(tmp_path):
    """Word shows 一、一、主要工作 when a numbered-list paragraph's text starts with 一、 too:
    the typed 一、 is flagged where it is, with its deletion as the (unsafe) fix."""
    numbering = GBT_NUMBERING
    paragraphs = ["2024年工作总结", ("一、主要工作", 1, 0), "正文。", ("工作打算", 1, 0), "正文。"]
    result = lint_path(build(tmp_path / "r.docx", paragraphs, numbering))
    doubled = [d for d in result.diagnostics if d.rule == "numbering-doubled"]
    assert [(d.start.line, d.start.column, d.message, d.fix.replacement) for d in doubled] == [
        (2, 1, "序号重复：“一、”后又有序号“一、”", "")
    ]
    assert doubled[0].fix.applicability == "unsafe"


def test_the_review_page_shows_word_automatic_numbers_before_their_paragraphs(tmp_path):
    from conftest import run_cli

    numbering = GBT_NUMBERING
    paragraphs = ["2024年工作总结", ("主要工作", 1, 0), "全年学习X次。", ("工作打算", 1, 0), "正文。"]
    path = build(tmp_path / "r.docx", paragraphs, numbering)
    run_cli("check", "--no-cache", path, "--format", "html", "-o", str(tmp_path / "page.html"))
    page = (tmp_path / "page.html").read_text(encoding="utf-8")
    assert '<span class="auto-number">一、</span>主要工作' in page
    assert '<span class="auto-number">二、</span>工作打算' in page


def test_a_plain_text_copy_of_a_docx_keeps_its_automatic_numbers(tmp_path):
    """The review page's fixed-text download of a .docx: Word's numbers in front, as Word shows
    them, not lost with the list formatting."""
    numbering = GBT_NUMBERING
    paragraphs = ["2024年工作总结", ("主要工作", 1, 0), "正文。", ("学习", 1, 1), ("工作打算", 1, 0)]
    decoded = read_path(Path(build(tmp_path / "r.docx", paragraphs, numbering)))
    shown = decoded.as_shown(decoded.text).split("\n")
    assert shown == ["2024年工作总结", "一、主要工作", "正文。", "（一）学习", "二、工作打算"]
    assert decoded._replace(hints=()).as_shown(decoded.text) == decoded.text


def test_a_finding_on_an_automatic_number_points_at_the_paragraph_start(tmp_path):
    # 一. is Word's chineseCounting with "%1." — the wrong form for a level-1 heading; its fix
    # would have to change the list, not the text, so there is none
    numbering = numbering_xml(abstract(1, lvl(0, "chineseCounting", "%1.")), num(1, 1))
    path = build(tmp_path / "r.docx", ["2024年工作总结", ("主要工作", 1), "正文。"], numbering)
    result = lint_path(path)
    style = [d for d in result.diagnostics if d.rule == "numbering-style"]
    assert [(d.start.line, d.start.column, d.end.column, d.message) for d in style] == [
        (2, 1, 1, "序号“一.”不是一级标题的规范形式，应为“一、”")
    ]
    assert style[0].fix is None
    typed_result = lint_text("2024年工作总结\n一.主要工作\n正文。", "r.txt")
    assert [d.fix.replacement for d in typed_result.diagnostics if d.rule == "numbering-style"] == ["一、"]


@pytest.mark.parametrize(
    "how",
    ["set numbering value", "restart", "another list"],
)
def test_a_skipped_or_restarted_automatic_number_gives_the_same_gap_as_typed_text(tmp_path, how):
    # （一）（二） then a paragraph whose number Word shows as （四） (set numbering value), as （一）
    # (restart numbering), or as （一） of another list pasted in (taken out of this list)
    other, third = {
        "set numbering value": (num(2, 1, start_override(1, 4)), "（四）"),
        "restart": (num(2, 1, start_override(1, 1)), "（一）"),
        "another list": (abstract(2, GBT_LEVELS) + num(2, 2), "（一）"),
    }[how]
    numbering = numbering_xml(abstract(1, GBT_LEVELS), num(1, 1), other)
    paragraphs = ["2024年工作总结", ("主要工作", 1, 0), ("学习", 1, 1), ("宣传", 1, 1), ("落实", 2, 1), ("督办", 1, 1)]
    path = build(tmp_path / "r.docx", paragraphs, numbering)
    word = lint_path(path)
    after = {"set numbering value": "（五）", "restart": "（二）", "another list": "（三）"}[how]
    text = f"2024年工作总结\n一、主要工作\n（一）学习\n（二）宣传\n{third}落实\n{after}督办"
    plain = lint_text(text, "r.txt")
    gaps = [f for f in findings(word) if f[0] == "numbering-gap"]
    assert gaps and gaps == [f for f in findings(plain) if f[0] == "numbering-gap"]
    assert outline_shape(word.document) == outline_shape(plain.document)


def test_multilevel_lists_with_lvl_restart_and_overrides_count_right(tmp_path):
    levels = (
        lvl(0, "chineseCounting", "%1、")
        + lvl(1, "chineseCounting", "（%2）", restart=0)  # never restarts: counts through the document
        + lvl(2, "decimal", "%1.%3", restart=1, suff="space")  # restarts after level 1 only, not level 2
        + lvl(3, "decimalEnclosedCircle", "%4", suff="nothing")
    )
    override = (
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="ideographTraditional"/>'
        '<w:lvlText w:val="%1."/></w:lvl></w:lvlOverride>'
    )
    numbering = numbering_xml(abstract(1, levels), num(1, 1), num(2, 1, override), num(3, 1))
    paragraphs = [
        ("甲", 1, 0),
        ("甲一", 1, 1),
        ("甲一1", 1, 2),
        ("甲二", 1, 1),
        ("甲二1", 1, 2),  # level 3 goes on: it restarts after level 1 only
        ("①", 1, 3),
        ("②", 1, 3),
        ("乙", 1, 0),
        ("乙三", 1, 1),  # level 2 goes on across 二、
        ("乙1", 1, 2),
        ("丙", 2, 0),  # another instance of the same list, overriding level 1: 丙. (from 3)
        ("丙四", 2, 1),
        ("丁", 3, 0),  # a third instance continues the list: 四、
        ("丁", 3, 3),  # level 4 restarted after 丁: ①
    ]
    path = build(tmp_path / "r.docx", paragraphs, numbering)
    labels = [hint.label for hint in read_path(Path(path)).hints]
    assert labels == [
        "一、\t",
        "（一）\t",
        "一.1 ",  # %1 is shown in level 1's own format (no w:isLgl)
        "（二）\t",
        "一.2 ",
        "①",
        "②",
        "二、\t",
        "（三）\t",
        "二.1 ",
        "丙.\t",
        "（四）\t",
        "四、\t",
        "①",
    ]


@pytest.mark.parametrize(
    "value,fmt,label",
    [
        (10, "chineseCounting", "十"),
        (21, "chineseCounting", "二十一"),
        (105, "chineseCountingThousand", "一百零五"),
        (1010, "chineseCountingThousand", "一千零一十"),
        (3, "ideographTraditional", "丙"),
        (11, "ideographTraditional", None),  # beyond the ten stems: not rendered, no label
        (12, "decimalEnclosedCircle", "⑫"),
        (12, "decimalFullWidth", "１２"),
        (4, "decimalZero", "04"),
        (14, "upperRoman", "XIV"),
        (28, "lowerLetter", "bb"),
        (11, "chineseLegalSimplified", "壹拾壹"),
        (3, "someFutureFormat", None),
    ],
)
def test_number_formats(value, fmt, label):
    assert format_number(value, fmt) == label


def test_unsupported_formats_and_bullets_give_no_label_and_no_finding(tmp_path):
    levels = lvl(0, "bullet", "\uf0b7") + lvl(1, "someFutureFormat", "%2、")
    numbering = numbering_xml(abstract(1, levels), num(1, 1))
    paragraphs = ["2024年工作总结", ("一、主要工作", None), ("要点", 1, 0), ("细项", 1, 1), "二、存在的问题"]
    paragraphs[1] = "一、主要工作"
    path = build(tmp_path / "r.docx", paragraphs, numbering)
    assert [h for h in read_path(Path(path)).hints] == [None] * 5
    result = lint_path(path)
    assert not [d for d in result.diagnostics if d.rule.startswith("numbering")]
    assert outline_shape(result.document) == [(1, "一、", 1, "主要工作", 2), (1, "二、", 2, "存在的问题", 5)]


# Heading styles: Word's built-in ones, WPS's localised names, an outline level, inheritance.
STYLES = [
    ("WPSHeading", "标题 1"),  # WPS writes the Chinese name
    ("MyHeading", "我的标题", "Heading1"),  # inherits level 1 through basedOn
    ("Outline2", "二级", None, '<w:outlineLvl w:val="1"/>'),  # outline level 2, any name
    ("BodyAfterAll", "正文标题", "Heading1", '<w:outlineLvl w:val="9"/>'),  # says it is body text
]


def test_heading_styles_without_numbers_are_sections(tmp_path):
    paragraphs = [
        ("2024年述职报告", "style:Title"),
        ("主要工作", "style:Heading1"),
        ("学习", "style:Outline2"),
        "坚持学习。",
        ("存在的问题", "style:WPSHeading"),
        ("不是标题", "style:BodyAfterAll"),
        ("下一步打算", "style:MyHeading"),
        "加强学习。",
    ]
    path = build(tmp_path / "r.docx", paragraphs, styles=STYLES)
    result = lint_path(path)
    assert result.document.title.text == "2024年述职报告"
    assert outline_shape(result.document) == [
        (1, "", 0, "主要工作", 2),
        (2, "", 0, "学习", 3),
        (1, "", 0, "存在的问题", 5),
        (1, "", 0, "下一步打算", 7),
    ]
    assert not [d for d in result.diagnostics if d.rule in ("missing-section", "section-order", "numbering-gap")]


def test_numbered_points_under_unnumbered_headings_of_their_level_count_per_heading(tmp_path):
    # 标题 2 (or ##) sections each holding typed （一）（二）: they count under each heading
    paragraphs = ["2024年述职报告", ("主要工作", "style:Heading2"), "（一）学习", "（二）宣传"]
    paragraphs += [("存在的问题", "style:Heading2"), "（一）不足", "（二）差距", ("下一步打算", "style:Heading2")]
    result = lint_path(build(tmp_path / "r.docx", paragraphs))
    children = [[c.heading for c in s.children] for s in result.document.sections]
    assert children == [["学习", "宣传"], ["不足", "差距"], []]
    assert not [d for d in result.diagnostics if d.rule.startswith(("numbering", "missing", "section"))]
    markdown = "# 2024年述职报告\n## 主要工作\n（一）学习\n（二）宣传\n## 存在的问题\n（一）不足\n二、下一步打算"
    doc = lint_text(markdown, "r.md").document
    shape = [(s.heading, len(s.children)) for s in doc.sections]
    assert shape == [("主要工作", 2), ("存在的问题", 1), ("下一步打算", 0)]


def test_numbering_through_a_heading_style(tmp_path):
    # a multilevel list linked to the heading styles, as Chinese templates set it up: the
    # styles carry w:numPr, the paragraphs only their style
    numbering = numbering_xml(
        abstract(1, GBT_LEVELS.replace('<w:lvl w:ilvl="1">', '<w:lvl w:ilvl="1"><w:pStyle w:val="H2"/>')), num(7, 1)
    )
    styles = [
        (
            "H1",
            "heading 1",
            None,
            '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="7"/></w:numPr><w:outlineLvl w:val="0"/>',
        ),
        ("H2", "heading 2", None, '<w:numPr><w:numId w:val="7"/></w:numPr>'),  # level found by the list's pStyle
    ]
    paragraphs = [
        "2024年工作总结",
        ("主要工作", "style:H1"),
        ("学习", "style:H2"),
        ("宣传", "style:H2"),
        ("存在的问题", "style:H1"),
        ("不足", "style:H2"),
    ]
    path = build(tmp_path / "r.docx", paragraphs, numbering, styles=styles)
    result = lint_path(path)
    assert outline_shape(result.document) == [
        (1, "一、", 1, "主要工作", 2),
        (2, "（一）", 1, "学习", 3),
        (2, "（二）", 2, "宣传", 4),
        (1, "二、", 2, "存在的问题", 5),
        (2, "（一）", 1, "不足", 6),
    ]


def test_markdown_headings_without_numbers_are_sections():
    doc = parse_outline("# 2024年述职报告\n\n## 主要工作\n\n### 学习\n正文。\n\n## 存在的问题\n正文。", "r.md")
    assert outline_shape(doc) == [
        (2, "", 0, "主要工作", 3),
        (3, "", 0, "学习", 5),
        (2, "", 0, "存在的问题", 8),
    ]
    # a hashtag is not a heading, and outside Markdown hashes are not headings either
    assert outline_shape(parse_outline("标题\n#主题教育#正在开展。", "r.md")) == []
    assert outline_shape(parse_outline("标题\n## 主要工作\n正文。", "r.txt")) == []


SECTIONS = {"主要工作": "全年完成学习任务。", "存在的问题": "学习不够深入。", "下一步打算": "继续加强学习。"}


def three_forms(tmp_path, names):
    """The same 述职报告 as a styled .docx, as Markdown with ## headings and as plain text."""
    title = "2024年述职报告"
    paragraphs = [(title, "style:Title")]
    md, txt = [f"# {title}", ""], [title, ""]
    for name in names:
        paragraphs += [(name, "style:Heading2"), SECTIONS[name]]
        md += [f"## {name}", "", SECTIONS[name], ""]
        txt += [name, SECTIONS[name], ""]
    (tmp_path / "r.md").write_text("\n".join(md), encoding="utf-8")
    (tmp_path / "r.txt").write_text("\n".join(txt), encoding="utf-8")
    return [build(tmp_path / "r.docx", paragraphs), str(tmp_path / "r.md"), str(tmp_path / "r.txt")]


def test_the_same_report_as_docx_markdown_and_text_has_every_section(tmp_path):
    for path in three_forms(tmp_path, list(SECTIONS)):
        result = lint_path(path)
        assert not [d for d in result.diagnostics if d.rule in ("missing-section", "section-order")], path
        assert [s.heading for s in result.document.sections] == list(SECTIONS), path


def test_removing_a_section_gives_exactly_one_missing_section_in_each_form(tmp_path):
    for path in three_forms(tmp_path, ["主要工作", "下一步打算"]):
        result = lint_path(path)
        missing = [d.message for d in result.diagnostics if d.rule == "missing-section"]
        assert missing == ["缺少“存在的问题”部分（述职报告应包含）"], path


def test_section_order_sees_plain_heading_lines():
    text = "2024年述职报告\n存在的问题\n学习不够。\n主要工作\n完成学习。\n下一步打算\n继续学习。"
    result = lint_text(text, "r.txt")
    assert [(d.rule, d.start.line) for d in result.diagnostics if d.rule == "section-order"] == [("section-order", 2)]


def test_plain_lines_are_not_headings_where_the_report_is_numbered_or_they_are_sentences():
    # in a numbered report a short line inside a section stays a paragraph, so the tree and the
    # numbering rules are unchanged
    numbered = "2024年述职报告\n一、主要工作\n（一）学习\n下一步打算\n（二）宣传\n二、存在的问题\n三、下一步打算"
    doc = lint_text(numbered, "r.txt").document
    assert [s.heading for s in doc.sections[0].children] == ["学习", "宣传"]
    # a line with a sentence end or a clause is prose, and a type without sections names none
    assert outline_shape(parse_outline("2024年述职报告\n存在的问题是学习不够。\n问题，不大")) == []
    assert outline_shape(lint_text("关于开展检查的通知\n存在的问题\n正文。", "r.txt").document) == []


def test_malformed_numbering_and_styles_are_read_without_a_label_not_a_crash(tmp_path):
    bad_levels = (
        '<w:lvl w:ilvl="12"><w:start w:val="x"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%9%1."/></w:lvl>'
        '<w:lvl w:ilvl="0"><w:start w:val="-3"/><w:numFmt w:val="chineseCounting"/></w:lvl>'
    )
    numbering = numbering_xml(
        abstract(1, bad_levels), num(1, 1), num(2, 99), '<w:num w:numId="3"/>', num(4, 1, start_override(40, 1))
    )
    styles = [("Loop", "loop", "Loop2", '<w:outlineLvl w:val="x"/>'), ("Loop2", "loop2", "Loop")]
    paragraphs = ["2024年工作总结", ("甲", 1, 12), ("乙", 1, 0), ("丙", 2, 0), ("丁", 3, 0), ("戊", 4, 40)]
    path = build(tmp_path / "r.docx", paragraphs + [("己", "style:Loop")], numbering, styles=styles)
    result = lint_path(path)
    assert result.error is None
    assert [h for h in read_path(Path(path)).hints] == [None] * 7
    assert outline_shape(result.document) == []


def test_outline_command_shows_automatic_numbers(tmp_path):
    numbering = GBT_NUMBERING
    path = build(tmp_path / "r.docx", ["2024年工作总结", ("主要工作", 1, 0), ("学习", 1, 1), "正文。"], numbering)
    proc = run_cli("outline", path, "--format", "json")
    data = json.loads(proc.stdout)
    section = data["sections"][0]
    assert (section["marker"], section["heading"], section["line"], section["column"]) == ("一、", "主要工作", 2, 1)
    assert [(c["marker"], c["heading"]) for c in section["children"]] == [("（一）", "学习")]
