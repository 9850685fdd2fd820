"""What the cold start's savings must not change: the kinds' own `re` patterns written so that
`re` compiles them cheaply find exactly what they found before (docs/performance.md, round 5)."""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest
from conftest import ROOT, SEED
from hypothesis import given, settings
from hypothesis import strategies as st

from reportlint.api import LintResult
from reportlint.base.source import Position, Span
from reportlint.numbers import quantities
from reportlint.rules.kinds import count

GOV_REPORTS = ROOT.parent / "shared" / "corpus" / "gov-reports-2026"


def _real_texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(GOV_REPORTS.glob("*.txt"))]
    assert len(texts) > 10, GOV_REPORTS
    return [*texts, SEED.read_text(encoding="utf-8")]


def _matches(pattern: re.Pattern, text: str) -> list[tuple[tuple[int, int], dict]]:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


# The quantity pattern as it was before round 5: a multiplier 万/亿 had to be followed by a Han
# character or a percent sign. Every unit opens with one, so dropping that look-ahead (which
# cost `re` 5 M instructions to compile at every start) must change no match.
_QUANTITY_BEFORE = quantities._QUANTITY.pattern.replace(
    "(?P<mult>[万亿])?", "(?P<mult>[万亿](?=[\\u4e00-\\u9fff%％]))?"
)
_QUANTITY_TEXT = st.text(alphabet="3０十两万亿余多元个百分点%％人次X×约第“”，。a年", max_size=30)


def test_every_unit_opens_with_a_han_character_or_a_percent_sign():
    """What makes the multiplier's look-ahead needless (see _QUANTITY_BEFORE)."""
    assert all("\u4e00" <= unit[0] <= "\u9fff" or unit[0] in "%％" for unit in quantities.UNITS)
    assert _QUANTITY_BEFORE != quantities._QUANTITY.pattern  # the test still compares two patterns


@settings(max_examples=2000, deadline=None)
@given(_QUANTITY_TEXT)
def test_the_quantity_pattern_matches_as_before_on_generated_text(text):
    assert _matches(quantities._QUANTITY, text) == _matches(re.compile(_QUANTITY_BEFORE), text)


def test_the_quantity_pattern_matches_as_before_on_the_real_reports():
    before = re.compile(_QUANTITY_BEFORE)
    for text in _real_texts():
        assert _matches(quantities._QUANTITY, text) == _matches(before, text)


# count's list-count pattern before round 5, with its look-behind for a word before the count
_NAMED_BEFORE = count._NAMED.pattern.replace("(?<![", "(?<=[\\u4e00-\\u9fffA-Za-z”’）)])(?<![", 1)
_NAMED_TEXT = st.text(alphabet="12０两二十百个项家、第各a（）)”“甲。 ", max_size=30)


def _named_now(text: str) -> list[tuple[tuple[int, int], dict]]:
    return [(m.span(), m.groupdict()) for m in count._NAMED.finditer(text) if count._after_word(text, m.start())]


@settings(max_examples=2000, deadline=None)
@given(_NAMED_TEXT)
def test_the_list_count_pattern_with_its_look_behind_in_python_finds_the_same(text):
    assert _NAMED_BEFORE != count._NAMED.pattern
    assert _named_now(text) == _matches(re.compile(_NAMED_BEFORE), text)


def test_the_list_count_pattern_finds_the_same_on_the_real_reports():
    before = re.compile(_NAMED_BEFORE)
    for text in _real_texts():
        assert _named_now(text) == _matches(before, text)


def test_plain_aliases_and_titles_are_found_exactly_where_their_regex_matches():
    """The built-in report types' aliases are plain words, kept as text and found with ``in``
    (nothing compiled at a start); on every line of the real reports each one is found where
    its regex, compiled as before, matches."""
    import regex

    from reportlint.base.regexes import found
    from reportlint.rules.engine import load_ruleset

    types = load_ruleset(()).types
    patterns = [t.title for t in types] + [a for t in types for s in t.sections for a in s.aliases]
    assert sum(isinstance(p, str) for p in patterns) > 40  # the aliases: plain words, not compiled
    lines = [line for text in _real_texts() for line in text.splitlines() if line.strip()]
    for pattern in patterns:
        source = pattern if isinstance(pattern, str) else pattern.pattern
        compiled = regex.compile(source, regex.VERSION0)
        assert [found(pattern, line) for line in lines] == [bool(compiled.search(line)) for line in lines], source


@pytest.mark.parametrize(
    ("pattern", "plain"),
    [
        ("主要工作", True),
        ("工作-情况: <1>", True),
        ("述职|述廉", False),
        ("a.b", False),
        ("(?i)x", False),
        ("问题$", False),
        ("x{2}", False),
        ("[问]题", False),
        ("\\d", False),
        ("a+", False),
        ("a*", False),
        ("^a", False),
    ],
)
def test_a_regex_is_plain_text_only_without_a_special_character(pattern, plain):
    import regex

    from reportlint.base import regexes
    from reportlint.rules.kinds.params import searchable

    assert regexes.plain(pattern) is plain
    assert isinstance(searchable(pattern, "sections"), str) is plain
    for text in ("主要工作情况", "工作-情况: <1>", "a.b axb", "X", "问题", "xx", "述廉", "7"):
        assert regexes.found(searchable(pattern, "sections"), text) == bool(regex.search(pattern, text))


def _named_tuple_kinds() -> list[type]:
    """The same named tuple made by ``typing`` and by ``base.record`` (round 8: no ``ForwardRef``
    compiled per field at start)."""
    import typing

    from reportlint.base import record

    made = []
    for base in (typing.NamedTuple, record.NamedTuple):

        class Finding(base):  # type: ignore[misc, valid-type]
            """A finding."""

            span: Span
            message: str = "x"
            fix: str | None = None

            def shifted(self, by: int) -> Finding:
                return self._replace(span=Span(self.span.start + by, self.span.end + by))

            @property
            def length(self) -> int:
                return self.span.end - self.span.start

        made.append(Finding)
    return made


def test_a_named_tuple_of_base_record_behaves_as_typing_makes_it():
    typed, cheap = _named_tuple_kinds()
    for kind in (typed, cheap):
        one = kind(Span(2, 5))
        assert one == (Span(2, 5), "x", None) and isinstance(one, tuple)
        assert kind._fields == ("span", "message", "fix") and kind._field_defaults == {"message": "x", "fix": None}
        assert one.shifted(3) == kind(Span(5, 8)) and one.length == 3 and kind.__doc__ == "A finding."
        assert kind(Span(1, 2), fix="y")._asdict() == {"span": Span(1, 2), "message": "x", "fix": "y"}
        assert repr(one) == "Finding(span=Span(start=2, end=5), message='x', fix=None)"
        with pytest.raises(AttributeError):
            one.other = 1  # type: ignore[attr-defined]
    assert list(cheap.__annotations__) == list(typed.__annotations__)


def test_the_classes_made_cheaper_keep_their_behaviour():
    """Named tuples stay tuples that pickle; a Record compares and hashes by value, as the
    ``NamedTuple`` checks and dataclasses it replaced did."""
    from reportlint.rules.kinds.nesting import compile as nesting
    from reportlint.rules.kinds.numbering import NumberingCheck

    position = Position(3, 4, 20)
    assert pickle.loads(pickle.dumps(position)) == position == (3, 4, 20)
    first, second = nesting({"pair": "“”", "inner": "‘’"}), nesting({"pair": "“”", "inner": "‘’"})
    assert first == second and first != nesting({"pair": "‘’", "inner": "“”"})
    assert hash(NumberingCheck(True)) == hash(NumberingCheck(True)) and NumberingCheck(True) != NumberingCheck(False)
    assert repr(first).startswith("NestingCheck(opening='“', closing='”'")
    result = LintResult("a.txt", text="x")
    assert result == LintResult("a.txt", text="x") != LintResult("b.txt", text="x")
    assert result.diagnostics == [] and pickle.loads(pickle.dumps(result)) == result


def tree_data(node) -> tuple:
    """A parse tree as plain data: Lark's and ``outline.lalr``'s compare by this."""
    if hasattr(node, "data"):
        return (str(node.data), tuple(tree_data(child) for child in node.children))
    return (node.type, node.value, node.start_pos)


def _both(text: str) -> tuple[tuple, tuple]:
    from reportlint.outline import parser as outline_parser

    return tree_data(outline_parser.tables().parse(text)), tree_data(outline_parser.parser().parse(text))


_LOOK_ALIKES = (
    "一、",
    "二季度",
    "三、四月份",
    "十一．",
    "1.5万元",
    "5、6月份",
    "12.2025年",
    "（一）、",
    "(二)",
    "（ 3 ）",
    "１２．",
    "０",
    "##paidbegin##",
    "##paidend##",
    "## ",
    "#",
    "######\t",
    "\t",
    "\u3000",
    "\u00a0",
    "\ufeff",
    "附件1：",
    "2.5%",
    "第一，",
)
_LINES = st.lists(
    st.lists(
        st.one_of(st.sampled_from(_LOOK_ALIKES), st.text(alphabet="一二十1２0.．、，,（）() \t#x季元", max_size=3)),
        max_size=6,
    ).map("".join),
    min_size=1,
    max_size=20,
)


@settings(max_examples=500, deadline=None)
@given(_LINES)
def test_the_tables_runner_parses_lines_as_lark_does(lines):
    """Markers, brackets, hashes, template tags, look-alikes (一、二季度, 1.5万元, （一）、),
    full-width digits, tabs and U+3000: ``outline.lalr`` running the tables Lark computed gives
    Lark's own tree, token for token."""
    runner, lark_tree = _both("\n".join(lines) + "\n")
    assert runner == lark_tree


def test_the_tables_runner_parses_every_line_of_the_real_reports_as_lark_does():
    lines = [line for text in _real_texts() for line in text.splitlines()]
    runner, lark_tree = _both("\n".join(lines) + "\n")
    assert runner == lark_tree and len(runner[1]) == len(lines)


def test_a_cold_check_of_a_report_imports_neither_lark_nor_openssl(tmp_path):
    """With the tables in the user cache a check runs them without Lark (some 90 M instructions
    of a start, docs/performance.md round 9); the first run, cache empty, builds them with Lark,
    which brings ``hashlib``. Our own SHA-256 keys come from ``base.digest``, so a start does not
    load OpenSSL (``_hashlib``, about 6 M instructions and 2 ms)."""
    import os
    import subprocess
    import sys

    report = tmp_path / "r.txt"
    report.write_text("2024年工作总结\n一、主要工作\n（一）抓落实。\n1.5万元已到位。\n", encoding="utf-8")
    code = (
        "import atexit, sys; atexit.register(lambda: print(sorted({m.split('.')[0] for m in sys.modules}"
        " & {'lark', 'lark_cython', 'hashlib', '_hashlib'}), file=sys.stderr));"
        " from reportlint.__main__ import run; run()"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    runs = [
        subprocess.run(
            [sys.executable, "-c", code, "check", "--no-cache", str(report)], env=env, capture_output=True, text=True
        )
        for _ in range(2)
    ]
    assert [run.stderr.splitlines()[-1] for run in runs] == ["['_hashlib', 'hashlib', 'lark']", "[]"], runs[1].stderr
    assert runs[0].stdout == runs[1].stdout and runs[1].returncode in (0, 1)


def test_damaged_tables_are_refused_when_loaded():
    """A cache entry whose tables do not hold together is a miss (built again), not a parse
    that fails half-way."""
    from reportlint.outline import lalr
    from reportlint.outline import parser as outline_parser

    data = outline_parser.tables().data
    assert lalr.Tables(data).parse("一、甲\n")
    for unparsable in ("x", "一、"):  # no terminal matches; the text ends after a marker
        with pytest.raises(ValueError):
            lalr.Tables(data).parse(unparsable)
    damaged = [
        {**data, "format": 0},
        {**data, "start": -1},
        {**data, "lexers": {}},
        {**data, "states": {**data["states"], "0": {"TEXT": [0, 10_000]}}},
        {**data, "states": {**data["states"], "0": {"TEXT": [1, 10_000]}}},
        {**data, "rules": [[*rule[:4], [[9, False]]] for rule in data["rules"]]},
    ]
    for bad in damaged:
        with pytest.raises((ValueError, KeyError, TypeError)):
            lalr.Tables(bad)


def test_a_grammar_feature_the_runner_does_not_read_is_refused():
    import lark

    from reportlint.outline import lalr

    for grammar in ('start: "a" B\nB: "b"\n%ignore " "', 'start: [A] B\nA: "a"\nB: "b"'):
        with pytest.raises(lalr.Unsupported):
            lalr.data_of(lark.Lark(grammar, parser="lalr", lexer="contextual"))


def test_a_named_tuple_of_base_record_refuses_a_default_before_a_field_without_one():
    """``collections.namedtuple`` gives defaults to the last fields; such a class would silently
    move a default onto the wrong field, so it is refused as ``typing`` refuses it."""
    import typing

    from reportlint.base import record

    for base in (typing.NamedTuple, record.NamedTuple):
        with pytest.raises(TypeError):

            class Wrong(base):  # type: ignore[misc, valid-type]
                first: int = 1
                second: int


def test_the_tables_are_keyed_by_larks_version_where_its_file_cannot_be_read(monkeypatch):
    """Lark's ``__init__.py`` (read, not imported, for the key) may not be a plain file (a
    zipped install): then Lark is imported for its version, and the tables still load."""
    import importlib.util
    from importlib.machinery import ModuleSpec

    import lark

    from reportlint.outline import parser as outline_parser

    read = outline_parser._lark_release()
    assert read == (Path(lark.__file__).read_bytes()) and b"__version__" in read
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name: ModuleSpec(name, None, origin="/none/lark/__init__.py")
    )
    assert outline_parser._lark_release() == lark.__version__.encode()
