"""The language server end to end over stdio, driven by pygls's real LSP client."""

from __future__ import annotations

import asyncio
import sys

from conftest import SEED
from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

TIMEOUT = 30


class Session:
    """A client talking to ``python -m reportlint server``, collecting published diagnostics."""

    def __init__(self) -> None:
        self.client = LanguageClient("reportlint-test", "1")
        self.published: dict[str, asyncio.Queue] = {}

        @self.client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def on_diagnostics(params: lsp.PublishDiagnosticsParams) -> None:
            self.published.setdefault(params.uri, asyncio.Queue()).put_nowait(params.diagnostics)

    async def start(self, encodings=None) -> lsp.InitializeResult:
        await self.client.start_io(sys.executable, "-m", "reportlint", "server")
        general = lsp.GeneralClientCapabilities(position_encodings=encodings) if encodings else None
        result = await asyncio.wait_for(
            self.client.initialize_async(
                lsp.InitializeParams(capabilities=lsp.ClientCapabilities(general=general), process_id=None)
            ),
            TIMEOUT,
        )
        self.client.initialized(lsp.InitializedParams())
        return result

    async def diagnostics(self, uri: str) -> list[lsp.Diagnostic]:
        queue = self.published.setdefault(uri, asyncio.Queue())
        return await asyncio.wait_for(queue.get(), TIMEOUT)

    def open(self, uri: str, text: str) -> None:
        item = lsp.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text=text)
        self.client.text_document_did_open(lsp.DidOpenTextDocumentParams(text_document=item))

    def change(self, uri: str, text: str, version: int) -> None:
        self.client.text_document_did_change(
            lsp.DidChangeTextDocumentParams(
                text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )

    async def stop(self) -> None:
        await asyncio.wait_for(self.client.shutdown_async(None), TIMEOUT)
        self.client.exit(None)
        await self.client.stop()


def apply_edit(text: str, edit: lsp.TextEdit) -> str:
    """Apply a UTF-16 TextEdit as an editor would."""
    lines = text.split("\n")

    def offset(position: lsp.Position) -> int:
        line = lines[position.line]
        units = 0
        for index, char in enumerate(line):
            if units >= position.character:
                return sum(len(x) + 1 for x in lines[: position.line]) + index
            units += 2 if ord(char) > 0xFFFF else 1
        return sum(len(x) + 1 for x in lines[: position.line]) + len(line)

    return text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]


def test_seed_diagnostics_utf16_columns_quick_fix_and_symbols(tmp_path):
    asyncio.run(_session(tmp_path))


async def _session(tmp_path) -> None:
    session = Session()
    result = await session.start()
    assert result.capabilities.position_encoding in (None, lsp.PositionEncodingKind.Utf16)
    try:
        seed = SEED.read_text(encoding="utf-8")
        uri = (tmp_path / "seed.txt").as_uri()
        session.open(uri, seed)
        found = await session.diagnostics(uri)
        assert len(found) == 24
        typo = next(d for d in found if d.code == "typo")
        assert (typo.range.start.line, typo.range.start.character, typo.range.end.character) == (5, 339, 343)

        # A character outside the BMP counts twice in UTF-16.
        text = "标题\n\n😀学习X次。\n"
        emoji_uri = (tmp_path / "emoji.txt").as_uri()
        session.open(emoji_uri, text)
        (placeholder,) = await session.diagnostics(emoji_uri)
        assert (placeholder.code, placeholder.range.start.line, placeholder.range.start.character) == (
            "placeholder",
            2,
            4,
        )

        actions = await asyncio.wait_for(
            session.client.text_document_code_action_async(
                lsp.CodeActionParams(
                    text_document=lsp.TextDocumentIdentifier(uri=uri),
                    range=typo.range,
                    context=lsp.CodeActionContext(diagnostics=[typo]),
                )
            ),
            TIMEOUT,
        )
        assert [(a.title, a.is_preferred) for a in actions] == [("typo: replace with “模范作用” (unsafe)", False)]
        (edit,) = actions[0].edit.changes[uri]
        fixed = apply_edit(seed, edit)
        assert "先锋模范作用" in fixed and fixed.replace("模范作用", "模仿作用", 1) == seed
        session.change(uri, fixed, 2)
        after = await session.diagnostics(uri)
        assert len(after) == 23 and not [d for d in after if d.code == "typo"]

        symbols = await asyncio.wait_for(
            session.client.text_document_document_symbol_async(
                lsp.DocumentSymbolParams(text_document=lsp.TextDocumentIdentifier(uri=uri))
            ),
            TIMEOUT,
        )
        assert [s.name for s in symbols] == ["一、主要做法", "二、存在的问题及原因", "三、下一步工作计划"]
        assert [len(s.children) for s in symbols] == [4, 3, 3]
        assert symbols[0].children[1].selection_range.start == lsp.Position(line=6, character=13)
    finally:
        await session.stop()


def test_config_files_are_honoured(tmp_path):
    (tmp_path / ".reportlint.yaml").write_text("select: [typo]\n", encoding="utf-8")
    asyncio.run(_config_session(tmp_path))


async def _config_session(tmp_path) -> None:
    session = Session()
    await session.start()
    try:
        uri = (tmp_path / "seed.txt").as_uri()
        session.open(uri, SEED.read_text(encoding="utf-8"))
        found = await session.diagnostics(uri)
        assert [d.code for d in found] == ["typo"]
    finally:
        await session.stop()


def test_utf32_is_used_when_the_client_prefers_it(tmp_path):
    asyncio.run(_utf32_session(tmp_path))


async def _utf32_session(tmp_path) -> None:
    session = Session()
    result = await session.start([lsp.PositionEncodingKind.Utf32, lsp.PositionEncodingKind.Utf16])
    try:
        assert result.capabilities.position_encoding == lsp.PositionEncodingKind.Utf32
        uri = (tmp_path / "emoji.txt").as_uri()
        session.open(uri, "标题\n\n😀学习X次。\n")
        (placeholder,) = await session.diagnostics(uri)
        assert placeholder.range.start.character == 3
    finally:
        await session.stop()
