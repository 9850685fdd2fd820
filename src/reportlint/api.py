"""The public Python API, the one code path behind the CLI, the editor server and scripts.

>>> from reportlint import lint_text
>>> [d.rule for d in lint_text("学习X次。").diagnostics]
['placeholder']
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportlint.base.record import Record
from reportlint.config import settings_at
from reportlint.inputs.decoded import Decoded, InputError, LineHint
from reportlint.inputs.reader import decode_input, read_bytes
from reportlint.outline.model import Document
from reportlint.outline.parser import parse_outline
from reportlint.rules.diagnostics import Diagnostic
from reportlint.rules.engine import get_linter
from reportlint.rules.settings import Settings

__all__ = ["LintResult", "lint_text", "lint_bytes", "lint_path", "parse_outline", "settings_for"]


class LintResult(Record):
    """One input's outcome: the decoded text and its diagnostics, or the reason it failed."""

    __slots__ = ("path", "diagnostics", "text", "encoding", "decoded", "document", "error")

    def __init__(
        self,
        path: str | None,
        diagnostics: list[Diagnostic] | None = None,  # none by default
        text: str | None = None,
        encoding: str | None = None,
        decoded: Decoded | None = None,
        document: Document | None = None,
        error: str | None = None,
    ) -> None:
        self.path, self.diagnostics = path, diagnostics if diagnostics is not None else []
        self.text, self.encoding, self.decoded = text, encoding, decoded
        self.document, self.error = document, error


def settings_for(path: str | Path | None, config: str | Path | None = None, **overrides: Any) -> Settings:
    """Settings for checking ``path``: ``config`` or the nearest config file, then overrides
    (``Settings`` field names, as on the command line)."""
    target = Path(path).resolve() if path and path != "-" else Path.cwd()
    directory = target if target.is_dir() else target.parent
    base = settings_at(directory, Path(config) if config is not None else None)
    return base.with_overrides(**overrides) if overrides else base


def lint_text(
    text: str,
    path: str | None = None,
    settings: Settings | None = None,
    position_kind: str = "line",
    hints: Sequence[LineHint | None] = (),
) -> LintResult:
    """Check a decoded text. ``path`` names it (Markdown is recognised by its suffix); ``hints``
    are what a .docx shows beyond its text (automatic numbers, heading styles), one per line."""
    settings = settings if settings is not None else settings_for(path)
    outcome = get_linter(settings).lint(text, path, position_kind, hints)
    return LintResult(path, outcome.diagnostics, text, document=outcome.document)


def lint_bytes(
    data: bytes, path: str | None = None, settings: Settings | None = None, encoding: str | None = None
) -> LintResult:
    """Decode ``data`` (detecting its encoding unless given) and check it."""
    try:
        decoded = decode_input(data, path, encoding, settings.max_file_size if settings else None)
    except InputError as exc:
        return LintResult(path, error=str(exc))
    return lint_decoded(decoded, path, settings)


def lint_decoded(decoded: Decoded, path: str | None = None, settings: Settings | None = None) -> LintResult:
    """Check what :func:`~reportlint.inputs.reader.decode_input` read from a file's bytes."""
    result = lint_text(decoded.text, path, settings, "paragraph" if decoded.kind == "docx" else "line", decoded.hints)
    result.encoding, result.decoded = decoded.encoding, decoded
    return result


def lint_path(path: str | Path, settings: Settings | None = None, encoding: str | None = None) -> LintResult:
    """Read, decode and check one file."""
    name = str(path)
    settings = settings if settings is not None else settings_for(name)
    try:
        data = read_bytes(Path(path), settings.max_file_size)
    except InputError as exc:
        return LintResult(name, error=str(exc))
    return lint_bytes(data, name, settings, encoding)
