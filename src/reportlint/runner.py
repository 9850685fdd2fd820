"""Run a check over many inputs: expand directories, resolve each file's settings, lint (in a
process pool when there are many files), use the result cache, apply fixes.

The CLI is a thin layer over this module; formatting happens after it returns. Results come
back in input order whatever the number of jobs.
"""

from __future__ import annotations

import os
import signal
import stat
from collections.abc import Callable, Iterable, Iterator
from copy import copy
from functools import lru_cache, partial
from pathlib import Path
from typing import BinaryIO

from reportlint.api import LintResult, lint_bytes, lint_text, settings_for
from reportlint.base.collector import long_lived
from reportlint.base.files import TooLarge, os_reason, read_stream, rewrite
from reportlint.base.i18n import N_, _
from reportlint.cache import ResultCache
from reportlint.exits import EXIT_ERROR, EXIT_FOUND, EXIT_OK
from reportlint.formats.summary import Summary
from reportlint.inputs.decoded import LEGACY_SUFFIXES, Decoded, InputError
from reportlint.inputs.reader import DOCX_SUFFIXES, TEXT_SUFFIXES, decode, decode_input, read_bytes
from reportlint.outline.parser import tables as outline_tables
from reportlint.rules.diagnostics import SEVERITY_RANK, Diagnostic
from reportlint.rules.engine import get_linter
from reportlint.rules.fixes import apply_fixes
from reportlint.rules.settings import Settings

Progress = Callable[[int, int], None]  # (files done, files in all)
CHECKED_SUFFIXES = TEXT_SUFFIXES + DOCX_SUFFIXES
MAX_FIX_PASSES = 10
MIN_FILES_PER_JOB = 4  # below this a process pool costs more than it saves
DOCX_FIX_NOTE = N_("fixes are not applied to a .docx; --annotate OUT.docx writes a copy with them as tracked changes")


class Options:
    """How a run checks its inputs (a plain slotted class: a dataclass compiled its methods at every
    start)."""

    __slots__ = (
        "config", "overrides", "encoding", "fix", "diff", "stdin_filename", "jobs", "cache_root", "profile",
        "keep_text", "keep_document", "unsafe_fixes",
    )  # fmt: skip

    def __init__(
        self,
        config: Path | None = None,
        overrides: dict | None = None,  # Settings fields given on the command line
        encoding: str | None = None,
        fix: bool = False,
        diff: bool = False,
        stdin_filename: str | None = None,
        jobs: int = 1,
        cache_root: Path | None = None,  # where .reportlint_cache lives; None disables the cache
        profile: bool = False,
        keep_text: bool = True,  # the text format shows source lines; other formats need no text
        keep_document: bool = False,  # the HTML page shows the outline (only fresh results have it)
        unsafe_fixes: bool = False,  # --fix and --diff apply unsafe fixes too
    ) -> None:
        self.config, self.overrides, self.encoding = config, overrides if overrides is not None else {}, encoding
        self.fix, self.diff = fix, diff
        self.stdin_filename, self.jobs, self.cache_root, self.profile = stdin_filename, jobs, cache_root, profile
        self.keep_text, self.keep_document, self.unsafe_fixes = keep_text, keep_document, unsafe_fixes


class FileOutcome:
    """One input's result and what was done to it."""

    def __init__(self, result: LintResult, fixed: int = 0, diff: bytes = b"", note: str = "") -> None:
        self.result, self.fixed, self.diff = result, fixed, diff  # the diff: a patch, as bytes
        self.timings: dict[str, float] = {}
        self.note = note  # one line for the user about this input (fixes not applied to a .docx)


class Tally:
    """What a streaming run adds up to: the summary the formats print, the time per rule, and
    the exit code. The CLI adds each outcome as it prints it and asks for the code at the end."""

    def __init__(self, summary: Summary, fail_level: str = "warning") -> None:
        self.summary, self.fail_level = summary, fail_level
        self.timings: dict[str, float] = {}
        self.failed = False  # an input could not be checked
        self.found = False  # a finding at or above fail_level

    def add(self, outcome: FileOutcome) -> None:
        result = outcome.result
        self.summary.add(result)
        self.summary.fixed += outcome.fixed
        for rule, seconds in outcome.timings.items():
            self.timings[rule] = self.timings.get(rule, 0.0) + seconds
        self.failed |= bool(result.error)
        threshold = SEVERITY_RANK[self.fail_level]
        self.found |= any(SEVERITY_RANK[d.severity] >= threshold for d in result.diagnostics)

    def exit_code(self, exit_zero: bool = False) -> int:
        if self.failed:
            return EXIT_ERROR
        return EXIT_FOUND if self.found and not exit_zero else EXIT_OK


class Run:
    """A whole run's results, collected (the API's form of a streaming run)."""

    def __init__(self, results: list[LintResult]) -> None:
        self.results = results
        self.fixed = 0
        self.diffs: list[bytes] = []
        self.timings: dict[str, float] = {}

    def add(self, outcome: FileOutcome) -> None:
        self.results.append(outcome.result)
        self.fixed += outcome.fixed
        if outcome.diff:
            self.diffs.append(outcome.diff)
        for rule, seconds in outcome.timings.items():
            self.timings[rule] = self.timings.get(rule, 0.0) + seconds


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
                out.append((raw, _("directory has no files to check ({suffixes})").format(suffixes=suffixes)))
            out.extend((str(p), None) for p in found)
        else:
            out.append((raw, None))
    return out


def _walk(directory: Path) -> list[Path]:
    """The files to check under ``directory``: regular files only (no symbolic link, FIFO,
    device or socket: a FIFO would block the run, a device never end). Legacy Word files
    (.doc, .wps) are listed too, so that each gets its error (save it as .docx) instead of
    being passed over in silence."""
    found = []
    for root, dirs, files in os.walk(directory, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            candidate = Path(root) / name
            if (
                candidate.suffix.lower() in CHECKED_SUFFIXES + LEGACY_SUFFIXES
                and not name.startswith("~$")
                and stat.S_ISREG(_lstat_mode(candidate))
            ):
                found.append(candidate)
    return found


def _lstat_mode(path: Path) -> int:
    try:
        return path.lstat().st_mode
    except OSError:
        return 0


def settings_for_input(path: str, options: Options) -> Settings:
    """The settings for one input. Files of one directory share them, so a run over a thousand
    files resolves each directory once; a symbolic link is resolved by itself, since its
    settings are those of the directory it points into."""
    if path == "-" or os.path.islink(path):
        return settings_for(path, options.config, **options.overrides)
    return _settings_in(os.path.dirname(path) or ".", options.config, tuple(sorted(options.overrides.items())))


@lru_cache(maxsize=256)
def _settings_in(directory: str, config: Path | None, overrides: tuple) -> Settings:
    return settings_for(directory, config, **dict(overrides))


def check_iter(
    paths: list[str],
    options: Options,
    stdin: bytes | BinaryIO | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[FileOutcome]:
    """Each input's outcome, in input order, as soon as it is known (so output can stream and
    memory stays flat); ``progress(done, total)`` is called as files finish."""
    items = expand(paths)
    files = [path for path, error in items if not error and path != "-"]
    with long_lived():
        for path in files:
            get_linter(settings_for_input(path, options))  # load config and rules once, before any fork
        if files:
            outline_tables()  # likewise the grammar
    checked = _map(files, options, progress)
    for path, error in items:
        if error:
            yield FileOutcome(LintResult(path, error=error))
        elif path == "-":
            yield _check_stdin(stdin or b"", options)
        else:
            yield next(checked)
    next(checked, None)  # let the pool close and join now, not when the generator is collected


def check(paths: list[str], options: Options, stdin: bytes | BinaryIO | None = None) -> Run:
    """Check every input and collect the outcomes (the API's form of :func:`check_iter`)."""
    run = Run([])
    for outcome in check_iter(paths, options, stdin):
        run.add(outcome)
    return run


def _map(paths: list[str], options: Options, progress: Progress | None) -> Iterator[FileOutcome]:
    """Outcomes of ``paths`` in order: in this process, or shared with worker processes when
    there are many files. With ``--jobs N`` this process is one of the N: it checks every Nth
    chunk itself while N-1 workers check the others ahead of it, so N cores run N processes
    (a pool of N beside a busy main process would run N+1 on N cores)."""
    jobs = min(options.jobs, max(1, len(paths) // MIN_FILES_PER_JOB))
    check_one = partial(_check_file, options=options)
    if jobs <= 1:
        yield from _reporting(map(check_one, paths), len(paths), progress)
        return
    import multiprocessing

    size = max(1, min(64, len(paths) // (jobs * 8)))
    chunks = [paths[i : i + size] for i in range(0, len(paths), size)]
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    pool = context.Pool(jobs - 1, initializer=_ignore_interrupts)
    try:  # chunk i is checked here when i % jobs == 0, by a worker otherwise
        remote = pool.imap(partial(_check_chunk, options=options), [c for i, c in enumerate(chunks) if i % jobs])
        outcomes = (
            outcome
            for i, chunk in enumerate(chunks)
            for outcome in (next(remote) if i % jobs else map(check_one, chunk))
        )
        yield from _reporting(outcomes, len(paths), progress)
    except BaseException:  # Ctrl-C above all: stop the workers now, not after their queue
        pool.terminate()
        raise
    else:
        pool.close()
    finally:
        pool.join()


def _check_chunk(paths: list[str], options: Options) -> list[FileOutcome]:
    return [_check_file(path, options) for path in paths]


def _reporting(outcomes: Iterable[FileOutcome], total: int, progress: Progress | None) -> Iterator[FileOutcome]:
    for done, outcome in enumerate(outcomes, start=1):
        if progress:
            progress(done, total)
        yield outcome


def _ignore_interrupts() -> None:
    """Workers leave Ctrl-C to the main process, which stops them (no traceback per worker).
    When it does (SIGTERM), a worker unwinds normally, so a write under way removes its
    temporary file."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _exit_cleanly)


def _exit_cleanly(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def _check_file(path: str, options: Options) -> FileOutcome:
    """Check one file (in a worker process when there is a pool)."""
    settings = settings_for_input(path, options)
    linter = get_linter(settings)
    linter.timings = {} if options.profile else None
    try:
        data = read_bytes(Path(path), settings.max_file_size)
    except InputError as exc:
        return FileOutcome(LintResult(path, error=str(exc)))
    cache_root = None if options.fix or options.diff or options.profile else options.cache_root
    use_cache = cache_root is not None
    if cache_root is not None:
        cache = ResultCache(cache_root)
        key = cache.key(data, f"{path}\0{options.encoding or ''}", linter.fingerprint)
        hit = _from_cache(cache.get(key), path, data, options)
        if hit is not None:
            return FileOutcome(hit)
    result = lint_bytes(data, path, settings, options.encoding)
    if use_cache and not result.error:
        cache.put(key, _to_cache(result))
    outcome = FileOutcome(result)
    if (options.fix or options.diff) and not result.error:
        try:
            outcome = _fix(result, settings, options, data)
        except (OSError, InputError) as exc:  # the original is untouched; its findings still stand
            result.error = _("cannot write fixes: {reason}").format(
                reason=os_reason(exc) if isinstance(exc, OSError) else exc
            )
            outcome = FileOutcome(result)
    outcome.result.decoded = None  # not needed after this point, and large to send back
    if not options.keep_document:
        outcome.result.document = None
    if not options.keep_text:
        outcome.result.text = None
    outcome.timings = linter.timings or {}
    return outcome


def _to_cache(result: LintResult) -> dict:
    entry = {"encoding": result.encoding, "diagnostics": [d.to_dict() for d in result.diagnostics]}
    if result.decoded is not None and result.decoded.kind == "docx":
        entry["text"] = result.text  # re-reading a .docx costs more than storing its text
    return entry


def _from_cache(entry: dict | None, path: str, data: bytes, options: Options) -> LintResult | None:
    """The result a cache entry holds; None for a miss, or for an entry of the wrong shape
    (damaged, or written by hand), which is then simply checked again."""
    if entry is None:
        return None
    try:
        diagnostics = [Diagnostic.from_dict(d) for d in entry["diagnostics"]]
        text = None
        if options.keep_text:  # only the text format shows source lines
            text = entry["text"] if "text" in entry else decode(data, options.encoding).text
        if not isinstance(text, (str, type(None))) or not isinstance(entry["encoding"], (str, type(None))):
            return None
        return LintResult(path, diagnostics, text, entry["encoding"])
    except (KeyError, TypeError, ValueError, AttributeError, IndexError, InputError):
        return None


def _check_stdin(stdin: bytes | BinaryIO, options: Options) -> FileOutcome:
    """Check standard input (bytes, or a stream read here up to ``max-file-size``)."""
    name = options.stdin_filename or "-"
    settings = settings_for_input(name, options)
    try:
        data = stdin if isinstance(stdin, bytes) else read_stream(stdin, settings.max_file_size)
        if len(data) > settings.max_file_size:
            raise TooLarge(settings.max_file_size)
    except TooLarge as exc:
        return FileOutcome(LintResult(name, error=f"{exc} (max-file-size)"))
    result = lint_bytes(data, name, settings, options.encoding)
    if options.diff and not result.error:
        unfixed = copy(options)
        unfixed.fix = False
        return _fix(result, settings_for_input(name, options), unfixed)
    return FileOutcome(result)


def _fix(result: LintResult, settings: Settings, options: Options, original: bytes = b"") -> FileOutcome:
    """Apply fixes until none is left (or ten passes); write the file back (if it still holds
    ``original``), or make a diff."""
    decoded: Decoded | None = result.decoded
    if decoded is not None and decoded.kind == "docx" and any(d.fix is not None for d in result.diagnostics):
        return FileOutcome(result, note=DOCX_FIX_NOTE)
    if decoded is None or decoded.kind != "text" or result.text is None:
        return FileOutcome(result)  # fixes are applied to text files only
    text, total, current = fixed_text(
        decoded._replace(text=result.text), result.diagnostics, result.path, settings, options.unsafe_fixes
    )
    if not total or current is None:
        return FileOutcome(result)
    if options.diff:
        decoded.encode(text)  # as --fix would: a fixed character the encoding cannot store is an error
        return FileOutcome(result, diff=_unified(result.path or "-", result.text, text, decoded.encoding))
    rewrite(Path(result.path or "-"), decoded.encode(text), original)  # standard input gives a diff, never a write
    current.encoding, current.decoded = result.encoding, decoded
    return FileOutcome(current, fixed=total)


def fixed_text(
    decoded: Decoded, diagnostics: list[Diagnostic], path: str | None, settings: Settings, unsafe: bool
) -> tuple[str, int, LintResult | None]:
    """The text after the fixes ``--fix`` applies (safe ones; all with ``unsafe``), pass after
    pass, re-checking after each as ruff does; how many were applied; the last check. In a
    .docx only fixes within one paragraph apply, so the text keeps one line per paragraph."""
    docx = decoded.kind == "docx"
    text, total, current = decoded.text, 0, None
    for _pass in range(MAX_FIX_PASSES):
        chosen = [d for d in diagnostics if not docx or _within_paragraph(text, d)]
        text, applied = apply_fixes(text, chosen, unsafe)
        if not applied:
            break
        total += applied
        current = lint_text(text, path, settings, "paragraph" if docx else "line", decoded.hints)
        diagnostics = current.diagnostics
    return text, total, current


def _within_paragraph(text: str, diagnostic: Diagnostic) -> bool:
    fix = diagnostic.fix
    return fix is not None and "\n" not in fix.replacement and "\n" not in text[fix.span.start : fix.span.end]


def fixed_docx_text(path: Path, diagnostics: list[Diagnostic], options: Options) -> str:
    """A .docx's text, one line per paragraph, with the fixes ``--fix`` would apply to it."""
    settings = settings_for_input(str(path), options)
    decoded = decode_input(read_bytes(path, settings.max_file_size), str(path), None, settings.max_file_size)
    return fixed_text(decoded, diagnostics, str(path), settings, options.unsafe_fixes)[0]


def _unified(path: str, before: str, after: str, encoding: str = "utf-8") -> bytes:
    """A unified diff of one file as ``git diff`` writes it (``a/`` and ``b/`` before the path),
    so ``git apply`` and ``patch -p1`` take it. A tab ends each file name, as ``diff -u`` has it
    before the date, so that ``patch`` reads a name with spaces whole; a last line without a
    line break is marked as such, or the patch would add one. The lines of the file are in its
    own encoding (a GBK file's patch holds GBK bytes, as ``git diff`` writes it, or no tool
    could apply it); the names and hunk heads in UTF-8, as the file system has them. A file in
    UTF-16 or UTF-32, whose line breaks are not single bytes, gets UTF-8 lines."""
    import difflib  # only --diff needs it: kept off the start of every run

    name = path.lstrip("/")
    own = encoding if "\n".encode(encoding) == b"\n" else "utf-8"
    lines = difflib.unified_diff(_lines(before), _lines(after), f"a/{name}\t", f"b/{name}\t")
    patch = bytearray()
    for number, line in enumerate(lines):
        line = line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
        patch += line.encode("utf-8" if number < 2 or line.startswith("@@") else own)
    return bytes(patch)


def _lines(text: str) -> list[str]:
    """Lines as ``patch`` counts them: split after each line feed only (``str.splitlines``
    would also split at a form feed or U+2028, which patch takes as part of a line)."""
    lines = [line + "\n" for line in text.split("\n")]
    lines[-1] = lines[-1][:-1]
    return lines if lines[-1] else lines[:-1]
