#!/usr/bin/env python3
"""Inputs built to make a rule slow, at growing sizes: the time must grow with the size, no faster.

    python bench/attacks.py              # sizes 1000, 2000, 4000 repeats
    python bench/attacks.py --sizes 2000 8000
    python bench/attacks.py --memory     # the full-size memory attacks (an hour)
    python bench/attacks.py --memory --only "1." docx   # those whose name holds 1. or docx

Each case repeats one short pattern (issue 13, item 4: ``'共计100万元，其中' * 2000`` once took
minutes in total-mismatch) and lints it with the default rules; CPU time (best of three) and its
growth from one size to the next are printed: about 2x per doubling is linear, 4x quadratic.
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from reportlint import lint_text

CASES = {
    "total: breakdowns": "共计100万元，其中",
    "total: breakdowns opened by a comma": "共计100万元，其中，",
    "total: closing totals": "甲1个、乙2个，合计3个，",
    "total: totals before a colon": "共计3个：甲1个、乙2个，",
    "total: a total before every colon": "共3项：",  # round 6: quadratic (a copy of the clauses after each)
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


SEED = Path(__file__).parents[1] / "seeds" / "000_e4ab13fd1b405e5f.txt"
SIZE = 20_000_000  # max-file-size: the "20 MB of any text"
# Issue 13, item 7: texts of 20 MB that used to take gigabytes (one object per line or finding),
# and (round 6) the other shapes a hostile or odd 20 MB file could have: (unit, file suffix).
TEXTS: dict[str, tuple[str | None, str]] = {
    "report text": (None, ".txt"),  # the seed report repeated
    "newlines": ("\n", ".txt"),
    "one-letter lines": ("a\n", ".txt"),
    "one-character Chinese lines": ("中\n", ".txt"),
    "doubled commas": ("，，", ".txt"),
    "a placeholder": ("完成X次。", ".txt"),
    "marker-only lines": ("一、\n", ".txt"),
    "（一） lines": ("（一）\n", ".txt"),
    "numbered lines (1.)": ("1.\n", ".txt"),  # the shortest heading line: 6.7 million sections
    "（1） lines": ("（1）\n", ".txt"),
    "1、 lines": ("1、\n", ".txt"),
    "(1) lines": ("(1)\n", ".txt"),
    "第一章 lines": ("第一章\n", ".txt"),
    "一、a lines": ("一、a\n", ".txt"),
    "headings with a sentence": ("一、主要工作。全年完成任务。\n", ".txt"),
    "alternating heading levels": ("一、\n（一）\n1.\n（1）\n", ".txt"),  # round 6: each section a parent
    "一、 and （二） lines": ("一、\n（二）\n", ".txt"),
    "# x in Markdown": ("# x\n", ".md"),
    "## x in Markdown": ("## x\n", ".md"),
    "lone hashes in Markdown": ("#\n", ".md"),
    "1.5万元 lines": ("1.5万元\n", ".txt"),
    "1.2025年 lines": ("1.2025年\n", ".txt"),
    "one line of 中": ("中", ".txt"),
    "one line of a": ("a", ".txt"),
    "（ lines": ("（\n", ".txt"),
    "“ lines": ("“\n", ".txt"),
    "） lines": ("）\n", ".txt"),
    "one line of （": ("（", ".txt"),
    "one line of “": ("“", ".txt"),
    "breakdowns, one line": ("共计100万元，其中", ".txt"),
    "breakdowns, a line each": ("共计100万元，其中\n", ".txt"),
    "a total before every colon, one line": ("共3项：", ".txt"),
    "a total before every colon, a line each": ("共3项：\n", ".txt"),
    "items out of step": ("一是甲，二是乙，四是丙。\n", ".txt"),
    "一、…十、 in step, a （一） each": ("".join(f"{n}、\n（一）\n" for n in "一二三四五六七八九十"), ".txt"),
    "附件 and 一、 lines": ("附件\n一、\n", ".txt"),
    "一、二季度 lines": ("一、二季度\n", ".txt"),
    "存在的问题 lines": ("存在的问题\n", ".txt"),
}
_MEASURE = (  # run argv[1:], then print its exit code, peak RSS (KiB), CPU and wall seconds
    "import resource, subprocess, sys, time; t = time.perf_counter(); "
    "p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); t = time.perf_counter() - t; "
    "u = resource.getrusage(resource.RUSAGE_CHILDREN); print(p.returncode, u.ru_maxrss, u.ru_utime + u.ru_stime, t)"
)


def text_of(unit: str | None) -> bytes:
    data = SEED.read_bytes() if unit is None else unit.encode()
    return (data * (SIZE // len(data) + 1))[:SIZE].rsplit(b"\n" if b"\n" in data else data[-3:], 1)[0]


def big_docx(path: Path, paragraphs: int = 210_000) -> Path:
    """A .docx of about 12 MB packed, 16:1 (the issue's 11.7 MB): paragraphs of four formatted
    runs of phrases drawn from the seed report, a heading style every 40 paragraphs and a
    table every 200."""
    import random

    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    seed = SEED.read_text(encoding="utf-8").replace("\n", "")
    at = random.Random(13).randrange
    fonts = '<w:rPr><w:rFonts w:ascii="仿宋" w:eastAsia="仿宋"/><w:sz w:val="32"/></w:rPr>'
    run = "<w:r>" + fonts + '<w:t xml:space="preserve">{}</w:t></w:r>'
    parts = []
    for i in range(paragraphs):
        runs = "".join(run.format(seed[(k := at(len(seed) - 16)) : k + 16]) for _ in range(4))
        style = '<w:pPr><w:pStyle w:val="Heading1"/></w:pPr>' if i % 40 == 0 else ""
        parts.append(f"<w:p>{style}{runs}</w:p>")
        if i % 200 == 199:
            cells = "".join(f"<w:tc><w:p>{run.format(f'第{i}项{k}')}</w:p></w:tc>" for k in range(4))
            parts.append(f"<w:tbl><w:tr>{cells}</w:tr></w:tbl>")
    with zipfile.ZipFile(buffer) as blank, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in blank.infolist():
            data = blank.read(item.filename)
            if item.filename == "word/document.xml":
                head, _, tail = data.decode().partition("<w:body>")
                data = (head + "<w:body>" + "".join(parts) + tail).encode()
            out.writestr(item, data)
    return path


def measure(*argv: str) -> str:
    proc = subprocess.run([sys.executable, "-c", _MEASURE, *argv], capture_output=True, text=True, check=True)
    code, kib, cpu, wall = proc.stdout.split()
    load = os.getloadavg()[0]
    return f"{int(kib) / 1024:.0f} MB | {float(cpu):.1f} s | {float(wall):.1f} s | {load:.1f} | exit {code}"


def memory(only: list[str]) -> None:
    """Each 20 MB text (those whose name holds one of ``only``, all if none), then the .docx
    cases: peak RSS, CPU and wall seconds, and the load average when the run ended (wall times
    under load are long)."""
    check = [sys.executable, "-m", "reportlint", "check", "--no-cache", "--format", "json"]
    print("| input | peak RSS | CPU | wall | load | |\n|---|---|---|---|---|---|")

    def chosen(name: str) -> bool:
        return not only or any(word in name for word in only)

    with tempfile.TemporaryDirectory() as tmp:
        for name, (unit, suffix) in TEXTS.items():
            if chosen(name):
                path = Path(tmp) / f"attack{suffix}"
                path.write_bytes(text_of(unit))
                print(f"| 20 MB of {name} | {measure(*check, str(path))} |", flush=True)
        if chosen(".docx"):
            report = big_docx(Path(tmp) / "big.docx")
            size = report.stat().st_size / 1e6
            print(f"| a {size:.1f} MB .docx | {measure(*check, str(report))} |", flush=True)
        if chosen("--annotate"):
            lines = ["2024年工作总结", "一、主要工作", *(f"第{i}项任务完成X次。" for i in range(5000))]
            small = Path(tmp) / "five-thousand.docx"
            small.write_bytes(_docx_of(lines))
            annotate = [*check[:-2], "--annotate", str(Path(tmp) / "out.docx"), str(small)]
            print(f"| --annotate, 5,000 paragraphs with findings | {measure(*annotate)} |", flush=True)


def _docx_of(lines: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 4000])
    parser.add_argument("--memory", action="store_true", help="the 20 MB texts, a 12 MB .docx, --annotate")
    parser.add_argument("--only", nargs="+", default=[], help="with --memory: the cases whose name holds one of these")
    args = parser.parse_args()
    if args.memory:
        memory(args.only)
        return
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
