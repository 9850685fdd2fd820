"""Read an input into text: detect the encoding of a text file, or extract a .docx.

Detection is careful rather than clever: a byte-order mark decides; otherwise the zero bytes of
UTF-16 without a mark; otherwise strict UTF-8;
otherwise strict GB18030 (a superset of GBK, what Chinese Windows tools save); only then
charset-normalizer's best guess. A short GBK file is therefore never misread as something
exotic, and whatever is decoded can be encoded back byte for byte.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from reportlint.base.i18n import _
from reportlint.inputs.decoded import Decoded, InputError

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
            name = codecs.lookup(encoding).name
            text = data.decode(name)
            if text.startswith("\ufeff"):
                return Decoded(text[1:], name, "\ufeff".encode(name))
            return Decoded(text, name)
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
        raise InputError(_("binary file, not text (if it is text, name its encoding with --encoding)"))
    utf8 = _strict(data, "utf-8")
    gb = _strict(data, "gb18030")
    if utf8 is not None and not (gb is not None and _looks_misread(utf8) and _mostly_chinese(gb)):
        return Decoded(utf8, "utf-8")
    if gb is not None and not _has_private_use(gb):
        return Decoded(gb, "gb18030")
    guess = _guess(data)
    if guess is None:
        raise InputError(_("no supported encoding decodes this file (try --encoding)"))
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


def _strict(data: bytes, name: str) -> str | None:
    try:
        return data.decode(name)
    except UnicodeDecodeError:
        return None


def _non_ascii(text: str) -> list[str]:
    return [c for c in text if ord(c) > 0x7F]


def _looks_misread(text: str) -> bool:
    """GBK bytes that happen to be valid UTF-8 decode to Latin, Greek or Cyrillic letters."""
    chars = _non_ascii(text)
    odd = sum(1 for c in chars if 0x80 <= ord(c) <= 0x7FF)
    return bool(chars) and odd / len(chars) >= 0.3


def _mostly_chinese(text: str) -> bool:
    chars = _non_ascii(text)
    han = sum(1 for c in chars if "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef")
    return bool(chars) and han / len(chars) >= 0.7


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
    """The bytes of a file given on the command line; :class:`InputError` says why not."""
    try:
        size = path.stat().st_size
        if max_bytes is not None and size > max_bytes:
            raise InputError(
                _("file is {size} bytes, above the limit of {limit} (max-file-size)").format(size=size, limit=max_bytes)
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(_("no such file or directory")) from None
    except IsADirectoryError:
        raise InputError(_("is a directory")) from None
    except OSError as exc:
        raise InputError(exc.strerror or str(exc)) from None


def decode_input(data: bytes, path: str | None, encoding: str | None = None, max_bytes: int | None = None) -> Decoded:
    """Decode an input by its kind: a .docx is unpacked, anything else is text."""
    if path and Path(path).suffix.lower() in DOCX_SUFFIXES:
        from reportlint.inputs.docx import read_docx_bytes

        return read_docx_bytes(data, max_bytes)
    return decode(data, encoding)


def read_path(path: Path, encoding: str | None = None, max_bytes: int | None = None) -> Decoded:
    """Read and decode a file; raise :class:`InputError` with the reason."""
    return decode_input(read_bytes(path, max_bytes), str(path), encoding, max_bytes)
