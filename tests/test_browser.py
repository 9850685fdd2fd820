"""The review pages in a real browser: Debian's chromium, driven headless by Playwright.

Playwright never downloads a browser here: it drives the distribution's chromium, which
``.ci/run`` installs. Where neither is installed these tests are skipped, except in CI, where
a missing browser is a failure.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import SEED, run_cli, seed_docx

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# For each finding in the side list: its highlighted pieces in the text, the line they sit on,
# the column where the first starts (the text before it on its line, plus one), whether it is
# drawn (a background or an underline that is not transparent) and its tooltip.
PLACES = """() => Array.from(document.querySelectorAll("li.finding")).map((li) => {
  const id = li.dataset.id;
  const marks = Array.from(document.querySelectorAll("mark.hl")).filter(
    (m) => m.dataset.ids.split(" ").includes(id));
  if (!marks.length) return { id, marks: 0 };
  const line = marks[0].closest(".line");
  const range = document.createRange();
  range.setStart(line, 0);
  range.setEndBefore(marks[0]);
  const style = getComputedStyle(marks[0]);
  return {
    id,
    marks: marks.length,
    line: Number(line.dataset.line),
    column: range.toString().length + 1,
    text: marks.map((m) => m.textContent).join(""),
    drawn: style.backgroundColor !== "rgba(0, 0, 0, 0)" && !marks[0].classList.contains("off"),
    title: marks[0].title,
    hidden: li.hidden,
    message: li.querySelector(".message").textContent,
  };
})"""


@pytest.fixture(autouse=True)
def chinese_locale(monkeypatch):
    """The pages are read as the office staff read them: in Chinese (``--format html`` under a
    Chinese locale; the web page for a browser that asks for Chinese)."""
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    if sync_playwright is None or not shutil.which(str(CHROMIUM)):
        if os.environ.get("CI"):
            pytest.fail("the browser tests need Playwright and /usr/bin/chromium (see .ci/run)")
        pytest.skip("Playwright or /usr/bin/chromium is not installed")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(accept_downloads=True, locale="zh-CN")  # a browser on a Chinese system
    tab = context.new_page()
    yield tab
    context.close()


def _expected(path: Path) -> list[dict]:
    proc = run_cli("check", "--format", "json", "--no-cache", str(path))
    return json.loads(proc.stdout)["diagnostics"]


def _html_page(path: Path, target: Path) -> Path:
    proc = run_cli("check", "--format", "html", "--no-cache", str(path))
    assert proc.returncode == 1, proc.stderr.decode()
    target.write_bytes(proc.stdout)
    return target


def assert_every_finding_in_place(places: list[dict], expected: list[dict], text: str) -> None:
    """Each finding the JSON output gives is highlighted on its line, at its column, over its
    text, drawn in colour, with its message in the tooltip."""
    lines = text.splitlines()
    assert len(places) == len(expected)
    for place, d in zip(places, expected, strict=True):
        start, end = d["range"]["start"], d["range"]["end"]
        assert place["marks"] >= 1, d
        assert (place["line"], place["column"]) == (start["line"], start["column"]), (place, d)
        assert place["text"] == lines[start["line"] - 1][start["column"] - 1 : end["column"] - 1], (place, d)
        assert place["drawn"], place
        assert d["message"] in place["title"] and place["message"] == d["message"]


@pytest.mark.parametrize("kind", ["txt", "docx"])
def test_every_finding_is_highlighted_in_place(page, tmp_path, kind):
    source = SEED if kind == "txt" else seed_docx(tmp_path / "seed.docx")
    page.goto(_html_page(source, tmp_path / "review.html").as_uri())
    expected = _expected(source)
    assert len(expected) == 24
    assert_every_finding_in_place(page.evaluate(PLACES), expected, SEED.read_text(encoding="utf-8"))
    # the outline is a working table of contents
    page.click("nav.toc >> text=三、下一步工作计划")
    assert page.evaluate("location.hash") == "#f1-L18"
    assert page.locator("#f1-L18").inner_text().startswith("三、下一步工作计划")


def test_filters_hide_findings_and_their_highlights(page, tmp_path):
    page.goto(_html_page(SEED, tmp_path / "review.html").as_uri())
    expected = _expected(SEED)
    shown = page.locator(".shown")
    assert shown.inner_text() == "显示 24 / 24"

    page.uncheck('input[data-filter="severity"][value="error"]')
    places = page.evaluate(PLACES)
    visible = [p for p in places if not p["hidden"]]
    assert [p["message"] for p in visible] == [d["message"] for d in expected if d["severity"] == "warning"]
    assert all(p["drawn"] for p in visible) and not any(p["drawn"] for p in places if p["hidden"])
    assert page.locator("mark.hl.sev-error").count() == 0
    assert shown.inner_text() == "显示 8 / 24"

    page.check('input[data-filter="severity"][value="error"]')
    page.uncheck('input[data-filter="rule"][value="placeholder"]')
    visible = [p for p in page.evaluate(PLACES) if not p["hidden"]]
    assert len(visible) == 24 - 13 and all("占位符" not in p["message"] for p in visible)
    assert page.locator('input[data-filter="all-rules"]').evaluate("b => b.indeterminate")

    page.check('input[data-filter="all-rules"]')
    assert all(p["drawn"] and not p["hidden"] for p in page.evaluate(PLACES))
    page.uncheck('input[data-filter="all-rules"]')
    assert shown.inner_text() == "显示 0 / 24"
    assert page.locator("mark.hl.off").count() == page.locator("mark.hl").count()


def test_hovering_a_finding_points_at_its_text(page, tmp_path):
    page.goto(_html_page(SEED, tmp_path / "review.html").as_uri())
    item = page.locator("li.finding").nth(2)
    item.hover()
    focused = page.locator("mark.hl.focus")
    assert focused.count() == 1 and focused.inner_text() == "模仿作用"
    assert "需人工确认" in item.inner_text() and "模范作用" in item.inner_text()


def test_printed_page_shows_text_and_findings(page, tmp_path):
    page.goto(_html_page(SEED, tmp_path / "review.html").as_uri())
    page.emulate_media(media="print")
    assert page.locator("nav.toc").is_hidden()
    assert page.locator("article.text").is_visible() and page.locator("aside.findings").is_visible()
    box_text, box_list = page.locator("article.text").bounding_box(), page.locator("aside.findings").bounding_box()
    assert box_list["y"] > box_text["y"] + box_text["height"] - 1  # the list follows the text, full width
    assert page.pdf()[:4] == b"%PDF"


def _review_marks(path: Path) -> tuple[list[str], list[str]]:
    """The comments of a .docx, and the text its tracked changes insert."""
    import docx
    from docx.oxml.ns import qn

    document = docx.Document(path)
    inserted = ["".join(t.text or "" for t in ins.iter(qn("w:t"))) for ins in document.element.body.iter(qn("w:ins"))]
    return sorted(comment.text for comment in document.comments), inserted


def test_serve_reviews_an_uploaded_docx_and_hands_back_the_copies(page, served, tmp_path):
    report = seed_docx(tmp_path / "述职报告.docx")
    page.goto(served.url)
    assert page.title() == "报告审阅"
    page.set_input_files("input[type=file]", str(report))
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert page.locator("li.finding").count() == 24
    expected = _expected(report)
    assert_every_finding_in_place(page.evaluate(PLACES), expected, SEED.read_text(encoding="utf-8"))

    with page.expect_download() as annotated:
        page.click("text=下载带批注的 Word 文档")
    assert annotated.value.suggested_filename == "述职报告（审阅批注）.docx"
    copy = tmp_path / "annotated.docx"
    annotated.value.save_as(copy)
    comments, inserted = _review_marks(copy)
    severity = {"error": "错误", "warning": "警告", "info": "提示"}  # the page's language: the browser's
    assert comments == sorted(f"{severity[d['severity']]} [{d['rule']}] {d['message']}" for d in expected)
    assert inserted == ["，", "，", "。"]  # the three safe fixes, as tracked changes

    with page.expect_download() as fixed:
        page.click("text=下载修正后的文本")
    assert fixed.value.suggested_filename == "述职报告（已修正）.txt"
    plain = tmp_path / "seed.txt"
    plain.write_bytes(SEED.read_bytes())
    run_cli("check", "--fix", "--no-cache", str(plain))  # the same safe fixes, made by the command line
    assert (
        Path(fixed.value.path()).read_text(encoding="utf-8").splitlines()
        == plain.read_text(encoding="utf-8").splitlines()
    )
    assert list(served.tmp.iterdir()) == [] and list(served.cwd.iterdir()) == []


def test_serve_refuses_bad_uploads_in_the_page(page, served, tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes("学习".encode() * 60_000)
    image = tmp_path / "scan.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    for path, message in [(big, "文件太大"), (image, "不支持的文件类型")]:
        page.goto(served.url)
        page.set_input_files("input[type=file]", str(path))
        with page.expect_navigation():
            page.click("button[type=submit]")
        assert message in page.locator(".problem").inner_text()
        page.click("text=审阅另一份报告")
        assert page.locator("input[type=file]").count() == 1


def test_an_empty_place_shows_a_caret(page, tmp_path):
    report = tmp_path / "empty.txt"
    report.write_text("\n\n", encoding="utf-8")
    proc = run_cli("check", "--format", "html", "--no-cache", str(report))
    (tmp_path / "review.html").write_bytes(proc.stdout)
    page.goto((tmp_path / "review.html").as_uri())
    caret = page.locator("mark.hl.point")
    assert caret.count() == 1 and caret.bounding_box()["width"] > 0 and caret.inner_text() == ""


DROP = """([name, data]) => {
  const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
  const transfer = new DataTransfer();
  transfer.items.add(new File([bytes], name));
  const zone = document.querySelector(".drop");
  zone.dispatchEvent(new DragEvent("dragover", { dataTransfer: transfer, bubbles: true, cancelable: true }));
  zone.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
}"""


def test_serve_checks_a_report_dropped_on_the_page(page, served, tmp_path):
    import base64

    report = seed_docx(tmp_path / "述职报告.docx")
    page.goto(served.url)
    with page.expect_navigation():
        page.evaluate(DROP, [report.name, base64.b64encode(report.read_bytes()).decode()])
    assert page.locator("li.finding").count() == 24
    assert page.locator("h2.file-name").inner_text() == "述职报告.docx"
