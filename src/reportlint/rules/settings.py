"""Resolved settings: which rules run, at what severity, on which paths."""

from __future__ import annotations

import fnmatch
from pathlib import Path
from typing import Any

from reportlint.base.i18n import _
from reportlint.base.record import NamedTuple

DEFAULT_MAX_FILE_SIZE = 20_000_000


class Settings(NamedTuple):
    """Resolved settings; hashable, so a linter built from them can be cached."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    rule_dirs: tuple[Path, ...] = ()
    per_path_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    report_type: str | None = None
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    root: Path | None = None  # the directory per-path globs are relative to
    path: Path | None = None  # the config file, if any
    places: tuple[tuple[str, int, int], ...] = ()  # (rule id, line, column) of each id the config file names

    def place_of(self, rule_id: str) -> tuple[str, int, int]:
        """Where ``rule_id`` was named: the config file's key that holds it, else the command line."""
        for name, line, column in self.places:
            if name == rule_id and self.path is not None:
                return str(self.path), line, column
        return _("command line"), 1, 1

    def ignored_for(self, path: str | None) -> set[str]:
        if not path or not self.per_path_ignores:
            return set()
        target = Path(path).resolve()
        try:
            relative = target.relative_to(self.root).as_posix() if self.root else target.as_posix()
        except ValueError:
            relative = target.as_posix()
        out: set[str] = set()
        for pattern, ids in self.per_path_ignores:
            if fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(target.name, pattern):
                out.update(ids)
        return out

    def with_overrides(self, **overrides: Any) -> Settings:
        """Command-line values (those not None) replace the file's."""
        given = {k: v for k, v in overrides.items() if v is not None}
        if "extend_select" in given:
            given["extend_select"] = self.extend_select + tuple(given["extend_select"])
        if "ignore" in given:
            given["ignore"] = self.ignore + tuple(given["ignore"])
        if "rule_dirs" in given:
            given["rule_dirs"] = self.rule_dirs + tuple(Path(p).resolve() for p in given["rule_dirs"])
        return self._replace(**given)
