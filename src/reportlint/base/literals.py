"""Where any of a list of plain strings occurs in a text, in one pass.

A ``typo`` list holds some two hundred strings; one ``str.find`` each is two hundred scans of
the report. With the optional compiled package ``ahocorasick-rs`` (``pip install
reportlint[fast]``) one Aho–Corasick pass finds them all; without it, or with the environment
variable ``REPORTLINT_PURE_PYTHON`` set, the strings are searched one by one. Both give the same
matches: leftmost first, the longest at one place, never overlapping (what a regex alternation
of the strings, longest first, would find).
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Any

PURE_PYTHON = "REPORTLINT_PURE_PYTHON"  # set (to anything) to leave the optional compiled packages unused


def pure_python() -> bool:
    """True when the optional compiled packages are to be left unused (read at each call, so a
    test can run both paths in one process)."""
    return bool(os.environ.get(PURE_PYTHON))


# The automaton is given the text a window at a time: it holds a UTF-8 copy of what it searches
# and an offset map, some 8 bytes per character (40 MB for a report of 5 MB).
WINDOW = 1 << 16


# The automaton is an NFA until a list has been searched through this many characters, then a
# DFA: the DFA scans faster (about 33 instructions a character fewer for the built-in lists; 0.2
# ms against 0.45 ms for two hundred strings over 20,000 characters) but costs some 7 M
# instructions more to build for a list of two hundred, which one report never repays: a cold
# start built the three built-in lists' DFAs for 18 M instructions, their NFAs take 4 M.
DFA_AFTER = 250_000
_scanned: dict[tuple[str, ...], int] = {}  # characters each list has been searched through


def literal_matches(text: str, literals: tuple[str, ...]) -> list[tuple[int, int, str]]:
    """``(start, end, literal)`` of each match of ``literals`` (non-empty strings) in ``text``."""
    automaton = None
    if literals and not pure_python():
        _scanned[literals] = scanned = _scanned.get(literals, 0) + len(text)
        automaton = _automaton(literals, scanned > DFA_AFTER)
    if automaton is not None:
        try:
            return _by_windows(automaton, text, literals)
        except UnicodeEncodeError:  # a lone surrogate (undecodable input) has no UTF-8 form
            pass
    return _one_by_one(text, literals)


def _by_windows(automaton: Any, text: str, literals: tuple[str, ...]) -> list[tuple[int, int, str]]:
    """The automaton's matches, ``WINDOW`` characters of match starts at a time. Each window
    opens where the last match ended and reaches one literal's length past its last start, so
    every match that starts in it is whole, and found as a search of the whole text finds it."""
    longest = max(map(len, literals))
    matches: list[tuple[int, int, str]] = []
    cursor = 0
    while cursor < len(text):
        limit = cursor + WINDOW
        window = text[cursor : limit + longest - 1]
        for index, start, end in automaton.find_matches_as_indexes(window):
            if cursor + start >= limit:
                break
            matches.append((cursor + start, cursor + end, literals[index]))
        cursor = max(limit, matches[-1][1] if matches else 0)
    return matches


@lru_cache(maxsize=64)
def _automaton(literals: tuple[str, ...], dfa: bool = False) -> Any:
    """The Aho–Corasick automaton of ``literals`` (built once per list and kind), or None
    without the package. Both kinds find the same matches."""
    try:
        import ahocorasick_rs
    except ImportError:
        return None
    implementation = ahocorasick_rs.Implementation.DFA if dfa else None  # None: the package's choice, an NFA
    return ahocorasick_rs.AhoCorasick(
        literals, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest, implementation=implementation
    )


def _one_by_one(text: str, literals: tuple[str, ...]) -> list[tuple[int, int, str]]:
    """The same matches with one ``str.find`` scan per literal, then leftmost-longest."""
    found = []
    for literal in literals:
        start = text.find(literal)
        while start >= 0:
            found.append((start, -len(literal), literal))
            start = text.find(literal, start + 1)
    matches, cursor = [], 0
    for start, negative_length, literal in sorted(found):
        if start >= cursor:
            matches.append((start, start - negative_length, literal))
            cursor = start - negative_length
    return matches
