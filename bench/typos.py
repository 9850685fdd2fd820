#!/usr/bin/env python3
"""Typo detection measured on the ECSpell official-document sentences (``odw.train``).

    python bench/typos.py [PATH] [--show] [--extend-select near-miss]

PATH defaults to ../shared/corpus/ecspell-odw/odw.train. The rules measured are those of the
typo family that are on by default (the rules as shipped), and those ``--extend-select`` adds.
Each line is ``errors<TAB>as written<TAB>corrected``, the two aligned character by character.
A misspelt sentence counts as found when a finding of the typo family covers one of its wrong
characters; a correct sentence counts as a false alarm when any typo-family finding falls on it.
Every false alarm is printed, so that each can be read.
"""

from __future__ import annotations

import argparse
import sys
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
        if show and hits:
            result.shown.append(f"{'found' if right else 'misplaced'} {hits}: {written}")
    return result


def selected(extend: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The rules of the typo family that a run with ``--extend-select extend`` checks (the
    engine's own selection)."""
    chosen = {rule.id for rule in get_linter(Settings(extend_select=extend)).rules}
    return tuple(r for r in TYPO_FAMILY if r in chosen)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--show", action="store_true", help="also print every finding on a misspelt sentence")
    parser.add_argument("--extend-select", default="", help="rules off by default to measure too (comma-separated)")
    args = parser.parse_args()
    if not args.path.is_file():
        sys.exit(f"typos: {args.path}: no such file")
    extend = tuple(r for r in args.extend_select.split(",") if r)
    print("rules:", ", ".join(selected(extend)))
    result = measure(args.path, args.show, extend)
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


if __name__ == "__main__":
    main()
