"""The HTML review page as text: self-contained, escaped, one page for several files.

What it looks like and does in a browser is tested in test_browser.py.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest
from conftest import SEED, check_json, run_cli, seed_docx


class _Tags(HTMLParser):
    """Every start tag with its attributes, and the text inside <script> and <style>."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.inline: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in = tag if tag in ("script", "style") else None

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in:
            self.inline.append(data)


@pytest.fixture(autouse=True)
def chinese_locale(monkeypatch):
    """The page is read as the office staff read it: in Chinese, as under a Chinese locale."""
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")


def _page(*args: str, cwd=None) -> str:
    proc = run_cli("check", "--format", "html", "--no-cache", *args, cwd=cwd)
    assert proc.returncode in (0, 1, 2), proc.stderr.decode()
    return proc.stdout.decode("utf-8")


def _tags(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    return parser


def test_page_is_self_contained_and_marks_every_finding():
    page = _page(str(SEED))
    tags = _tags(page)
    names = [t for t, _ in tags.tags]
    assert "link" not in names and "iframe" not in names and "img" not in names
    for tag, attrs in tags.tags:
        assert not attrs.get("src"), (tag, attrs)  # scripts and styles are inline
        assert not (attrs.get("href") or "").startswith(("http:", "https:", "//")), attrs
    assert names.count("script") == 1 and names.count("style") == 1
    assert not re.search(r"https?://", "".join(tags.inline))
    _, data = check_json(str(SEED))
    items = [a for t, a in tags.tags if t == "li" and "finding" in a.get("class", "")]
    assert [(a["data-rule"], a["data-severity"]) for a in items] == [
        (d["rule"], d["severity"]) for d in data["diagnostics"]
    ]
    marked = {i for t, a in tags.tags if t == "mark" for i in a["data-ids"].split()}
    assert marked == {a["data-id"] for a in items} and len(marked) == 24
    assert "共 24 个问题" in page and "16 个错误" in page and "8 个警告" in page


def test_fixes_show_before_and_after_and_which_are_unsafe():
    page = _page(str(SEED))
    # the seed's typo fix is a guess (unsafe); its half-width commas are safe
    assert re.search(r'<div class="fix unsafe">.*?<del>模仿作用</del> → <ins>模范作用</ins>.*?需人工确认', page)
    assert len(re.findall(r'<div class="fix safe">.*?<del>,</del> → <ins>，</ins>', page)) == 2


def test_document_text_and_names_are_escaped(tmp_path):
    hostile = tmp_path / '"><img src=x onerror=alert(1)>.txt'
    hostile.write_text(
        "关于XX的工作总结<script>alert('x')</script>\n\n一、主要工作\n学习X次</textarea><b onmouseover=alert(2)>。\n",
        encoding="utf-8",
    )
    page = _page(str(hostile))
    tags = _tags(page)
    assert [t for t, _ in tags.tags if t in ("img", "b", "textarea")] == []
    assert [t for t, _ in tags.tags].count("script") == 1
    assert all(not k.startswith("on") for _, attrs in tags.tags for k in attrs)
    assert html.escape("<script>alert('x')</script>", quote=True) in page
    assert "placeholder" in page  # it was checked, and shown


def test_several_files_make_one_page_with_a_file_list(tmp_path):
    second = tmp_path / "second.md"
    second.write_text("# 2024年述职报告\n\n## 一、主要工作\n\n学习X次，完成**XX**项。\n", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    page = _page(str(SEED), str(second), str(missing))
    assert page.count("<!DOCTYPE html>") == 1
    files = re.search(r'<nav class="files">(.*?)</nav>', page).group(1)
    assert [html.unescape(n) for n in re.findall(r'<a href="#f\d">(.*?)</a>', files)] == [
        str(SEED),
        str(second),
        str(missing),
    ]
    assert "无法检查：没有这个文件或目录" in page
    section = page[page.index('id="f2"') :]
    # Markdown is shown as written, markup included, and its findings are marked in place
    assert "完成**XX**项" in section
    assert re.search(r'学习<mark class="hl sev-error" data-ids="f2-d\d"[^>]*>X</mark>次', section)


def test_docx_is_shown_as_its_paragraphs(tmp_path):
    lines = SEED.read_text(encoding="utf-8").splitlines()
    page = _page(str(seed_docx(tmp_path / "seed.docx")))
    rows = re.findall(r'<div class="line[^"]*" id="f1-L(\d+)"', page)
    assert len(rows) == len(lines)
    assert "第 6 段第 191 字" in page  # findings are placed by paragraph
    assert len(re.findall(r'<li class="finding', page)) == 24


def test_outline_is_a_table_of_contents():
    page = _page(str(SEED))
    toc = re.search(r'<nav class="toc">(.*?)</nav>', page).group(1)
    links = re.findall(r'<a href="#f1-L(\d+)">(.*?)</a>', toc)
    assert links[:3] == [
        ("1", "2023年党总支部书记抓基层党建工作述职报告（2946字）"),
        ("4", "一、主要做法"),
        ("5", "（一）抓思想，政治引领突出成效"),
    ]
    assert len(links) == 14  # the title and 13 sections


def test_a_finding_over_a_line_break_is_marked_on_both_lines(tmp_path):
    rules = tmp_path / "house"
    rules.mkdir()
    (rules / "house.yaml").write_text(
        """rules:
  - id: house-split
    kind: pattern
    severity: info
    message: "跨行：{match}"
    description: A phrase broken over two lines.
    patterns: ['工作\\n二']
    examples:
      fire: ["工作\\n二"]
      quiet: ["工作"]
""",
        encoding="utf-8",
    )
    report = tmp_path / "r.txt"
    report.write_text("2024年述职报告\n一、主要工作\n二、存在问题\n", encoding="utf-8")
    page = _page("--rule-dir", str(rules), "--extend-select", "house-split", str(report))
    ident = re.search(r'data-id="(f1-d\d)" data-severity="info" data-rule="house-split"', page).group(1)
    pieces = re.findall(
        rf'id="f1-L(\d)"[^>]*>(?:(?!</div>).)*?<mark class="hl sev-info" data-ids="{ident}"[^>]*>(.*?)</mark>', page
    )
    assert pieces == [("2", "工作"), ("3", "二")]


def test_an_empty_place_is_marked_with_a_caret(tmp_path):
    report = tmp_path / "empty.txt"
    report.write_text("\n\n", encoding="utf-8")
    page = _page(str(report))
    assert re.search(
        r'id="f1-L1"[^>]*><a class="anchor" id="at-f1-d1"></a><mark class="hl point sev-warning" data-ids="f1-d1"', page
    )
    assert "empty-document" in page
