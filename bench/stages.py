#!/usr/bin/env python3
"""Where one process spends its time per report, stage by stage: parsing, each rule, the rest
of the engine, and what the main process of a parallel run does with a result.

    python bench/stages.py            # on the corpus bench.py built (1000 reports by default)
    python bench/stages.py --n 300    # fewer reports, quicker

CPU time (not wall time), the best of several rounds, so that a busy shared machine disturbs
the figures less. Run bench.py first: this script reads the corpus it wrote.
"""

from __future__ import annotations

import argparse
import pickle
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bench import WORK
from reportlint.api import settings_for
from reportlint.engine import get_linter
from reportlint.formats import Context, writer
from reportlint.outline import parse_outline
from reportlint.runner import Options, _check_file


def best_ms(work: Callable[[], object], count: int, rounds: int) -> float:
    """Milliseconds of CPU per report for ``work`` (which handles ``count`` reports)."""
    best = float("inf")
    for _ in range(rounds):
        started = time.process_time()
        work()
        best = min(best, time.process_time() - started)
    return best / count * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="the corpus bench.py built (default 1000)")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    corpus = WORK / f"corpus-{args.n}"
    files = sorted(str(p) for p in corpus.glob("*.txt"))
    if not files:
        sys.exit(f"stages: no corpus in {corpus}; run `python bench/bench.py --n {args.n}` first")
    texts = [Path(f).read_text(encoding="utf-8") for f in files]
    linter = get_linter(settings_for(files[0]))
    options = Options(keep_text=False)
    n, rounds = len(files), args.rounds

    rows = [
        (
            "a worker: read, decode and lint one file",
            best_ms(lambda: [_check_file(f, options) for f in files], n, rounds),
        )
    ]
    rows.append(
        (
            "lint: parse, rules, diagnostics",
            best_ms(lambda: [linter.lint(t, f) for t, f in zip(texts, files, strict=True)], n, rounds),
        )
    )
    rows.append(("parse the outline", best_ms(lambda: [parse_outline(t) for t in texts], n, rounds)))
    linter.timings = {}
    for text, name in zip(texts, files, strict=True):
        linter.lint(text, name)
    rule_rows = sorted(((seconds / n * 1000, rule) for rule, seconds in linter.timings.items()), reverse=True)
    linter.timings = None
    rows.append(("all rules (one round)", sum(ms for ms, _ in rule_rows)))
    rows += [(f"rule {rule}", ms) for ms, rule in rule_rows]
    outcomes = [_check_file(f, options) for f in files]
    blobs = [pickle.dumps(o) for o in outcomes]
    out = writer("json", Context())
    rows.append(
        ("main process: unpickle a worker's result", best_ms(lambda: [pickle.loads(b) for b in blobs], n, rounds))
    )
    rows.append(("main process: JSON output", best_ms(lambda: [out.add(o.result) for o in outcomes], n, rounds)))

    print(f"CPU ms per report, {n} reports of {corpus}, best of {rounds} rounds\n")
    print("| stage | ms |\n|---|---|")
    for stage, ms in rows:
        print(f"| {stage} | {ms:.3f} |")


if __name__ == "__main__":
    main()
