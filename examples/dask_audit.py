#!/usr/bin/env python3
"""Audit an archive of reports on a Dask cluster, with reportlint's own API and output format.

    pip install "reportlint[dask]"
    python examples/dask_audit.py /archive/reports > findings.jsonl                  # local cluster
    python examples/dask_audit.py --scheduler tcp://10.0.0.5:8786 /shared/reports > findings.jsonl

Dask does the scheduling, retries and spreading over machines; reportlint stays what it is on one
machine: a pure function from a file's bytes to its findings (``lint_bytes``). The files are
listed exactly as ``reportlint check`` lists them, each one is read and checked inside a task on
whichever worker runs it (the paths must be readable there: shared storage), and the JSON lines
come back in input order, so the output is byte for byte what ``reportlint check --format
json-lines`` prints for the same paths. See docs/scale.md.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable

import dask.bag as db

from reportlint.api import LintResult, lint_path
from reportlint.formats import Context, writer
from reportlint.runner import expand


def json_lines(result: LintResult) -> str:
    return writer("json-lines", Context()).add(result)


def check_one(path: str) -> str:
    """The JSON lines of one report. Runs on a worker: ``lint_path`` reads the file there (with
    the size limit of the settings that apply to it) and lints its bytes with ``lint_bytes``;
    only text comes back (small to send, no document trees)."""
    return json_lines(lint_path(path))


def audit(paths: Iterable[str], partitions: int | None = None) -> list[str]:
    """JSON lines for every report under ``paths``, in the order ``reportlint check`` uses.
    Computed on the current Dask scheduler (a ``distributed.Client`` if one is active)."""
    lines: list[str] = []
    files: list[str] = []
    for path, error in expand(list(paths)):
        if error:  # a directory with nothing to check: reported like the CLI does, in place
            lines.append(json_lines(LintResult(path, error=error)))
        else:
            files.append(path)
    if files:
        bag = db.from_sequence(files, npartitions=partitions or min(len(files), 64))
        lines.extend(bag.map(check_one).compute())
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", help="report files or directories")
    parser.add_argument("--scheduler", help="address of a running Dask scheduler (default: a local cluster)")
    parser.add_argument("--workers", type=int, default=2, help="workers of the local cluster (default 2)")
    parser.add_argument("--partitions", type=int, help="tasks to split the files into (default: up to 64)")
    args = parser.parse_args(argv)

    from dask.distributed import Client, LocalCluster

    if args.scheduler:
        client = Client(args.scheduler)
    else:
        client = Client(LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True))
    with client:
        sys.stdout.write("".join(audit(args.paths, args.partitions)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
