#!/usr/bin/env python3
"""Typo detection measured on the ECSpell official-document sentences (``odw.train``).

    python bench/typos.py [PATH] [--show] [--misses] [--extend-select near-miss]

PATH defaults to ../shared/corpus/ecspell-odw/odw.train. Without ``--extend-select`` it measures
twice: the rules of the typo family that are on by default (the rules as shipped), then the
whole family (``near-miss`` and ``wrong-char`` too, which are off by default for their cost);
with it, the default rules and those it adds.
Each line is ``errors<TAB>as written<TAB>corrected``, the two aligned character by character.
A misspelt sentence counts as found when a finding of the typo family covers one of its wrong
characters; a correct sentence counts as a false alarm when any typo-family finding falls on it.
Every false alarm is printed, so that each can be read. ``--misses`` sorts the misspelt sentences
not found by what kind of slip each is and how much better the text reads mended (``classify``).
"""

from __future__ import annotations

import argparse
import math
import sys
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

from reportlint.api import lint_text
from reportlint.rules.engine import get_linter
from reportlint.rules.settings import Settings

TYPO_FAMILY = ("typo", "near-miss", "variant-form", "wrong-char", "traditional-char")
DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "ecspell-odw" / "odw.train"


@dataclass
class Measure:
    misspelt: int = 0
    found: int = 0  # misspelt sentences with a finding on a wrong character
    correct: int = 0
    flagged: list[str] = field(default_factory=list)  # correct sentences with a finding
    by_rule: dict[str, int] = field(default_factory=dict)  # sentences each rule finds (some, several)
    shown: list[str] = field(default_factory=list)
    missed: list[tuple[str, str]] = field(default_factory=list)  # (as written, corrected) not found


def measure(path: Path, show: bool = False, extend: tuple[str, ...] = ()) -> Measure:
    settings = Settings(select=selected(extend))
    result = Measure()
    for line in path.read_text(encoding="utf-8").splitlines():
        errors, written, corrected = line.split("\t")
        hits = [(d.start.offset, d.end.offset, d.rule) for d in lint_text(written, settings=settings).diagnostics]
        if errors == "0":
            result.correct += 1
            if hits:
                result.flagged.append(f"{hits}: {written}")
            continue
        result.misspelt += 1
        wrong = {i for i, (a, b) in enumerate(zip(written, corrected, strict=False)) if a != b}
        right = [rule for start, end, rule in hits if wrong & set(range(start, max(end, start + 1)))]
        if right:
            result.found += 1
            for rule in set(right):
                result.by_rule[rule] = result.by_rule.get(rule, 0) + 1
        else:
            result.missed.append((written, corrected))
        if show and hits:
            result.shown.append(f"{'found' if right else 'misplaced'} {hits}: {written}")
    return result


def selected(extend: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The rules of the typo family that a run with ``--extend-select extend`` checks (the
    engine's own selection)."""
    chosen = {rule.id for rule in get_linter(Settings(extend_select=extend)).rules}
    return tuple(r for r in TYPO_FAMILY if r in chosen)


GAINS = (0, 3, 5, 8, 11, 13)  # the gain buckets of ``--misses`` (natural log), the bars among them


def classify(written: str, corrected: str) -> tuple[str, float]:
    """What kind of slip a misspelt sentence holds, and the gain (``slips.gain``: how much more
    probable the reading around becomes) of putting the right characters back, for its wrong
    character (or pair side by side) that gains most: ``two side by side`` (a word typed for
    another, 等级 for 登记), ``orphan`` (the written character forms no word with either
    neighbour: the place ``wrong-char`` looks) by how the characters are alike, ``in a long word``
    (the right one completes a word of four or more: ``near-miss``'s ground), ``word for word``
    (the written one forms a word too: 保鲜 for 保险), ``no word`` (the right one forms none
    either), ``not Han`` (and ``written as corrected``: a line of the data marked misspelt
    that is not)."""
    from reportlint.lexicon.han import is_han
    from reportlint.lexicon.reading import is_word
    from reportlint.lexicon.slips import gain, look_alike, orphans
    from reportlint.lexicon.sounds import primary, sound_alike

    wrong = [i for i, (a, b) in enumerate(zip(written, corrected, strict=False)) if a != b]
    lonely = set(orphans(written))
    kinds = []
    for i in wrong:
        a, b = written[i], corrected[i]
        if not (is_han(a) and is_han(b)):
            kinds.append(("not Han", -math.inf))
            continue
        if i + 1 in wrong or i - 1 in wrong:
            start = i if i + 1 in wrong else i - 1
            kinds.append(("two side by side", gain(written, start, corrected[start : start + 2])))
            continue
        if i in lonely:
            alike = (
                "same reading"
                if primary(a) == primary(b)
                else "other reading"
                if sound_alike(a, b)
                else "look-alike"
                if look_alike(a, b) or look_alike(b, a)
                else "unrelated"
            )
            kind = f"orphan, {alike}"
        else:
            spans = [
                corrected[s:e]
                for s in range(max(0, i - 7), i + 1)
                for e in range(i + 1, min(len(corrected), s + 8) + 1)
            ]
            longest = max((len(w) for w in spans if len(w) >= 2 and is_word(w)), default=0)
            kind = "in a long word" if longest >= 4 else "word for word" if longest else "no word"
        kinds.append((kind, gain(written, i, b)))
    return max(kinds, key=lambda kind: kind[1], default=("written as corrected", 0.0))


def misses_table(missed: list[tuple[str, str]]) -> list[str]:
    """The sentences not found, by kind (``classify``) and gain bucket, as table lines."""
    heads = [f"< {GAINS[1]}"] + [f"{a}-{b}" for a, b in zip(GAINS[1:], GAINS[2:], strict=False)] + [f">= {GAINS[-1]}"]
    counts: dict[str, list[int]] = {}
    for written, corrected in missed:
        kind, gained = classify(written, corrected)
        row = counts.setdefault(kind, [0] * len(heads))
        row[max(0, bisect_right(GAINS, gained) - 1)] += 1
    lines = ["| kind | sentences | gain " + " | ".join(heads) + " |", "|---" * (len(heads) + 2) + "|"]
    for kind, row in sorted(counts.items(), key=lambda item: -sum(item[1])):
        lines.append(f"| {kind} | {sum(row)} | " + " | ".join(map(str, row)) + " |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--show", action="store_true", help="also print every finding on a misspelt sentence")
    parser.add_argument("--misses", action="store_true", help="also sort the sentences not found by kind and gain")
    parser.add_argument(
        "--extend-select",
        default=None,
        help="rules off by default to measure too (comma-separated); without it, the rules as shipped"
        " and then the whole typo family",
    )
    args = parser.parse_args()
    if not args.path.is_file():
        sys.exit(f"typos: {args.path}: no such file")
    for number, extend in enumerate(runs(args.extend_select)):
        if number:
            print()
        report(args.path, extend, args.show, args.misses)


def runs(extend_select: str | None) -> list[tuple[str, ...]]:
    """The ``--extend-select`` of each measurement: as given, or (none given) the rules as
    shipped and then the whole family, so that one run shows both."""
    if extend_select is None:
        return [(), tuple(r for r in TYPO_FAMILY if r not in selected())]
    return [tuple(r for r in extend_select.split(",") if r)]


def report(path: Path, extend: tuple[str, ...], show: bool, misses: bool) -> None:
    """Measure the rules a run with ``--extend-select extend`` checks, and print the figures."""
    print("rules:", ", ".join(selected(extend)), f"(--extend-select {','.join(extend)})" if extend else "(as shipped)")
    result = measure(path, show, extend)
    for line in result.shown + [f"false alarm {f}" for f in result.flagged]:
        print(line)
    print(
        f"misspelt sentences found at a wrong character: {result.found}/{result.misspelt}"
        f" = {result.found / result.misspelt:.1%}"
    )
    flagged = len(result.flagged)
    print(f"correct sentences flagged: {flagged}/{result.correct} = {flagged / result.correct:.1%}")
    by_rule = ", ".join(f"{k} {v}" for k, v in sorted(result.by_rule.items()))
    print("found, by each rule that found it (a sentence may count for several):", by_rule)
    if misses:
        print("\n".join(misses_table(result.missed)))


if __name__ == "__main__":
    main()
