"""Configuration: ``.reportlint.yaml`` or ``[tool.reportlint]`` in ``pyproject.toml``.

The file is found by walking up from the checked file (or given with ``--config``). Settings
on the command line beat the file. An unknown setting is an error, not silently ignored.

A config file can name rule directories, so it is trusted like code: one found on the way up in
a directory that anyone may write (a shared ``/tmp``), or that anyone may write itself, is
ignored with a warning, as git ignores a repository another user owns. ``--config`` still
uses it. Config files are read like rule files: at most 1 MB, every problem one line.
"""

from __future__ import annotations

import stat
import sys
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from reportlint.base.i18n import _
from reportlint.rules.diagnostics import SEVERITIES
from reportlint.rules.loader import MAX_RULE_FILE_BYTES, Marked, RuleFileError, read_data_file, read_yaml
from reportlint.rules.settings import Settings
from reportlint.rules.syntaxerrors import toml_error

CONFIG_FILES = (".reportlint.yaml", ".reportlint.yml", "pyproject.toml")


@lru_cache(maxsize=256)
def settings_at(directory: Path, config: Path | None = None) -> Settings:
    """The settings for files in ``directory``: ``config`` if given, else the nearest config file
    at or above it, else the defaults. Cached: a run over many files reads each config once."""
    if config is None:
        config = find_config(directory)
    return load_settings(config) if config else Settings()


def find_config(start: Path) -> Path | None:
    """The nearest config file at or above ``start`` (a file or a directory) that only trusted
    users can have written."""
    directory = start if start.is_dir() else start.parent
    for folder in (directory.resolve(), *directory.resolve().parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if not candidate.is_file() or (name == "pyproject.toml" and not _has_tool_table(candidate)):
                continue
            if _writable_by_others(folder) or _writable_by_others(candidate):
                _warn_ignored(candidate)
                continue
            return candidate
    return None


def _writable_by_others(path: Path) -> bool:
    try:
        return bool(path.stat().st_mode & stat.S_IWOTH)
    except OSError:
        return False


@lru_cache(maxsize=64)
def _warn_ignored(path: Path) -> None:
    """Said once per file and run, on stderr (the language server's stdout is the protocol)."""
    sys.stderr.write(
        _(
            "reportlint: warning: ignoring {path}: anyone may write it or its directory (use --config to trust it)"
        ).format(path=path)
        + "\n"
    )


def _has_tool_table(path: Path) -> bool:
    """Whether a pyproject.toml has a ``[tool.reportlint]`` table (looked for in its first
    megabyte: a larger file is refused when it is loaded)."""
    try:
        with open(path, "rb") as handle:
            return b"[tool.reportlint" in handle.read(MAX_RULE_FILE_BYTES + 1)
    except OSError:
        return False


def load_settings(path: Path) -> Settings:
    name = str(path)
    if path.name == "pyproject.toml":
        data, where = _pyproject(path)
    else:
        data = read_yaml(path)
        if data is None:
            data = Marked()
            data.key_where = {}
        if not isinstance(data, Marked):
            raise RuleFileError(name, 1, 1, _("a config file is a mapping of settings"))
        where = data.at
    return _settings(name, path.parent.resolve(), data, where)


def _pyproject(path: Path) -> tuple[dict[str, Any], Callable[[str | None], tuple[int, int]]]:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef,import-not-found,unused-ignore]
    try:
        text = read_data_file(path).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RuleFileError(str(path), 1, 1, _("not UTF-8 text (byte {offset})").format(offset=exc.start)) from None
    try:
        data = tomllib.loads(text).get("tool", {}).get("reportlint", {})
    except tomllib.TOMLDecodeError as exc:
        raise RuleFileError(str(path), *toml_error(str(exc))) from None
    except RecursionError:
        raise RuleFileError(str(path), 1, 1, _("invalid TOML: nested too deeply")) from None
    if not isinstance(data, dict):
        raise RuleFileError(str(path), 1, 1, _("[tool.reportlint] must be a table"))

    def where(key: str | None) -> tuple[int, int]:
        if key:
            for number, line in enumerate(text.splitlines(), start=1):
                if line.lstrip().startswith(key):
                    return number, line.index(key) + 1
        return 1, 1

    return data, where


_SETTINGS = ("select", "extend-select", "ignore", "severity", "rule-dirs", "per-path-ignores", "type", "max-file-size")


def _settings(name: str, root: Path, data: dict, where: Callable[[str | None], tuple[int, int]]) -> Settings:
    def fail(key: str, reason: str) -> RuleFileError:
        return RuleFileError(name, *where(key), reason)

    places: list[tuple[str, int, int]] = []

    def strings(key: str, reason: str) -> tuple[str, ...]:
        value = data[key]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail(key, reason)
        return tuple(value)

    def ids(key: str) -> tuple[str, ...]:
        """A list of rule ids, each remembered at the key that holds it."""
        value = strings(key, _("'{key}' must be a list of rule ids").format(key=key))
        places.extend((rule_id, *where(key)) for rule_id in value)
        return value

    for key in data:
        if key not in _SETTINGS:
            raise fail(key, _("unknown setting '{key}' (known: {known})").format(key=key, known=", ".join(_SETTINGS)))
    settings = Settings(root=root, path=Path(name))
    changes: dict[str, Any] = {}
    if "select" in data:
        changes["select"] = ids("select")
    if "extend-select" in data:
        changes["extend_select"] = ids("extend-select")
    if "ignore" in data:
        changes["ignore"] = ids("ignore")
    if "severity" in data:
        value = data["severity"]
        if not isinstance(value, dict) or not all(v in SEVERITIES for v in value.values()):
            raise fail(
                "severity", _("'severity' maps rule ids to one of {choices}").format(choices=", ".join(SEVERITIES))
            )
        places.extend((str(rule_id), *_inner(value, rule_id, where)) for rule_id in value)
        changes["severity"] = tuple(sorted(value.items()))
    if "rule-dirs" in data:
        dirs = strings("rule-dirs", _("'rule-dirs' must be a list of directories"))
        changes["rule_dirs"] = tuple((root / d).resolve() for d in dirs)
    if "per-path-ignores" in data:
        value = data["per-path-ignores"]
        if not isinstance(value, dict) or not all(
            isinstance(v, list) and all(isinstance(i, str) for i in v) for v in value.values()
        ):
            raise fail("per-path-ignores", _("'per-path-ignores' maps globs to lists of rule ids"))
        for glob, listed in value.items():
            places.extend((rule_id, *_inner(value, glob, where)) for rule_id in listed)
        changes["per_path_ignores"] = tuple((str(k), tuple(v)) for k, v in value.items())
    if "type" in data:
        if not isinstance(data["type"], str):
            raise fail("type", _("'type' is a report type id"))
        places.append((data["type"], *where("type")))
        changes["report_type"] = data["type"]
    if "max-file-size" in data:
        value = data["max-file-size"]
        if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
            raise fail("max-file-size", _("'max-file-size' is a positive number of bytes"))
        changes["max_file_size"] = value
    return settings._replace(places=tuple(places), **changes)


def template(types: list[tuple[str, str]], report_type: str | None = None) -> str:
    """The commented ``.reportlint.yaml`` that ``reportlint init`` writes. Every active value is
    the default, so the file changes nothing until someone edits it; ``types`` are the known
    report types as (id, name), listed in the comment."""
    choices = "、".join(f"{id_}（{name}）" for id_, name in types)
    kind = f"type: {report_type}" if report_type else "# type: duty-report"
    return f"""# reportlint 配置文件 · reportlint configuration
# 对本目录及其下各级目录中的报告生效；命令行选项优先于这里的设置。
# Applies to the reports in this folder and below; options on the command line win.
# 全部设置 · every setting: docs/configuration.md

# 报告类型 · report type: {choices}。
# 不写则按标题判断 · left out, it is found from the title.
{kind}

# 以下各项去掉行首的 # 即生效 · remove the leading # of a setting to use it

# 调整规则级别 · severity overrides (rule id: error | warning | info)
# severity:
#   term-inconsistency: error
#   halfwidth-punct: info

# 加开的规则 · rules to run on top of the defaults: near-miss 和 wrong-char 查错别字，
# 默认不开是因为检查大批报告时较慢 · the typo rules, off by default for their cost over many reports
# extend-select: [near-miss, wrong-char]

# 不检查的规则 · ignored rules (ids as `reportlint rules` lists them)
# ignore: [repeated-word, halfwidth-punct]

# 自己的规则目录 · rule directories, relative to this file (see docs/rule-files.md)
# rule-dirs: [house-rules]
"""


def _inner(mapping: dict, key: str, where: Callable[[str | None], tuple[int, int]]) -> tuple[int, int]:
    """Where ``key`` of a nested mapping stands: a YAML mapping knows; in TOML, the key's line."""
    return mapping.at(key) if isinstance(mapping, Marked) else where(key)
