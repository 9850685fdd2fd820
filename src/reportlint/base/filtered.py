"""A rule's regexes searched only where RE2 says they can match.

A ``pattern`` or ``substitution`` rule searches its regexes as one pass (several joined as an
alternation, each a group ``p0``, ``p1``, …). With the optional compiled package ``google-re2``
(``pip install reportlint[fast]``), each regex also gets an RE2 *twin* (:mod:`re2syntax`): the
same pattern, or a looser one where RE2 cannot read it alike, which matches wherever the regex
can. One RE2 ``Set`` pass over the text (C++, linear time, no regex budget needed) tells which
twins match; the others' regexes cannot match and are left out of the pass, and when none is
left there is no ``regex`` search at all. The ``regex`` program of what is left is compiled on
first need, once per combination. A process's first short text is searched without RE2 (see
:class:`Twins`).

The matches are always the ``regex`` engine's, so they are exactly those of the whole pass:
an alternative that matches nowhere in the text never takes part in a match. Without the
package, with ``REPORTLINT_PURE_PYTHON`` set, or on a text with no UTF-8 form (a lone
surrogate), the whole pass runs on ``regex`` as before.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import regex

from reportlint.base import re2syntax, regexcode
from reportlint.base.digest import sha256
from reportlint.base.diskcache import cached_json, file_stamp
from reportlint.base.literals import pure_python
from reportlint.base.regexes import finditer

_SENTINEL = rb"\A"  # a twin every text matches: missing from a Set's answer means RE2 gave up
_NEVER = rb"[^\x00-\x{10FFFF}]"  # a twin no text matches, in the place of a regex without one
MAX_TWINS = 10_000  # regexes beyond these (rule sets loaded again and again) are searched unfiltered
MAX_PROGRAMS = 64  # compiled combinations of one pass's alternatives, at most


def alternation(sources: Sequence[str], names: Sequence[int] | None = None) -> str:
    """The regexes as one, each a group named ``p<n>`` (``n`` from ``names``, else 0, 1, …)."""
    numbers = range(len(sources)) if names is None else names
    return "|".join(f"(?P<p{n}>{source})" for n, source in zip(numbers, sources, strict=True))


class FilteredPass:
    """One search pass of a rule: one regex (``joined`` False), or several as groups ``p0``, ``p1``,
    … of one alternation. ``compiled`` is the whole pass's program if the loader already has it
    (it compiles user rules at once, to report a bad regex); else it is compiled on first need."""

    def __init__(self, sources: Sequence[str], joined: bool, compiled: regex.Pattern | None = None) -> None:
        if not joined and len(sources) != 1:
            raise ValueError("a pass that is not joined has one regex")
        self.sources = tuple(sources)
        self.joined = joined
        self._compiled = compiled
        self._programs: dict[tuple[int, ...], regex.Pattern] = {}
        self._places = TWINS.register(self.sources)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FilteredPass) and (self.sources, self.joined) == (other.sources, other.joined)

    def __hash__(self) -> int:
        return hash((self.sources, self.joined))

    def __repr__(self) -> str:
        return f"FilteredPass({list(self.sources)!r}, joined={self.joined})"

    @property
    def pattern(self) -> regex.Pattern:
        """The ``regex`` program of the whole pass."""
        if self._compiled is None:
            self._compiled = self._program(tuple(range(len(self.sources))))
        return self._compiled

    def candidates(self, text: str) -> tuple[int, ...]:
        """The indexes of the regexes that may match in ``text``: those whose twins match, every
        one without RE2 (or where RE2 cannot tell)."""
        places = self._places
        hits = None if places is None or pure_python() else TWINS.hits(places, text)
        if places is None or hits is None:
            return tuple(range(len(self.sources)))
        return tuple(i for i, place in enumerate(places) if place in hits)

    def finditer(self, text: str) -> Iterator[Any]:
        """The ``regex`` matches of the pass in ``text`` (under the document's regex budget)."""
        wanted = self.candidates(text)
        if not wanted:
            return iter(())
        whole = len(wanted) == len(self.sources) or (
            wanted not in self._programs and len(self._programs) >= MAX_PROGRAMS
        )  # texts made to reach ever new combinations get the whole pass: the same matches
        return finditer(self.pattern if whole else self._program(wanted), text)

    def _program(self, wanted: tuple[int, ...]) -> regex.Pattern:
        program = self._programs.get(wanted)
        if program is None:
            source = alternation([self.sources[i] for i in wanted], wanted) if self.joined else self.sources[0]
            program = self._programs[wanted] = regexcode.compile(source, regex.VERSION0)
        return program


class Twins:
    """The twins of every registered regex, searched as one RE2 ``Set``, which answers for all
    rules at once. A process's first text, if short, is searched on ``regex`` alone: for one
    report, importing ``re2`` and building its automata cost more than the passes they spare
    (a cold check, 24 M instructions more with them; the whole passes' programs come from
    :mod:`regexcode`'s cache, the same whatever the text)."""

    def __init__(self) -> None:
        self.places: dict[str, int] = {}  # regex → its twin's place (1, 2, …) in the one Set
        self._lock = threading.Lock()
        self._every: _Built | None = None  # the one Set, built for len(places) regexes
        self._text: str | None = None  # the text searched last (the next rule searches it too)
        self._found: frozenset[int] | None = None  # the places whose twins match it (None: not known)
        self._texts = 0  # how many texts this process has searched

    def register(self, sources: tuple[str, ...]) -> tuple[int, ...] | None:
        """The places of ``sources`` (None past :data:`MAX_TWINS`: not filtered)."""
        with self._lock:
            for source in sources:
                if source not in self.places and len(self.places) < MAX_TWINS:
                    self.places[source] = len(self.places) + 1
            places = tuple(self.places.get(source, -1) for source in sources)
        return None if -1 in places else places

    def hits(self, places: tuple[int, ...], text: str) -> frozenset[int] | None:
        """Those of ``places`` whose twins match ``text`` (and those with no twin); None when RE2
        cannot tell or is not asked: the package is missing, the text has no UTF-8 form, RE2
        gave up, or the text is the process's first and short."""
        with self._lock:
            if text is not self._text:
                self._text, self._texts = text, self._texts + 1
                first = self._texts <= FIRST_TEXTS and len(text) < ALONE_UP_TO
                self._found = None if first else self._search(text)
            found = self._found
        return None if found is None else found.intersection(places)

    def _search(self, text: str) -> frozenset[int] | None:
        """The places whose twins match ``text``, by the one Set of every twin."""
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate
            return None
        translate_all(tuple(self.places))  # one cache entry for every twin a start needs
        if self._every is None or self._every.size != len(self.places):
            self._every = _Built.of(tuple(self.places))
        built = self._every
        if built.twins is None:
            return None
        found = set(built.twins.Match(data))
        if 0 not in found:  # the sentinel, which every text matches, is missing: RE2 gave up
            return None
        numbered = tuple(self.places.values())
        return frozenset(numbered[i - 1] for i in found | built.untwinned if i)


FIRST_TEXTS = 1  # texts searched on regex alone before the one Set of all is built
# A longer text goes to the one Set at once: the passes it spares cost more than its automaton.
ALONE_UP_TO = 50_000


class _Built:
    """An RE2 Set of the sentinel (0) and the twins of some regexes (1, 2, … in their order)."""

    __slots__ = ("twins", "untwinned", "size")

    def __init__(
        self,
        twins: Any,  # None: RE2 is not installed, or refused to build the Set
        untwinned: frozenset[int],  # the numbers of the regexes without a twin (always candidates)
        size: int,
    ) -> None:
        self.twins, self.untwinned, self.size = twins, untwinned, size

    @classmethod
    def of(cls, sources: tuple[str, ...]) -> _Built:
        try:
            from re2 import _re2
        except ImportError:
            return cls(None, frozenset(), len(sources))
        options = _re2.RE2.Options()
        options.never_capture = True
        options.log_errors = False
        twins = _re2.Set(_re2.RE2.Anchor.UNANCHORED, options)
        twins.Add(_SENTINEL)
        untwinned = set()
        for number, twin in enumerate(translate_all(sources), 1):
            if twin is None or twins.Add(twin.encode()) == -1:
                untwinned.add(number)
                twins.Add(_NEVER)  # keeps the numbering
        return cls(twins if twins.Compile() else None, frozenset(untwinned), len(sources))


_TRANSLATED: dict[str, str | None] = {}  # regex → its twin (None: it has none)


def translate_all(sources: tuple[str, ...]) -> list[str | None]:
    """The twins of ``sources``. Those not yet translated in this process are read from the
    user cache if this same code translated the same regexes before (translating the built-in
    packs' 49 regexes in Python costs some 19 M instructions, a fortieth of a cold start)."""
    missing = tuple(dict.fromkeys(source for source in sources if source not in _TRANSLATED))
    if missing:
        key = sha256("\0".join((file_stamp(re2syntax.__file__), *missing)).encode()).hexdigest()
        twins = cached_json("re2-twins", key, lambda: _twins(missing), list, _twin_list(len(missing)))
        _TRANSLATED.update(zip(missing, twins, strict=True))
    return [_TRANSLATED[source] for source in sources]


def _twins(sources: tuple[str, ...]) -> list[str | None]:
    translations = [re2syntax.translate(source) for source in sources]
    return [None if translation is None else translation.source for translation in translations]


def _twin_list(size: int) -> Callable[[Any], list[str | None]]:
    """Reads a cached list of ``size`` twins; anything else raises (the entry is then a miss)."""

    def decode(value: Any) -> list[str | None]:
        if not isinstance(value, list) or len(value) != size or not all(v is None or isinstance(v, str) for v in value):
            raise ValueError("not a list of twins")
        return value

    return decode


TWINS = Twins()
