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
from reportlint.formats import Context, writer
from reportlint.outline.parser import parse_outline
from reportlint.rules.engine import get_linter
from reportlint.runner import Options, _check_file


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
    outcomes = [_check_file(f, options) for f in files]
    blobs = [pickle.dumps(o) for o in outcomes]
    out = writer("json", Context())

    def each(function: Callable[[object], object], items: list) -> Callable[[], None]:
        """Run ``function`` on every item, keeping no result (as a worker does)."""

        def work() -> None:
            for item in items:
                function(item)

        return work

    stages = {
        "a worker: read, decode and lint one file": each(lambda f: _check_file(f, options), files),
        "lint: parse, rules, diagnostics": each(lambda t: linter.lint(t, "report.txt"), texts),
        "parse the outline": each(parse_outline, texts),
        "main process: unpickle a worker's result": each(pickle.loads, blobs),
        "main process: JSON output": each(lambda o: out.add(o.result), outcomes),
    }
    # Every round runs every stage, so a slow spell of a shared machine falls on all of them.
    best = dict.fromkeys(stages, float("inf"))
    rules: dict[str, float] = {}
    for _ in range(args.rounds):
        for stage, work in stages.items():
            linter.timings = {}
            started = time.process_time()
            work()
            best[stage] = min(best[stage], time.process_time() - started)
            for rule, seconds in (linter.timings or {}).items():  # set by lint_all; _check_file resets it
                rules[rule] = min(rules.get(rule, float("inf")), seconds)
    linter.timings = None

    n = len(files)
    rows = [(stage, seconds) for stage, seconds in best.items() if not stage.startswith("main")]
    rows.append(("all rules", sum(rules.values())))
    rows += [(f"rule {rule}", seconds) for rule, seconds in sorted(rules.items(), key=lambda kv: -kv[1])]
    rows += [(stage, seconds) for stage, seconds in best.items() if stage.startswith("main")]
    print(f"CPU ms per report, {n} reports of {corpus}, best of {args.rounds} rounds (rules: wall time)\n")
    print("| stage | ms |\n|---|---|")
    for stage, seconds in rows:
        print(f"| {stage} | {seconds / n * 1000:.3f} |")


if __name__ == "__main__":
    main()
