"""Parse a report's text into a :class:`~reportlint.model.Document`.

``outline.lark`` classifies each line (heading marker or not); this module assembles the tree:
a heading of level L hangs under the nearest open section of a lower level, and every other
line is a body paragraph of the section open at that point. Parsing never raises.
"""

from __future__ import annotations

import re
import sys
from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import chain, compress, islice, repeat
from operator import add, itemgetter, methodcaller, ne, sub
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlint.base import srecode
from reportlint.base.files import os_reason
from reportlint.base.i18n import _
from reportlint.base.record import NamedTuple
from reportlint.base.regexes import found, lazy
from reportlint.base.source import Source, Span, offsets
from reportlint.inputs.decoded import LineHint
from reportlint.inputs.markdown import is_markdown
from reportlint.numbers.numerals import marker_value
from reportlint.outline import lalr
from reportlint.outline.enumerations import find_items
from reportlint.outline.model import Document, Item, ReportType, Sections, Title, shifted_copies

if TYPE_CHECKING:
    from lark import Lark

_NUMERAL_AFTER = lazy(r"[一二三四五六七八九十]+")
_YEAR_AFTER = lazy(r"(?:19|20)\d\d年")
_DECIMAL_AFTER = lazy(r"[0-9０-９]+[%％‰万亿元倍]")
# A line of its own that opens an attachment: 附件, 附件1, 附件2：名称, 附表, 附录一.
# Compiled on first use, for a line opening with 附 (most reports have none).
_ATTACHMENT_WORD = r"(?:附件|附表|附录)[ \t\u3000]*[0-9０-９一二三四五六七八九十]{0,3}"  # 附件, 附件2, 附表 一
_ATTACHMENT = lazy(_ATTACHMENT_WORD + r"(?:[：:　 \t]|$)")
_ATTACHMENT_MAX = 40
# An attachment's label alone on its line, above the attachment's title (GB/T 9704-2012 §8)
_ATTACHMENT_LABEL = lazy(_ATTACHMENT_WORD + r"[：:]?")
_TRAILING_PUNCT = "。！？!?：:；;，,、 \t\u3000"
_TITLE_MAX = 80
_Resolve = Callable[[str | None], ReportType]  # the report type of a title
# The short lines a title may stand below: the unit's name (XX市XX街道办事处), a date, a name, an
# attachment label; how many, and how long each may be.
_OPENING_LINES = 4
_OPENING_MAX = 40
# A line reading as a title of its own (关于…, or ending with a kind of document, GB/T 9704 and
# the 党政机关公文处理工作条例's list, with the reports' own): the title, not a line above it.
_TITLE_OF_ITS_OWN = lazy(
    r"关于|.*(?:报告|汇报|总结|情况|讲话|发言|材料|计划|方案|要点|规划|意见|通知|通报|请示|决定|纪要|说明|函)[)）]?$"
)
_SPACE = " \t\u3000\u00a0\ufeff"
_BLANK = _SPACE + "\r\n"
# A line the grammar needs to see: one that opens (after indentation) with a marker character,
# a bracket and a numeral, a Markdown hash or a template tag (a line of a lone （ is text).
# Matched line by line only in a .docx's text (compiled on first use).
_CANDIDATE_SOURCE = (
    r"[ \t\u3000\u00a0\ufeff]*(?:#|[(（][ \t]*[一二三四五六七八九十0-9０-９]"
    r"|[一二三四五六七八九十]{1,3}[、，,.．]|[0-9０-９]{1,3}[.．、，,])"
)
_CANDIDATE = lazy(_CANDIDATE_SOURCE)


def _runs_of(candidate: str) -> re.Pattern[str]:
    """Lines opening with ``candidate`` anywhere in the text, each with the copies of it that
    follow it, each after the same line break (one match for 20 MB of ``1.`` lines): the line
    in group 1, the line break between copies in group 2."""
    line = r"(?<![^\r\n])(" + candidate + r"[^\r\n]*)"  # to the line's end
    return srecode.compile(line + r"(?:(\r\n?|\n\n?)\1(?![^\r\n])(?:\2\1(?![^\r\n]))*+)?")


_CANDIDATE_LINE = _runs_of(_CANDIDATE_SOURCE)
_CONTENT_LINE = srecode.compile(r"[^\r\n]*?[^\r\n \t\u3000\u00a0\ufeff][^\r\n]*")  # a line with more than spaces
# A line with more than spaces that is no candidate (in a text of marker lines, there may be none).
_FIRST_PLAIN = srecode.compile(r"(?<![^\r\n])(?!" + _CANDIDATE_SOURCE + ")" + _CONTENT_LINE.pattern)
# A line of text, its text without the spaces around it in group 1 (as ``str.strip(_SPACE)``).
_PLAIN_LINE = srecode.compile(
    r"[ \t\u3000\u00a0\ufeff]*([^\r\n \t\u3000\u00a0\ufeff](?:[^\r\n]*[^\r\n \t\u3000\u00a0\ufeff])?)[^\r\n]*"
)
_STRIPPED, _START, _END = methodcaller("group", 1), methodcaller("start", 1), methodcaller("end", 1)
_LINE = _STRIPPED  # the line (group 1) of a match of _CANDIDATE_LINE
_START0, _END0 = methodcaller("start"), methodcaller("end")
_FLAGS = itemgetter(1)  # of a _Shape
_RUN = 4096  # plain lines made paragraphs at once
_ITEM_HINT = srecode.compile("[是第]")  # every enumeration item holds one (see outline.enumerations)
_SENTENCE_END = srecode.compile(r"[。！？!?]")
_CLAUSE_MARK = lazy(r"[。！？!?；;：:，,]")
_NAME_MAX = 20  # a line naming a section is short: 存在的问题, 下一步工作打算
_NAMED_MAX = 4096


GRAMMAR = "outline.lark"


class GrammarError(Exception):
    """The outline grammar cannot be loaded (lark missing, the grammar file missing or broken):
    nothing can be checked, and the command says so instead of printing an empty outline."""


def _cannot_load(reason: object) -> GrammarError:
    return GrammarError(
        _("the outline grammar cannot be loaded: {reason} (reinstall reportlint)").format(reason=reason)
    )


def _grammar_text() -> str:
    try:
        return Path(__file__).with_name(GRAMMAR).read_text(encoding="utf-8")
    except OSError as exc:
        raise _cannot_load(f"{GRAMMAR}: {os_reason(exc)}") from None


def _broken(exc: Exception) -> GrammarError:
    reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return GrammarError(_("the outline grammar is broken: {file}: {reason}").format(file=GRAMMAR, reason=reason))


@lru_cache(maxsize=1)
def parser() -> Lark:
    """Lark's parser of the grammar, built from it: where :func:`tables` come from on a cache
    miss (and what the tests compare them with)."""
    try:
        import lark
        from lark.exceptions import LarkError
    except ImportError as exc:
        raise _cannot_load(exc) from None
    try:
        return lark.Lark(_grammar_text(), parser="lalr", lexer="contextual")
    except LarkError as exc:
        raise _broken(exc) from None


@lru_cache(maxsize=1)
def tables() -> lalr.Tables:
    """The grammar's LALR tables as Lark computed them, run by ``outline.lalr`` without importing
    Lark (docs/performance.md, round 9); kept in the disk cache as JSON data, keyed by the
    grammar and the installed Lark (a cache miss builds them with :func:`parser`)."""
    from reportlint.base.digest import sha256
    from reportlint.base.diskcache import cached_json

    grammar = _grammar_text()
    key = sha256(f"{lalr.FORMAT}\0{grammar}\0".encode() + _lark_release()).hexdigest()
    try:
        return cached_json("outline-lalr", key, lambda: lalr.Tables(lalr.data_of(parser())), _data, lalr.Tables)
    except lalr.Unsupported as exc:
        raise _broken(exc) from None


def _data(tables: lalr.Tables) -> dict:
    return tables.data


def _lark_release() -> bytes:
    """What tells one installed Lark from another without importing it: its ``__init__.py``,
    which holds its version (where that cannot be read, the version Lark gives when imported)."""
    from importlib.util import find_spec

    spec = find_spec("lark")
    if spec is not None and spec.origin is not None:
        try:
            return Path(spec.origin).read_bytes()
        except OSError:
            pass
    try:
        import lark
    except ImportError as exc:
        raise _cannot_load(exc) from None
    return lark.__version__.encode()


class _Shape(NamedTuple):
    """What the grammar made of one line, as offsets from the line's start (a line repeated a
    million times is read once): its marker's type (an index in ``_TYPES``, 0 for none), flags,
    the heading level a Markdown heading or a style gives it (0 for none), where its marker and
    its text are, and a marker's value where it is Word's automatic number (not in the text)."""

    type: int
    flags: int
    level: int
    marker_start: int
    marker_end: int
    body_start: int
    body_end: int
    value: str | None = None


def parse_outline(
    text: str,
    path: str | None = None,
    hints: Sequence[LineHint | None] = (),
    report_type: Callable[[str | None], ReportType] | None = None,
) -> Document:
    """The document tree of ``text``; positions are offsets into ``text`` as given.

    ``hints`` (from a .docx, one per line) put Word's automatic numbers in front of the lines'
    text for the grammar and give heading levels from styles; ``report_type`` picks the report
    type from the title, so that a line of its own naming one of its sections is a heading.

    Memory stays in proportion to the text: the lines are read twice, once to parse the ones
    that may open with a marker (kept in arrays, :class:`_Parsed`), once to build the tree, and
    no object is kept per line but the paragraphs' offsets and the sections."""
    source = Source(text)
    parsed = _classify(source, hints, is_markdown(path))
    builder = _Builder(source, report_type, parsed)
    if report_type is not None:
        builder.title_start = _title_start(source, hints, report_type)
    if hints:
        candidate, next_start = 0, parsed.start(0)
        for start, end, level in _content_spans(source, hints):
            if start == next_start:
                builder.add_candidate(candidate)
                candidate += 1
                next_start = parsed.start(candidate)
            else:
                builder.add_text(start, end, level)
        doc = builder.finish(path)
        doc.cells = frozenset(number for number, hint in enumerate(hints, 1) if hint is not None and hint.cell)
        return doc
    plain = first = 0  # where the plain lines after the last candidate begin; the next candidate
    for run in _REPEATED.finditer(parsed.repeats):  # lines each the same as the one before: at once
        plain = _add_candidates(builder, first, run.start(), plain)
        builder.add_repeats(run.start(), run.end())
        first, plain = run.end(), parsed.ends[run.end() - 1]
    plain = _add_candidates(builder, first, len(parsed.starts), plain)
    builder.add_plain(plain, len(text))
    return builder.finish(path)


def _add_candidates(builder: _Builder, first: int, stop: int, plain: int) -> int:
    """Candidates ``first`` to ``stop`` one by one, with the plain lines before each (those
    after ``plain``); where the plain lines after them begin. Every ``_BLOCK_TRY`` candidates,
    whether the text goes on as a block of lines repeated (:func:`_add_blocks`)."""
    parsed = builder.parsed
    types, flags, ends = parsed.types, parsed.flags, parsed.ends
    while first < stop:
        chunk = min(stop, first + _BLOCK_TRY)
        for candidate, start in enumerate(parsed.starts[first:chunk], first):
            if start - plain > 2 or not candidate:  # else only the line break after the last candidate
                builder.add_plain(plain, start)
            if types[candidate] or flags[candidate]:  # else a lone lead (# or ##paidend##): nothing to add
                builder.add_candidate(candidate)
            plain = ends[candidate]
        first = chunk
        if first < stop:
            first, plain = _add_blocks(builder, first - 1, stop, plain)
    return plain


def _add_blocks(builder: _Builder, last: int, stop: int, plain: int) -> tuple[int, int]:
    """If the text from candidate ``last`` (read) on is a block of up to ``_BLOCK_LINES``
    candidates repeated (``一、（一）1.（1）`` or ``附件`` / ``一、`` again and again, the
    candidates up to ``stop``), the next two blocks are read, and if the second left the builder
    as the first did one block further on (:meth:`_Builder.repeats`), the blocks after it but
    the last two are added as copies of it, not read (the last are read: a heading's level may
    look at the next numbered heading, past the blocks). The next candidate to read, and where
    the plain lines after the last one read begin."""
    found = _period(builder, last, stop) if last >= builder.unrepeated else None
    if found is None:
        return last + 1, plain
    size, blocks, chars = found  # candidates a block, blocks from candidate ``last`` on, characters a block
    marks = [builder.mark(len(builder.table))]
    for block in (0, 1):
        plain = _add_candidates(builder, last + 1 + block * size, last + 1 + (block + 1) * size, plain)
        marks.append(builder.mark(marks[-1].rows))
    read = last + 1 + 2 * size
    if (copies := blocks - 4) > 0 and builder.repeats(marks, chars):
        builder.add_copies(marks, chars, copies)
        read += copies * size
        plain = builder.parsed.ends[read - 1]
    else:  # read line by line: not looked for again in these blocks (each look reads them all)
        builder.unrepeated = last + blocks * size
    return read, plain


def _period(builder: _Builder, last: int, stop: int) -> tuple[int, int, int] | None:
    """``(size, blocks, chars)``: the text from candidate ``last`` on is ``blocks`` (at least
    five) copies of a block of ``size`` candidates and ``chars`` characters, each with a
    numbered heading; None if it is not. A regex repeat of the first block, in C."""
    parsed, text = builder.parsed, builder.source.text
    starts, start = parsed.starts, parsed.starts[last]
    for size in range(1, _BLOCK_LINES + 1):
        if last + 5 * size >= stop:
            return None
        chars = starts[last + size] - start
        if (
            starts[last + 2 * size] - starts[last + size] != chars
            or not text.startswith(text[start : start + chars], start + 4 * chars)
            or not _NUMBERED.search(parsed.types, last + 1, last + 1 + size)
        ):
            continue
        repeated = re.compile(r"(?s)(.{%d})\1*+" % chars).match(text, start)  # noqa: UP031 (a count)
        assert repeated is not None  # the first copy matches at least
        blocks = min((repeated.end() - start) // chars, (stop - 1 - last) // size)
        if blocks < 5:
            continue
        span = blocks * size
        if starts[last + size : last + span] == shifted_copies(starts[last : last + span - size], chars, 1):
            return size, blocks, chars
    return None


_TYPES = ("", "L1", "L2", "L3", "L4", "L1_OR_TEXT", "L3_OR_DECIMAL")  # a marker's type as a byte
_TYPE_LEVELS = (0, 1, 2, 3, 4, 1, 3)  # the heading level of each
_AMBIGUOUS_TYPE = 5  # from here on, a marker may be text (一、二季度, 1.5万元)
_NUMBERED = re.compile(b"[\x01-\x04]")  # in ``_Parsed.types``: a marker that is no text
_REPEATED = re.compile(b"\x01{2,}")  # in ``_Parsed.repeats``: a run worth reading at once
_TRIES = 3  # lines of a run read one by one before the rest are taken as copies
_BLOCK_TRY = 64  # candidates read one by one before looking for a repeated block of them
_BLOCK_LINES = 24  # candidates a repeated block may hold (一、…十、 each with a （一） is 20)
_NONZERO = re.compile(b"[^\x00]")
_CHUNK = 8192  # candidate lines given to the grammar at a time: the tree of one chunk is kept, not of all
_AUTOMATIC, _HAS_BODY, _PLAIN = 1, 2, 4  # _PLAIN: text alone, after nothing but spaces (a line of a lone （)
_WITH_TEXT = re.compile(b"[\x02\x03]")  # in ``_Parsed.flags``: _HAS_BODY, perhaps with _AUTOMATIC


class _Parsed:
    """What the grammar made of the candidate lines, in arrays (some 30 bytes a line instead of
    a few hundred as objects): the line, its marker and its text as offsets into the document,
    a marker's type and the heading level a Markdown heading or a style gives it."""

    def __init__(self, size: int) -> None:
        self.starts, self.ends = offsets(size), offsets(size)
        self.marker_starts, self.marker_ends = offsets(size), offsets(size)
        self.body_starts, self.body_ends = offsets(size), offsets(size)
        self.types, self.flags, self.levels = bytearray(), bytearray(), bytearray()
        # 1 where a line is a copy of the candidate before it, as :data:`_CANDIDATE_LINE` finds
        # them (a run of them is read at once, :meth:`_Builder.add_repeats`)
        self.repeats = bytearray()
        self.values: dict[int, str] = {}  # marker values not in the text: Word's automatic numbers
        self.names_allowed = True
        self.first_plain = -1  # where the first line the grammar read as plain text starts (not kept)
        self._next = (0, 0)  # the last answer of ``following``: from which candidate, which

    def extend(self, starts: list[int], ends: list[int], shapes: list[_Shape], distinct: Iterable[_Shape]) -> None:
        """The lines from ``starts`` to ``ends`` that read as ``shapes`` (``distinct``: each
        of them once): a column at a time, in C (a Python call per line was a third of the
        parse of 20 MB of 一、 lines). Lines the grammar read as plain text are not kept: the
        builder reads them with the plain lines around them, in runs (5 million lines of a lone
        （ were 5 million calls)."""
        if any(shape.flags & _PLAIN for shape in distinct) and not all(
            kept := list(map(ne, map(_FLAGS, shapes), repeat(_HAS_BODY | _PLAIN)))
        ):
            if self.first_plain < 0:
                self.first_plain = starts[kept.index(False)]
            starts, ends = list(compress(starts, kept)), list(compress(ends, kept))
            shapes = list(compress(shapes, kept))
        base = len(self.types)
        self.repeats.extend(bytes(len(starts)))
        self.starts.extend(starts)
        self.ends.extend(ends)
        for kinds, field in ((self.types, 0), (self.flags, 1), (self.levels, 2)):
            kinds.extend(map(itemgetter(field), shapes))
        for column, field in (
            (self.marker_starts, 3), (self.marker_ends, 4), (self.body_starts, 5), (self.body_ends, 6),
        ):  # fmt: skip
            column.extend(map(add, starts, map(itemgetter(field), shapes)))  # offsets in the line → in the text
        if any(shape.value is not None for shape in distinct):
            self.values.update((base + i, shape.value) for i, shape in enumerate(shapes) if shape.value is not None)

    def extend_runs(self, matches: list[re.Match[str]], lines: list[str], shapes: dict[Any, _Shape]) -> None:
        """The lines of ``matches`` (of :data:`_CANDIDATE_LINE`: a line, ``lines``, with its
        copies after it), which read as ``shapes``: lines without copies as :meth:`extend`
        adds them, the copies of a line a column at a time from ranges."""
        starts, ends = list(map(_START0, matches)), list(map(_END0, matches))
        done = 0
        for run in compress(range(len(matches)), map(ne, map(sub, ends, starts), map(len, lines))):
            if done < run:
                self.extend(starts[done:run], ends[done:run], _shapes_of(shapes, lines[done:run]), shapes.values())
            self._extend_copies(matches[run], lines[run], shapes[lines[run]])
            done = run + 1
        if done < len(matches):
            self.extend(starts[done:], ends[done:], _shapes_of(shapes, lines[done:]), shapes.values())

    def _extend_copies(self, match: re.Match[str], line: str, shape: _Shape) -> None:
        """``line`` at ``match`` and its copies after it: the first as :meth:`extend` adds a
        line, the copies from ranges (each the same again, one line break further on)."""
        start, step = match.start(), len(line) + len(match.group(2))
        self.extend([start], [start + len(line)], [shape], (shape,))
        if shape.flags & _PLAIN:
            return  # text alone: read with the plain lines around it (see ``extend``)
        copies = range(start + step, match.end() + step - len(line), step)
        self.starts.extend(copies)
        for column, offset in (
            (self.ends, len(line)), (self.marker_starts, shape.marker_start), (self.marker_ends, shape.marker_end),
            (self.body_starts, shape.body_start), (self.body_ends, shape.body_end),
        ):  # fmt: skip
            column.extend(range(copies.start + offset, copies.stop + offset, step))
        for kinds, value in ((self.types, shape.type), (self.flags, shape.flags), (self.levels, shape.level)):
            kinds.extend(bytes((value,)) * len(copies))
        self.repeats.extend(b"\x01" * len(copies))  # the same line after a line break (of at most 2 characters)

    def start(self, index: int) -> int:
        """Where candidate ``index`` starts (-1 past the last)."""
        return self.starts[index] if index < len(self.starts) else -1

    def value(self, index: int, text: str) -> str:
        """The marker of candidate ``index`` as the grammar read it."""
        if self.flags[index] & _AUTOMATIC:
            return self.values[index]
        return text[self.marker_starts[index] : self.marker_ends[index]]

    def following(self, index: int, text: str) -> tuple[int, int] | None:
        """``(level, number)`` of the first numbered heading after candidate ``index``
        (ambiguous markers do not count). Found by a search in C, and remembered for the
        candidates before it: asked by each heading of a run, it reads each candidate once."""
        after, found = self._next
        if not after <= index < found:
            match = _NUMBERED.search(self.types, index + 1)
            found = match.start() if match else len(self.types)
            self._next = (index, found)
        if found == len(self.types):
            return None
        return _TYPE_LEVELS[self.types[found]], _number(self.value(found, text))


def _classify(source: Source, hints: Sequence[LineHint | None], markdown: bool) -> _Parsed:
    """Parse the lines that could open with a marker (or a lead such as ``#``), or that carry
    an automatic number; the rest are paragraphs whatever the grammar would say, and skipping
    them halves the parsing time. An automatic number is read in front of its line as if typed;
    whatever the grammar finds in it is placed at the line's start. Also decides whether a plain
    line naming a section may be a heading (:func:`_names_allowed`)."""
    text = source.text
    parsed = _Parsed(len(text))
    levelled: list[int] = []  # where the first two plain lines with a heading level start
    if hints:
        first_plain = -1  # where the first line with text that is not a candidate starts
        for span, hint in _content_lines(source, hints):
            if not (hint is not None and hint.label or _CANDIDATE().match(text, *span)):
                if _CONTENT_LINE.match(text, *span):
                    first_plain = span.start if first_plain < 0 else first_plain
                    if len(levelled) < 2 and _style_level(hint) is not None:
                        levelled.append(span.start)
        hinted = _hinted_candidates(source, hints)
        while chunk := list(islice(hinted, _CHUNK)):
            spans, labels, levels = zip(*chunk, strict=True)
            starts, ends = [span.start for span in spans], [span.end for span in spans]
            lines = [label + text[start:end] for label, start, end in zip(labels, starts, ends, strict=True)]
            keys = list(zip(lines, map(len, labels), levels, strict=True))
            shapes = _shapes(lines, keys, markdown)
            parsed.extend(starts, ends, _shapes_of(shapes, keys), shapes.values())
    else:  # found by one scan in C: most lines are never looked at one by one here
        first_plain = first.start() if (first := _FIRST_PLAIN.search(text)) else -1
        candidates = _CANDIDATE_LINE.finditer(text)
        while matches := list(islice(candidates, _CHUNK)):
            lines = list(map(_LINE, matches))
            parsed.extend_runs(matches, lines, _shapes(lines, lines, markdown))
    if parsed.first_plain >= 0:  # a line of text the grammar was asked about, and left out of ``parsed``
        first_plain = parsed.first_plain if first_plain < 0 else min(first_plain, parsed.first_plain)
    parsed.names_allowed = _names_allowed(text, parsed, first_plain, levelled)
    return parsed


def _hinted_candidates(source: Source, hints: Sequence[LineHint | None]) -> Iterator[tuple[Span, str, int | None]]:
    """``(span, label, level)`` of the lines of a .docx the grammar reads: with an automatic
    number, or opening with a marker."""
    for span, hint in _content_lines(source, hints):
        label = hint.label if hint is not None else ""
        if label or _CANDIDATE().match(source.text, *span):
            yield span, label, _style_level(hint)


def _shapes(lines: list[str], keys: list, markdown: bool) -> dict[Any, _Shape]:
    """What the grammar makes of each distinct one of ``keys``: ``lines`` are the candidate
    lines' text as the grammar reads it (a .docx's automatic number in front), ``keys`` what
    decides how each reads (the text, or with a .docx's the automatic number's length and the
    style's level). The grammar reads each line on its own, so a line that repeats is parsed
    once (a text of one marker line repeated a million times costs the grammar one line a
    chunk)."""
    unique = list(dict.fromkeys(lines))
    tree = tables().parse("\n".join(unique) + "\n")  # every text parses: an error is a bug
    where, offset = {}, 0
    for line, node in zip(unique, tree.children, strict=False):
        where[line] = (node, offset)
        offset += len(line) + 1
    shapes = {}
    for key in dict.fromkeys(keys):
        line, label, level = key if isinstance(key, tuple) else (key, 0, None)
        node, start = where[line]
        shapes[key] = _read_line(node, start, label, level, markdown)
    return shapes


def _shapes_of(shapes: dict[Any, _Shape], keys: list) -> list[_Shape]:
    """The shape of each of ``keys``, in C (a list: :meth:`_Parsed.extend` reads it a column
    at a time)."""
    return list(map(shapes.__getitem__, keys))


def _names_allowed(text: str, parsed: _Parsed, first_plain: int, levelled: list[int]) -> bool:
    """Whether a plain line naming a section may be a heading: only in a report whose top level
    is not marked otherwise (no 一、 heading, no heading style or Markdown heading past the
    first line with text, which is the title). ``first_plain`` is where the first plain line
    with text starts, ``levelled`` where plain lines with a heading level start."""
    if _TYPES.index("L1") in parsed.types:
        return False
    starts = [start for start in (first_plain, parsed.start(_first_content(text, parsed))) if start >= 0]
    first = min(starts, default=-1)
    with_level = (match.start() for match in _NONZERO.finditer(parsed.levels))  # found in C
    # read up to the second with content (20 MB of Markdown headings has millions)
    with_content = (parsed.starts[index] for index in with_level if _has_content(text, parsed, index))
    return all(start == first for start in chain(levelled, with_content))


def _first_content(text: str, parsed: _Parsed) -> int:
    """The index of the first candidate with a marker or with text (past the last if none),
    found by searches in C: a text may be millions of lone ``#`` lines."""
    marked = _NONZERO.search(parsed.types)
    first = marked.start() if marked else len(parsed.types)
    for with_text in _WITH_TEXT.finditer(parsed.flags, 0, first):
        if _has_content(text, parsed, with_text.start()):
            return with_text.start()
    return first


def _has_content(text: str, parsed: _Parsed, index: int) -> bool:
    """A candidate with a marker, or with text that is not only spaces."""
    if parsed.types[index]:
        return True
    return bool(
        parsed.flags[index] & _HAS_BODY and text[parsed.body_starts[index] : parsed.body_ends[index]].strip(_SPACE)
    )


def _content_spans(source: Source, hints: Sequence[LineHint | None]) -> Iterator[tuple[int, int, int | None]]:
    """``(start, end, style level)`` of each line that is not blank or has a hint."""
    for span, hint in _content_lines(source, hints):
        yield span.start, span.end, _style_level(hint)


def _content_lines(source: Source, hints: Sequence[LineHint | None]) -> Iterator[tuple[Span, LineHint | None]]:
    """``(span, hint)`` of each line of a .docx that is not blank or has a hint: a blank line
    adds nothing to the outline (text without hints is read in runs, never line by line)."""
    for number in range(1, source.line_count + 1):
        hint = hints[number - 1] if number <= len(hints) else None
        span = source.line_span(number)
        if hint is not None and (hint.label or hint.level) or _CONTENT_LINE.match(source.text, span.start, span.end):
            yield span, hint


def _read_line(node: Any, offset: int, label: int, level: int | None, markdown: bool) -> _Shape:
    """A parsed line as a :class:`_Shape`; ``offset`` is where it starts in the joined text and
    ``label`` the length of the automatic number read in front of it."""

    def real(position: int) -> int:  # a position in the line as parsed → an offset in the line
        return max(0, position - offset - label)

    kind = flags = marker_start = marker_end = body_start = body_end = 0
    value = None
    led = bool(label)  # by anything but spaces: a Markdown hash, a template tag, Word's number
    for child in node.children:
        what = getattr(child, "data", None)
        if what == "marker":
            token = child.children[0]
            kind, marker_start, marker_end = (
                _TYPES.index(token.type),
                real(token.start_pos),
                real(token.start_pos + len(token.value)),
            )
            if token.start_pos - offset < label:  # (partly) Word's automatic number: not in the text
                flags |= _AUTOMATIC
                value = token.value
        elif what == "lead":
            token = child.children[0]
            led = led or token.type != "INDENT"
            hashes = token.value
            if markdown and token.type == "MD_HASHES" and hashes.endswith((" ", "\t")):
                level = hashes.count("#") if hashes.count("#") <= 4 else None
        elif what is None and len(child.value) > 1:  # the line's text without its line feed
            skip = max(0, offset + label - child.start_pos)
            flags |= _HAS_BODY
            body_start = real(child.start_pos)
            body_end = body_start + len(child.value[skip:-1])
    if not (kind or level or led) and flags == _HAS_BODY:
        flags |= _PLAIN  # what the builder makes of any line of text
    return _Shape(kind, flags, level or 0, marker_start, marker_end, body_start, body_end, value)


def _style_level(hint: LineHint | None) -> int | None:
    return hint.level if hint is not None and hint.level is not None and 1 <= hint.level <= 4 else None


class _Mark(NamedTuple):
    """How far a :class:`_Builder` has got: its sections, open sections, top-level sections,
    attachments, paragraphs, bodies and enumeration items so far, where its content ends,
    its flags, and the ends and descendants (so far) of the sections of the last block read."""

    rows: int
    stack: tuple[int, ...]
    tops: int
    attachments: int
    paragraphs: int
    bodies: int
    items: int
    content_end: int
    opened: bool
    seen: bool
    ends: Any
    after: Any


def _grown(before: _Mark, after: _Mark) -> tuple[int, int, int, int, int]:
    """Sections, top-level sections, attachments, paragraphs and bodies added between two marks."""
    return (
        after.rows - before.rows, after.tops - before.tops, after.attachments - before.attachments,
        after.paragraphs - before.paragraphs, after.bodies - before.bodies,
    )  # fmt: skip


class _Builder:
    """Collects lines into the section tree."""

    def __init__(self, source: Source, report_type: Callable[[str | None], ReportType] | None, parsed: _Parsed) -> None:
        self.source = source
        self.parsed = parsed
        self.title: Title | None = None
        self.table = Sections(source.text)
        self.stack: list[int] = []  # the open sections, as indices in ``table``
        self.seen_content = False
        self.content_end = 0  # end of the last line with content: where open sections end
        self.resolve = report_type
        self.report_type: ReportType | None = None
        self.resolved = False
        self.names = parsed.names_allowed  # whether a plain line naming a section of the report type is a heading
        self.named: dict[str, bool] = {}  # short lines already looked up
        self.attachments: list[int] = []
        self.attachment_opened = False  # a 附件 line was read: the next heading starts a new outline
        self.unrepeated = 0  # no repeated block of lines is looked for before this candidate
        self.title_start = 0  # the lines with text before this are the short lines above the title

    def add_text(self, start: int, end: int, level: int | None) -> None:
        """A line with text the grammar was not asked about (``level`` from its style)."""
        self._text(start, self.source.text[start:end], end, level)

    def add_plain(self, start: int, end: int) -> None:
        """The lines of ``text[start:end]``, none of which the grammar was asked about (no
        hints): what :meth:`add_text` makes of each, in runs of up to ``_RUN`` lines at once
        where all of them are paragraphs (a text of ten million short lines is thousands of
        runs, not ten million calls)."""
        text = self.source.text
        if end - start < 16 and not text[start:end].strip(_BLANK):
            return  # the line break between two headings: a text of marker lines has millions
        lines = _PLAIN_LINE.finditer(text, start, end)
        while run := list(islice(lines, _RUN)):
            while run and not self.seen_content:  # the first line with text may be the title
                first = run.pop(0)
                self.add_text(first.start(), first.end(), None)
            if len(run) > 1 and not any(map(self._not_a_paragraph, set(map(_STRIPPED, run)))):
                self._paragraphs(run)  # a run of one (附件 between headings) goes the plain way at once
            else:
                for line in run:
                    self.add_text(line.start(), line.end(), None)

    def _not_a_paragraph(self, text: str) -> bool:
        """Whether :meth:`_text` makes ``text`` (a line's text, stripped) anything but a
        paragraph, past the title: a line opening an attachment, or naming a section."""
        return self._opens_attachment(text) or bool(self.names and self._names_a_section(text))

    def _opens_attachment(self, text: str) -> bool:
        """``text`` (a line's text, stripped) opens an attachment: 附件1 …, after some heading."""
        return bool(
            self.table.levels and len(text) <= _ATTACHMENT_MAX and text.startswith("附") and _ATTACHMENT().match(text)
        )

    def _paragraphs(self, run: list[re.Match[str]]) -> None:
        """``run`` (matches of :data:`_PLAIN_LINE`) as paragraphs of the open body; the
        items of those holding a 是 or 第 found one paragraph at a time."""
        text = self.source.text
        starts, ends = offsets(len(text)), offsets(len(text))
        starts.extend(map(_START, run))
        ends.extend(map(_END, run))
        items: dict[int, list[Item]] = {}
        position, stop = starts[0], ends[-1]
        while (hint := _ITEM_HINT.search(text, position, stop)) is not None:
            index = bisect_right(starts, hint.start()) - 1
            position = ends[index]
            if found := find_items(text[starts[index] : position], starts[index]):
                items[index] = found
        self.table.bodies.extend(self._open(), starts, ends, items)
        self.content_end = run[-1].end()

    def add_candidate(self, index: int) -> None:
        """Candidate line ``index`` (one the grammar read): a numbered heading, or text. Read
        from the arrays of :class:`_Parsed` with no object made but the section: a text may
        be millions of 一、 lines."""
        parsed, text = self.parsed, self.source.text
        kind, flags, line_end = parsed.types[index], parsed.flags[index], parsed.ends[index]
        rest, rest_start = None, 0
        if flags & _HAS_BODY:
            rest_start = parsed.body_starts[index]
            rest = text[rest_start : parsed.body_ends[index]]
        if not kind:
            if rest is not None and rest.strip(_SPACE):
                self._text(rest_start, rest, line_end, parsed.levels[index] or None)
            return  # else blank, or only leads such as a lone ##paidend##
        start, end, automatic = parsed.marker_starts[index], parsed.marker_ends[index], bool(flags & _AUTOMATIC)
        value = parsed.values[index] if automatic else sys.intern(text[start:end])  # 一、 a million times: one string
        number, level = _number(value), _TYPE_LEVELS[kind]
        if kind >= _AMBIGUOUS_TYPE and not self._heading_in_sequence(level, number, automatic, rest or ""):
            self._text(start, value + (rest or ""), line_end, parsed.levels[index] or None)
            return
        if not automatic and self.stack and self.table.levels[self.stack[-1]] > level:
            level = self._level_in_sequence(level, number, index)  # else nothing deeper is open: its own level
        self._heading(level, value, number, automatic, start, end, rest, rest_start, line_end)
        self.seen_content = True
        self.content_end = line_end

    def add_repeats(self, first: int, stop: int) -> None:
        """Candidates ``first`` to ``stop``, each the same text as the one before it with only a
        line break between (20 MB of ``1.`` lines is one such run). Each is read as any
        candidate until one leaves the builder as it was but for a new section in the place
        of the one before it (a sibling of the same level and marker, no paragraph): then
        every other is the same again, one line further on, and is added without being read
        (a test compares the outline with the one read line by line). A few are tried: the
        first of a run may be the title, or the first heading under its parent."""
        if not (self.parsed.types[first] or self.parsed.flags[first]):
            return  # lone leads (# lines in Markdown): nothing to add
        tried = min(first + _TRIES, stop)
        for candidate in range(first, tried):
            if self._add_and_repeat(candidate, stop):
                return
        for candidate in range(tried, stop):
            self.add_candidate(candidate)

    def _add_and_repeat(self, candidate: int, stop: int) -> bool:
        """Read ``candidate``; if it was read as a sibling of the section before it (see
        :meth:`add_repeats`), add the candidates after it up to ``stop`` as copies of it."""
        parsed, table, stack = self.parsed, self.table, self.stack
        before, depth, top = len(table), len(stack), stack[-1] if stack else -1
        steady = self.seen_content and not self.attachment_opened
        self.add_candidate(candidate)
        if not (steady and self._sibling_of(top, before, depth, candidate)):
            return False
        table.add_like(before, parsed.starts[candidate], parsed.starts[candidate + 1 : stop])
        table.close_like(before, parsed.ends[candidate : stop - 1])
        if depth == 1:
            table.tops.extend(range(before + 1, len(table)))
        stack[-1] = len(table) - 1
        self.content_end = parsed.ends[stop - 1]
        return True

    def _sibling_of(self, top: int, added: int, depth: int, candidate: int) -> bool:
        """Whether ``candidate`` was read as section ``added``, in the place of ``top`` on a
        stack as deep (so under the same parent), of its level and marker and with no
        paragraph, at the level its marker or Markdown hashes give (not a level taken from
        the headings around it); then the same line again is read the same way."""
        table, parsed = self.table, self.parsed
        kind = parsed.types[candidate]
        return (
            top >= 0
            and len(table) == added + 1
            and len(self.stack) == depth
            and self.stack[-1] == added
            and table.levels[top] == table.levels[added] == (_TYPE_LEVELS[kind] if kind else parsed.levels[candidate])
            and table.markers[top] == table.markers[added]
            and added not in table.bodies
        )

    def mark(self, since: int) -> _Mark:
        """How far the builder has got, with the ends and descendants so far of the sections
        from ``since`` on (see :meth:`repeats`)."""
        table, bodies = self.table, self.table.bodies
        return _Mark(
            len(table), tuple(self.stack), len(table.tops), len(self.attachments), len(bodies.starts),
            len(bodies.sections), len(bodies.with_items), self.content_end, self.attachment_opened,
            self.seen_content, table.ends[since:], table.after[since:],
        )  # fmt: skip

    def repeats(self, marks: list[_Mark], chars: int) -> bool:
        """Whether the second of two blocks of lines, ``chars`` characters each, read between
        ``marks``, left the builder as the first did, one block further on: the same sections
        (their offsets ``chars`` later), closed alike; the same open sections but the first
        block's, which are in the place of its own; tops, attachments, paragraphs and bodies
        added alike; no enumeration item (their spans would differ); the same flags. Then the
        builder reads the next block as it read this one, one block further on (it looks at
        nothing else: a heading's level looks at the next numbered heading, which each block
        holds), and so on: :meth:`add_copies` adds them so."""
        first, middle, last = marks
        grown = _grown(first, middle)
        rows, tops = grown[0], grown[1]
        if not (rows and grown == _grown(middle, last) and first.seen and last.items == first.items):
            return False
        if (middle.opened, middle.seen) != (last.opened, last.seen) or last.content_end - middle.content_end != chars:
            return False
        if grown[3] and not grown[4]:
            return False  # paragraphs added to a body opened before the blocks
        fixed = [section for section in middle.stack if section < first.rows]
        if list(last.stack) != fixed + [section + rows for section in middle.stack[len(fixed) :]]:
            return False
        for column, step, start, second in self._block_columns(marks, chars):
            if column[second : 2 * second - start] != shifted_copies(column[start:second], step, 1):
                return False
        added = self.attachments[first.attachments : middle.attachments]
        if self.attachments[middle.attachments : last.attachments] != [at + tops for at in added]:
            return False
        closed = zip((middle.ends, middle.after), (last.ends, last.after), (chars, rows), strict=True)
        return all(
            list(later) == [value + step if value else 0 for value in earlier] for earlier, later, step in closed
        )

    def add_copies(self, marks: list[_Mark], chars: int, copies: int) -> None:
        """``copies`` blocks after the two read between ``marks``, which :meth:`repeats`, as
        reading them would add them: a column at a time, in C."""
        first, middle, _ = marks
        table = self.table
        rows, tops = _grown(first, middle)[:2]
        for column, step, start, second in self._block_columns(marks, chars):
            column.extend(shifted_copies(column[second : 2 * second - start], step, copies))
        self.attachments.extend(shifted_copies(array("q", self.attachments[middle.attachments :]), tops, copies))
        for column, step in ((table.ends, chars), (table.after, rows)):  # each block's sections closed as the first's
            settled = column[first.rows : middle.rows]  # by the second block
            del column[middle.rows :]
            column.extend(shifted_copies(settled, step, copies + 1))
        fixed = len([section for section in self.stack if section < first.rows])
        self.stack[fixed:] = [section + rows * copies for section in self.stack[fixed:]]
        for section in self.stack[fixed:]:  # the last block's open sections
            table.ends[section] = table.after[section] = 0
        self.content_end += chars * copies

    def _block_columns(self, marks: list[_Mark], chars: int) -> Iterator[tuple[Any, int, int, int]]:
        """Each column that a block of lines (read between ``marks``, ``chars`` characters
        each) adds to, how much its values grow from one block to the next, and where the first
        and the second block's entries begin in it."""
        first, middle, _ = marks
        table, bodies = self.table, self.table.bodies
        rows, _, _, paragraphs, _ = _grown(first, middle)
        for offsets_column in (
            table.starts,
            table.marker_ends,
            table.heading_starts,
            table.heading_ends,
            table.spans_end,
        ):
            yield offsets_column, chars, first.rows, middle.rows
        yield table.levels, 0, first.rows, middle.rows
        yield table.markers, 0, first.rows, middle.rows
        yield table.tops, rows, first.tops, middle.tops
        yield bodies.starts, chars, first.paragraphs, middle.paragraphs
        yield bodies.ends, chars, first.paragraphs, middle.paragraphs
        yield bodies.sections, rows, first.bodies, middle.bodies
        yield bodies.firsts, paragraphs, first.bodies, middle.bodies

    def _text(self, start: int, value: str, line_end: int, level: int | None) -> None:
        """A line's text (``value``, at ``start``) that is no numbered heading: the title, an
        attachment's first line, a heading by its style or its name, or a paragraph."""
        text = value.strip(_SPACE)
        lead = 0 if len(text) == len(value) else len(value) - len(value.lstrip(_SPACE))
        span = Span(start + lead, start + lead + len(text))
        if not self.seen_content and (span.start < self.title_start or _ATTACHMENT_LABEL().fullmatch(text)):
            self._paragraph(span, text)  # a unit's name or 附件2 above the title: the title comes next
            self.content_end = line_end
            return
        if not self.seen_content and _looks_like_title(value):
            self.title = Title(text, span)
        elif self._opens_attachment(text):
            self.attachment_opened = True
            self._paragraph(span, text)
        elif level is not None or (self.names and self._names_a_section(text)):  # a heading without a number
            self._heading(level or 1, "", 0, False, span.start, span.start, text, span.start, line_end)
        else:
            self._paragraph(span, text)
        self.seen_content = True
        self.content_end = line_end

    def _heading_in_sequence(self, level: int, number: int, automatic: bool, rest: str) -> bool:
        """Whether ``一、十年…`` or ``12.2025年…`` (a marker of ``level`` and ``number``, then
        ``rest``) is a heading: it is when its number is the next of the headings of its level
        that are open (一、 first; 12. after 11.), unless the text goes on with the next numeral
        (一、二季度, where 、 joins two numerals). A lone 1. is a heading only before a year
        (1.2025年); 1.5万元 and 2.5% are decimals wherever they stand. Word's numbers are headings."""
        if automatic:
            return True
        expected = 0 if self.attachment_opened else self._next_number(level)
        if level == 1:
            follows = _NUMERAL_AFTER().match(rest)
            successor = follows is not None and marker_value(follows.group()) == number + 1
            return number == (expected or 1) and not successor
        if _DECIMAL_AFTER().match(rest):
            return False  # 2.5%, 3.5亿元: a number with a fraction, whatever came before
        if expected:
            return number == expected
        return number == 1 and bool(_YEAR_AFTER().match(rest))

    def _level_in_sequence(self, level: int, number: int, index: int) -> int:
        """The level a reader gives a heading (candidate ``index``) whose marker is of the
        wrong level: in ``（一）（二）三、（四）`` the 三、 is the third of the （…） run, written
        with the wrong marker, not a third 一、 heading (which would make three findings of one
        slip). Taken so only when its number is out of step at its own level, is the next of an
        open deeper run, and the next heading goes on with that run."""
        if number == (self._next_number(level) or 1) or self.attachment_opened:
            return level
        levels, markers, numbers = self.table.levels, self.table.markers, self.table.marker_numbers
        for deeper in reversed(self.stack):
            if levels[deeper] <= level:
                break
            if (
                markers[deeper]
                and number == numbers[markers[deeper]] + 1
                and self.parsed.following(index, self.source.text) == (levels[deeper], number + 1)
            ):
                return levels[deeper]
        return level

    def _next_number(self, level: int) -> int:
        """The number after that of the innermost open numbered section of ``level`` (0 if
        none is open)."""
        levels, markers = self.table.levels, self.table.markers
        for section in reversed(self.stack):
            if levels[section] == level and markers[section]:
                return self.table.marker_numbers[markers[section]] + 1
        return 0

    def _names_a_section(self, text: str) -> bool:
        """A short line of its own, no clause inside, that names a section of the report type
        (remembered for the last few thousand such lines: a text of one short line repeated a
        million times runs the aliases once)."""
        if len(text) > _NAME_MAX or _CLAUSE_MARK().search(text):
            return False
        if text not in self.named:
            if len(self.named) >= _NAMED_MAX:
                self.named.clear()
            self.named[text] = self._matches_a_section(text)
        return self.named[text]

    def _matches_a_section(self, text: str) -> bool:
        report_type = self._report_type()
        try:
            return report_type is not None and any(spec.matches(text) for spec in report_type.sections)
        except TimeoutError:  # the document's regex budget is spent: parsing goes on regardless
            return False

    def _report_type(self) -> ReportType | None:
        if not self.resolved and self.resolve is not None:
            self.report_type = self.resolve(self.title.text if self.title else None)
            self.resolved = True
        return self.report_type

    def _heading(
        self,
        level: int,
        marker: str,  # "" for a heading without a number
        number: int,
        automatic: bool,
        start: int,  # where the marker starts (the line's text, for a heading without a number)
        marker_end: int,
        rest: str | None,  # the line's text after the marker
        rest_start: int,
        line_end: int,
    ) -> None:
        table = self.table
        if rest is None:  # a marker alone on its line
            rest, rest_start, cut, heading, heading_end = "", marker_end, 0, (marker_end, marker_end), marker_end
        else:
            cut = _heading_cut(rest)
            words = rest[:cut]
            heading = _heading_text(words, rest_start)
            heading_end = max(rest_start + len(words.rstrip()), marker_end)
        if self.attachment_opened:  # the attachment's first heading: its own outline begins
            self.attachment_opened = False
            while self.stack:
                table.close(self.stack.pop(), self.content_end)
            self.attachments.append(len(table.tops))
        while self.stack and _closes(level, marker, table.levels[self.stack[-1]], table.markers[self.stack[-1]] > 0):
            table.close(self.stack.pop(), self.content_end)
        section = table.add(level, marker, number, start, marker_end, heading, heading_end, automatic)
        if not self.stack:
            table.tops.append(section)
        self.stack.append(section)
        remainder = rest[cut:]
        if remainder and remainder.strip():
            start = rest_start + cut + (len(remainder) - len(remainder.lstrip()))
            end = rest_start + len(rest.rstrip())
            self._paragraph(Span(start, end), self.source.text[start:end])

    def _paragraph(self, span: Span, text: str) -> None:
        self.table.bodies.add(self._open(), span.start, span.end, find_items(text, span.start))

    def _open(self) -> int:
        """The section whose body paragraphs go to now (the last opened), -1 for the preamble."""
        return self.stack[-1] if self.stack else -1

    def finish(self, path: str | None) -> Document:
        for section in self.stack:
            self.table.close(section, self.content_end)
        preamble = self.table.bodies.preamble()
        doc = Document(self.source, self.title, preamble, self.table, path=path, attachments=self.attachments)
        doc.report_type = self._report_type()
        return doc


def _closes(level: int, marker: str, open_level: int, open_numbered: bool) -> bool:
    """Whether a heading of ``level`` with ``marker`` closes the open section of ``open_level``
    (numbered or not): one of a deeper or the same level — except that a numbered heading stays
    under an unnumbered one of its own level, as （一）（二） under a `## 主要工作` or a 标题 2
    heading read as sub-points of it."""
    if open_level != level:
        return open_level > level
    return open_numbered or not marker


@lru_cache(maxsize=4096)
def _number(marker: str) -> int:
    """A marker's number, 0 if it has none (一、 a million times is read once)."""
    return marker_value(_marker_digits(marker)) or 0


def _marker_digits(marker: str) -> str:
    return "".join(c for c in marker if c.isdigit() or c in "一二三四五六七八九十")


def _heading_text(part: str, start: int) -> tuple[int, int]:
    """Where a heading's text is, ``part`` (at ``start``) without the spaces around it and its
    closing punctuation."""
    lead = len(part) - len(part.lstrip())
    return start + lead, start + lead + len(part.strip().rstrip(_TRAILING_PUNCT).strip())


def _heading_cut(rest: str) -> int:
    """Where the heading ends on its line: after the first sentence end if more text follows."""
    for m in _SENTENCE_END.finditer(rest):
        if rest[m.end() :].strip():
            return m.end()
    return len(rest)


def _title_start(source: Source, hints: Sequence[LineHint | None], report_type: _Resolve) -> int:
    """Where the title starts when short lines stand above it (0 else): the first of the
    opening lines that names a report type, if the lines before it are short and hold no
    punctuation (a unit's name, a date, 附件2), as a report opens in Word."""
    for index, (start, words) in enumerate(islice(_opening_lines(source, hints), _OPENING_LINES + 1)):
        if words is None or _CANDIDATE().match(words) or words.startswith(("(", "（")):
            return 0  # a heading, or what may be one: no title is looked for below it
        if _looks_like_title(words) and _names_a_type(words, report_type):
            return start if index else 0
        if not _above_a_title(words):
            return 0
    return 0


def _opening_lines(source: Source, hints: Sequence[LineHint | None]) -> Iterator[tuple[int, str | None]]:
    """Where the text of each line with text starts, and that text (None for a line of a .docx
    with an automatic number: a heading)."""
    text = source.text
    if not hints:
        yield from ((line.start(1), line.group(1)) for line in _PLAIN_LINE.finditer(text))
        return
    for span, hint in _content_lines(source, hints):
        line = _PLAIN_LINE.match(text, span.start, span.end)
        if hint is not None and hint.label:
            yield span.start, None
        elif line is not None:
            yield line.start(1), line.group(1)


def _above_a_title(words: str) -> bool:
    """Whether a line's text may stand above a title: an attachment label, or a short line
    with no punctuation that does not read as a title itself (a unit's name, a date)."""
    if _ATTACHMENT_LABEL().fullmatch(words):
        return True
    return len(words) <= _OPENING_MAX and not _CLAUSE_MARK().search(words) and not _TITLE_OF_ITS_OWN().match(words)


def _names_a_type(words: str, report_type: _Resolve) -> bool:
    """Whether ``words`` (a line's text) name a report type as a title does (not when the
    document's regex budget runs out: the first line stays the title)."""
    named = report_type(words).title
    try:
        return named is not None and found(named, words)
    except TimeoutError:
        return False


def _looks_like_title(text: str) -> bool:
    stripped = text.strip()
    return len(stripped) <= _TITLE_MAX and not stripped.endswith(("。", "；", "：", ":"))
