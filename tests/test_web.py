"""``reportlint serve`` over plain HTTP: limits, bad uploads, and where it listens.

The page in a browser (upload, review, downloads) is tested in test_browser.py.
"""

from __future__ import annotations

import socket
import threading
import time
import urllib.error
import urllib.request

import pytest
from conftest import SEED, Served, run_cli


def _post(url: str, filename: str, data: bytes, host: str | None = None, typos: bool = False) -> tuple[int, str]:
    boundary = "reportlint-test-boundary"
    ticked = f'--{boundary}\r\nContent-Disposition: form-data; name="typos"\r\n\r\non\r\n' if typos else ""
    body = (
        (
            f'{ticked}--{boundary}\r\nContent-Disposition: form-data; name="report"; filename="{filename}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        + data
        + f"\r\n--{boundary}--\r\n".encode()
    )
    request = urllib.request.Request(
        url + "review",
        body,
        {"Content-Type": f"multipart/form-data; boundary={boundary}", "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8"},
        method="POST",
    )
    if host:
        request.add_header("Host", host)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


_SAVE_AS_TEXT = (
    "“{name}”不是 reportlint 能读取的文本：请将它另存为 UTF-8 编码的文本（另存为时选择 UTF-8 编码）"
    "或 Word 的 .docx 文件，再上传。"
)


def test_a_report_is_reviewed_and_nothing_is_kept(served):
    status, page = _post(served.url, "述职报告.txt", SEED.read_bytes())
    assert status == 200
    assert page.count('<li class="finding') == 24 and "共 24 个问题" in page
    assert "下载修正后的文本（已自动修正 3 处）" in page
    assert list(served.tmp.iterdir()) == [] and list(served.cwd.iterdir()) == []


def test_the_box_for_misspelt_characters_is_ticked_and_runs_the_rules_off_by_default(served):
    with urllib.request.urlopen(served.url, timeout=60) as response:
        assert '<input type="checkbox" name="typos" value="on" checked>' in response.read().decode()
    report = "关于市场监管工作的报告\n一、主要工作\n市知只产权局负责商标注册工作。\n".encode()
    status, ticked = _post(served.url, "报告.txt", report, typos=True)
    assert status == 200 and "“知只产权局”疑为“知识产权局”" in ticked
    status, unticked = _post(served.url, "报告.txt", report)
    assert status == 200 and "知识产权局" not in unticked


def test_an_oversized_upload_is_refused_with_a_readable_page(served):
    status, page = _post(served.url, "big.txt", "学习".encode() * 60_000)  # 360 kB, the limit is 200 kB
    assert status == 413
    assert "文件太大" in page and "文件超过了 0.2 MB 的上限" in page
    assert list(served.tmp.iterdir()) == []


@pytest.mark.parametrize(
    ("name", "data", "title", "detail"),
    [
        (
            "photo.png",
            b"\x89PNG\r\n\x1a\n" + bytes(64),
            "不支持的文件类型",
            "“photo.png”不是 .docx、.txt 或 .md 文件。",
        ),
        (
            "photo.txt",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "无法读取这个文件",
            _SAVE_AS_TEXT.format(name="photo.txt"),
        ),
        (
            "乱码.txt",
            b"\xff\x80\xff\x80 report \xff\xfe\xfd",
            "无法读取这个文件",
            _SAVE_AS_TEXT.format(name="乱码.txt"),
        ),
        ("report.docx", b"PK\x03\x04 not really a zip", "无法读取这个文件", ".docx 文件已损坏：不是 zip 压缩包"),
        ("述职报告.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "无法读取这个文件", "另存为 .docx"),
        ("notes.md", b"# Shopping list\n\n- milk\n- bread\n", "这不像是一份报告", "中没有可检查的中文内容"),
    ],
)
def test_a_file_that_is_not_a_report_gets_a_readable_page(served, name, data, title, detail):
    """What the page says is for a person with a browser: a text no encoding reads is to be
    saved as UTF-8 or .docx (the command line's --encoding is no option here)."""
    status, page = _post(served.url, name, data)
    assert status in (415, 422)
    assert title in page and detail in page
    assert "--encoding" not in page
    assert 'href="/"' in page  # a way back to the upload page


def test_a_form_without_a_file_is_refused(served):
    status, page = _post(served.url, "", b"")
    assert status == 400 and "没有收到文件" in page


def test_it_answers_only_on_the_address_it_is_bound_to(served):
    assert served.url.startswith("http://127.0.0.1:")
    with socket.create_connection(("127.0.0.1", served.port), timeout=10):
        pass
    # 127.0.0.2 is this machine too (the loopback range), but not the bound address
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.2", served.port), timeout=10)


def test_requests_for_another_host_name_are_refused(served):
    status, _ = _post(served.url, "r.txt", SEED.read_bytes(), host="attacker.example")
    assert status == 400


def test_serve_without_a_usable_address_says_why():
    proc = run_cli("serve", "--host", "192.0.2.1", "--port", "1")
    assert proc.returncode == 2
    assert proc.stderr.decode().startswith("reportlint: error: cannot listen on 192.0.2.1:1: ")


def test_open_hands_the_printed_address_to_the_browser(tmp_path):
    opened = tmp_path / "opened.txt"
    browser = tmp_path / "browser.sh"
    browser.write_text(f'#!/bin/sh\nprintf %s "$1" > {opened}\n', encoding="utf-8")
    browser.chmod(0o755)
    server = Served(tmp_path, "--open", env={"BROWSER": str(browser), "DISPLAY": ""})
    try:
        for _ in range(100):
            if opened.exists() and opened.read_text(encoding="utf-8"):
                break
            time.sleep(0.1)
        assert opened.read_text(encoding="utf-8") == server.url
    finally:
        server.stop()


def test_serve_builds_the_word_tables_in_the_background_before_any_review(tmp_path):
    """The first review with 同时查错别字 ticked used to build the typo rules' word tables (some
    6 s once per installation): ``serve`` starts building them as it starts, and answers
    meanwhile. No review is posted here; the tables appear in the (empty) user cache."""
    cache = tmp_path / "cache"
    server = Served(tmp_path, env={"XDG_CACHE_HOME": str(cache)})
    try:
        with urllib.request.urlopen(server.url, timeout=60) as response:
            assert response.status == 200  # the page is served (the tables may still be building)
        names = ("lexicon-", "readings-", "masked-", "expressions-", "newer-", "homophones-")
        for _ in range(600):
            built = {name for name in names for path in cache.rglob(f"{name}*.txt")}
            if len(built) == len(names):
                break
            time.sleep(0.2)
        assert sorted(built) == sorted(names)
        assert server.process.poll() is None
    finally:
        server.stop()


def test_a_failure_while_warming_up_is_left_to_the_review_that_meets_it(monkeypatch):
    """The warm-up runs beside the server: what goes wrong there (a broken word list, a full
    disk) must not end the thread with a traceback or the server; a review reports it."""
    from reportlint import web

    calls = []

    def broken(*args, **kwargs):
        calls.append(args)
        raise OSError("No space left on device")

    uncaught = []
    monkeypatch.setattr(web, "lint_text", broken)
    monkeypatch.setattr(threading, "excepthook", uncaught.append)
    thread = web.warm(None, 1000)
    thread.join(timeout=60)
    assert not thread.is_alive() and thread.daemon
    assert len(calls) == 1  # the warm-up did reach the failing call
    assert uncaught == []
