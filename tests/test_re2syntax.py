"""RE2 twins of rule regexes (``base.re2syntax``, ``base.filtered``): a twin matches wherever its
regex does, an exact one exactly where, and a pass searched through its twins finds exactly what
the whole pass finds on ``regex`` alone.

Each pattern below is checked over texts drawn from its own characters and a few others
(hypothesis), against the ``regex`` engine reportlint uses.
"""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from reportlint.base import filtered, re2syntax
from reportlint.base.filtered import FilteredPass
from reportlint.base.re2syntax import translate

re2 = pytest.importorskip("re2")  # the [test] extra installs it; test_compiled_paths fails without it

EXTRA = "\n 　中文1a_X٣"  # a line feed, spaces, Han, ASCII, an Arabic-Indic digit (\d, not [0-9])

# (pattern, whether RE2 reads it exactly as regex does)
TRANSLATED = [
    ("述职|述责|述廉", True),
    ("[的了是在]", True),
    ("(?:[，。、]){2,}", True),
    ("a.b", True),  # "." is not a line feed, in both
    ("(?s)a.b", True),
    ("[^a]b", True),  # a negated class takes a line feed, in both
    ("[]a]b|[^]a]c", True),  # a "]" first in a class is a member
    (r"[\]\-\\]x", True),
    (r"\x41\u4e2d\n", True),
    ("^a", True),
    ("(?m)^a$", True),
    (r"a\Z", True),
    ("(?P<name>a)b", True),
    ("(?x) a  b  # a comment\n c", True),
    ("x{2,3}?y", True),
    ("x{,2}y", True),
    ("a(?#note)b", True),
    ("a$", False),  # at the end, or before a last line feed: dropped
    (r"\d+", False),
    (r"\s", False),
    (r"\w+@", False),
    (r"\bab\b", False),
    (r"[\d-z]x", False),
    (r"[^\s，]x", False),
    (r"\p{Han}{2}", False),
    (r"\P{Han}a", False),
    ("(?<=a)b", False),
    ("(?<!a)b", False),
    ("a(?=b)", False),
    ("a(?!b)", False),
    ("(?<=(?<=x)a)b", False),
    ("a(?=b(?=c))", False),
    ("(?<=a(?=b))c", False),
    ("a(?=(?<=a)b)", False),
    ("(?<=a)(?<!b)c(?!d)(?=e)", False),
    ("x(?<=x)y", False),
    ("(?=a)", False),
    ("(?<=》)、(?=《[^《》\\n]*》)|(?<=”)、(?=“)", False),
    ("(?>a+)b", False),
    ("a*+b", False),
    ("[^）]{1,30}?）", False),  # a large count is loosened
]

UNTRANSLATED = [
    r"(a)\1",
    "(?i)a",
    "a(?i)b",
    "(?i:a)b",
    "(?P<n>a)(?P=n)",
    "(?:ab){e<=1}",
    "[[:alpha:]]",
    r"\N{LATIN SMALL LETTER A}",
    "(?|a|b)",
    r"\Ga",
    r"a\Kb",
    "a{",
    "a{1001}",
    r"\0",
    "a)",
    "(a",
]


def _alphabet(pattern: str) -> str:
    return "".join(sorted(set(pattern) | set(EXTRA)))


def _spans(program, text: str) -> tuple[int, int] | None:
    found = program.search(text)
    return found.span() if found else None


@pytest.mark.parametrize(("pattern", "exact"), TRANSLATED)
def test_a_twin_matches_wherever_its_regex_does(pattern, exact):
    translation = translate(pattern)
    assert translation is not None and translation.exact == exact
    program, twin = regex.compile(pattern, regex.VERSION0), re2.compile(translation.source)

    @settings(max_examples=300, deadline=None)
    @given(st.text(alphabet=_alphabet(pattern), max_size=16))
    def check(text):
        if exact:
            assert _spans(twin, text) == _spans(program, text)
        elif program.search(text):
            assert twin.search(text)

    check()


@pytest.mark.parametrize("pattern", UNTRANSLATED)
def test_what_re2_cannot_read_stays_on_regex(pattern):
    assert translate(pattern) is None


def test_a_look_around_at_the_edge_is_read_as_text_and_narrows_the_twin():
    """``(?<=》)、(?=《…》)`` is searched by RE2 as ``》、《…》``, not as every 、."""
    twin = re2.compile(translate("(?<=》)、(?=《[^《》\\n]*》)").source)
    assert twin.search("《甲》、《乙》") and not twin.search("甲、乙")


PASSES = [
    (["(?<=甲)乙", "丙(?=丁)", "戊+"], True),
    (["(?<![0-9])[12][0-9]X{2}(?=年)", "X{1,4}(?![光射])"], True),
    (["(?m)^[ \t]*-\\s*\\d+\\s*-[ \t]*$"], False),
    (["a(?=b)|ab"], False),
]


@pytest.mark.parametrize(("sources", "joined"), PASSES)
@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_a_pass_through_its_twins_finds_what_the_whole_pass_finds(sources, joined, data):
    text = data.draw(st.text(alphabet=_alphabet("".join(sources)) + "年光-", max_size=24))
    searched = FilteredPass(sources, joined)
    filtered.TWINS.hits((), "a first text")  # a process's first short text is not filtered
    assert filtered.TWINS.hits(searched._places, text) is not None  # the filter really runs
    found = [(m.span(), m.lastgroup) for m in searched.finditer(text)]
    whole = searched.pattern
    assert found == [(m.span(), m.lastgroup) for m in whole.finditer(text)]


def test_a_pass_whose_twins_match_nothing_compiles_no_regex():
    """The point of the twins: the built-in look-around patterns, costly to compile, are
    compiled only for a text where they may match, and only the alternatives that may."""
    searched = FilteredPass(["(?<=甲)乙", "(?<=丙)丁"], joined=True)
    filtered.TWINS.hits((), "a first text")  # a process's first short text is not filtered
    assert list(searched.finditer("乙丙甲丁")) == []
    assert searched._compiled is None and searched._programs == {}
    assert [m.span() for m in searched.finditer("甲乙丁")] == [(1, 2)]
    assert list(searched._programs) == [(0,)]


def test_when_re2_gives_up_every_alternative_is_searched(monkeypatch):
    """A Set whose DFA ran out of memory answers nothing, not even the sentinel twin every
    text matches: then nothing is ruled out."""

    class GaveUp:
        def Match(self, data):  # noqa: N802 (RE2's name)
            return []

    monkeypatch.setattr(filtered, "TWINS", filtered.Twins())
    searched = FilteredPass(["(?<=a)b", "c"], joined=True)
    for n in range(filtered.FIRST_TEXTS):
        assert searched.candidates(f"text {n}") == (0, 1)  # not asked: every alternative
    assert searched.candidates("a later text") == ()
    monkeypatch.setattr(filtered._Built, "of", classmethod(lambda cls, sources: cls(GaveUp(), frozenset(), 2)))
    monkeypatch.setattr(filtered.TWINS, "_every", None)
    assert searched.candidates("xyz") == (0, 1)


def test_a_process_first_short_text_is_searched_without_re2(monkeypatch):
    """For one report, RE2's automaton costs more than the passes it spares: the first short
    text has every alternative searched; from the second on, the one Set of all answers."""
    monkeypatch.setattr(filtered, "TWINS", filtered.Twins())
    passes = [FilteredPass(["(?<=甲)乙", "丙(?=丁)"], True), FilteredPass(["戊+"], False), FilteredPass(["乙"], False)]
    texts = ["乙", "甲乙丙丁戊", "乙丙", "戊", "", "丙丁"]
    with monkeypatch.context() as patched:
        patched.setattr(filtered._Built, "of", classmethod(lambda *_: pytest.fail("RE2 asked")))
        per_pass = [[searched.candidates(text) for searched in passes] for text in texts[:1]]
    assert filtered.TWINS._every is None
    for text in texts[1:]:
        per_pass.append([searched.candidates(text) for searched in passes])
    assert filtered.TWINS._every is not None
    assert per_pass == [
        [(0, 1), (0,), (0,)],
        [(0, 1), (0,), (0,)],
        [(), (), (0,)],
        [(), (0,), ()],
        [(), (), ()],
        [(1,), (), ()],
    ]


def test_a_text_without_a_utf8_form_is_searched_on_regex_alone():
    searched = FilteredPass(["(?<=a)b", "c"], joined=True)
    text = "ab\ud800c"
    assert searched.candidates(text) == (0, 1)
    assert [m.span() for m in searched.finditer(text)] == [(1, 2), (3, 4)]


@pytest.mark.parametrize(
    ("escape", "excluded"),
    [(r"\d", re2syntax.NOT_DIGITS), (r"\s", re2syntax.NOT_SPACES), (r"\p{Han}", re2syntax.NOT_HAN)],
)
def test_the_characters_left_out_of_a_looser_class_are_never_in_it(escape, excluded):
    """The looser ``\\d``, ``\\s``, ``\\p{Han}`` leave out CJK punctuation, ideographs and
    full-width forms that the regex class never matches: checked one by one here."""
    program = regex.compile(escape, regex.VERSION0)
    assert [hex(c) for low, high in excluded for c in range(low, high + 1) if program.match(chr(c))] == []


def test_a_long_first_text_goes_to_the_one_set_at_once(monkeypatch):
    """Read once per pass, a long text costs more than the one Set's automaton."""
    monkeypatch.setattr(filtered, "TWINS", filtered.Twins())
    searched = FilteredPass(["(?<=甲)乙", "丙"], joined=True)
    text = "丙" * filtered.ALONE_UP_TO
    assert searched.candidates(text) == (1,)
    assert filtered.TWINS._every is not None


def test_twins_are_read_back_from_the_user_cache_and_a_damaged_entry_is_made_again(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(filtered, "_TRANSLATED", {})
    sources = ("(?<=甲)乙", r"(a)\1")
    assert filtered.translate_all(sources) == ["(?:甲)乙", None]
    (entry,) = tmp_path.glob("reportlint/*/re2-twins-*.json")

    def refused(source):
        raise AssertionError("translated again")

    monkeypatch.setattr(filtered, "_TRANSLATED", {})
    monkeypatch.setattr(re2syntax, "translate", refused)
    assert filtered.translate_all(sources) == ["(?:甲)乙", None]  # read back, not translated
    entry.write_text('["乙"]', encoding="utf-8")  # one twin for two regexes: damaged
    monkeypatch.setattr(filtered, "_TRANSLATED", {})
    monkeypatch.undo()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(filtered, "_TRANSLATED", {})
    assert filtered.translate_all(sources) == ["(?:甲)乙", None]
    assert entry.read_text(encoding="utf-8") != '["乙"]'


def test_a_pass_keeps_a_bounded_number_of_programs(monkeypatch):
    """A server fed texts that reach ever new combinations of alternatives must not compile one
    program for each: past the bound, the whole pass is searched (the same matches)."""
    monkeypatch.setattr(filtered, "MAX_PROGRAMS", 2)
    searched = FilteredPass(["甲", "乙", "丙"], joined=True)
    for text in ("甲", "乙", "丙", "甲乙"):
        assert [m.group() for m in searched.finditer(text)] == list(text)
    assert len(searched._programs) == 3  # two combinations, then the whole pass
    assert (0, 1, 2) in searched._programs
