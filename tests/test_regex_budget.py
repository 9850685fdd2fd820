"""The regex budget of one document charges time spent searching, and only that.

A first run on a cold user cache builds the lexicon's tables (seconds) inside the first
document's lint. While the budget was a deadline on the wall clock, that build spent it, and
every user-regex rule of the first document ended in ``rule-error`` (正则表达式超时): the run's
findings then depended on whether the cache was warm. The clock is faked here, so nothing is
timed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import regex

from reportlint.base import regexes

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_e4ab13fd1b405e5f.txt"
PATTERN = regex.compile("b")
TEXT = "abcabc"


class Clock:
    """A monotonic clock that moves only when told, or by ``step`` at every reading."""

    def __init__(self, step: float = 0.0) -> None:
        self.now = 0.0
        self.step = step

    def __call__(self) -> float:
        self.now += self.step
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(regexes, "monotonic", fake)
    return fake


def test_time_outside_searches_does_not_spend_the_budget(clock: Clock) -> None:
    with regexes.budget(2.0):
        clock.now += 60.0  # a lexicon table built, other rules run, the CPU taken by others
        assert regexes.search(PATTERN, TEXT) is not None
        assert [m.start() for m in regexes.finditer(PATTERN, TEXT)] == [1, 4]


def test_time_inside_searches_spends_it(clock: Clock) -> None:
    clock.step = 0.5  # each reading of the clock: half a second later, so one search costs 0.5 s
    with regexes.budget(2.5):
        regexes.search(PATTERN, TEXT)
        regexes.search(PATTERN, TEXT)  # 1.0 s spent
        assert len(list(regexes.finditer(PATTERN, TEXT))) == 2  # three steps (the last finds none): 1.5 s
        with pytest.raises(TimeoutError):
            regexes.search(PATTERN, TEXT)
        with pytest.raises(TimeoutError):
            list(regexes.finditer(PATTERN, TEXT))


def test_a_finditer_stops_when_its_own_steps_spend_the_budget(clock: Clock) -> None:
    clock.step = 0.5
    with regexes.budget(1.0), pytest.raises(TimeoutError):
        list(regexes.finditer(PATTERN, "b" * 10))


def test_time_between_matches_is_the_callers_not_the_searchs(clock: Clock) -> None:
    with regexes.budget(2.0):
        found = []
        for match in regexes.finditer(PATTERN, TEXT):
            clock.now += 5.0  # the rule's own work on a match
            found.append(match.start())
    assert found == [1, 4]


def test_each_document_gets_a_budget_of_its_own(clock: Clock) -> None:
    clock.step = 2.5
    with regexes.budget(2.0):
        regexes.search(PATTERN, TEXT)
        with pytest.raises(TimeoutError):
            regexes.search(PATTERN, TEXT)
    with regexes.budget(2.0):
        assert regexes.search(PATTERN, TEXT) is not None


def test_kinds_own_re_patterns_are_not_charged(clock: Clock) -> None:
    import re

    clock.step = 10.0
    with regexes.budget(2.0):
        assert len(list(regexes.finditer(re.compile("b"), TEXT))) == 2
        assert regexes.search(PATTERN, TEXT) is not None  # nothing was charged before


def test_a_cold_cache_gives_the_same_findings_as_a_warm_one(tmp_path: Path) -> None:
    """The whole run, twice, on an empty user cache: the first builds the lexicon's tables."""
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "LANG": "C.UTF-8"}
    env.pop("REPORTLINT_NO_USER_CACHE", None)
    command = [sys.executable, "-m", "reportlint", "check", "--no-cache", "--format", "concise", str(SEED)]
    cold, warm = (subprocess.run(command, capture_output=True, text=True, env=env) for _ in range(2))
    assert "rule-error" not in cold.stdout
    assert cold.stdout == warm.stdout
    assert cold.stdout.rstrip().splitlines()[-1].startswith("Found 24 problems")
