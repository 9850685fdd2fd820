#!/usr/bin/env python3
"""Inputs built to make a rule slow, at growing sizes: the time must grow with the size, no faster.

    python bench/attacks.py              # sizes 1000, 2000, 4000 repeats
    python bench/attacks.py --sizes 2000 8000

Each case repeats one short pattern (issue 13, item 4: ``'共计100万元，其中' * 2000`` once took
minutes in total-mismatch) and lints it with the default rules; CPU time (best of three) and its
growth from one size to the next are printed: about 2x per doubling is linear, 4x quadratic.
"""

from __future__ import annotations

import argparse
import time

from reportlint import lint_text

CASES = {
    "total: breakdowns": "共计100万元，其中",
    "total: breakdowns opened by a comma": "共计100万元，其中，",
    "total: closing totals": "甲1个、乙2个，合计3个，",
    "total: totals before a colon": "共计3个：甲1个、乙2个，",
    "count: named lists": "甲、乙、丙2个项目，",
    "count: announced counts": "以下两个方面：一是甲；",
}


def cpu_seconds(text: str, rounds: int = 3) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        lint_text(text, "attack.txt")
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 4000])
    args = parser.parse_args()
    print("| case | " + " | ".join(f"×{n}" for n in args.sizes) + " | growth |")
    print("|---|" + "---|" * (len(args.sizes) + 1))
    for name, unit in CASES.items():
        times = [cpu_seconds(unit * n) for n in args.sizes]
        growth = " ".join(f"{b / a:.1f}x" for a, b in zip(times, times[1:], strict=False) if a > 0)
        sizes = [len((unit * n).encode()) // 1024 for n in args.sizes]
        cells = " | ".join(f"{t * 1000:.0f} ms ({kb} KB)" for t, kb in zip(times, sizes, strict=True))
        print(f"| {name} | {cells} | {growth} |")


if __name__ == "__main__":
    main()
