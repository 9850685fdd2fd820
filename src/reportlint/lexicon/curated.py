"""The curated vocabulary shipped with reportlint: names of bodies and of the provinces
(``data/bodies.txt``), names of laws and central regulations (``data/laws.txt``), standard
formulations (``data/official.txt``) and 成语 (``data/chengyu.txt``), written from published
sources, and the names of the administrative divisions read from a package's table (``places``,
with ``reportlint[typos]``).

These are the fixed expressions whose near-misses the typo rules look for; the general word
list (``words``) also holds them, so a look-up finds them as words. Names are kept apart from
formulations because a name is fixed character by character, while new coinages vary a
formulation (数智化 beside 数字化): ``near-miss`` accepts weaker likeness in a name.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from reportlint.base.diskcache import file_stamp

DATA = Path(__file__).parent / "data"
BODIES = DATA / "bodies.txt"
OFFICIAL = DATA / "official.txt"
CHENGYU = DATA / "chengyu.txt"
LAWS = DATA / "laws.txt"
FILES = (BODIES, OFFICIAL, CHENGYU, LAWS)


def sources() -> tuple[Path, ...]:
    """The files the lists are read from: what the tables compiled from them are keyed by.
    (``places`` is imported here and in ``official``, which only the typo rules and table
    builds call: a run without them never imports it.)"""
    from reportlint.lexicon import places

    return FILES + places.sources()


def stamps() -> list[str]:
    """The stamps of the lists' sources, for the keys of every table compiled from them."""
    return [file_stamp(path) for path in sources()]


@lru_cache(maxsize=8)
def _entries(path: Path) -> tuple[str, ...]:
    """The non-comment lines of a data file, stripped (read once: several lists share a file)."""
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return tuple(line for line in lines if line)


@lru_cache(maxsize=1)
def official() -> tuple[str, ...]:
    """The names (of bodies, of laws and of the divisions) and the formulations. A division's
    name of two characters (和县, 城区) is left out: in the word list it would read ordinary text
    as a name for every rule that asks whether a pair is a word."""
    from reportlint.lexicon import places

    divisions = tuple(name for name in places.names() if len(name) >= 3)
    return _entries(BODIES) + _entries(OFFICIAL) + _entries(LAWS) + divisions


@lru_cache(maxsize=1)
def names() -> frozenset[str]:
    """The names alone, fixed character by character: of bodies and of the provinces, of the
    kinds of division (自治区, 县级市) and of laws (the divisions' own names are ``places``)."""
    return frozenset(_entries(BODIES) + _entries(LAWS))


@lru_cache(maxsize=1)
def laws() -> frozenset[str]:
    """The names of laws and central regulations: a list that holds every law in force, so a
    title one character off one of them names no other law (unlike a body, which may be one
    the list lacks)."""
    return frozenset(_entries(LAWS))


@lru_cache(maxsize=1)
def chengyu() -> tuple[str, ...]:
    return _entries(CHENGYU)
