"""Run a check over many inputs: expand directories, resolve each file's settings, lint, fix.

The CLI is a thin layer over this module; formatting happens after it returns.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .api import LintResult, lint_bytes, lint_path, lint_text
from .config import Settings, find_config, load_settings
from .fixes import apply_fixes
from .fsutil import atomic_write
from .reader import DOCX_SUFFIXES, TEXT_SUFFIXES

CHECKED_SUFFIXES = TEXT_SUFFIXES + DOCX_SUFFIXES
MAX_FIX_PASSES = 10


@dataclass
class Options:
    config: Path | None = None
    overrides: dict = field(default_factory=dict)  # Settings fields given on the command line
    encoding: str | None = None
    fix: bool = False
    diff: bool = False
    stdin_filename: str | None = None


@dataclass
class Run:
    results: list[LintResult]
    fixed: int = 0
    diffs: list[str] = field(default_factory=list)


def expand(paths: list[str]) -> list[tuple[str, str | None]]:
    """Each input as ``(path, error)``: directories become the files to check inside them.

    A walk does not follow symbolic links; a path named on the command line is read as given.
    """
    out: list[tuple[str, str | None]] = []
    for raw in paths:
        if raw == "-":
            out.append((raw, None))
            continue
        path = Path(raw)
        if path.is_dir():
            found = _walk(path)
            if not found:
                suffixes = ", ".join(CHECKED_SUFFIXES)
                out.append((raw, f"directory has no files to check ({suffixes})"))
            out.extend((str(p), None) for p in found)
        else:
            out.append((raw, None))
    return out


def _walk(directory: Path) -> list[Path]:
    found = []
    for root, dirs, files in os.walk(directory, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            candidate = Path(root) / name
            if candidate.suffix.lower() in CHECKED_SUFFIXES and not candidate.is_symlink() and not name.startswith("~$"):
                found.append(candidate)
    return found


@lru_cache(maxsize=256)
def _file_settings(config: Path | None, directory: Path) -> Settings:
    if config is not None:
        return load_settings(config)
    found = find_config(directory)
    return load_settings(found) if found else Settings()


def settings_for_input(path: str, options: Options) -> Settings:
    directory = Path.cwd() if path == "-" else Path(path).resolve().parent
    return _file_settings(options.config, directory).with_overrides(**options.overrides)


def check(paths: list[str], options: Options, stdin: bytes | None = None) -> Run:
    run = Run([])
    for path, error in expand(paths):
        if error:
            run.results.append(LintResult(path, error=error))
            continue
        if path == "-":
            name = options.stdin_filename or "-"
            settings = settings_for_input(options.stdin_filename or "-", options)
            result = lint_bytes(stdin or b"", name, settings, options.encoding)
        else:
            settings = settings_for_input(path, options)
            result = lint_path(path, settings, options.encoding)
        if (options.fix or options.diff) and not result.error:
            result = _fix(result, settings, options, run, writable=path != "-")
        run.results.append(result)
    return run


def _fix(result: LintResult, settings: Settings, options: Options, run: Run, writable: bool) -> LintResult:
    if result.decoded is None or result.decoded.kind != "text" or result.text is None:
        return result  # fixes are applied to text files only
    text, total = result.text, 0
    current = result
    for _ in range(MAX_FIX_PASSES):
        text, applied = apply_fixes(text, current.diagnostics)
        if not applied:
            break
        total += applied
        current = lint_text(text, result.path, settings, "line")
    if not total:
        return result
    current.encoding, current.decoded = result.encoding, result.decoded
    if options.diff:
        run.diffs.append(_unified(result.path or "-", result.text, text))
        return result
    if writable:
        atomic_write(Path(result.path), result.decoded.encode(text))
        run.fixed += total
    return current


def _unified(path: str, before: str, after: str) -> str:
    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                 fromfile=f"a/{path.lstrip('/')}", tofile=f"b/{path.lstrip('/')}")  # fmt: skip
    return "".join(line if line.endswith(("\n", "\r")) else line + "\n" for line in lines)
