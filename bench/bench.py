#!/usr/bin/env python3
"""Benchmark reportlint, and the tools people would pick instead, on the same files.

    python bench/bench.py                 # N=1000 reports, 5 runs each
    python bench/bench.py --n 5000 --runs 3
    python bench/bench.py --peers-dir /path/with/node_modules

It builds a deterministic corpus from seeds/ (the same files on every machine), then measures,
with medians over several runs: cold start next to `python -c pass` (with the interpreter
reportlint runs on) and next to autocorrect on the same report; corpus throughput with the full
default rule set; peak RSS per process; scaling to a corpus ten times larger and to one 5 MB
report; and the peers autocorrect (autocorrect-node or autocorrect-py, `--lint`) and zhlint (npm)
on the same corpus, skipped with a note when not installed. The corpus runs of all tools are
interleaved round by round, so a slow spell of a shared machine falls on each alike, and the
ratio to each peer is the median of the per-round ratios. It prints a Markdown table and writes
it to bench/out/results.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
OUT = ROOT / "bench" / "out"
# The corpora live outside any git checkout: autocorrect skips git-ignored files silently.
WORK = Path(tempfile.gettempdir()) / "reportlint-bench"

# Defects planted into copies of the seed reports, so the corpus is not 1000 identical files.
DEFECTS = [
    ("模范作用", "模仿作用"),
    ("再接再厉", "再接再励"),
    ("，", ","),
    ("。", "。。"),
    ("（二）", "（三）"),
    ("二是", "四是"),
    ("3次", "X次"),
    ("《", "（"),
]


def build_corpus(n: int, directory: Path) -> list[Path]:
    """``n`` reports of seed size with varied defects; deterministic for a given ``n``."""
    if directory.exists():
        shutil.rmtree(directory)
    directory.mkdir(parents=True)
    rng = random.Random(20261127)
    bases = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    paths = []
    for index in range(n):
        text = bases[index % len(bases)]
        while len(text) < 2500:  # the short samples are padded to a realistic report length
            text += "\n" + bases[rng.randrange(len(bases))]
        for wrong_from, wrong_to in rng.sample(DEFECTS, k=3):
            position = text.find(wrong_from, rng.randrange(max(1, len(text) // 2)))
            if position >= 0:
                text = text[:position] + wrong_to + text[position + len(wrong_from) :]
        path = directory / f"report_{index:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


_PROBE = (
    "import resource, subprocess, sys, time; t = time.perf_counter(); "
    "p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True); "
    "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, p.returncode); "
    "print(p.stderr.strip()[-500:])"
)


def run_once(command: list[str], cwd: Path | None) -> tuple[float, int]:
    """Wall time and peak RSS (KiB) of one run of ``command`` and its children."""
    out = subprocess.run([sys.executable, "-c", _PROBE, *command], capture_output=True, text=True, cwd=cwd, check=True)
    first, _, stderr = out.stdout.partition("\n")
    seconds, rss, code = first.split()
    if int(code) not in (0, 1):  # 1 means findings; anything else means the timing is of a failure
        sys.exit(f"bench: {' '.join(command)} failed with exit {code}: {stderr.strip()}")
    return float(seconds), int(rss)


def timed_alike(commands: dict[str, tuple[list[str], Path | None]], runs: int) -> dict[str, list[tuple[float, int]]]:
    """Every command once per round, in turn, for ``runs`` rounds: a slow spell of a shared
    machine then falls on all of them alike, and per-round ratios stay fair."""
    results: dict[str, list[tuple[float, int]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (command, cwd) in commands.items():
            results[name].append(run_once(command, cwd))
    return results


def median_and_peak(samples: list[tuple[float, int]]) -> tuple[float, int]:
    return statistics.median(t for t, _ in samples), max(rss for _, rss in samples)


def timed(command: list[str], runs: int, cwd: Path | None = None) -> tuple[float, int]:
    """Median wall time over ``runs`` and the peak RSS (KiB) of the command and its children."""
    return median_and_peak(timed_alike({"": (command, cwd)}, runs)[""])


def reportlint_command() -> list[str]:
    found = shutil.which("reportlint")
    return [found] if found else [sys.executable, "-m", "reportlint"]


def interpreter_of(command: list[str]) -> str:
    """The Python that ``command`` runs on (the shebang of an installed script): the floor of a
    cold start is that interpreter's empty start, not the one running the bench."""
    if command[0] == sys.executable:
        return sys.executable
    with open(command[0], "rb") as script:
        first = script.readline()
    shebang = first[2:].decode().split() if first.startswith(b"#!") else []
    return shebang[0] if shebang and Path(shebang[0]).exists() else sys.executable


def peers(peers_dir: Path | None) -> dict[str, list[str] | None]:
    bins = [peers_dir / "node_modules" / ".bin"] if peers_dir else []
    bins.append(ROOT / "bench" / "node_modules" / ".bin")

    def find(name: str) -> str | None:
        for directory in bins:
            if (directory / name).exists():
                return str(directory / name)
        return shutil.which(name)

    autocorrect = find("autocorrect")
    zhlint = find("zhlint")
    return {
        "autocorrect --lint": [autocorrect, "--lint"] if autocorrect else None,
        "zhlint": [zhlint] if zhlint else None,
    }


def count_findings(tool: str, command: list[str], directory: Path) -> str:
    """What each tool reports on the clean sample reports: every finding there is a false alarm."""
    names = sorted(p.name for p in directory.iterdir())
    if tool == "reportlint":
        args = [*command, "--format", "concise", "--no-cache", *names]
        lines = subprocess.run(args, capture_output=True, text=True, cwd=directory).stdout.splitlines()
        return str(sum(1 for line in lines if ": error " in line or ": warning " in line))
    if tool.startswith("autocorrect"):
        args = [*command, "--format", "json", *names]
        return str(subprocess.run(args, capture_output=True, text=True, cwd=directory).stdout.count('"severity"'))
    proc = subprocess.run([*command, *names], capture_output=True, text=True, cwd=directory)
    for line in (proc.stdout + proc.stderr).splitlines():
        if line.startswith("Found ") and "error" in line:
            return line.split()[1]
    return "0"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="reports in the corpus (default 1000)")
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (median)")
    parser.add_argument("--peers-dir", type=Path, help="a directory whose node_modules/.bin has the peers")
    parser.add_argument("--skip-scaling", action="store_true", help="skip the ×10 corpus and the 5 MB report")
    args = parser.parse_args()

    rl = reportlint_command()
    # An installed package has its bytecode compiled; a start that compiles every module from
    # source (PYTHONDONTWRITEBYTECODE in the environment, no __pycache__ yet) measures the setup.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    corpus = build_corpus(args.n, WORK / f"corpus-{args.n}")
    size = sum(p.stat().st_size for p in corpus)
    one = corpus[0]
    rows: list[tuple[str, str]] = []
    notes: list[str] = []

    installed = {name: command for name, command in peers(args.peers_dir).items() if command is not None}
    start_commands = {
        "floor": ([interpreter_of(rl), "-c", "pass"], None),
        "cold": ([*rl, "check", "--format", "json", "--no-cache", str(one)], None),
    }
    for name, command in installed.items():
        if name.startswith("autocorrect"):
            start_commands[name] = ([*command, str(one)], None)
    for command, cwd in start_commands.values():  # a first run writes bytecode and warms the disk cache
        run_once(command, cwd)
    starts = timed_alike(start_commands, args.runs * 2)
    (floor, _), (cold, _) = median_and_peak(starts["floor"]), median_and_peak(starts["cold"])
    rows.append(
        (
            "cold start, one report (`check --format json`)",
            f"{cold * 1000:.0f} ms = {cold / floor:.1f}× `python -c pass` with reportlint's own interpreter "
            f"({floor * 1000:.0f} ms)",
        )
    )
    for name in [name for name in start_commands if name not in ("floor", "cold")]:
        peer_start, _ = median_and_peak(starts[name])
        ratio = statistics.median(
            ours / theirs for (ours, _), (theirs, _) in zip(starts["cold"], starts[name], strict=True)
        )
        rows.append(
            (
                f"peer: {name}, cold start on the same report, same rounds",
                f"{peer_start * 1000:.0f} ms; reportlint takes {ratio:.2f}× its time",
            )
        )

    corpus_cmd = [*rl, "check", "--format", "json", "--no-cache", str(corpus[0].parent)]
    together = {"reportlint": (corpus_cmd, None)}
    for name, command in installed.items():
        target = "." if name.startswith("autocorrect") else "*.txt"  # zhlint expands the glob itself
        together[name] = ([*command, target], corpus[0].parent)
    corpus_runs = timed_alike(together, args.runs)
    elapsed, rss = median_and_peak(corpus_runs["reportlint"])
    rows.append(
        (
            f"corpus: {args.n} reports, {size / 1e6:.1f} MB, all default rules, --jobs {os.cpu_count()}",
            f"{elapsed:.2f} s = {args.n / elapsed:.0f} reports/s, {size / 1e6 / elapsed:.2f} MB/s",
        )
    )
    serial, _ = timed([*corpus_cmd, "--jobs", "1"], max(1, args.runs // 2))
    rows.append(("same corpus, --jobs 1", f"{serial:.2f} s = {args.n / serial:.0f} reports/s"))
    rows.append(("peak RSS per process (corpus run)", f"{rss / 1024:.0f} MB"))
    cached_cmd = [*rl, "check", "--format", "json", str(corpus[0].parent)]
    OUT.mkdir(parents=True, exist_ok=True)  # gitignored: a fresh clone has no bench/out yet
    subprocess.run(cached_cmd, capture_output=True, cwd=OUT)
    warm, _ = timed(cached_cmd, args.runs, cwd=OUT)
    rows.append(("same corpus again, unchanged files (result cache)", f"{warm:.2f} s"))

    if not args.skip_scaling:
        big = build_corpus(args.n * 10, WORK / f"corpus-{args.n * 10}")
        elapsed10, _ = timed(
            [*rl, "check", "--format", "json", "--no-cache", str(big[0].parent)], max(1, args.runs // 2)
        )
        rows.append(
            (f"corpus ×10 ({args.n * 10} reports)", f"{elapsed10:.2f} s = {elapsed10 / elapsed:.1f}× the time of ×1")
        )
        large = WORK / "large-5MB.txt"
        chunks, total = [], 0
        texts = [p.read_text(encoding="utf-8") for p in corpus[:50]]
        while total < 5_000_000:
            chunk = texts[len(chunks) % len(texts)]
            chunks.append(chunk)
            total += len(chunk.encode("utf-8"))
        large.write_text("\n".join(chunks), encoding="utf-8")
        elapsed_large, rss_large = timed(
            [*rl, "check", "--format", "json", "--no-cache", str(large)], max(1, args.runs // 2)
        )
        rows.append(
            (
                f"one report of {large.stat().st_size / 1e6:.1f} MB",
                f"{elapsed_large:.2f} s, peak RSS {rss_large / 1024:.0f} MB",
            )
        )

    clean = WORK / "clean"
    shutil.rmtree(clean, ignore_errors=True)
    clean.mkdir(parents=True)
    for sample in SEEDS.glob("1*"):
        shutil.copy(sample, clean / sample.name)
    false_alarms = [("reportlint", count_findings("reportlint", rl, clean))]
    for name in peers(args.peers_dir):
        if name not in installed:
            notes.append(
                f"{name}: not installed, skipped (`npm install autocorrect-node zhlint` in bench/ to include it)."
            )
            continue
        peer_time, peer_rss = median_and_peak(corpus_runs[name])
        ratio = statistics.median(
            ours / theirs for (ours, _), (theirs, _) in zip(corpus_runs["reportlint"], corpus_runs[name], strict=True)
        )
        rows.append(
            (
                f"peer: {name}, same corpus, same rounds",
                f"{peer_time:.2f} s = {args.n / peer_time:.0f} reports/s, peak RSS {peer_rss / 1024:.0f} MB; "
                f"reportlint takes {ratio:.2f}× its time",
            )
        )
        false_alarms.append((name, count_findings(name, installed[name], clean)))

    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} on {machine}; medians of {args.runs} runs.",
        "",
        "| measurement | result |",
        "|---|---|",
    ]
    lines += [f"| {what} | {result} |" for what, result in rows]
    lines += [
        "",
        "Findings at warning or error on the clean sample reports (`seeds/1*`; each one a false alarm):",
        "",
        "| tool | findings |",
        "|---|---|",
    ]
    lines += [f"| {tool} | {count} |" for tool, count in false_alarms]
    if notes:
        lines += [""] + [f"- {note}" for note in notes]
    table = "\n".join(lines) + "\n"
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "results.md").write_text(table, encoding="utf-8")
    print(table)


if __name__ == "__main__":
    main()
