"""What every reader returns, and the one error every reader raises."""

from __future__ import annotations

from reportlint.base.i18n import _
from reportlint.base.record import NamedTuple


class InputError(Exception):
    """An input that cannot be checked; the message is the one-line reason."""


class NotText(InputError):
    """A text file that no encoding reads, or that holds binary data. The message names
    ``--encoding``; the review web page, whose users have no such option, words it its own way."""


OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a legacy Word/WPS file (.doc, .wps) or an encrypted .docx
LEGACY_SUFFIXES = (".doc", ".wps")  # Word 97-2003 and WPS's own format: saved as .docx, they can be checked


def legacy_word() -> InputError:
    """The error for a legacy or encrypted Word file: what to do about it, in the user's words."""
    return InputError(_("a legacy Word file (.doc or .wps) or an encrypted one: save it as .docx in Word or WPS"))


class LineHint(NamedTuple):
    """What a word processor shows of a paragraph beyond its text (one per line of a .docx)."""

    label: str = ""  # the automatic list number as shown, with the tab or space after it
    level: int | None = None  # heading level (1 = top) given by the paragraph's style or outline level
    cell: bool = False  # a paragraph of a table cell (a phrase as often as a sentence)


class Decoded(NamedTuple):
    text: str
    encoding: str  # the codec that encodes ``text`` back to the original bytes
    bom: bytes = b""  # the byte-order mark the file started with, written back by --fix
    kind: str = "text"  # "text" or "docx"
    hints: tuple[LineHint | None, ...] = ()  # per line, for a .docx: automatic numbers, heading styles

    def as_shown(self, text: str) -> str:
        """``text`` (this document's, or a fixed version of it, one line a paragraph) with Word's
        automatic numbers in front of their paragraphs, as Word shows them (一、主要工作): for a
        plain-text copy of a .docx, which would otherwise lose them. A text file is as it is."""
        if not any(hint is not None and hint.label for hint in self.hints):
            return text
        lines = text.split("\n")
        for number, hint in enumerate(self.hints[: len(lines)]):
            if hint is not None and hint.label:
                lines[number] = hint.label.rstrip("\t ") + lines[number]
        return "\n".join(lines)

    def encode(self, text: str) -> bytes:
        """Encode (fixed) text the way the original was stored, and make sure the bytes read
        back as exactly ``text`` in that encoding: :class:`InputError` (nothing to write) if a
        character cannot be stored or would come back as something else."""
        try:
            data = text.encode(self.encoding)
        except UnicodeEncodeError as exc:
            raise InputError(
                _("{encoding} cannot encode “{text}”").format(
                    encoding=self.encoding, text=exc.object[exc.start : exc.end]
                )
            ) from None
        try:
            same = data.decode(self.encoding) == text
        except UnicodeDecodeError:
            same = False
        if not same:
            raise InputError(_("the fixed text does not read back as {encoding}").format(encoding=self.encoding))
        return self.bom + data
