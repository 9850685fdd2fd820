#!/usr/bin/env python3
"""Instructions per report, counted by callgrind: the figure to compare two versions of the code
on a shared machine, where seconds drift by 20–30 % between minutes and instruction counts do not.

    python bench/instructions.py               # 40 reports of the bench corpus, whole lint
    python bench/instructions.py --stage parse # the outline parse alone
    python bench/instructions.py --files ../shared/corpus/gov-reports-2026/*.txt
    python bench/instructions.py --extend-select wrong-char   # with rules off by default

It runs this same script under ``valgrind --tool=callgrind`` twice, once linting the reports and
once linting none (imports, rule loading and the interpreter's own start cancel out), and prints
the difference divided by the number of reports. PYTHONHASHSEED is fixed so that runs repeat.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from bench import WORK


def _work(files: list[str], stage: str, extend: str = "") -> None:
    """The measured part: parse or lint every file once (after one warm-up on the first)."""
    from functools import partial

    from reportlint.api import lint_text
    from reportlint.rules.settings import Settings

    try:
        from reportlint.outline.parser import parse_outline
    except ImportError:  # before the packages (round 2)
        from reportlint.outline import parse_outline

    texts = [Path(f).read_text(encoding="utf-8") for f in files]
    settings = Settings(extend_select=tuple(r for r in extend.split(",") if r))
    run = parse_outline if stage == "parse" else partial(lint_text, settings=settings)
    run("一、预热\n")  # build the grammar and load the rules outside the difference
    for text in texts:
        run(text)


def _count(files: list[str], stage: str, extend: str) -> int:
    env = dict(os.environ, PYTHONHASHSEED="0")
    proc = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--callgrind-out-file=/dev/null",
            sys.executable,
            __file__,
            "--inner",
            stage,
            "--extend-select",
            extend,
        ]
        + files,
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    found = re.search(r"Collected : (\d+)", proc.stderr)
    if not found:
        sys.exit(f"instructions: callgrind printed no count:\n{proc.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=40, help="reports of the bench corpus to lint (default 40)")
    parser.add_argument("--stage", choices=("lint", "parse"), default="lint")
    parser.add_argument("--files", nargs="+", help="lint these files instead of the bench corpus")
    parser.add_argument("--extend-select", default="", help="rules off by default to lint with too (comma-separated)")
    parser.add_argument("--inner", help=argparse.SUPPRESS)
    args, rest = parser.parse_known_args()
    if args.inner:
        _work(rest, args.inner, args.extend_select)
        return
    if shutil.which("valgrind") is None:
        sys.exit("instructions: valgrind is not installed (apt-get install valgrind)")
    files = args.files or sorted(str(p) for p in (WORK / "corpus-1000").glob("*.txt"))[: args.n]
    if not files:
        sys.exit("instructions: no corpus; run `python bench/bench.py` first or pass --files")
    total = _count(files, args.stage, args.extend_select) - _count([], args.stage, args.extend_select)
    size = sum(len(Path(f).read_text(encoding="utf-8")) for f in files)
    print(
        f"{args.stage}: {total / len(files) / 1e6:.2f} M instructions per report "
        f"({len(files)} reports, {size / len(files):.0f} characters each on average)"
    )


if __name__ == "__main__":
    main()
