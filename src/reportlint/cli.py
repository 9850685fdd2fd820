"""The ``reportlint`` command line: a thin layer over :mod:`reportlint.runner` and the formats.

Exit codes: 0 nothing at or above ``--fail-level``; 1 something was; 2 a usage error, a bad
rule or config file, or an input that could not be read (the other inputs are still checked).
"""

from __future__ import annotations

import inspect
import os
import re
import signal
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import chain
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NoReturn

import click

from reportlint import __version__
from reportlint.base import i18n
from reportlint.base.i18n import _, ngettext
from reportlint.exits import EXIT_ERROR, EXIT_INTERRUPTED
from reportlint.formats import FORMATS
from reportlint.rules.diagnostics import SEVERITIES, severity_label

_LANG_REQUESTED = "reportlint.lang"  # context meta: the --lang given, if any
MACHINE_FORMATS = ("json", "json-lines", "sarif", "github")  # English unless --lang asks otherwise

if TYPE_CHECKING:
    from reportlint.rules.diagnostics import Diagnostic
    from reportlint.rules.engine import Linter
    from reportlint.runner import Options


def _ids(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    return tuple(part.strip() for part in value.split(",") if part.strip())


def _color(stream: IO[str]) -> bool:
    return "NO_COLOR" not in os.environ and stream.isatty()


def _fatal(message: str) -> NoReturn:
    click.echo(_("reportlint: error: {message}").format(message=message), err=True)
    sys.exit(EXIT_ERROR)


def _english_for_programs() -> None:
    """Output read by programs does not change with the machine's locale; ``--lang`` still counts."""
    if not click.get_current_context().meta.get(_LANG_REQUESTED):
        i18n.activate("en")


def _requested_language(args: list[str]) -> str | None:
    """The value of ``--lang`` anywhere before ``--``: the language is needed before Click parses,
    since ``--help`` may come first."""
    for i, arg in enumerate(args):
        if arg == "--":
            break
        value = arg[len("--lang=") :] if arg.startswith("--lang=") else None
        if arg == "--lang" and i + 1 < len(args):
            value = args[i + 1]
        if value in i18n.LANGUAGES:
            return value
    return None


class _Path(click.Path):
    """``click.Path`` naming itself in the language of the run: Click names a path type ("file",
    "directory") when the option is declared, at import, before the language is chosen."""

    @property
    def name(self) -> str:
        return _(self._name)

    @name.setter
    def name(self, value: str) -> None:
        self._name = value

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str | None:
        """An option's FILE in every language (Click measures the option column in characters);
        an argument is named by itself, as Click does."""
        return self._name.upper() if param.param_type_name == "option" else None


class _IntRange(click.IntRange):
    """``click.IntRange`` whose name, in "'x' is not a valid integer range", is translated."""

    @property
    def name(self) -> str:  # type: ignore[override]
        return _("integer range")

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str:
        return "INTEGER RANGE"


_lang_option = click.Option(
    ["--lang"],
    type=click.Choice(i18n.LANGUAGES),
    expose_value=False,
    help="Language of messages: en or zh (default: from LANGUAGE, LC_ALL, LC_MESSAGES or LANG, else the system's).",
)


@contextmanager
def _translated_help(command: click.Command) -> Iterator[None]:
    """The help texts of ``command``, its options and its subcommands in the current language
    while help is written; Click keeps the English ones (the catalog's msgids)."""
    everything = [command, *command.params, *getattr(command, "commands", {}).values()]
    objects = [o for o in everything if getattr(o, "help", None)]  # an Argument has no help before Click 8.2
    saved = [(o, o.help, getattr(o, "short_help", None)) for o in objects]
    try:
        for o in objects:
            o.help = _(inspect.cleandoc(o.help))
            if isinstance(o, click.Command) and not o.short_help and "。" in o.help:
                o.short_help = o.help.split("。", 1)[0]  # Click finds the first sentence by ". "
        yield
    finally:
        for o, text, short in saved:
            o.help = text
            if isinstance(o, click.Command):
                o.short_help = short


def _prewrapped(text: str, columns: int) -> str:
    """``text`` wrapped to ``columns`` terminal columns, each paragraph opened by Click's
    no-rewrap mark (a line of ``\\b``), so that Click lays it out without wrapping it again."""
    from reportlint.base.columns import unfold, wrap

    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    return "\n\n".join("\b\n" + "\n".join(wrap(unfold(p), columns)) for p in paragraphs)


class _HelpFormatter(click.HelpFormatter):
    """Click's help layout with its text wrapped by terminal columns: Click counts characters,
    and a Chinese character takes two columns and needs no space to break a line beside it."""

    def write_text(self, text: str) -> None:
        super().write_text(_prewrapped(text, self.width - self.current_indent))

    def write_heading(self, heading: str) -> None:
        """Click's heading (Options, Commands) with the colon of the interface's language:
        Click adds a half-width one to whatever the catalog says (选项:)."""
        self.write(f"{'':>{self.current_indent}}{_('{heading}:').format(heading=heading)}\n")

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        """Click's usage line; a full-width colon (用法：) holds its own space, so none follows."""
        if prefix is None:
            usage = _("Usage:")
            prefix = usage if usage.endswith("：") else f"{usage} "
        super().write_usage(prog, args, prefix)

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        from reportlint.base.columns import width

        rows = list(rows)
        first = min(max((width(term) for term, _text in rows), default=0), col_max) + col_spacing
        columns = max(self.width - first - 2, 10)  # Click's room for the second column
        super().write_dl([(term, _prewrapped(text, columns)) for term, text in rows], col_max, col_spacing)


class _Context(click.Context):
    formatter_class = _HelpFormatter


class _Command(click.Command):
    """A command whose help is shown translated and that takes ``--lang``."""

    context_class = _Context

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.params.append(_lang_option)

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _translated_help(self):
            super().format_help(ctx, formatter)


class _Group(_Command, click.Group):
    """The ``reportlint`` group: chooses the language before anything is parsed or shown."""

    command_class = _Command

    def make_context(
        self, info_name: str | None, args: list[str], parent: click.Context | None = None, **extra: Any
    ) -> click.Context:
        requested = _requested_language(args) if parent is None else None
        if parent is None:
            i18n.activate(requested)
        ctx = super().make_context(info_name, args, parent, **extra)
        if parent is None:
            ctx.meta[_LANG_REQUESTED] = requested  # shared by the subcommands' contexts
        return ctx

    def invoke(self, ctx: click.Context) -> Any:
        """Every command ends with one line and exit 2 when something it needs is missing or
        broken (a package, the outline grammar), never with a traceback or an empty result."""
        try:
            return super().invoke(ctx)
        except ImportError as exc:
            _fatal(_("a package reportlint needs cannot be imported: {reason} (reinstall it)").format(reason=exc))
        except Exception as exc:
            from reportlint.outline.parser import GrammarError

            if isinstance(exc, GrammarError):
                _fatal(str(exc))
            raise


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="reportlint")
def main() -> None:
    """Check Chinese official work reports (述职报告, 工作总结) for template leftovers, missing
    sections, broken numbering, totals that do not add up and GB/T 15834/15835 slips."""
    signal.signal(signal.SIGTERM, _terminated)


def _terminated(signum: int, frame: object) -> None:
    """SIGTERM unwinds like Ctrl-C: the worker processes are stopped, a write under way
    removes its temporary file (or, in place, finishes first), and the exit code is 143."""
    raise SystemExit(128 + signum)


_config_option = click.option(
    "--config",
    type=_Path(dir_okay=False, path_type=Path),
    help="Config file (default: nearest .reportlint.yaml or pyproject.toml).",
)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option(
    "--fail-level",
    type=click.Choice(SEVERITIES),
    default="warning",
    show_default=True,
    help="Lowest severity that makes the exit code 1.",
)
@_config_option
@click.option("--select", help="Comma-separated rule ids to enable instead of the defaults (ALL for every rule).")
@click.option("--extend-select", help="Comma-separated rule ids to enable on top of the selection.")
@click.option("--ignore", help="Comma-separated rule ids to disable.")
@click.option(
    "--rule-dir",
    "rule_dirs",
    multiple=True,
    type=_Path(path_type=Path),
    help="Extra directory of YAML rule files (repeatable).",
)
@click.option("--type", "report_type", help="Report type id (default: detected from the title).")
@click.option("--fix", is_flag=True, help="Apply safe fixes and write the files back.")
@click.option(
    "--unsafe-fixes",
    is_flag=True,
    help="With --fix or --diff, also apply unsafe fixes (guesses that may change the meaning).",
)
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff; write nothing.")
@click.option("--stdin-filename", help="Name to use for input read from '-'.")
@click.option("--encoding", help="Read text files in this encoding instead of detecting it.")
@click.option("--statistics", is_flag=True, help="Count findings per rule.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when problems are found.")
@click.option(
    "--annotate",
    type=_Path(dir_okay=False, path_type=Path),
    help="With one .docx input: write a copy with every finding as a Word comment.",
)
@click.option("--force", is_flag=True, help="With --annotate, replace OUT if it exists.")
@click.option(
    "-j",
    "--jobs",
    type=_IntRange(min=1),
    default=None,
    help="Processes for many files, this one included (default: all cores).",
)
@click.option("--no-cache", is_flag=True, help="Do not read or write the result cache.")
@click.option(
    "--cache-dir",
    type=_Path(file_okay=False, path_type=Path),
    default=None,
    help="Where .reportlint_cache lives (default: the current directory).",
)
@click.option("--profile-rules", is_flag=True, help="Print the CPU time spent in each rule to stderr.")
@click.option(
    "-o",
    "--output",
    type=_Path(dir_okay=False, path_type=Path),
    help="Write the report to this file (atomically) instead of standard output.",
)
def check(
    paths: tuple[str, ...],
    fmt: str,
    fail_level: str,
    config: Path | None,
    select: str | None,
    extend_select: str | None,
    ignore: str | None,
    rule_dirs: tuple[Path, ...],
    report_type: str | None,
    fix: bool,
    unsafe_fixes: bool,
    diff: bool,
    stdin_filename: str | None,
    encoding: str | None,
    statistics: bool,
    exit_zero: bool,
    annotate: Path | None,
    force: bool,
    jobs: int | None,
    no_cache: bool,
    cache_dir: Path | None,
    profile_rules: bool,
    output: Path | None,
) -> None:
    """Check report files and directories (.txt, .md, .docx); '-' reads standard input."""
    if annotate and (len(paths) != 1 or not paths[0].lower().endswith(".docx")):
        raise click.UsageError(_("--annotate takes exactly one .docx input"))
    if annotate and annotate.suffix.lower() != ".docx":
        _fatal(_("{path}: --annotate writes a Word file: name it .docx").format(path=annotate))
    if output and any(p != "-" and Path(p).resolve() == output.resolve() for p in paths):
        raise click.UsageError(_("-o/--output must name a new file, not one of the inputs"))
    if fmt in MACHINE_FORMATS:
        _english_for_programs()
    if annotate:
        _check_annotate_target(Path(paths[0]), annotate, force)
    from reportlint.formats import DOCS_URL_VARIABLE, Context, Summary, printable, writer
    from reportlint.rules.loader import RuleFileError
    from reportlint.runner import Options, Tally, check_iter

    overrides = {
        "select": _ids(select),
        "extend_select": _ids(extend_select),
        "ignore": _ids(ignore),
        "rule_dirs": rule_dirs or None,
        "report_type": report_type,
    }
    options = Options(
        config,
        overrides,
        encoding,
        fix,
        diff,
        stdin_filename,
        jobs=jobs or os.cpu_count() or 1,
        cache_root=None if no_cache or fmt == "html" else (cache_dir or Path.cwd()),  # cached results have no outline
        profile=profile_rules,
        keep_text=fmt in ("text", "html"),
        keep_document=fmt == "html",
        unsafe_fixes=unsafe_fixes,
    )
    stdin = sys.stdin.buffer if "-" in paths else None  # read by the runner, up to max-file-size
    progress = _Progress() if fmt in ("text", "concise") and sys.stderr.isatty() else None
    tally = Tally(Summary(unsafe_fixes=unsafe_fixes), fail_level)
    try:
        rules = _linter(config).ruleset.by_id() if fmt in ("sarif", "html") else {}
        report = _Output(output, progress, err=diff)  # with --diff, standard output is the patch alone
        docs_url = os.environ.get(DOCS_URL_VARIABLE) or None
        color = _color(sys.stdout) and not output
        context = Context(color=color, statistics=statistics, rules=rules, docs_url=docs_url)
        out = writer(fmt, context)
        outcomes = check_iter(list(paths), options, stdin, progress)
        first = next(outcomes, None)  # configs and rules load here: a bad one stops us before any output
        report.write(out.begin())
        for outcome in chain([first] if first else [], outcomes):
            tally.add(outcome)
            result = outcome.result
            if result.error and fmt in ("text", "concise"):
                _emit(
                    printable(_("reportlint: {path}: {error}").format(path=result.path, error=result.error)) + "\n",
                    progress,
                    err=True,
                )
            if outcome.note:
                _emit(
                    _("reportlint: {path}: {error}").format(path=result.path, error=_(outcome.note)) + "\n",
                    progress,
                    err=True,
                )
            _emit(outcome.diff, progress)
            report.write(out.add(result))
            if annotate and not result.error:
                _annotate(Path(paths[0]), annotate, result.diagnostics, options, force)
    except RuleFileError as exc:
        _fatal(str(exc))
    except KeyboardInterrupt:  # a write under way removes its temporary file or finishes first
        click.echo("\n" + _("reportlint: interrupted"), err=True)
        sys.exit(EXIT_INTERRUPTED)
    report.write(out.end(tally.summary))
    report.close()
    if profile_rules:
        click.echo(_timing_table(tally.timings), err=True)
    sys.exit(tally.exit_code(exit_zero))


def _emit(text: str | bytes, progress: _Progress | None, err: bool = False) -> None:
    if text:
        if progress:
            progress.clear()
        click.echo(text, nl=False, err=err)


class _Output:
    """Where the report goes: standard output as the run streams, or a file written whole at the
    end, atomically (an interrupted or failed run leaves no half report and no changed file)."""

    def __init__(self, path: Path | None, progress: _Progress | None, err: bool = False) -> None:
        self.path, self.progress, self.err = path, progress, err
        self.parts: list[str] = []

    def write(self, text: str) -> None:
        if self.path is None:
            _emit(text, self.progress, err=self.err)
        elif text:
            self.parts.append(text)

    def close(self) -> None:
        if self.path is None:
            return
        from reportlint.base.files import atomic_write, os_reason

        try:
            atomic_write(self.path, "".join(self.parts).encode("utf-8"))
        except OSError as exc:
            _fatal(_("{path}: cannot write the report: {reason}").format(path=self.path, reason=os_reason(exc)))


class _Progress:
    """``checked 12/300`` on stderr while a run goes on; cleared before any output."""

    def __init__(self) -> None:
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if total > 1 and done < total:
            click.echo(
                "\r" + _("reportlint: checked {done}/{total}").format(done=done, total=total), nl=False, err=True
            )
            self.shown = True
        else:
            self.clear()

    def clear(self) -> None:
        if self.shown:
            click.echo("\r\033[K", nl=False, err=True)
            self.shown = False


def _timing_table(timings: dict[str, float]) -> str:
    from reportlint.base.columns import pad
    from reportlint.base.columns import width as columns

    rows = sorted(timings.items(), key=lambda item: -item[1])
    total = sum(timings.values()) or 1.0
    width = max((columns(rule) for rule in [*timings, _("rule")]), default=4)
    lines = [f"{pad(_('rule'), width)}  {' ' * (9 - columns(_('ms')))}{_('ms')}  {_('share')}"]
    lines += [f"{rule:<{width}}  {seconds * 1000:>9.1f}  {seconds / total:>5.0%}" for rule, seconds in rows]
    return "\n".join(lines)


def _check_annotate_target(source: Path, target: Path, force: bool) -> None:
    """OUT is a new file unless --force, and never the report itself (or a link to it)."""
    if target.resolve() == source.resolve() or (target.exists() and source.exists() and target.samefile(source)):
        _fatal(_("--annotate must write to a new file, not the report itself"))
    if (target.exists() or target.is_symlink()) and not force:
        _fatal(_("{path}: already exists; pass --force to replace it").format(path=target))


def _annotate(source: Path, target: Path, diagnostics: list[Diagnostic], options: Options, force: bool) -> None:
    """Write the annotated copy: the findings as comments, the fixes --fix would apply (with
    --unsafe-fixes, the unsafe ones too) as tracked changes."""
    from reportlint.formats.word import annotate
    from reportlint.inputs.decoded import InputError
    from reportlint.runner import fixed_docx_text

    _check_annotate_target(source, target, force)
    try:
        fixed = fixed_docx_text(source, diagnostics, options)
        written = annotate(source, target, diagnostics, fixed, overwrite=force)
    except FileExistsError:
        _fatal(_("{path}: already exists; pass --force to replace it").format(path=target))
    except (InputError, OSError) as exc:
        _fatal(_("{path}: cannot write the annotated copy: {reason}").format(path=target, reason=exc))
    comments = ngettext("{n} comment", "{n} comments", written.comments).format(n=written.comments)
    changes = ngettext("{n} tracked change", "{n} tracked changes", written.changes).format(n=written.changes)
    click.echo(
        _("Wrote {comments} and {changes} to {path}").format(comments=comments, changes=changes, path=target), err=True
    )


def _linter(config: Path | None) -> Linter:
    """The linter for the current directory (rules, explain, SARIF rule metadata); a bad rule or
    config file ends the run with its one-line error."""
    from reportlint.api import settings_for
    from reportlint.rules.engine import get_linter
    from reportlint.rules.loader import RuleFileError

    try:
        return get_linter(settings_for(None, config))
    except RuleFileError as exc:
        _fatal(str(exc))


@main.command()
@click.argument("path", type=_Path(dir_okay=False, allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--encoding", help="Read the file in this encoding instead of detecting it.")
def outline(path: str, fmt: str, encoding: str | None) -> None:
    """Print the outline of a report: its title, numbered sections and inline enumerations."""
    from reportlint.api import settings_for
    from reportlint.base.files import TooLarge, read_stream
    from reportlint.inputs import markdown
    from reportlint.inputs.decoded import InputError
    from reportlint.inputs.reader import decode, read_path
    from reportlint.outline.parser import parse_outline
    from reportlint.outline.view import outline_json, outline_text
    from reportlint.rules.loader import RuleFileError

    try:
        limit = settings_for(path).max_file_size
    except RuleFileError as exc:
        _fatal(str(exc))
    try:
        if path == "-":
            decoded = decode(read_stream(sys.stdin.buffer, limit), encoding)
        else:
            decoded = read_path(Path(path), encoding, limit)
    except TooLarge as exc:
        _fatal(_("{path}: {reason} (max-file-size)").format(path=path, reason=exc))
    except InputError as exc:
        _fatal(_("{path}: {reason}").format(path=path, reason=exc))
    text = markdown.mask(decoded.text) if markdown.is_markdown(path) else decoded.text
    doc = parse_outline(text, path, decoded.hints, _linter(None).report_type)
    click.echo(outline_json(doc) if fmt == "json" else outline_text(doc, paragraphs=decoded.kind == "docx"))


@main.command("rules")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help="markdown: the full rules reference page (docs/rules.md is generated with it).",
)
@click.option("--all", "show_all", is_flag=True, help="Also list rules that are not selected.")
@_config_option
def rules_command(fmt: str, show_all: bool, config: Path | None) -> None:
    """List the active rules: id, kind, severity, fix (safe, unsafe or no), summary."""
    import json

    from reportlint.rules.explain import fix_column

    if fmt == "json":
        _english_for_programs()
    linter = _linter(config)
    rules = linter.ruleset.rules if show_all else linter.rules
    rows = [
        {
            "id": r.id,
            "kind": r.kind,
            "severity": linter.severity.get(r.id, r.severity),
            "fixable": r.fixable,
            "fix": fix_column(r),
            "summary": r.summary,
            "origin": r.origin,
        }
        for r in rules
    ]
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if fmt == "markdown":
        from reportlint.rules.explain import rules_page

        click.echo(rules_page(rules), nl=False)
        return
    from reportlint.base.columns import pad, width
    from reportlint.rules.explain import fix_label

    header = [_("id"), _("kind"), _("severity"), _("fix"), _("summary")]
    table = [header]
    table += [
        [str(r["id"]), str(r["kind"]), severity_label(str(r["severity"])), fix_label(str(r["fix"])), str(r["summary"])]
        for r in rows
    ]
    widths = [max(width(cells[i]) for cells in table) for i in range(4)]
    for cells in table:
        click.echo("  ".join(pad(cell, size) for cell, size in zip(cells[:4], widths, strict=True)) + "  " + cells[4])


@main.command("kinds")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown"]),
    default="text",
    show_default=True,
    help="markdown: the kind reference page (docs/kinds.md is generated with it).",
)
def kinds_command(fmt: str) -> None:
    """List the built-in rule kinds: whether scoped, fix availability, message fields, parameters."""
    from reportlint.rules.explain import kinds_page, kinds_table
    from reportlint.rules.kinds import builtin_kinds

    kinds = builtin_kinds()
    click.echo(kinds_page(kinds) if fmt == "markdown" else kinds_table(kinds), nl=False)


@main.command()
@click.argument("rule_id")
@_config_option
def explain(rule_id: str, config: Path | None) -> None:
    """Show a rule's description and examples."""
    from reportlint.rules.explain import explain_rule

    linter = _linter(config)
    rule = linter.ruleset.by_id().get(rule_id)
    if rule is None:
        _fatal(_("unknown rule '{rule}' (see 'reportlint rules')").format(rule=rule_id))
    click.echo(explain_rule(rule))


@main.command()
@click.option("--type", "report_type", help="Report type to write in (default: found from each report's title).")
def init(report_type: str | None) -> None:
    """Write a commented .reportlint.yaml in the current directory (never over an existing one)."""
    from reportlint.base.files import os_reason
    from reportlint.config import find_config, template
    from reportlint.rules.engine import load_ruleset
    from reportlint.rules.ruleset import GENERAL

    types = [(t.id, t.name) for t in load_ruleset(()).types] + [(GENERAL, "通用")]
    if report_type is not None and report_type not in {id_ for id_, _ in types}:
        raise click.BadParameter(
            _("unknown report type '{type}' (known: {known})").format(
                type=report_type, known=", ".join(i for i, _name in types)
            )
        )
    here = Path.cwd()
    existing = find_config(here)
    if existing is not None and existing.parent == here.resolve():
        _fatal(_("{name} already configures this directory; not overwritten").format(name=existing.name))
    target = here / ".reportlint.yaml"
    try:
        with open(target, "x", encoding="utf-8", newline="\n") as handle:  # "x": never over a file made meanwhile
            handle.write(template(types, report_type))
    except OSError as exc:
        _fatal(_("{name}: cannot write: {reason}").format(name=target.name, reason=os_reason(exc)))
    click.echo(_("Wrote {name}").format(name=target.name))


@main.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; the default is reachable from this computer only.",
)
@click.option("--port", type=_IntRange(0, 65535), default=0, help="Port to listen on (default: a free one).")
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the web browser.")
@click.option(
    "--max-upload",
    type=_IntRange(min=1),
    default=None,
    help="Largest upload in bytes (default: max-file-size, 20 MB).",
)
@_config_option
def serve(host: str, port: int, open_browser: bool, max_upload: int, config: Path | None) -> None:
    """Run the review web page: drop a report in the browser, see its findings, download the
    annotated Word copy or the fixed text."""
    try:
        from reportlint import web
    except ImportError:
        _fatal(_('the review page needs Starlette and uvicorn: pip install "reportlint[web]"'))
    from reportlint.base.files import os_reason

    settings = _linter(config).settings  # a bad config or rule file stops here, with its error
    try:
        sock = web.bind(host, port)
    except OSError as exc:
        _fatal(_("cannot listen on {host}:{port}: {reason}").format(host=host, port=port, reason=os_reason(exc)))
    url = web.url_of(sock)
    click.echo(_("reportlint: review page at {url} (Ctrl-C to stop)").format(url=url))
    sys.stdout.flush()
    if open_browser:
        import webbrowser

        webbrowser.open(url)
    requested = click.get_current_context().meta.get(_LANG_REQUESTED)  # else each browser's own language
    limit = max_upload or settings.max_file_size
    web.warm(config, limit)  # the first review with 同时查错别字 ticked need not build the word tables
    web.run(sock, web.create_app(host, config, limit, requested))


@main.command()
def server() -> None:
    """Run the Language Server (LSP) over stdio for editors."""
    try:
        from reportlint.server import main as serve
    except ImportError:
        _fatal(_('the language server needs pygls: pip install "reportlint[lsp]"'))
    serve()
