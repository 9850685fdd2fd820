"""``reportlint server``: a Language Server over stdio.

It publishes diagnostics when a document is opened, changed or saved, offers each fix as a
quick-fix code action, and gives the outline as document symbols. Columns are converted from
code points to the negotiated position encoding (UTF-16 unless the client offers another), so a
character outside the BMP counts twice for most editors. Configuration files are honoured as on
the command line. pygls is imported only here, so the command line stays fast.

Robustness: the message framing is checked before pygls reads a message (a header that is not
one, a ``Content-Length`` above :data:`MAX_MESSAGE_BYTES`, or a body that is not JSON — what a
wrong ``Content-Length`` gives — closes the connection with a line on stderr, where the editor
restarts the server; a server that read on would stay out of step for good). A document above
``max-file-size`` is not checked. Changes are checked :data:`DEBOUNCE_SECONDS` after the last
one, on the text as it is then, so a burst of edits costs one check, not one per keystroke.
"""

from __future__ import annotations

import asyncio
import json
import re
import sys
from typing import Any, BinaryIO
from urllib.parse import unquote, urlparse

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer

from reportlint import __version__
from reportlint.api import lint_text
from reportlint.base.i18n import _
from reportlint.base.source import Position, Source
from reportlint.outline.model import Section
from reportlint.rules.diagnostics import Diagnostic
from reportlint.rules.loader import RuleFileError
from reportlint.rules.settings import DEFAULT_MAX_FILE_SIZE
from reportlint.runner import Options, settings_for_input

SOURCE = "reportlint"
DEBOUNCE_SECONDS = 0.3
MAX_MESSAGE_BYTES = 4 * DEFAULT_MAX_FILE_SIZE + 1_000_000  # a document of max-file-size, JSON-escaped
_MAX_HEADER_LINE = 1024
_CONTENT_LENGTH = re.compile(rb"Content-Length: (\d+)\r\n")
_HEADER = re.compile(rb"[A-Za-z][A-Za-z0-9-]*: [^\r\n]*\r\n")
_SEVERITY = {
    "error": lsp.DiagnosticSeverity.Error,
    "warning": lsp.DiagnosticSeverity.Warning,
    "info": lsp.DiagnosticSeverity.Information,
}

server = LanguageServer("reportlint", __version__)


def _path(uri: str) -> str:
    parsed = urlparse(uri)
    return unquote(parsed.path) if parsed.scheme == "file" else uri


class _Converter:
    """Code-point positions → the client's units on the same text."""

    def __init__(self, text: str, codec: Any) -> None:
        self.source = Source(text)
        self.codec = codec

    def position(self, position: Position) -> lsp.Position:
        line_text = self.source.line_text(position.line) if position.line <= self.source.line_count else ""
        units = self.codec.client_num_units(line_text[: position.column - 1])
        return lsp.Position(line=position.line - 1, character=units)

    def range(self, start: Position, end: Position) -> lsp.Range:
        return lsp.Range(start=self.position(start), end=self.position(end))

    def offset_range(self, start: int, end: int) -> lsp.Range:
        return self.range(self.source.position(start), self.source.position(end))


def _lsp_diagnostic(d: Diagnostic, convert: _Converter) -> lsp.Diagnostic:
    data = None
    if d.fix is not None and d.fix_range is not None:
        fix_range = convert.range(*d.fix_range)
        data = {
            "replacement": d.fix.replacement,
            "applicability": d.fix.applicability,
            "range": {
                "start": {"line": fix_range.start.line, "character": fix_range.start.character},
                "end": {"line": fix_range.end.line, "character": fix_range.end.character},
            },
        }
    return lsp.Diagnostic(
        range=convert.range(d.start, d.end),
        message=d.message,
        severity=_SEVERITY[d.severity],
        code=d.rule,
        source=SOURCE,
        data=data,
    )


def check_document(ls: LanguageServer, uri: str) -> None:
    document = ls.workspace.get_text_document(uri)
    path = _path(uri)
    if path.lower().endswith(".docx"):
        return
    try:
        settings = settings_for_input(path, Options())
        if len(document.source) > settings.max_file_size or len(document.source.encode()) > settings.max_file_size:
            _too_large(ls, uri, settings.max_file_size)
            return
        result = lint_text(document.source, path, settings)
    except RuleFileError as exc:
        ls.window_show_message(lsp.ShowMessageParams(type=lsp.MessageType.Error, message=str(exc)))
        return
    convert = _Converter(document.source, document.position_codec)
    diagnostics = [_lsp_diagnostic(d, convert) for d in result.diagnostics]
    ls.text_document_publish_diagnostics(
        lsp.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=document.version)
    )


@server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: LanguageServer, params: lsp.DidOpenTextDocumentParams) -> None:
    check_document(ls, params.text_document.uri)


def _too_large(ls: LanguageServer, uri: str, limit: int) -> None:
    message = _("reportlint: {path} is larger than max-file-size ({limit} bytes); not checked").format(
        path=_path(uri), limit=limit
    )
    ls.window_show_message(lsp.ShowMessageParams(type=lsp.MessageType.Warning, message=message))
    ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


_pending: dict[str, asyncio.TimerHandle] = {}  # uri → the check waiting for edits to pause


@server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: LanguageServer, params: lsp.DidChangeTextDocumentParams) -> None:
    """Check once the edits pause: each change pushes the check back, and it reads the text as
    it is then (the latest wins)."""
    uri = params.text_document.uri
    _cancel(uri)
    _pending[uri] = asyncio.get_running_loop().call_later(DEBOUNCE_SECONDS, _check_later, ls, uri)


def _check_later(ls: LanguageServer, uri: str) -> None:
    _pending.pop(uri, None)
    if ls.workspace.text_documents.get(uri) is not None:
        check_document(ls, uri)


def _cancel(uri: str) -> None:
    waiting = _pending.pop(uri, None)
    if waiting is not None:
        waiting.cancel()


@server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: LanguageServer, params: lsp.DidSaveTextDocumentParams) -> None:
    check_document(ls, params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: LanguageServer, params: lsp.DidCloseTextDocumentParams) -> None:
    _cancel(params.text_document.uri)
    ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))


@server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION, lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]))
def code_action(ls: LanguageServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
    actions = []
    for diagnostic in params.context.diagnostics:
        data = diagnostic.data if isinstance(diagnostic.data, dict) else None
        if diagnostic.source != SOURCE or not data or "replacement" not in data:
            continue
        rng = data["range"]
        edit_range = lsp.Range(start=lsp.Position(**rng["start"]), end=lsp.Position(**rng["end"]))
        edit = lsp.TextEdit(range=edit_range, new_text=data["replacement"])
        safe = data.get("applicability") == "safe"
        actions.append(
            lsp.CodeAction(
                title=(
                    _("{rule}: replace with “{text}”") if safe else _("{rule}: replace with “{text}” (unsafe)")
                ).format(rule=diagnostic.code, text=data["replacement"]),
                kind=lsp.CodeActionKind.QuickFix,
                diagnostics=[diagnostic],
                edit=lsp.WorkspaceEdit(changes={params.text_document.uri: [edit]}),
                is_preferred=safe,  # an unsafe fix is offered, never preferred
            )
        )
    return actions


@server.feature(lsp.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
def document_symbol(ls: LanguageServer, params: lsp.DocumentSymbolParams) -> list[lsp.DocumentSymbol]:
    from reportlint.inputs import markdown
    from reportlint.outline.parser import parse_outline
    from reportlint.rules.engine import get_linter

    document = ls.workspace.get_text_document(params.text_document.uri)
    path = _path(params.text_document.uri)
    text = markdown.mask(document.source) if markdown.is_markdown(path) else document.source
    try:  # the report type names the sections a plain heading line may be
        report_type = get_linter(settings_for_input(path, Options())).report_type
    except RuleFileError:
        report_type = None
    doc = parse_outline(text, path, (), report_type)
    convert = _Converter(document.source, document.position_codec)
    return [_symbol(section, convert) for section in doc.sections]


def _symbol(section: Section, convert: _Converter) -> lsp.DocumentSymbol:
    name = f"{section.marker.text}{section.heading}".strip() or section.marker.text
    return lsp.DocumentSymbol(
        name=name,
        kind=lsp.SymbolKind.Namespace if section.level == 1 else lsp.SymbolKind.Field,
        range=convert.offset_range(section.marker.span.start, max(section.end, section.heading_span.end)),
        selection_range=convert.offset_range(section.heading_span.start, section.heading_span.end),
        detail=f"{section.level}",
        children=[_symbol(child, convert) for child in section.children],
    )


class Framed:
    """Standard input as pygls reads it (``readline`` for headers, ``read`` for a body), with
    the framing checked: on an error it logs one line and reads as end of input, so pygls
    stops and the process exits instead of reading on out of step."""

    def __init__(self, raw: BinaryIO, limit: int = MAX_MESSAGE_BYTES) -> None:
        self.raw, self.limit, self.closed = raw, limit, False

    def readline(self) -> bytes:
        if self.closed:
            return b""
        line = self.raw.readline(_MAX_HEADER_LINE)
        if not line or line == b"\r\n":
            return line
        length = _CONTENT_LENGTH.fullmatch(line)
        if length and int(length.group(1)) > self.limit:
            return self._close(f"a message of {int(length.group(1))} bytes, above the limit of {self.limit}")
        if length or _HEADER.fullmatch(line):
            return line
        return self._close("a malformed header")

    def read(self, size: int) -> bytes:
        if self.closed:
            return b""
        body = self.raw.read(size)
        if len(body) < size:
            return b""  # the client went away mid-message
        try:
            json.loads(body)
        except ValueError:
            return self._close("a message that is not JSON (a wrong Content-Length?)")
        return body

    def _close(self, reason: str) -> bytes:
        sys.stderr.write(f"reportlint server: {reason}; closing the connection\n")
        sys.stderr.flush()
        self.closed = True
        return b""


def main() -> None:
    server.start_io(stdin=Framed(sys.stdin.buffer))  # type: ignore[arg-type]  # reads like a BinaryIO
