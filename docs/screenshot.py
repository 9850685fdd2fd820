"""Take docs/review-page.png from the real review page: start ``reportlint serve --lang zh``,
upload the seed report as a .docx in Debian's chromium (headless, through Playwright, a browser
on a Chinese system), and capture the page, Chinese throughout as its users see it.

    python docs/screenshot.py        # needs reportlint[test] and /usr/bin/chromium
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

import docx
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_e4ab13fd1b405e5f.txt"
TARGET = ROOT / "docs" / "review-page.png"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "述职报告.docx"
        document = docx.Document()
        for line in SEED.read_text(encoding="utf-8").splitlines():
            document.add_paragraph(line)
        document.save(report)
        command = [sys.executable, "-m", "reportlint", "serve", "--lang", "zh"]
        server = subprocess.Popen(command, stdout=subprocess.PIPE, cwd=folder)
        try:
            url = re.search(r"http://[^\s（(]+", server.stdout.readline().decode())[0]  # the line is in Chinese
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
                page = browser.new_page(viewport={"width": 1280, "height": 1000}, locale="zh-CN")
                page.goto(url)
                page.set_input_files("input[type=file]", str(report))
                with page.expect_navigation():
                    page.click("button[type=submit]")
                page.hover("li.finding >> nth=2")
                page.screenshot(path=str(TARGET))
                browser.close()
        finally:
            server.terminate()
            server.wait()
    _shrink(TARGET)
    print(f"wrote {TARGET.relative_to(ROOT)} ({TARGET.stat().st_size // 1024} kB)")


def _shrink(path: Path) -> None:
    """Fewer colours, a third of the size, the same look (when Pillow is installed)."""
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=64)
    small.save(path, optimize=True)


if __name__ == "__main__":
    main()
