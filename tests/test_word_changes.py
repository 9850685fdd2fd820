"""Fixes as tracked changes (修订) in the annotated Word copy, and a real office suite opening it."""

from __future__ import annotations

import docx
import pytest
from conftest import run_cli
from docx.oxml.ns import qn
from test_inputs import comments_with_anchors
from wordfiles import (
    W,
    abstract,
    accept_all,
    build,
    libreoffice_convert,
    lvl,
    needs_libreoffice,
    num,
    numbering_xml,
    revisions,
)

from reportlint.inputs.docx import body_paragraphs

# Runs as Word leaves them after editing: a fix's text split over runs of different formatting.
RUNS = [
    [("2024年述职报告", {})],
    [("一、主要工作", {})],
    [("全年学习", {}), ("X次，先锋模", {"bold": True}), ("仿作用,效果良好.", {"italic": True})],
    [("完成", {}), ("２０", {"bold": True}), ("２４年度", {"italic": True}), ("任务。", {})],
    [("二、存在的问题", {})],
    [("发挥了了作用。", {})],
    [("三、下一步打算", {})],
]


def make_report(path):
    document = docx.Document()
    for parts in RUNS:
        paragraph = document.add_paragraph()
        for text, formatting in parts:
            run = paragraph.add_run(text)
            run.bold = formatting.get("bold")
            run.italic = formatting.get("italic")
    document.save(path)
    return path


def plain_fix(tmp_path, *flags) -> list[str]:
    """What --fix makes of the same report as plain text."""
    text = tmp_path / "same.txt"
    text.write_text("\n".join("".join(t for t, _ in parts) for parts in RUNS), encoding="utf-8")
    run_cli("check", "--fix", *flags, str(text))
    return text.read_text(encoding="utf-8").split("\n")


@pytest.mark.parametrize("flags", [(), ("--unsafe-fixes",)])
def test_accepting_every_change_gives_what_fix_gives(tmp_path, flags):
    source = make_report(tmp_path / "r.docx")
    before = source.read_bytes()
    out = tmp_path / "annotated.docx"
    proc = run_cli("check", str(source), "--annotate", str(out), *flags)
    assert proc.returncode == 1, proc.stderr
    assert source.read_bytes() == before  # the original is never changed
    fixed = plain_fix(tmp_path, *flags)
    assert accept_all(out) == fixed
    assert fixed != [p.text for p in body_paragraphs(docx.Document(source))]
    assert all(author == "reportlint" for _, author, _ in revisions(out))
    kinds = [kind for kind, _, _ in revisions(out)]
    count = len(kinds) // 2 if flags else kinds.count("del")
    assert f"tracked change{'s' if count != 1 else ''} to {out}" in proc.stderr.decode()


def test_changes_keep_the_formatting_of_the_runs_they_span(tmp_path):
    source = make_report(tmp_path / "r.docx")
    out = tmp_path / "annotated.docx"
    run_cli("check", str(source), "--annotate", str(out), "--unsafe-fixes")
    assert revisions(out) == [
        ("del", "reportlint", "仿"),
        ("ins", "reportlint", "范"),
        ("del", "reportlint", ","),
        ("ins", "reportlint", "，"),
        ("del", "reportlint", "."),
        ("ins", "reportlint", "。"),
        ("del", "reportlint", "２０"),
        ("del", "reportlint", "２４"),
        ("ins", "reportlint", "2024"),
        ("del", "reportlint", "了"),
    ]
    body = docx.Document(out).element.body
    changes = list(body.iter(qn("w:del"), qn("w:ins")))
    for element in changes:
        assert element.get(qn("w:date")).endswith("Z") and element.get(qn("w:id")).isdigit()
    assert len({element.get(qn("w:id")) for element in changes}) == len(changes)

    def formatting(element):
        r_pr = element.find(qn("w:r")).find(qn("w:rPr"))
        return sorted(child.tag.rpartition("}")[2] for child in r_pr) if r_pr is not None else []

    digits = changes[6:9]  # ２０ was bold, ２４ italic: each keeps its own; 2024 takes the first's
    assert [formatting(e) for e in digits] == [["b"], ["i"], ["b"]]
    # the text around a change keeps its runs and formatting
    paragraph = docx.Document(out).paragraphs[3]
    assert [(r.text, bool(r.bold), bool(r.italic)) for r in paragraph.runs if r.text] == [
        ("完成", False, False),
        ("年度", False, True),
        ("任务。", False, False),
    ]


def test_without_fixes_the_copy_has_comments_only(tmp_path):
    source = make_report(tmp_path / "r.docx")
    out = tmp_path / "annotated.docx"
    proc = run_cli("check", str(source), "--annotate", str(out), "--select", "placeholder")
    assert "Wrote 1 comment and 0 tracked changes" in proc.stderr.decode()
    assert revisions(out) == []


@needs_libreoffice
def test_libreoffice_opens_the_copy_and_keeps_comments_and_changes(tmp_path):
    source = make_report(tmp_path / "r.docx")
    out = tmp_path / "annotated.docx"
    run_cli("check", str(source), "--annotate", str(out), "--unsafe-fixes")
    back = tmp_path / "back"
    libreoffice_convert(out, "docx:MS Word 2007 XML", back)
    again = back / "annotated.docx"
    document = docx.Document(again)
    ours = docx.Document(out)
    assert sorted(c.text for c in document.comments) == sorted(c.text for c in ours.comments)
    assert len(list(document.comments)) == 6  # placeholder, typo, two half-width marks, digits, 了了
    assert [r for r in revisions(again) if r[0] == "ins"] == [r for r in revisions(out) if r[0] == "ins"]
    deleted = "".join(text for kind, _, text in revisions(again) if kind == "del")
    assert deleted == "".join(text for kind, _, text in revisions(out) if kind == "del")
    assert accept_all(again) == accept_all(out) == plain_fix(tmp_path, "--unsafe-fixes")


def test_a_finding_on_an_automatic_number_is_a_comment_at_the_paragraph_start_and_no_change(tmp_path):
    numbering = numbering_xml(abstract(1, lvl(0, "chineseCounting", "%1.")), num(1, 1))
    source = build(tmp_path / "r.docx", ["2024年工作总结", ("主要工作", 1), "正文。"], numbering)
    out = tmp_path / "annotated.docx"
    proc = run_cli("check", source, "--annotate", str(out), "--select", "numbering-style")
    assert "Wrote 1 comment and 0 tracked changes" in proc.stderr.decode()
    assert comments_with_anchors(out) == [
        ("reportlint", "warning [numbering-style] 序号“一.”不是一级标题的规范形式，应为“一、”", "主")
    ]


def report_with_link(path, before: str, link_run: str, after: str | None, last: str | None = None):
    """A report whose third paragraph is ``before``, a hyperlink holding the run ``link_run``
    (``w:r`` XML), then the run ``after``; ``last`` a fourth paragraph."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_paragraph("2024年述职报告")
    document.add_paragraph("一、主要工作")
    paragraph = document.add_paragraph(before)
    link = document.part.relate_to("https://www.example.gov.cn/", RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    paragraph._p.append(
        parse_xml(f'<w:hyperlink xmlns:w="{W}" xmlns:r="{relationships}" r:id="{link}">{link_run}</w:hyperlink>')
    )
    if after is not None:
        paragraph.add_run(after)
    if last is not None:
        document.add_paragraph(last)
    document.save(path)
    return path


def test_a_fix_inside_a_hyperlink_is_a_tracked_change_inside_the_link(tmp_path):
    """Word keeps a link's text in runs of its own (``w:hyperlink``); a half-width comma there is
    fixed like any other, inside the link, and the link stays a link."""
    source = report_with_link(tmp_path / "r.docx", "详见", "<w:r><w:t>市政府网站,政务公开专栏</w:t></w:r>", "。")
    out = tmp_path / "annotated.docx"
    run_cli("check", str(source), "--annotate", str(out))
    assert ("ins", "reportlint", "，") in revisions(out)
    assert accept_all(out)[2] == "详见市政府网站，政务公开专栏。"
    links = docx.Document(out).element.body.findall(".//" + qn("w:hyperlink"))
    assert len(links) == 1 and links[0].find(qn("w:ins")) is not None  # the change is inside the link


def test_a_mark_added_after_a_hyperlink_goes_beside_the_link_not_into_it(tmp_path):
    """A missing 。 after a link's text is the sentence's: the tracked insertion follows the
    ``w:hyperlink`` and does not take its blue, underlined style."""
    styled = '<w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t>市政府网站政务公开专栏</w:t></w:r>'
    source = report_with_link(
        tmp_path / "r.docx", "全年共组织专题学习12次，相关材料详见", styled, None, "二、存在的问题"
    )
    out = tmp_path / "annotated.docx"
    run_cli("check", str(source), "--annotate", str(out), "--unsafe-fixes", "--select", "missing-end-mark")
    assert accept_all(out)[2] == "全年共组织专题学习12次，相关材料详见市政府网站政务公开专栏。"
    (hyperlink,) = docx.Document(out).element.body.iter(qn("w:hyperlink"))
    assert hyperlink.find(qn("w:ins")) is None  # nothing added inside the link
    inserted = hyperlink.getnext()
    assert inserted.tag == qn("w:ins") and "".join(t.text for t in inserted.iter(qn("w:t"))) == "。"
    assert inserted.find(".//" + qn("w:rStyle")) is None
