"""Real files from real offices: encodings, line endings, .docx in and out, and bad input."""

from __future__ import annotations

import io
import shutil
import zipfile

import docx
import pytest
from conftest import SEED, SEEDS, check_json, run_cli
from docx.oxml.ns import qn
from hypothesis import given, settings
from hypothesis import strategies as st
from wordfiles import libreoffice_convert, needs_libreoffice

from reportlint import lint_bytes, lint_path

REPORT = "2024年工作总结\r\n\r\n一、主要工作\r\n全年学习X次，发挥先锋模仿作用,效果良好.\r\n"


def test_gbk_with_crlf_positions_are_exact(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes(REPORT.encode("gbk"))
    result = lint_path(path)
    assert result.encoding == "gb18030"
    found = [(d.rule, d.start.line, d.start.column, d.start.offset) for d in result.diagnostics]
    assert ("placeholder", 4, 5, 25) in found
    assert ("typo", 4, 12, 32) in found
    assert result.text[25] == "X" and result.text[32:36] == "模仿作用"


def test_fix_keeps_gbk_and_crlf_byte_for_byte(tmp_path):
    path = tmp_path / "gbk.txt"
    original = REPORT.encode("gbk")
    path.write_bytes(original)
    proc = run_cli("check", "--fix", "--unsafe-fixes", str(path))
    assert proc.returncode == 1
    expected = REPORT.replace("模仿作用,效果良好.", "模范作用，效果良好。").encode("gbk")
    assert path.read_bytes() == expected
    assert path.read_bytes().count(b"\r\n") == original.count(b"\r\n")


@pytest.mark.parametrize(
    "codec,bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"), ("utf-8", b"\xef\xbb\xbf")]
)
def test_byte_order_marks(tmp_path, codec, bom):
    path = tmp_path / "bom.txt"
    path.write_bytes(bom + REPORT.encode(codec))
    result = lint_path(path)
    assert result.encoding == codec
    assert result.text == REPORT  # no BOM in the text: line 1, column 1 is the first real character
    assert ("placeholder", 4, 5) in [(d.rule, d.start.line, d.start.column) for d in result.diagnostics]
    run_cli("check", "--fix", "--unsafe-fixes", str(path))
    assert path.read_bytes() == bom + REPORT.replace("模仿作用,效果良好.", "模范作用，效果良好。").encode(codec)


def test_short_gbk_is_read_as_gbk_and_valid_utf8_always_as_utf8():
    result = lint_bytes("学习X次".encode("gbk"), "short.txt")
    assert (result.encoding, result.text) == ("gb18030", "学习X次")
    # The GBK bytes of 学习 happen to be valid UTF-8 (ѧϰ): valid UTF-8 is read as UTF-8, so a fix
    # never writes bytes of another encoding into a UTF-8 file (tests/test_security.py).
    assert lint_bytes("学习".encode("gbk"), "short.txt").encoding == "utf-8"


def test_forced_encoding(tmp_path):
    path = tmp_path / "r.txt"
    path.write_bytes("学习X次".encode("gbk"))
    code, data = check_json("--encoding", "gbk", str(path))
    assert code == 1 and data["diagnostics"][0]["range"]["start"]["column"] == 3
    code, data = check_json("--encoding", "utf-8", str(path))
    assert code == 2 and data["errors"][0]["message"].startswith("cannot decode as utf-8")


def test_api_takes_bytes_and_returns_text_encoding_and_diagnostics():
    result = lint_bytes(REPORT.encode("gbk"), "r.txt")
    assert result.encoding == "gb18030" and result.text == REPORT
    assert {d.rule for d in result.diagnostics} >= {"placeholder", "typo", "halfwidth-punct"}


def make_docx(path, paragraphs, table=None, tail=("二、存在的问题", "三、下一步打算")):
    document = docx.Document()
    for text in paragraphs:
        if isinstance(text, list):
            paragraph = document.add_paragraph()
            for part in text:
                paragraph.add_run(part)
        else:
            document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=1, cols=len(table))
        for cell, text in zip(grid.rows[0].cells, table, strict=True):
            cell.text = text
    for text in tail:
        document.add_paragraph(text)
    document.save(path)
    return path


def test_docx_findings_are_reported_by_paragraph(tmp_path):
    paragraphs = ["2024年述职报告", "", "一、主要工作", ["全年学习", "X次，先锋", "模仿作用。"]]
    path = make_docx(tmp_path / "r.docx", paragraphs, table=["合计", "XX份"])
    code, data = check_json(str(path))
    found = [
        (d["rule"], d["position_kind"], d["range"]["start"]["line"], d["range"]["start"]["column"])
        for d in data["diagnostics"]
    ]
    assert found == [
        ("placeholder", "paragraph", 4, 5),
        ("typo", "paragraph", 4, 10),
        ("placeholder", "paragraph", 6, 1),  # paragraphs 5 and 6 are the table's two cells
    ]
    assert code == 1
    text = run_cli("check", "--no-cache", str(path)).stdout.decode().splitlines()
    assert text[0] == f"{path}:4:5: error placeholder 未填写的占位符“X” (paragraph 4, character 5)"
    assert run_cli("outline", str(path)).stdout.decode().splitlines()[1] == "  一、主要工作  [paragraph 3]"


def test_a_table_cell_is_not_a_sentence_to_finish_but_a_body_paragraph_is(tmp_path):
    """A .docx table's cells hold phrases (全年完成12项，超额完成) as often as sentences: no
    missing-end-mark there; the same words as a paragraph of the body are one."""
    phrase = "全年完成12项，超额完成"
    path = make_docx(tmp_path / "r.docx", ["2024年述职报告", "一、主要工作", phrase], table=[phrase, "合计"])
    found = [(d.rule, d.start.line) for d in lint_path(path).diagnostics if d.rule == "missing-end-mark"]
    assert found == [("missing-end-mark", 3)]  # the body paragraph; line 4 is the cell
    assert lint_path(path).document.cells == frozenset({4, 5})


def comments_with_anchors(path):
    """(author, comment text, anchored text) read back from a .docx."""
    document = docx.Document(path)
    texts = {c.comment_id: (c.author, c.text) for c in document.comments}
    anchors: dict[int, str] = {}
    open_ids: set[int] = set()
    for element in document.element.body.iter():
        if element.tag == qn("w:commentRangeStart"):
            open_ids.add(int(element.get(qn("w:id"))))
        elif element.tag == qn("w:commentRangeEnd"):
            open_ids.discard(int(element.get(qn("w:id"))))
        elif element.tag == qn("w:t"):
            for comment_id in open_ids:
                anchors[comment_id] = anchors.get(comment_id, "") + (element.text or "")
    return sorted((*texts[i], anchors.get(i, "")) for i in texts)


def test_annotate_writes_comments_on_the_offending_text(tmp_path):
    source = make_docx(
        tmp_path / "r.docx",
        ["2024年述职报告", "一、主要工作", ["全年学习", "X次，先锋", "模仿作用。"]],
        tail=["二、下一步打算"],
    )
    before = source.read_bytes()
    out = tmp_path / "annotated.docx"
    proc = run_cli("check", str(source), "--annotate", str(out))
    assert proc.returncode == 1
    assert source.read_bytes() == before
    assert comments_with_anchors(out) == [
        ("reportlint", "error [missing-section] 缺少“存在的问题”部分（述职报告应包含）", "2024年述职报告"),
        ("reportlint", "error [placeholder] 未填写的占位符“X”", "X"),
        ("reportlint", "warning [typo] “模仿作用”应为“模范作用”", "模仿作用"),
    ]
    assert docx.Document(out).paragraphs[2].text == "全年学习X次，先锋模仿作用。"


def test_annotate_needs_one_docx():
    proc = run_cli("check", str(SEED), "--annotate", "out.docx")
    assert proc.returncode == 2 and "--annotate takes exactly one .docx input" in proc.stderr.decode()


def test_annotate_writes_only_to_a_name_ending_in_docx(tmp_path):
    source = make_docx(tmp_path / "r.docx", ["2024年述职报告", "一、主要工作", "全年学习X次。"])
    proc = run_cli("check", str(source), "--annotate", str(tmp_path / "审阅.txt"))
    assert proc.returncode == 2
    target = tmp_path / "审阅.txt"
    assert proc.stderr.decode() == f"reportlint: error: {target}: --annotate writes a Word file: name it .docx\n"
    assert not (tmp_path / "审阅.txt").exists()


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def bad_inputs(tmp_path):
    (tmp_path / "empty_dir").mkdir()
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "undecodable.txt").write_bytes(b"\xff\x80\xff\x80 report \xff\xfe\xfd")
    (tmp_path / "corrupt.docx").write_bytes(b"PK\x03\x04 this is not really a zip")
    for name in ("encrypted.docx", "legacy.doc", "legacy-renamed.txt"):
        (tmp_path / name).write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    bomb = zip_bytes({"word/document.xml": b"<w:document>" + b" " * 50_000_000 + b"</w:document>"})
    (tmp_path / "bomb.docx").write_bytes(bomb)
    (tmp_path / "big.txt").write_bytes("很长的报告。".encode() * 2_000_000)
    return {
        "missing.txt": "no such file or directory",
        "empty_dir": "directory has no files to check (.txt, .md, .markdown, .docx)",
        "binary.txt": "binary file, not text (if it is text, name its encoding with --encoding)",
        "undecodable.txt": "no supported encoding decodes this file (try --encoding)",
        "corrupt.docx": "corrupt .docx: not a zip archive",
        "encrypted.docx": "a legacy Word file (.doc or .wps) or an encrypted one: save it as .docx in Word or WPS",
        "legacy.doc": "a legacy Word file (.doc or .wps) or an encrypted one",
        "legacy-renamed.txt": "a legacy Word file (.doc or .wps) or an encrypted one",
        "bomb.docx": "refused: word/document.xml is compressed",
        "big.txt": "file is 36000000 bytes, above the limit of 20000000 (max-file-size)",
    }


def test_a_legacy_word_file_in_a_folder_is_named_not_passed_over(tmp_path):
    """A folder of reports with a Word 97-2003 file in it: the run says which file and what to
    do (save it as .docx), and checks the rest; it never reports the folder clean."""
    (tmp_path / "旧报告.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    shutil.copy(SEEDS / "201_defective_work_summary.txt", tmp_path / "good.txt")
    code, data = check_json(str(tmp_path))
    assert code == 2
    assert [(e["path"], e["message"].split(":")[0]) for e in data["errors"]] == [
        (str(tmp_path / "旧报告.doc"), "a legacy Word file (.doc or .wps) or an encrypted one")
    ]
    assert {d["path"] for d in data["diagnostics"]} == {str(tmp_path / "good.txt")}


def test_each_bad_input_gives_its_error_and_the_good_file_is_still_checked(tmp_path):
    expected = bad_inputs(tmp_path)
    good = tmp_path / "good.txt"
    shutil.copy(SEEDS / "201_defective_work_summary.txt", good)
    names = sorted(expected)
    code, data = check_json(*[str(tmp_path / n) for n in names], str(good))
    assert code == 2
    errors = {e["path"]: e["message"] for e in data["errors"]}
    for name in names:
        assert errors[str(tmp_path / name)].startswith(expected[name]), (name, errors[str(tmp_path / name)])
    assert {d["path"] for d in data["diagnostics"]} == {str(good)}
    proc = run_cli("check", *[str(tmp_path / n) for n in names], str(good))
    lines = proc.stderr.decode().splitlines()
    assert len(lines) == len(names) and all(line.startswith("reportlint: ") for line in lines)
    assert "Traceback" not in proc.stderr.decode()


def test_size_limit_is_configurable(tmp_path):
    (tmp_path / ".reportlint.yaml").write_text("max-file-size: 100\n", encoding="utf-8")
    path = tmp_path / "r.txt"
    path.write_bytes("标题\n".encode() + "正文。".encode() * 20)
    code, data = check_json(str(path))
    assert code == 2 and "above the limit of 100" in data["errors"][0]["message"]


@needs_libreoffice
def test_annotated_copy_opens_in_libreoffice_with_every_comment(tmp_path):
    source = make_docx(
        tmp_path / "r.docx",
        ["2024年述职报告", "一、主要工作", ["全年学习", "X次，先锋", "模仿作用。"]],
        tail=["二、下一步打算"],
    )
    out = tmp_path / "annotated.docx"
    run_cli("check", str(source), "--annotate", str(out))
    assert oct(out.stat().st_mode & 0o777) == oct(0o666 & ~_umask())
    libreoffice_convert(out, "odt", tmp_path)
    content = zipfile.ZipFile(tmp_path / "annotated.odt").read("content.xml").decode("utf-8")
    assert content.count("<office:annotation ") == 3 and content.count("<office:annotation-end") == 3
    assert "warning [typo] “模仿作用”应为“模范作用”" in content


def _umask() -> int:
    import os

    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_fix_on_a_docx_says_in_one_line_that_it_is_not_applied_and_points_at_annotate(tmp_path):
    path = make_docx(tmp_path / "r.docx", ["2023年述职报告", "一、主要做法", "加强学习,提高能力。"])
    before = path.read_bytes()
    proc = run_cli("check", "--fix", "--no-cache", "--format", "concise", str(path))
    err = proc.stderr.decode()
    assert path.read_bytes() == before
    assert f"reportlint: {path}: fixes are not applied to a .docx; --annotate OUT.docx" in err
    assert err.count("\n") == 1, err
    assert "halfwidth-punct" in proc.stdout.decode()


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_utf16_without_a_byte_order_mark_is_read_and_fixed_in_place(tmp_path, codec, newline):
    text = SEED.read_text(encoding="utf-8").replace("\n", newline)
    target = tmp_path / "seed.txt"
    target.write_bytes(text.encode(codec))
    code, data = check_json(str(target), "--no-cache")
    assert (code, data["errors"], len(data["diagnostics"])) == (1, [], 24)
    assert {d["path"] for d in data["diagnostics"]} == {str(target)}
    utf8 = tmp_path / "utf8.txt"
    utf8.write_bytes(text.encode("utf-8"))
    for path in (target, utf8):
        run_cli("check", "--fix", "--no-cache", str(path))
    fixed = target.read_bytes()
    assert fixed.decode(codec) == utf8.read_bytes().decode("utf-8") != text  # the same fixes, same encoding


def test_binary_with_zero_bytes_on_both_sides_is_still_binary():
    from reportlint.inputs.decoded import InputError
    from reportlint.inputs.reader import decode

    with pytest.raises(InputError, match="binary file, not text .*--encoding"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    with pytest.raises(InputError, match="binary file"):
        decode("正文\x01\x02".encode("utf-16-le"))  # decodes, but to control characters


_MARKDOWN_PIECES = [
    "```", "~~~", "  ```py", "\t~~~", "a```", "# 标题", "*强调*", "`代码`", "- 列表", "[链接](x)", "<!-- 注 -->",
    "正文", "", " ", "\n", "\r\n", "\r", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\u2029",
]  # fmt: skip


def _blanked_line_by_line(text):
    """Round 7's blanked(): every line read to find the fences (10 M lines of ``#`` were 10 M steps)."""
    import regex

    from reportlint.base.source import Span
    from reportlint.inputs.markdown import _patterns

    fence_pattern = regex.compile(r"^[ \t]*(```|~~~)")
    spans = [Span(m.start(), m.end()) for m in _patterns()[1].finditer(text)]
    start, in_fence = 0, False
    for line in text.splitlines(keepends=True):
        end = start + len(line)
        fence = fence_pattern.match(line)
        if in_fence or fence:
            spans.append(Span(start, end))
        if fence:
            in_fence = not in_fence
        start = end
    return sorted(spans)


@given(st.lists(st.sampled_from(_MARKDOWN_PIECES), max_size=30))
@settings(max_examples=300, deadline=None)
def test_markdown_fences_found_in_the_whole_text_are_those_read_line_by_line(pieces):
    """Fence lines are found by one search of the text, at the line starts ``splitlines``
    has, and masking is done on slices: the same spans and the same masked text as reading
    every line and every character (with every line break ``splitlines`` knows)."""
    from reportlint.inputs.markdown import blanked, mask

    text = "".join(pieces)
    spans = blanked(text)
    assert spans == _blanked_line_by_line(text)
    chars = list(text)
    for start, end in spans:
        for index in range(start, end):
            if chars[index] not in "\r\n":
                chars[index] = " "
    assert mask(text) == "".join(chars)
