"""Shortcuts taken for speed (issue 19) find exactly what the plain reading they skip finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reportlint.outline.parser import parse_outline
from reportlint.rules.kinds.pairing import compile as pairing

BRACKETS = pairing({"pairs": ["（）", "《》", "“”", "‘’", "【】"]})


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="（）《》“”‘’【】字，\n\r", max_size=80))
def test_pairing_reads_only_the_unbalanced_lines_and_finds_what_reading_them_all_finds(text):
    every_line = list(BRACKETS._lines(text, 0, len(text)))
    assert list(BRACKETS(parse_outline(text))) == every_line


def test_pairing_reads_lines_nested_deeper_than_its_rounds_mark_by_mark():
    deep = "（" * 12 + "字" + "）" * 12
    text = f"{deep}\n“{deep}\n《{deep}》\r\n{deep}）"
    found = [(f.span.start, f.values) for f in BRACKETS(parse_outline(text))]
    assert found == [(f.span.start, f.values) for f in BRACKETS._lines(text, 0, len(text))]
    assert [text[start] for start, _ in found] == ["“", "）"]


def test_pairing_with_a_mark_that_opens_and_closes_reads_every_line():
    straight = pairing({"pairs": ['""', "（）"]})
    text = '他说"好（"）\n"对"'
    assert [text[f.span.start] for f in straight(parse_outline(text))] == ['"', '"']
