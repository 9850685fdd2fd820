#!/usr/bin/env python3
"""Inputs built to make a rule slow, at growing sizes: the time must grow with the size, no faster.

    python bench/attacks.py              # sizes 1000, 2000, 4000 repeats
    python bench/attacks.py --sizes 2000 8000
    python bench/attacks.py --memory     # the full-size memory attacks (minutes)

Each case repeats one short pattern (issue 13, item 4: ``'共计100万元，其中' * 2000`` once took
minutes in total-mismatch) and lints it with the default rules; CPU time (best of three) and its
growth from one size to the next are printed: about 2x per doubling is linear, 4x quadratic.
"""

from __future__ import annotations

import argparse
import io
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
# Issue 13, item 7: texts of 20 MB that used to take gigabytes (one object per line or finding).
TEXTS = {
    "report text": None,  # the seed report repeated
    "newlines": "\n",
    "one-letter lines": "a\n",
    "one-character Chinese lines": "中\n",
    "marker-only lines": "一、\n",
    "alternating heading levels": "一、\n（一）\n1.\n（1）\n",  # round 6: each section a parent
    "numbered lines (1.)": "1.\n",  # the shortest heading line: 6.7 million sections
    "a total before every colon, one line": "共3项：",
    "doubled commas": "，，",
    "a placeholder": "完成X次。",
}
_MEASURE = (  # run argv[1:], then print its exit code, peak RSS (KiB) and CPU seconds
    "import resource, subprocess, sys; p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); "
    "u = resource.getrusage(resource.RUSAGE_CHILDREN); print(p.returncode, u.ru_maxrss, u.ru_utime + u.ru_stime)"
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
    code, kib, cpu = proc.stdout.split()
    return f"{int(kib) / 1024:.0f} MB | {float(cpu):.1f} s | exit {code}"


def memory() -> None:
    check = [sys.executable, "-m", "reportlint", "check", "--no-cache", "--format", "json"]
    print("| input | peak RSS | CPU | |\n|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for name, unit in TEXTS.items():
            path = Path(tmp) / "attack.txt"
            path.write_bytes(text_of(unit))
            print(f"| 20 MB of {name} | {measure(*check, str(path))} |", flush=True)
        report = big_docx(Path(tmp) / "big.docx")
        size = report.stat().st_size / 1e6
        print(f"| a {size:.1f} MB .docx | {measure(*check, str(report))} |", flush=True)
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
    args = parser.parse_args()
    if args.memory:
        memory()
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
