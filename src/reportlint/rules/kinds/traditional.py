"""``traditional``: a traditional character inside simplified text (後 for 后, 發 for 发), from
OpenCC's Traditional-to-Simplified data (``reportlint.lexicon.traditional``). A character that
is also a simplified one is never reported: OpenCC keeps 著, 瞭, 覆 and 藉 as they are, and a
character OpenCC keeps unchanged inside some word of the word list (乾 in 乾隆) is left out of
the table, so 乾县 is not read as 干县. The fix writes the simplified character.

Parameters: none. The message may name ``{match}`` (the character) and ``{suggestion}`` (its
simplified form).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reportlint.base.source import Span
from reportlint.outline.model import Document
from reportlint.rules.diagnostics import Finding, Fix
from reportlint.rules.kinds.contract import Check, Kind

_DOC_ZH = """简体文字中的繁体字（後 应为 后，發 应为 发），依据 OpenCC 的繁简转换数据
（``reportlint.lexicon.traditional``）。同时也是规范简化字的字从不报告：OpenCC 本身保留 著、瞭、覆、藉，
OpenCC 在词表某个词中保留不变的字（乾隆 的 乾）不列入，所以 乾县 不会读成 干县。修复改为简化字。

没有参数。消息可用 ``{match}``（该字）和 ``{suggestion}``（其简化字）。
"""


def check(doc: Document) -> Iterator[Finding]:
    from reportlint.lexicon.traditional import traditional_chars

    for at, simplified in traditional_chars(doc.text):
        span = Span(at, at + 1)
        yield Finding.at(span, Fix(span, simplified), match=doc.text[at], suggestion=simplified)


def compile(params: dict[str, Any]) -> Check:
    return check


KIND = Kind(
    "traditional",
    __doc__,
    {},
    scoped=True,
    fix="always",
    fields=("match", "suggestion"),
    compile=compile,
    doc_zh=_DOC_ZH,
)
