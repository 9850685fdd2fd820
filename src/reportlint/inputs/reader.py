"""Read an input into text: detect the encoding of a text file, or extract a .docx.

Detection is careful rather than clever: a byte-order mark decides; otherwise the zero bytes of
UTF-16 without a mark; otherwise strict UTF-8 (bytes that are valid UTF-8 are always read as
UTF-8, whatever else they might also decode as: calling them GB18030 would have ``--fix`` write
GB18030 bytes into a UTF-8 file); otherwise strict GB18030 (a superset of GBK, what Chinese
Windows tools save); only then charset-normalizer's best guess. Whatever is decoded can be
encoded back byte for byte, and ``--encoding utf-16`` or ``utf-8-sig`` keep the byte order and
the presence of a mark as found.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from reportlint.base.files import NotRegular, TooLarge, os_reason, read_limited
from reportlint.base.i18n import _
from reportlint.inputs.decoded import LEGACY_SUFFIXES, OLE_MAGIC, Decoded, InputError, NotText, legacy_word

DEFAULT_MAX_BYTES = 20_000_000  # when no limit is given: what Settings.max_file_size defaults to
TEXT_SUFFIXES = (".txt", ".md", ".markdown")
DOCX_SUFFIXES = (".docx",)
_BOMS = (  # UTF-32 marks first: BOM_UTF32_LE starts with BOM_UTF16_LE
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


_NOT_CONTROL = bytes(range(32, 256)) + b"\t\n\x0c\r\x1b"  # deleted before counting control bytes


def decode(data: bytes, encoding: str | None = None) -> Decoded:
    """Decode the bytes of a text file, detecting the encoding unless one is given."""
    if encoding:
        try:
            name, bom = _explicit(codecs.lookup(encoding).name, data)
            text = data[len(bom) :].decode(name)
            if not bom and text.startswith("\ufeff"):
                return Decoded(text[1:], name, "\ufeff".encode(name))
            return Decoded(text, name, bom)
        except LookupError:
            raise InputError(_("unknown encoding '{encoding}'").format(encoding=encoding)) from None
        except UnicodeDecodeError as exc:
            raise InputError(
                _("cannot decode as {encoding}: {reason} at byte {offset}").format(
                    encoding=encoding, reason=exc.reason, offset=exc.start
                )
            ) from None
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(name), name, bom)
            except UnicodeDecodeError:
                raise InputError(
                    _("cannot decode as {encoding} despite its byte-order mark").format(encoding=name)
                ) from None
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    if _looks_binary(data):
        raise NotText(_("binary file, not text (if it is text, name its encoding with --encoding)"))
    utf8 = _strict(data, "utf-8")
    if utf8 is not None:
        return Decoded(utf8, "utf-8")
    gb = _strict(data, "gb18030")
    if gb is not None and not _has_private_use(gb):
        return Decoded(gb, "gb18030")
    guess = _guess(data)
    if guess is None:
        raise NotText(_("no supported encoding decodes this file (try --encoding)"))
    return guess


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 saved without a byte-order mark. Its zero bytes give it away (every line break,
    digit and Latin letter has one); which byte order it is shows in what the text decodes to:
    read the right way, a report is almost all Chinese, CJK punctuation and ASCII, while the
    wrong way (and binary data either way) gives scattered characters of other scripts. Taken
    only if the whole file decodes strictly to such text, without control characters."""
    if len(data) % 2 or b"\x00" not in data[:8192]:
        return None
    best: tuple[float, str, str] | None = None
    for name in ("utf-16-le", "utf-16-be"):
        text = _strict(data, name)
        if text is None or any(ord(c) < 32 and c not in "\t\n\r\x0c" for c in text):
            continue
        share = _plain_share(text[:4096])
        if best is None or share > best[0]:
            best = (share, text, name)
    if best is None or best[0] < 0.95:
        return None
    return Decoded(best[1], best[2])


def _plain_share(text: str) -> float:
    """The share of ``text`` in ASCII, CJK ideographs, CJK punctuation and full-width forms."""
    plain = sum(
        1
        for c in text
        if c < "\x7f" or "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef"
    )
    return plain / len(text) if text else 0.0


# Codecs that write a byte-order mark of their own choosing: the explicit codec each mark means,
# and the one Python reads when there is no mark.
_MARKED = {
    "utf-8-sig": ((codecs.BOM_UTF8, "utf-8"),),
    "utf-16": ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")),
    "utf-32": ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be")),
}
_UNMARKED = {"utf-8-sig": "utf-8", "utf-16": "utf-16-le", "utf-32": "utf-32-le"}


def _explicit(name: str, data: bytes) -> tuple[str, bytes]:
    """``(codec, mark)`` for ``--encoding name``: a codec that writes exactly the byte order and
    mark the file has (``utf-16`` would write a mark in this machine's order), and that mark."""
    for bom, explicit in _MARKED.get(name, ()):
        if data.startswith(bom):
            return explicit, bom
    return _UNMARKED.get(name, name), b""


def _strict(data: bytes, name: str) -> str | None:
    try:
        return data.decode(name)
    except UnicodeDecodeError:
        return None


def _has_private_use(text: str) -> bool:
    """Big5 read as GB18030 lands in the private use area; real GBK text does not."""
    return any("\ue000" <= c <= "\uf8ff" for c in text)


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = len(sample.translate(None, _NOT_CONTROL))
    return bool(sample) and controls / len(sample) > 0.05


def _guess(data: bytes) -> Decoded | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["big5"]).best()
    if best is None:
        return None
    try:
        return Decoded(data.decode(best.encoding), best.encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def read_bytes(path: Path, max_bytes: int | None = None) -> bytes:
    """The bytes of a file given on the command line; :class:`InputError` says why not. Only a
    regular file is read (a FIFO or a device is refused), and no more than ``max_bytes``."""
    try:
        return read_limited(path, max_bytes if max_bytes is not None else DEFAULT_MAX_BYTES)
    except TooLarge as exc:
        raise InputError(_("{reason} (max-file-size)").format(reason=exc)) from None
    except NotRegular as exc:
        raise InputError(str(exc)) from None
    except FileNotFoundError:
        raise InputError(_("no such file or directory")) from None
    except IsADirectoryError:
        raise InputError(_("is a directory")) from None
    except OSError as exc:
        raise InputError(os_reason(exc)) from None


def decode_input(data: bytes, path: str | None, encoding: str | None = None, max_bytes: int | None = None) -> Decoded:
    """Decode an input by its kind: a .docx is unpacked, a legacy Word file refused with what to
    do about it (whatever its name says), anything else is text."""
    suffix = Path(path).suffix.lower() if path else ""
    if suffix in LEGACY_SUFFIXES or data.startswith(OLE_MAGIC):
        raise legacy_word()
    if suffix in DOCX_SUFFIXES:
        from reportlint.inputs.docx import read_docx_bytes

        return read_docx_bytes(data, max_bytes)
    return decode(data, encoding)


def read_path(path: Path, encoding: str | None = None, max_bytes: int | None = None) -> Decoded:
    """Read and decode a file; raise :class:`InputError` with the reason."""
    return decode_input(read_bytes(path, max_bytes), str(path), encoding, max_bytes)
