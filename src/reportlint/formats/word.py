"""The annotated Word copy: the input .docx with every finding as a comment (批注) and, when
given the fixed text, every fix as a tracked change (修订) the reader accepts or rejects.

Both are placed by paragraph and code point, as the .docx reader numbers them. A paragraph's
runs are split where a comment or a change begins or ends, so each covers exactly its text and
keeps the formatting of the runs it falls in; a run that holds more than text (a picture, a
field) is never split. A change is the difference between a paragraph's text and its fixed text,
written as ``w:del`` of the old runs and ``w:ins`` of a new run formatted like the first one it
replaces (author ``reportlint``, dated), so accepting every change gives exactly the fixed text.
The runs inside a hyperlink count as the paragraph's own (a fix there is a change inside the
link); a paragraph whose text is still not simply its runs' text (a field result) gets its
comments on the whole paragraph and no change.
"""

from __future__ import annotations

import copy
import difflib
import io
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlint.base.files import atomic_write
from reportlint.base.record import NamedTuple
from reportlint.inputs.docx import body_paragraphs, open_document
from reportlint.rules.diagnostics import Diagnostic, severity_label

if TYPE_CHECKING:
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

AUTHOR = "reportlint"
_PLAIN_RUN_PARTS = {"rPr", "t", "tab", "br", "cr"}  # what a run may hold and still be split


class Written(NamedTuple):
    comments: int
    changes: int


class _Edit(NamedTuple):
    start: int
    end: int
    text: str


def annotate(
    source: Path, target: Path, diagnostics: list[Diagnostic], fixed_text: str | None = None, overwrite: bool = False
) -> Written:
    """Write a copy of ``source`` to ``target`` with each diagnostic as a Word comment anchored
    on the offending text (author ``reportlint``) and, when ``fixed_text`` (the report's text
    with its fixes applied, one line per paragraph) is given, each fix as a tracked change. An
    existing ``target`` is replaced only with ``overwrite`` (``FileExistsError`` otherwise)."""
    document = open_document(source.read_bytes(), None)
    paragraphs = body_paragraphs(document)
    notes: dict[int, list] = {}
    for d in diagnostics:
        if 1 <= d.start.line <= len(paragraphs):
            notes.setdefault(d.start.line - 1, []).append(d)
    edits = _edits([_text(p) for p in paragraphs], fixed_text) if fixed_text is not None else {}
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    comment = _Commenter(document, stamp)
    changes = 0
    for index in sorted(set(notes) | set(edits)):
        paragraph = paragraphs[index]
        paragraph_notes = sorted(notes.get(index, []), key=lambda d: (d.start.column, d.end.line, d.end.column))
        spans = [_note_span(paragraph, d) for d in paragraph_notes]
        paragraph_edits = edits.get(index, [])
        plain = _runs_are_text(paragraph)
        cuts = {position for start, end in spans for position in (start, end)}
        if plain:
            cuts |= {position for edit in paragraph_edits for position in (edit.start, edit.end)}
        _split(paragraph, cuts)
        segments = _segments(paragraph) if plain else []
        for d, (start, end) in zip(paragraph_notes, spans, strict=True):
            runs = [run for s, e, run in segments if start <= s and e <= end and e > s] or _runs(paragraph)
            if runs:
                comment(runs, f"{severity_label(d.severity)} [{d.rule}] {d.message}")  # 错误 or 警告 first
        if plain and paragraph_edits and _splittable(segments, paragraph_edits):
            for edit in reversed(paragraph_edits):
                _track(segments, edit, stamp)
                changes += 1
    _number_revisions(document)
    buffer = io.BytesIO()
    document.save(buffer)
    atomic_write(target, buffer.getvalue(), replace=overwrite)
    return Written(comment.added, changes)


class _Commenter:
    """Adds comments to a document, each with the next free id. python-docx's own
    ``add_comment`` looks through every existing comment id for each new one, which made 5,000
    comments take minutes; here the ids already taken are read once and then counted up."""

    def __init__(self, document: Any, stamp: str) -> None:
        from docx.comments import Comment

        comments = document.comments  # the comments part, created if the document has none
        self.element = comments._comments_elm
        self.part = comments._comments_part
        self.comment = Comment
        taken = [int(v) for v in self.element.xpath("./w:comment/@w:id") if v.lstrip("-").isdigit()]
        self.next_id = max(taken, default=-1) + 1
        self.stamp = stamp
        self.added = 0

    def __call__(self, runs: list[Run], text: str) -> None:
        """Comment ``text`` on the runs from ``runs[0]`` to ``runs[-1]``."""
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls

        # the minimal comment Word writes: one paragraph opening with the annotation mark
        element = parse_xml(
            f'<w:comment {nsdecls("w")} w:id="{self.next_id}" w:author="{AUTHOR}" w:initials="RL"'
            f' w:date="{self.stamp}"><w:p><w:pPr><w:pStyle w:val="CommentText"/></w:pPr>'
            '<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:annotationRef/></w:r></w:p></w:comment>'
        )
        self.element.append(element)
        first, *rest = text.split("\n")  # a line of its own is a paragraph, as python-docx has it
        comment = self.comment(element, self.part)
        comment.paragraphs[0].add_run(first)
        for line in rest:
            comment.add_paragraph(line)
        runs[0].mark_comment_range(runs[-1], self.next_id)
        self.next_id += 1
        self.added += 1


def _text(paragraph: Paragraph) -> str:
    return paragraph.text.replace("\r", " ").replace("\n", " ")


def _edits(old_lines: list[str], fixed_text: str) -> dict[int, list[_Edit]]:
    """Per paragraph, the changes that turn its text into its fixed text (none when the fixed
    text does not have one line per paragraph)."""
    new_lines = fixed_text.split("\n")
    if len(new_lines) != len(old_lines):
        return {}
    out: dict[int, list[_Edit]] = {}
    for index, (old, new) in enumerate(zip(old_lines, new_lines, strict=True)):
        if old == new:
            continue
        matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
        out[index] = [_Edit(i1, i2, new[j1:j2]) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal"]
    return out


def _note_span(paragraph: Paragraph, d: Diagnostic) -> tuple[int, int]:
    """A diagnostic's characters in its paragraph, at least one."""
    length = len(paragraph.text)
    start = min(d.start.column - 1, length)
    end = d.end.column - 1 if d.end.line == d.start.line else length
    return start, min(max(end, start + 1), length)


def _runs(paragraph: Paragraph) -> list[Run]:
    """The paragraph's runs in reading order, those inside a hyperlink too: python-docx's
    ``Paragraph.runs`` leaves them out, and a link's text is text a fix may change."""
    from docx.text.hyperlink import Hyperlink

    return [
        run
        for item in paragraph.iter_inner_content()
        for run in (item.runs if isinstance(item, Hyperlink) else (item,))
    ]


def _runs_are_text(paragraph: Paragraph) -> bool:
    return "".join(r.text for r in _runs(paragraph)) == paragraph.text


def _plain(run: Run) -> bool:
    return all(child.tag.rpartition("}")[2] in _PLAIN_RUN_PARTS for child in run._r)


def _split(paragraph: Paragraph, cuts: set[int]) -> None:
    """Split the paragraph's runs so that each position in ``cuts`` is a run boundary (a run
    that holds more than text is left whole)."""
    if not _runs_are_text(paragraph):
        return
    for position in sorted(cuts, reverse=True):
        offset = 0
        for run in _runs(paragraph):
            length = len(run.text)
            if offset < position < offset + length:
                if _plain(run):
                    _split_run(run, position - offset)
                break
            offset += length


def _split_run(run: Run, cut: int) -> None:
    from docx.text.run import Run

    text = run.text
    clone = copy.deepcopy(run._r)
    run._r.addnext(clone)
    run.text = text[:cut]
    Run(clone, run._parent).text = text[cut:]


def _segments(paragraph: Paragraph) -> list[tuple[int, int, Any]]:
    """``(start, end, run)`` for each run of the paragraph."""
    out, offset = [], 0
    for run in _runs(paragraph):
        length = len(run.text)
        out.append((offset, offset + length, run))
        offset += length
    return out


def _splittable(segments: list[tuple[int, int, Any]], edits: list[_Edit]) -> bool:
    """Whether every edit starts and ends at a run boundary and touches only plain runs."""
    bounds = {0} | {e for _, e, _ in segments}
    for edit in edits:
        if edit.start not in bounds or edit.end not in bounds:
            return False
        if any(not _plain(run) for s, e, run in segments if edit.start <= s and e <= edit.end and e > s):
            return False
    return bool(segments)


def _track(segments: list[tuple[int, int, Any]], edit: _Edit, stamp: str) -> None:
    """Write ``edit`` as a tracked change: its runs inside ``w:del``, the new text in ``w:ins``."""
    from docx.oxml.ns import qn

    deleted = [run for s, e, run in segments if edit.start <= s and e <= edit.end and e > s]
    anchor = None
    for run in deleted:
        wrapper = _revision("w:del", stamp)
        run._r.addprevious(wrapper)
        wrapper.append(run._r)
        for t in run._r.iter(qn("w:t")):
            t.tag = qn("w:delText")
        anchor = wrapper
    if not edit.text:
        return
    link = None
    if deleted:
        model = deleted[0]
    else:  # an insertion: formatted like the text before it (after it at the paragraph's start)
        before = [run for s, e, run in segments if e == edit.start and e > s]
        after = [run for s, e, run in segments if s == edit.start and e > s]
        model = before[-1] if before else after[0]
        anchor = model._r if before else None
        link = _link_at_edge(model._r, last=bool(before))  # text added at a link's edge goes beside it
        if link is not None and anchor is not None:
            anchor = link
    inserted = _revision("w:ins", stamp)
    clone = copy.deepcopy(model._r)
    for child in list(clone):
        if child.tag != qn("w:rPr"):
            clone.remove(child)
    if link is not None:
        _drop_link_style(clone)
    inserted.append(clone)
    from docx.text.run import Run

    Run(clone, model._parent).text = edit.text
    if anchor is not None:
        anchor.addnext(inserted)
    else:
        (link if link is not None else model._r).addprevious(inserted)


def _link_at_edge(run: Any, last: bool) -> Any:
    """The ``w:hyperlink`` whose last (or first) run of text ``run`` is, else None: a mark added
    after a link's text (a missing 。) belongs to the sentence, not inside the link. (A comment's
    reference run may follow the text inside the link.)"""
    from docx.oxml.ns import qn

    parent = run.getparent()
    if parent is None or parent.tag != qn("w:hyperlink"):
        return None
    others = run.xpath(("following" if last else "preceding") + "-sibling::w:r[w:t]")
    return None if others else parent


def _drop_link_style(run: Any) -> None:
    """Take the link's character style (``Hyperlink``: blue, underlined) off a copied run."""
    from docx.oxml.ns import qn

    properties = run.find(qn("w:rPr"))
    for style in properties.findall(qn("w:rStyle")) if properties is not None else ():
        if style.get(qn("w:val")) == "Hyperlink":
            properties.remove(style)


def _revision(tag: str, stamp: str) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement(tag)
    element.set(qn("w:author"), AUTHOR)
    element.set(qn("w:date"), stamp)
    return element


def _number_revisions(document: Any) -> None:
    """Give each tracked change an id no other annotation in the body uses."""
    from docx.oxml.ns import qn

    body = document.element.body
    revisions = [e for e in body.iter(qn("w:ins"), qn("w:del")) if e.get(qn("w:author")) == AUTHOR]
    taken = [int(v) for e in body.iter() if (v := e.get(qn("w:id"))) is not None and v.lstrip("-").isdigit()]
    next_id = max(taken, default=0) + 1
    for element in revisions:
        if element.get(qn("w:id")) is None:
            element.set(qn("w:id"), str(next_id))
            next_id += 1
