"""The archive-audit example (examples/dask_audit.py): reportlint's pure API mapped over files by
Dask gives exactly the CLI's JSON lines."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("dask.distributed", reason="the [dask] extra is not installed")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted(p for p in (ROOT / "seeds").iterdir() if p.suffix in (".txt", ".md"))


def _example():
    spec = importlib.util.spec_from_file_location("dask_audit", ROOT / "examples" / "dask_audit.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _archive(root: Path, n: int) -> Path:
    """``n`` reports in nested folders, each a seed with its own number written into it, and
    one file that cannot be read as text."""
    archive = root / "archive"
    for index in range(n):
        seed = SEEDS[index % len(SEEDS)]
        folder = archive / f"unit-{index % 7}"
        folder.mkdir(parents=True, exist_ok=True)
        text = seed.read_text(encoding="utf-8").replace("2023", str(2000 + index % 30), 1)
        (folder / f"{index:03d}-{seed.name}").write_text(text + f"\n共完成{index % 5 + 1}项工作。\n", encoding="utf-8")
    (archive / "unit-0" / "broken.txt").write_bytes(b"\x00\x01\x02binary\xff" * 40)
    return archive


def test_dask_audit_on_two_local_workers_matches_the_cli(tmp_path):
    from dask.distributed import Client, LocalCluster

    archive = _archive(tmp_path, 200)
    cli = subprocess.run(
        [sys.executable, "-m", "reportlint", "check", "--format", "json-lines", "--no-cache", str(archive)],
        capture_output=True,
        check=False,
    )
    assert cli.returncode == 2, cli.stderr  # the unreadable file makes the run exit 2
    expected = cli.stdout.decode("utf-8")
    assert expected.count("\n") > 200 and '"error"' in expected

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    with cluster, Client(cluster):
        lines = _example().audit([str(archive)], partitions=8)
    assert "".join(lines) == expected
