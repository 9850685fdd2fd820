"""``empty``: a document with nothing to check (no bytes, only whitespace, an empty .docx).

No parameters. One finding at the start of the document, so that an empty file is never
reported as clean. The message names no fields.
"""

from __future__ import annotations

from collections.abc import Iterator

from reportlint.base.source import Span
from reportlint.outline.model import Document
from reportlint.rules.diagnostics import Finding
from reportlint.rules.kinds.contract import Check, Kind


def empty(doc: Document) -> Iterator[Finding]:
    if not doc.text.strip():
        yield Finding.at(Span(0, 0))


def compile(params: dict) -> Check:
    return empty


_DOC_ZH = """没有可检查内容的文档（零字节、只有空白、空的 .docx）。

无参数。在文档开头报告一个问题，使空文件不会被当作没有问题。消息不用字段。
"""

KIND = Kind("empty", __doc__, {}, scoped=False, fix="never", fields=(), compile=compile, doc_zh=_DOC_ZH)
