"""The outline parser: exact trees and positions for the tricky cases of issue #2."""

from __future__ import annotations

import json
import re

import pytest
from conftest import SEED, run_cli
from hypothesis import given, settings
from hypothesis import strategies as st

from reportlint import parse_outline


def shape(doc):
    """The tree as (level, marker, number, heading, line, column) tuples, nested."""

    def one(section):
        pos = doc.source.position(section.marker.span.start)
        return (
            section.level,
            section.marker.text,
            section.number,
            section.heading,
            pos.line,
            pos.column,
            [one(child) for child in section.children],
        )

    return [one(section) for section in doc.sections]


def test_seed_outline_json_from_the_command_line():
    proc = run_cli("outline", str(SEED), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["title"]["text"] == "2023年党总支部书记抓基层党建工作述职报告（2946字）"
    top = data["sections"]
    assert [s["heading"] for s in top] == ["主要做法", "存在的问题及原因", "下一步工作计划"]
    assert [len(s["children"]) for s in top] == [4, 3, 3]
    first = top[0]["children"][0]
    assert [(i["marker"], i["number"], i["line"]) for i in first["items"]] == [
        ("一是", 1, 6),
        ("二是", 2, 6),
        ("三是", 3, 6),
    ]
    assert first["items"][0]["column"] == 100
    assert SEED.read_text(encoding="utf-8").splitlines()[5][99:101] == "一是"
    assert (first["level"], first["marker"], first["number"], first["line"], first["column"]) == (2, "（一）", 1, 5, 1)


def test_heading_and_body_on_one_line():
    doc = parse_outline("标题\n一、问题\n（一）精力投入还需平衡。抓党建是本职工作。\n")
    section = doc.sections[0].children[0]
    assert section.heading == "精力投入还需平衡"
    assert doc.text[section.heading_span.start : section.heading_span.end] == "（一）精力投入还需平衡。"
    assert [p.text for p in section.body] == ["抓党建是本职工作。"]
    assert doc.source.position(section.body[0].span.start).to_dict() == {"line": 3, "column": 13, "offset": 20}


def test_template_tag_before_a_heading_keeps_the_heading():
    doc = parse_outline("标题\n一、做法\n（一）甲\n##paidbegin##（二）抓责任，主责主业彰显作为。\n正文。")
    assert shape(doc) == [
        (
            1,
            "一、",
            1,
            "做法",
            2,
            1,
            [
                (2, "（一）", 1, "甲", 3, 1, []),
                (2, "（二）", 2, "抓责任，主责主业彰显作为", 4, 14, []),
            ],
        )
    ]


def test_decimal_and_joined_numerals_are_not_headings():
    doc = parse_outline("标题\n1.5万元资金已拨付。\n一、二季度完成投资。\n5、6月份开展检查。\n2023.10完成。")
    assert doc.sections == []
    assert [p.text for p in doc.preamble] == [
        "1.5万元资金已拨付。",
        "一、二季度完成投资。",
        "5、6月份开展检查。",
        "2023.10完成。",
    ]


def test_lenient_markers_keep_their_level_and_number():
    text = "标题\n一.甲\n二，乙\n三．丙\n(一)子\n（二）、子\n1、点\n2，点\n３．点\n(1)细\n#### （2）细\n## 四、丁"
    doc = parse_outline(text)
    flat = [(s.level, s.marker.text, s.number) for s in doc.walk()]
    assert flat == [
        (1, "一.", 1),
        (1, "二，", 2),
        (1, "三．", 3),
        (2, "(一)", 1),
        (2, "（二）、", 2),
        (3, "1、", 1),
        (3, "2，", 2),
        (3, "３．", 3),
        (4, "(1)", 1),
        (4, "（2）", 2),
        (1, "四、", 4),
    ]


def test_markdown_heading_prefix():
    doc = parse_outline("# 2024年工作总结\n\n## 一、主要工作\n\n### （一）学习\n正文。")
    assert doc.title.text == "2024年工作总结"
    assert shape(doc) == [(1, "一、", 1, "主要工作", 3, 4, [(2, "（一）", 1, "学习", 5, 5, [])])]


@pytest.mark.parametrize("label", ["附件2", "附件", "附件1：", "附表3"])
def test_an_attachment_label_above_the_title_leaves_the_title_next(label):
    """GB/T 9704-2012 §8: a report filed as an attachment has 附件 and its number on the first
    line, its title below; the title still names the report type (the section checks need it)."""

    text = f"{label}\n\n2024年工作总结\n一、主要工作\n完成任务。\n"
    doc = parse_outline(text)
    assert doc.title.text == "2024年工作总结"
    assert [p.text for p in doc.preamble] == [label]
    assert shape(doc) == [(1, "一、", 1, "主要工作", 4, 1, [])]

    assert missing_sections(text) == missing_sections(text.split("\n\n", 1)[1]) != []


def missing_sections(report: str) -> list[str]:
    """The messages of ``missing-section`` on ``report``: what the section checks make of it."""
    from reportlint import lint_text

    return [d.message for d in lint_text(report).diagnostics if d.rule == "missing-section"]


@pytest.mark.parametrize(
    "opening",
    [["XX市XX街道办事处"], ["中共XX县委组织部"], ["附件1：", "XX县发展和改革局"], ["XX县财政局", "2025年12月"]],
)
def test_short_lines_above_the_title_leave_the_title_to_the_line_naming_the_report_type(opening):
    """A report in Word often opens with the unit's name (a date, 附件1) on lines of their own
    above the title: the title is the first line naming a report type, so the section checks
    apply as they do without those lines; the lines above it are preamble."""

    body = "2025年度述职报告\n张三\n一、履职情况\n完成了全年任务。\n"
    text = "\n".join(opening) + "\n" + body
    doc = parse_outline(text, report_type=_report_type)
    assert doc.title.text == "2025年度述职报告"
    assert doc.report_type.id == "duty-report"
    assert [p.text for p in doc.preamble] == [*opening, "张三"]
    from_word = parse_outline(text, "r.docx", [None] * doc.source.line_count, _report_type)  # a .docx's path
    assert (from_word.title, from_word.report_type) == (doc.title, doc.report_type)

    expected = ["缺少“存在的问题”部分（述职报告应包含）", "缺少“下一步打算”部分（述职报告应包含）"]
    assert missing_sections(text) == missing_sections(body) == expected


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("关于2025年工作情况的报告\n工作总结\n一、主要工作\n完成任务。\n", "关于2025年工作情况的报告"),  # a title
        ("今年以来，我局认真履职。\n2025年度述职报告\n一、履职情况\n完成任务。\n", None),  # a sentence first
        ("XX局\n一、工作总结\n完成任务。\n", "XX局"),  # a heading names the type, not a title
    ],
)
def test_the_first_line_stays_the_title_unless_short_lines_stand_above_a_typed_title(text, title):
    doc = parse_outline(text, report_type=_report_type)
    assert (doc.title.text if doc.title else None) == title
    assert doc.report_type.id == "general"


def test_enumeration_items_only_at_clause_starts():
    doc = parse_outline(
        "思想统一是行动统一的前提，唯一是坚持，第一议题要落实。一是学习；二是宣传；第一，落实；第二，督办。"
    )
    items = [(i.marker, i.number, i.style, i.span.start) for p in doc.preamble for i in p.items]
    assert items == [("一是", 1, "shi", 27), ("二是", 2, "shi", 32), ("第一", 1, "di", 37), ("第二", 2, "di", 43)]


def test_crlf_bom_and_blank_lines_keep_exact_positions():
    text = "\ufeff标题\r\n\r\n一、做法\r\n\r\n（一）学习。正文X次。\r\n"
    doc = parse_outline(text)
    assert doc.title.text == "标题"
    section = doc.sections[0].children[0]
    assert doc.source.position(section.marker.span.start).to_dict() == {"line": 5, "column": 1, "offset": 15}
    assert section.body[0].text == "正文X次。"
    assert doc.source.position(section.body[0].span.start).column == 7


def test_lone_carriage_returns_are_line_breaks():
    doc = parse_outline("标题\r一、甲\r二、乙")
    assert [(s.heading, doc.source.position(s.marker.span.start).line) for s in doc.sections] == [("甲", 2), ("乙", 3)]


def test_nothing_raises_on_odd_text():
    for text in ["", "\n\n\n", "（", "一、", "##", "\x00\x01", "\ud800", "（一）" * 1000, "一是" * 500, "\u2028\u2029"]:
        doc = parse_outline(text)
        assert doc.source.text == text


def test_numbering_restarts_under_each_parent():
    doc = parse_outline("标题\n一、甲\n（一）a\n（二）b\n二、乙\n（一）c\n（二）d")
    assert [[c.number for c in s.children] for s in doc.sections] == [[1, 2], [1, 2]]


def test_section_end_covers_its_descendants():
    text = "标题\n一、甲\n（一）a\n正文。\n二、乙"
    doc = parse_outline(text)
    assert text[: doc.sections[0].end].endswith("正文。")
    assert doc.sections[0].children[0].end == doc.sections[0].end


def _headings(text: str) -> list[tuple[int, str, str]]:
    return [(s.level, s.marker.text, s.heading) for s in parse_outline(text).walk()]


def test_a_heading_whose_text_begins_with_a_numeral_word_is_a_heading():
    text = "标题\n一、一以贯之抓落实\n二、十年磨一剑\n三、三年行动计划\n一、二季度增长较快。\n"
    assert _headings(text) == [(1, "一、", "一以贯之抓落实"), (1, "二、", "十年磨一剑"), (1, "三、", "三年行动计划")]
    assert [p.text for p in parse_outline(text).sections[-1].body] == ["一、二季度增长较快。"]


def test_the_running_sequence_tells_a_heading_from_a_decimal():
    text = "标题\n一、目标\n" + "".join(f"{n}.要点{n}\n" for n in range(1, 12)) + "12.2025年目标\n1.5万元用于培训。\n"
    sections = parse_outline(text).sections[0].children
    assert [s.number for s in sections] == list(range(1, 13))
    assert sections[-1].heading == "2025年目标"
    assert [p.text for p in sections[-1].body] == ["1.5万元用于培训。"]
    after_one = parse_outline("标题\n一、目标\n1.增长\n2.5%的增速高于全国。\n").sections[0].children
    assert [(s.number, [p.text for p in s.body]) for s in after_one] == [(1, ["2.5%的增速高于全国。"])]


def test_an_attachment_has_its_own_outline():
    text = "标题\n一、甲\n二、乙\n附件1\n民生实事\n1.就业\n2.养老\n附件2：项目表\n一、交通\n"
    doc = parse_outline(text)
    assert [[s.heading for s in top] for top in doc.outlines()] == [["甲", "乙"], ["就业", "养老"], ["交通"]]
    assert [p.text for p in doc.sections[1].body] == ["附件1", "民生实事"]


def test_a_heading_written_with_the_wrong_level_marker_joins_its_run():
    text = "标题\n一、甲\n（一）子一\n（二）子二\n三、子三\n（四）子四\n二、乙\n"
    assert [(s.level, s.marker.text) for s in parse_outline(text).walk()] == [
        (1, "一、"),
        (2, "（一）"),
        (2, "（二）"),
        (2, "三、"),
        (2, "（四）"),
        (1, "二、"),
    ]


# A text's plain lines (those the grammar is not asked about) are made paragraphs thousands at a
# time; a .docx's lines, which carry hints, one at a time. With no hint on any line both must
# read a text alike: these lines steer into every case of a line of text (the title, an
# attachment, a line naming a section, items, spaces around the text, a lone BOM).
_LINES = [
    "2024年工作总结", "一、主要工作", "（一）学习", "1.第一项", "存在的问题", "下一步工作打算", "附件",
    "附件1：名单", "附表二", "a", "中", "  缩进的行  ", "\u3000\u3000一是好，二是坏，四是。", "\ufeff一是开头",
    "第一，做好。第三，完成", "共计100万元，其中甲30万元、乙50万元。", "以下三个方面：一是甲；二是乙。",
    "\ufeff标题\ufeff", "——副标题", "一、二季度", "1.5万元", "", " ", "\t", "主要工作", "完成X次",
]  # fmt: skip


def _report_type(title):
    from reportlint.rules.engine import get_linter
    from reportlint.rules.settings import Settings

    return get_linter(Settings()).report_type(title)


def _reading(doc):
    """Everything the parser decided, with every paragraph's offsets and items."""

    def body(paragraphs):
        return [(p.span, p.text, [(i.marker, i.number, i.style, i.span) for i in p.items]) for p in paragraphs]

    sections = [
        (s.level, s.marker, s.heading, s.heading_span, s.end, body(s.body), len(s.children)) for s in doc.walk()
    ]
    report_type = doc.report_type.id if doc.report_type else None
    return doc.title, body(doc.preamble), sections, doc.attachments, report_type


@given(
    st.lists(st.sampled_from(_LINES), max_size=60),
    st.sampled_from(["\n", "\r\n", "\r", "\n\n"]),
    st.sampled_from(["x.txt", "x.md"]),
)
@settings(max_examples=200, deadline=None)
def test_plain_lines_read_at_once_read_as_one_at_a_time(lines, newline, path):
    text = newline.join(lines)
    at_once = parse_outline(text, path, report_type=_report_type)
    one_by_one = parse_outline(text, path, [None] * at_once.source.line_count, _report_type)
    assert _reading(at_once) == _reading(one_by_one)


_BRACKET_LINES = [
    "（", "“", "）", "(", "（一）学习", "(1)做好", "（ 一", "（甲）", "  （缩进", "（1.5万元）", "#x", "##paidend##（",
    "（十一", "\u3000（附件）", "（存在的问题）", "存在的问题", "2024年工作总结", "一、主要工作", "甲",
]  # fmt: skip


@given(
    st.lists(st.sampled_from(_BRACKET_LINES), max_size=40),
    st.sampled_from(["\n", "\r\n"]),
    st.sampled_from(["x.txt", "x.md"]),
    st.booleans(),
)
@settings(max_examples=150, deadline=None)
def test_lines_opening_with_a_bracket_read_as_the_grammar_reads_them(lines, newline, path, hinted):
    """A line opening with a bracket but no numeral (5 million lines of a lone （) is no longer
    given to the grammar, and a line the grammar reads as text alone is read with the plain
    lines around it: the same outline as when the grammar read every line opening with a
    bracket, a line at a time."""
    import re

    from reportlint.base.regexes import lazy
    from reportlint.outline import parser

    text = newline.join(lines)
    hints = [None] * text.count("\n") + [None] if hinted else ()
    new = _reading(parse_outline(text, path, hints, _report_type))
    broad = r"[ \t\u3000\u00a0\ufeff]*(?:[#(（]|[一二三四五六七八九十]{1,3}[、，,.．]|[0-9０-９]{1,3}[.．、，,])"
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(parser, "_CANDIDATE", lazy(broad))
        patched.setattr(parser, "_CANDIDATE_LINE", parser._runs_of(broad))
        patched.setattr(
            parser, "_FIRST_PLAIN", re.compile(r"(?<![^\r\n])(?!" + broad + ")" + parser._CONTENT_LINE.pattern)
        )
        patched.setattr(parser, "_PLAIN", 0)  # every line the grammar read kept as it read it
        old = _reading(parse_outline(text, path, hints, _report_type))
    assert new == old


_REPEATED_LINES = [
    "1.", "1、", "(1)", "（1）", "# x", "## x", "#", "##", "### x", "##### x", "#x", "一、a", "一、", "（一）",
    "（二）", "三、", "二、", "一、主要工作。全年完成任务。", "一、是", "1.2025年", "1.5万元", "一、二季度", "附件",
    "附件1：名单", "存在的问题", "2024年工作总结", "  1.", "1.\u3000", "甲", "", "##paidend##", "（", "（ 一", "（十一",
    "一、（一）",
]  # fmt: skip


@given(
    st.lists(st.tuples(st.sampled_from(_REPEATED_LINES), st.integers(1, 7)), max_size=16),
    st.sampled_from(["\n", "\r\n", "\n\n"]),
    st.sampled_from(["x.txt", "x.md"]),
)
@settings(max_examples=300, deadline=None)
def test_runs_of_the_same_line_read_as_one_at_a_time(runs, newline, path):
    """20 MB of ``1.`` lines is one run of the same line: it is found by one match and its
    copies put in the parsed arrays from ranges; once one of them is read as the sibling of the
    one before, the rest are added as its copies, not read. The same parsed arrays and the same
    outline, every column of it, as finding and reading each line."""
    from reportlint.base.source import Source
    from reportlint.outline import parser

    text = newline.join(line for line, count in runs for _ in range(count))
    markdown = path.endswith(".md")
    new = parse_outline(text, path, report_type=_report_type)
    new_parsed = vars(parser._classify(Source(text), (), markdown))
    copies = new_parsed.pop("repeats")
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(parser, "_REPEATED", re.compile(b"(?!)"))  # no run read at once
        line = r"(?<![^\r\n])(" + parser._CANDIDATE_SOURCE + r"[^\r\n]*)"
        patched.setattr(parser, "_CANDIDATE_LINE", re.compile(line))  # each line on its own
        old = parse_outline(text, path, report_type=_report_type)
        old_parsed = vars(parser._classify(Source(text), (), markdown))
    assert not any(old_parsed.pop("repeats"))
    assert new_parsed == old_parsed
    lines = text.splitlines()  # each copy is the line before it again
    assert all(lines[i] == lines[i - 1 - (newline == "\n\n")] for i in _copied_lines(new_parsed, copies, text))
    assert _reading(new) == _reading(old)
    assert _columns(new) == _columns(old)


def _copied_lines(parsed, copies, text):
    """The line numbers (from 0) of the candidates marked as copies of the one before."""
    return [text.count("\n", 0, parsed["starts"][i]) for i, copy in enumerate(copies) if copy]


def _columns(doc):
    table = doc.table
    names = ("levels", "markers", "marker_texts", "starts", "marker_ends", "heading_starts", "heading_ends")
    names += ("spans_end", "ends", "after", "tops")
    return [list(getattr(table, name)) for name in names], sorted(table.bodies)


_BLOCK_LINES = [
    *_REPEATED_LINES, "（二）", "2.", "（2）", "四、", "1.2026年", "附件2：名单", "一是甲，二是乙。", "下一步工作打算",
    "第一章", "## 二", "正文。", "  ", "（1）做好。全年完成。",
]  # fmt: skip


@given(
    st.lists(
        st.tuples(
            st.lists(st.sampled_from(_BLOCK_LINES), max_size=3),  # lines before a block
            st.lists(st.sampled_from(_BLOCK_LINES), min_size=1, max_size=6),  # the block
            st.integers(1, 12),  # its copies
        ),
        max_size=4,
    ),
    st.sampled_from(["\n", "\r\n", "\n\n"]),
    st.sampled_from(["x.txt", "x.md"]),
    st.integers(1, 4),
)
@settings(max_examples=300, deadline=None)
def test_repeated_blocks_of_lines_read_as_one_at_a_time(parts, newline, path, every):
    """20 MB of ``一、（一）1.（1）`` or of ``附件`` / ``一、`` lines is one block of lines again
    and again: once a block leaves the builder as the one before it did, one block further on,
    the blocks after it but the last two are added as copies, not read. The same outline, every
    column of it, as reading each line (here looked for every ``every`` candidates, not 64)."""
    from reportlint.outline import parser

    lines = [line for before, block, copies in parts for line in before + block * copies]
    text = newline.join(lines)
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(parser, "_BLOCK_TRY", every)
        new = parse_outline(text, path, report_type=_report_type)
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(parser, "_BLOCK_TRY", 1 << 30)  # no block looked for
        old = parse_outline(text, path, report_type=_report_type)
    assert _reading(new) == _reading(old)
    assert _columns(new) == _columns(old)
    assert list(new.table.bodies.starts) == list(old.table.bodies.starts)
    assert list(new.table.bodies.firsts) == list(old.table.bodies.firsts)


def _candidates_read(monkeypatch) -> list[int]:
    """The candidate lines the outline builder reads one by one, in order, from now on."""
    from reportlint.outline import parser

    read: list[int] = []
    add = parser._Builder.add_candidate

    def counted(builder, index):
        read.append(index)
        add(builder, index)

    monkeypatch.setattr(parser._Builder, "add_candidate", counted)
    return read


def test_repeated_blocks_are_added_without_reading_each(monkeypatch):
    """Counted: of 1,000 ``附件`` / ``一、`` pairs and of 1,000 blocks of four heading levels,
    the builder reads a few hundred lines (64 before it looks, two blocks to compare, the last
    two); the outline still has every section and attachment."""
    read = _candidates_read(monkeypatch)
    doc = parse_outline("2024年工作总结\n" + "附件\n一、\n" * 1000, "r.txt")
    assert len(read) < 80
    assert len(doc.sections) == 1000 and len(doc.attachments) == 999  # the first 附件 is before any heading
    assert [p.text for p in doc.sections[-1].body] == [] and [p.text for p in doc.sections[-2].body] == ["附件"]
    read.clear()
    doc = parse_outline("2024年工作总结\n" + "一、\n（一）\n1.\n（1）\n" * 1000, "r.txt")
    assert len(read) < 100
    assert len(doc.table) == 4000 and [s.level for s in doc.walk()][-4:] == [1, 2, 3, 4]


def test_a_run_of_heading_lines_is_added_without_reading_each(monkeypatch):
    """Counted: of 1,000 ``1.`` lines the builder reads a few; the outline still has a
    section for each, siblings of each other, each ending where its line does."""
    read = _candidates_read(monkeypatch)
    doc = parse_outline("2024年工作总结\n" + "1.\n" * 1000, "r.txt")
    assert len(read) < 5
    assert len(doc.sections) == 1000
    assert [(s.start, s.end, s.marker_text) for s in doc.sections[-2:]] == [(3004, 3006, "1."), (3007, 3009, "1.")]


def test_runs_of_plain_lines_with_a_heading_among_them_are_read_line_by_line(monkeypatch):
    from reportlint.outline import parser

    monkeypatch.setattr(parser, "_RUN", 3)  # runs of three lines: some all paragraphs, some not
    text = "\n".join(["2024年述职报告", "甲", "乙", "丙", "丁", "存在的问题", "戊", "一是己", "附件", "庚"])
    doc = parse_outline(text, "x.txt", report_type=_report_type)
    assert [s.heading for s in doc.sections] == ["存在的问题"]
    assert [p.text for p in doc.preamble] == ["甲", "乙", "丙", "丁"]
    assert [p.text for p in doc.sections[0].body] == ["戊", "一是己", "附件", "庚"]
    assert [i.marker for i in doc.sections[0].items] == ["一是"]


@given(st.lists(st.sampled_from(_LINES), max_size=60), st.sampled_from(["\n", "\r\n"]))
@settings(max_examples=150, deadline=None)
def test_paragraphs_with_a_hint_are_those_where_it_matches(lines, newline):
    """Rules find the paragraphs to read by one search of the whole text: the same paragraphs,
    sections and last-in-body flags as reading every body."""
    import re

    doc = parse_outline(newline.join(lines), "x.txt", report_type=_report_type)
    every = [(p, None, i == len(doc.preamble) - 1) for i, p in enumerate(doc.preamble)]
    every += [(p, s, i == len(s.body) - 1) for s in doc.walk() for i, p in enumerate(s.body)]
    for hint in (re.compile("[是第]"), re.compile("[，。；]"), re.compile("共|其中"), re.compile("[a中]")):
        assert list(doc.paragraphs_with(hint)) == [placed for placed in every if hint.search(placed[0].text)]


def test_offsets_in_scopes_are_those_whose_scope_is_one_of_them():
    """A rule past the limit on findings counts those it does not make under its scope by a
    span of the outline at a time (Document.in_scopes): the same offsets as asking the scope
    of each, for every offset of the seed and of each file of seeds/, Markdown headings too."""
    from array import array
    from itertools import combinations

    from conftest import SEEDS

    texts = [(path.read_text(encoding="utf-8"), path.name) for path in sorted(SEEDS.glob("*.*"))]
    texts.append(("# 2024年总结\n## 一、甲\n正文（\n### （一）乙\n", "r.md"))
    scopes = [frozenset(c) for n in (1, 2, 3) for c in combinations(("title", "headings", "body"), n)]
    for text, path in texts:
        doc = parse_outline(text, path, report_type=_report_type)
        every = array("q", range(len(text) + 1))
        for scope in scopes:
            assert list(doc.in_scopes(scope, every)) == [at for at in every if doc.scope_at(at) in scope]
