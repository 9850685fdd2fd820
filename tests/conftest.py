"""Shared helpers: the repository layout and a way to run the real command line."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED = SEEDS / "000_e4ab13fd1b405e5f.txt"
SCHEMA = ROOT / "src" / "reportlint" / "schemas" / "output.schema.json"


def run_cli(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run ``reportlint`` as a real process (what users and hooks run)."""
    return subprocess.run(
        [sys.executable, "-m", "reportlint", *args],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        timeout=120,
    )


def run_on_terminal(*args: str, env: dict | None = None) -> str:
    """Run reportlint with stdout on a pseudo-terminal and return what it showed."""
    import os
    import pty
    import sys

    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(sys.executable, [sys.executable, "-m", "reportlint", *args], {**os.environ, **(env or {})})
    output = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    os.waitpid(pid, 0)
    return output.decode("utf-8", "replace")


def check_json(*args: str, **kwargs) -> tuple[int, dict]:
    proc = run_cli("check", "--format", "json", *args, **kwargs)
    return proc.returncode, json.loads(proc.stdout.decode("utf-8"))


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def seed_docx(target: Path) -> Path:
    """The seed report as Word has it: one paragraph per line."""
    import docx

    document = docx.Document()
    for line in SEED.read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    document.save(target)
    return target


class Served:
    """A running ``reportlint serve``: its URL, and the folders it was given as its temporary
    directory and its working directory (to see that it leaves nothing behind)."""

    def __init__(self, tmp_path: Path, *args: str, env: dict | None = None) -> None:
        import os

        self.tmp = tmp_path / "tmp"
        self.cwd = tmp_path / "cwd"
        self.tmp.mkdir()
        self.cwd.mkdir()
        env = {**os.environ, "TMPDIR": str(self.tmp), "PYTHONUNBUFFERED": "1", **(env or {})}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "reportlint", "serve", *args],
            cwd=self.cwd,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        line = self.process.stdout.readline().decode()
        found = re.search(r"http://\S+/", line)  # the line is in the interface language
        assert found, line + self.process.stderr.read().decode()
        self.url = found.group()
        self.port = int(self.url.rstrip("/").rsplit(":", 1)[1])

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)
        self.process.stdout.close()
        self.process.stderr.close()


@pytest.fixture
def served(tmp_path):
    """``reportlint serve`` on 127.0.0.1, a port of its choosing, uploads up to 200 kB."""
    server = Served(tmp_path, "--max-upload", "200000")
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def english_locale(monkeypatch):
    """Tests read reportlint's English texts whatever the machine's locale (test_i18n sets its own)."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
