"""The annotated Word copy: the input .docx with every finding as a comment (批注)."""

from __future__ import annotations

import copy
import io
from pathlib import Path

from reportlint.base.files import atomic_write
from reportlint.inputs.docx import body_paragraphs, open_document


def annotate(source: Path, target: Path, diagnostics) -> int:
    """Write a copy of ``source`` to ``target`` with each diagnostic as a Word comment anchored
    on the offending text (author ``reportlint``). Returns the number of comments written."""
    document = open_document(source.read_bytes(), None)
    paragraphs = body_paragraphs(document)
    count = 0
    for d in sorted(diagnostics, key=lambda d: (d.start.line, -d.start.column)):
        if not 1 <= d.start.line <= len(paragraphs):
            continue
        paragraph = paragraphs[d.start.line - 1]
        end = d.end.column - 1 if d.end.line == d.start.line else len(paragraph.text)
        runs = _isolate(paragraph, d.start.column - 1, max(end, d.start.column))
        if not runs:
            continue
        document.add_comment(runs, text=f"[{d.rule}] {d.message}", author="reportlint", initials="RL")
        count += 1
    buffer = io.BytesIO()
    document.save(buffer)
    atomic_write(target, buffer.getvalue())
    return count


def _isolate(paragraph, start: int, end: int) -> list:
    """The runs covering characters [start, end) of ``paragraph``, split so they cover exactly
    that text; the whole paragraph's runs when its text is not simply its runs' text."""
    runs = paragraph.runs
    if "".join(r.text for r in runs) != paragraph.text:
        return runs
    _split_at(runs, end)
    runs = paragraph.runs
    _split_at(runs, start)
    chosen, offset = [], 0
    for run in paragraph.runs:
        length = len(run.text)
        if offset >= start and offset + length <= end and length:
            chosen.append(run)
        offset += length
    return chosen or paragraph.runs


def _split_at(runs: list, position: int) -> None:
    offset = 0
    for run in runs:
        length = len(run.text)
        if offset < position < offset + length:
            cut = position - offset
            text = run.text
            clone = copy.deepcopy(run._r)
            run._r.addnext(clone)
            from docx.text.run import Run

            run.text = text[:cut]
            Run(clone, run._parent).text = text[cut:]
            return
        offset += length
