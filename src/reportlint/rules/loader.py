"""Load rule packs: YAML files of ``rules:`` and ``types:``, safely, with exact error places.

A rule file is data. It is read with PyYAML's safe loader (the C one when available), so a tag
such as ``!!python/object`` is an error, never code. Every problem — YAML syntax, an unknown
key, a missing field, a bad regex, a duplicate id, an unknown kind — raises
:class:`RuleFileError` with the file, line and column.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import nullcontext
from functools import lru_cache
from pathlib import Path
from typing import Any

from reportlint.base import srecode
from reportlint.base.files import TooLarge, os_reason, read_limited
from reportlint.base.i18n import _
from reportlint.outline.model import ReportType, SectionSpec
from reportlint.rules.diagnostics import APPLICABILITIES, SEVERITIES
from reportlint.rules.kinds import KindError, get_kind, kind_names
from reportlint.rules.kinds.contract import Kind
from reportlint.rules.kinds.params import ParamError, searchable, trusted, validate
from reportlint.rules.ruleset import SCOPES, Example, Rule, RuleSet
from reportlint.rules.syntaxerrors import yaml_reason

MAX_RULE_FILE_BYTES = 1_000_000
MAX_NESTING = 32
_COMMON_KEYS = {
    "id",
    "kind",
    "severity",
    "message",
    "description",
    "description-zh",
    "scope",
    "types",
    "examples",
    "default",
    "fix",
}
_REQUIRED_KEYS = ("id", "kind", "severity", "message", "description", "examples")
# ASCII only: `re` compiles these in a third of what `regex` takes (0.9 against 2.2 M instructions)
_ID = srecode.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
_FIELD = srecode.compile(r"\{([^{}]*)\}")  # what a message template names
_OURS = "reportlint"  # the note of a YAML error the loader raises itself, its problem already translated


class RuleFileError(Exception):
    """A rule or config file that cannot be used; ``str()`` is ``file:line:col: reason``."""

    def __init__(self, path: str, line: int, column: int, reason: str) -> None:
        super().__init__(f"{path}:{line}:{column}: {reason}")
        self.path, self.line, self.column, self.reason = path, line, column, reason


class Marked(dict):
    """A YAML mapping that remembers where it and each of its keys stand (1-based)."""

    where: tuple[int, int] = (1, 1)
    key_where: dict

    def at(self, key: str | None) -> tuple[int, int]:
        return self.key_where.get(key, self.where) if key is not None else self.where


@lru_cache(maxsize=1)
def _loader_class() -> Any:
    """PyYAML's safe loader (the C one when available) building :class:`Marked` mappings.
    Built on first use: a start that finds its rules in the cache never imports yaml."""
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loader: Any = type("MarkedSafeLoader", (base,), {})
    loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
    return loader


def _construct_mapping(loader: Any, node: Any) -> Marked:
    import yaml

    loader.flatten_mapping(node)
    result = Marked()
    result.where = (node.start_mark.line + 1, node.start_mark.column + 1)
    result.key_where = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        where = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        if not isinstance(key, (str, int, float, bool)) or key is None:
            raise yaml.MarkedYAMLError(
                problem=_("a key must be a plain value"), problem_mark=key_node.start_mark, note=_OURS
            )
        if key in result:
            raise yaml.MarkedYAMLError(
                problem=_("duplicate key '{key}'").format(key=key), problem_mark=key_node.start_mark, note=_OURS
            )
        result.key_where[key] = where
        result[key] = loader.construct_object(value_node, deep=True)
    return result


def read_yaml(path: Path, max_bytes: int = MAX_RULE_FILE_BYTES) -> Any:
    """Parse one YAML file safely; refuse files too large or too deeply nested."""
    return parse_yaml(str(path), read_data_file(path, max_bytes))


def read_data_file(path: Path, max_bytes: int = MAX_RULE_FILE_BYTES) -> bytes:
    """The bytes of a rule or config file: a regular file, at most ``max_bytes`` (counted as
    read, so a link to ``/dev/zero`` is refused too)."""
    try:
        return read_limited(path, max_bytes)
    except TooLarge:
        raise RuleFileError(str(path), 1, 1, _("file is larger than {limit} bytes").format(limit=max_bytes)) from None
    except OSError as exc:
        raise RuleFileError(str(path), 1, 1, _("cannot read: {reason}").format(reason=os_reason(exc))) from None


def parse_yaml(name: str, data: bytes) -> Any:
    """The YAML document in ``data`` (the file ``name``), built of :class:`Marked` mappings."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RuleFileError(name, 1, 1, _("not UTF-8 text")) from None
    import yaml

    try:
        loader = _loader_class()(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return None
            _check_depth(node)
            return loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = exc.problem if exc.note == _OURS else yaml_reason(exc.context, exc.problem)
        raise RuleFileError(name, line, column, reason or _("invalid YAML")) from None
    except yaml.YAMLError as exc:
        raise RuleFileError(name, 1, 1, _("invalid YAML: {reason}").format(reason=exc)) from None
    except RecursionError:
        raise RuleFileError(name, 1, 1, _("too deeply nested")) from None


def _check_depth(root: Any) -> None:
    import yaml

    todo: list[tuple[yaml.Node, int]] = [(root, 1)]
    seen: set[int] = set()
    while todo:
        node, depth = todo.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if depth > MAX_NESTING:
            raise yaml.MarkedYAMLError(
                problem=_("nested deeper than {levels} levels").format(levels=MAX_NESTING),
                problem_mark=node.start_mark,
                note=_OURS,
            )
        if isinstance(node, yaml.SequenceNode):
            todo.extend((child, depth + 1) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                todo.extend(((key, depth + 1), (value, depth + 1)))


def builtin_rules_dir() -> Path:
    """The built-in packs: shipped in the wheel as ``reportlint/rules/packs``, else the repo's ``rules/``."""
    here = Path(__file__).resolve().parent
    packaged = here / "packs"
    return packaged if packaged.is_dir() else here.parents[2] / "rules"


def rule_files(directories: Iterable[Path]) -> list[Path]:
    files: list[Path] = []
    for directory in directories:
        if directory.is_file():
            files.append(directory)
            continue
        if not directory.is_dir():
            raise RuleFileError(str(directory), 1, 1, _("rule directory does not exist"))
        files.extend(sorted(p for p in directory.iterdir() if p.suffix in (".yaml", ".yml")))
    return files


def freeze(value: Any) -> Any:
    """Parsed YAML as plain JSON data, positions kept (what the compile cache stores); a value
    JSON cannot hold (a date, binary) raises ``TypeError``: that file is then not cached."""
    if isinstance(value, Marked):
        return {"at": list(value.where), "items": [[k, *value.at(k), freeze(v)] for k, v in value.items()]}
    if isinstance(value, list):
        return [freeze(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"not JSON data: {type(value).__name__}")


def thaw(value: Any) -> Any:
    """The parsed YAML that :func:`freeze` stored."""
    if isinstance(value, dict):
        result = Marked()
        result.where = tuple(value["at"])
        result.key_where = {}
        for key, line, column, item in value["items"]:
            result.key_where[key] = (line, column)
            result[key] = thaw(item)
        return result
    if isinstance(value, list):
        return [thaw(v) for v in value]
    return value


def load_rules(
    directories: Iterable[Path], read: Callable[[Path], Any] = read_yaml, trusted_dir: Path | None = None
) -> RuleSet:
    """The rules and report types of every rule file in ``directories``; ``read`` parses one
    file (the engine passes one that uses the compile cache). The files of ``trusted_dir`` (the
    built-in packs, which the tests load without it) skip the compiles that only validate."""
    rules: list[Rule] = []
    types: list[ReportType] = []
    seen: dict[str, str] = {}
    for path in rule_files(directories):
        with trusted() if path.parent == trusted_dir else nullcontext():
            file_rules, file_types = _load_file(path, read(path))
        for rule in file_rules:
            if rule.id in seen:
                line = int(rule.origin.rsplit(":", 1)[1])
                raise RuleFileError(
                    str(path),
                    line,
                    1,
                    _("duplicate rule id '{rule}' (first defined at {place})").format(
                        rule=rule.id, place=seen[rule.id]
                    ),
                )
            seen[rule.id] = rule.origin
            rules.append(rule)
        types.extend(file_types)
    return RuleSet(rules, types)


def _load_file(path: Path, data: Any) -> tuple[list[Rule], list[ReportType]]:
    name = str(path)
    if not isinstance(data, Marked):
        raise RuleFileError(name, 1, 1, _("a rule file is a mapping with a 'rules:' list"))
    for key in data:
        if key not in ("rules", "types"):
            raise RuleFileError(
                name, *data.at(key), _("unknown key '{key}' (expected 'rules' or 'types')").format(key=key)
            )
    rules = [_rule(name, entry) for entry in _list(name, data, "rules")]
    types = [_report_type(name, entry) for entry in _list(name, data, "types")]
    return rules, types


def _list(name: str, data: Marked, key: str) -> list:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise RuleFileError(name, *data.at(key), _("'{key}' must be a list").format(key=key))
    for entry in value:
        if not isinstance(entry, Marked):
            raise RuleFileError(name, *data.at(key), _("each entry of '{key}' must be a mapping").format(key=key))
    return value


def _fail(name: str, entry: Marked, key: str | None, reason: str) -> RuleFileError:
    rule_id = entry.get("id")
    if isinstance(rule_id, str):
        reason = _("rule '{rule}': {reason}").format(rule=rule_id, reason=reason)
    return RuleFileError(name, *entry.at(key), reason)


def _rule(name: str, entry: Marked) -> Rule:
    for key in _REQUIRED_KEYS:
        if key not in entry:
            raise _fail(name, entry, None, _("missing field '{key}'").format(key=key))
    for key in ("id", "kind", "severity", "message", "description", "description-zh"):
        if key in entry and (not isinstance(entry[key], str) or not entry[key].strip()):
            raise _fail(name, entry, key, _("'{key}' must be a non-empty string").format(key=key))
    if not _ID.fullmatch(entry["id"]):
        raise _fail(name, entry, "id", _("an id is lower-case words joined by '-'"))
    if entry["severity"] not in SEVERITIES:
        raise _fail(
            name, entry, "severity", _("severity must be one of {choices}").format(choices=", ".join(SEVERITIES))
        )
    kind = _kind(name, entry)
    for key in entry:
        if key not in _COMMON_KEYS and key not in kind.params:
            raise _fail(name, entry, key, _("unknown key '{key}' for kind '{kind}'").format(key=key, kind=kind.name))
    if "scope" in entry and not kind.scoped:
        raise _fail(
            name, entry, "scope", _("kind '{kind}' is not scoped: 'scope' does not apply").format(kind=kind.name)
        )
    _check_message(name, entry, kind)
    try:
        params = validate(kind.params, {k: v for k, v in entry.items() if k in kind.params})
        check = kind.compile(params)
    except ParamError as exc:
        raise _fail(name, entry, exc.key, str(exc)) from None
    fixable = kind.fixable(params)
    examples = _examples(name, entry, kind)
    if not fixable and any(e.fixed is not None for e in examples):
        raise _fail(name, entry, "examples", _("'fixed' pins a fix, and this rule gives none"))
    return Rule(
        id=entry["id"],
        kind=kind.name,
        severity=entry["severity"],
        message=entry["message"],
        description=entry["description"],
        description_zh=entry.get("description-zh", ""),
        check=check,
        scope=_names(name, entry, "scope", SCOPES),
        scoped=kind.scoped,
        engine=kind.engine,
        types=_names(name, entry, "types", None),
        default=_default(name, entry),
        fixable=fixable,
        fix=_applicability(name, entry),
        examples=examples,
        origin=f"{name}:{entry.where[0]}",
    )


def _kind(name: str, entry: Marked) -> Kind:
    try:
        kind = get_kind(entry["kind"])
    except KindError as exc:
        raise _fail(name, entry, "kind", str(exc)) from None
    if kind is None:
        raise _fail(
            name,
            entry,
            "kind",
            _("unknown kind '{kind}' (known: {known})").format(kind=entry["kind"], known=", ".join(kind_names())),
        )
    return kind


def _check_message(name: str, entry: Marked, kind: Kind) -> None:
    """A message names only fields its kind fills in: a misspelt ``{sugestion}`` would
    otherwise reach users as written."""
    for field in _FIELD.findall(entry["message"]):
        if field not in kind.fields:
            provided = ", ".join(f"{{{f}}}" for f in kind.fields) or _("none")
            raise _fail(
                name,
                entry,
                "message",
                _("message names '{field}', which kind '{kind}' does not fill in (it fills: {provided})").format(
                    field="{" + field + "}", kind=kind.name, provided=provided
                ),
            )


def _names(name: str, entry: Marked, key: str, allowed: tuple[str, ...] | None) -> frozenset[str] | None:
    value = entry.get(key)
    if value is None:
        return None
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise _fail(name, entry, key, _("'{key}' must be a list of names").format(key=key))
    if allowed is not None and not set(value) <= set(allowed):
        raise _fail(name, entry, key, _("'{key}' takes {choices}").format(key=key, choices=", ".join(allowed)))
    return frozenset(value)


def _applicability(name: str, entry: Marked) -> str:
    """``fix: safe`` or ``fix: unsafe``; a rule that says nothing has unsafe fixes, so that a
    user's rule never has ``--fix`` rewrite text on a guess."""
    value = entry.get("fix", "unsafe")
    if value not in APPLICABILITIES:
        raise _fail(name, entry, "fix", _("'fix' must be 'safe' or 'unsafe'"))
    return value


def _default(name: str, entry: Marked) -> bool:
    value = entry.get("default", True)
    if not isinstance(value, bool):
        raise _fail(name, entry, "default", _("'default' must be true or false"))
    return value


def _examples(name: str, entry: Marked, kind: Kind) -> list[Example]:
    spec = entry["examples"]
    groups = ("fire", "quiet") if kind.examples_fire else ("quiet",)
    needs = (
        _("examples need a 'fire' list and a 'quiet' list") if kind.examples_fire else _("examples need a 'quiet' list")
    )
    if not isinstance(spec, Marked) or set(spec) != set(groups) or not all(spec.get(g) for g in groups):
        raise _fail(name, entry, "examples", needs)
    out = []
    for group in groups:
        if not isinstance(spec[group], list):
            raise _fail(name, entry, "examples", _("'{group}' must be a list").format(group=group))
        for item in spec[group]:
            out.append(_example(name, entry, item, group))
    return out


_EXAMPLE_KEYS = {"fire": {"text", "count", "at", "fixed", "path"}, "quiet": {"text", "path"}}


def _example(name: str, entry: Marked, item: Any, group: str) -> Example:
    """A text, or a mapping: ``text`` with ``count``, ``at`` (``[line, column]`` of the one
    finding, or a list of them, one per finding), ``fixed`` (the text after the rule's fixes)
    and ``path`` (a file name, for Markdown)."""
    fire = group == "fire"
    if isinstance(item, str):
        return Example(item, 1 if fire else 0)
    shape = (
        _("a 'fire' example is a text or {{text, count, at, fixed, path}}")
        if fire
        else _("a 'quiet' example is a text or {{text, path}}")
    ).format()
    if not isinstance(item, Marked) or not set(item) <= _EXAMPLE_KEYS[group] or not isinstance(item.get("text"), str):
        raise _fail(name, entry, "examples", shape)
    where = item.where
    path, fixed = item.get("path"), item.get("fixed")
    if path is not None and not isinstance(path, str) or fixed is not None and not isinstance(fixed, str):
        raise RuleFileError(name, *where, _("an example's 'path' and 'fixed' are texts"))
    at = _pins(name, item)
    count = item.get("count", len(at) if at else 1) if fire else 0
    if not isinstance(count, int) or isinstance(count, bool) or (fire and count < 1):
        raise RuleFileError(name, *item.at("count"), _("'count' is a whole number of findings, at least 1"))
    if at is not None and len(at) != count:
        raise RuleFileError(
            name,
            *item.at("at"),
            _("'at' pins {pins} findings but the example has {count}").format(pins=len(at), count=count),
        )
    return Example(item["text"], count, at, fixed, path)


def _pins(name: str, item: Marked) -> tuple[tuple[int, int], ...] | None:
    value = item.get("at")
    if value is None:
        return None
    pins = [value] if isinstance(value, list) and value and not isinstance(value[0], list) else value

    def pin(v: Any) -> bool:
        return (
            isinstance(v, list)
            and len(v) == 2
            and all(isinstance(n, int) and not isinstance(n, bool) and n >= 1 for n in v)
        )

    if not isinstance(value, list) or not pins or not all(pin(p) for p in pins):
        raise RuleFileError(name, *item.at("at"), _("'at' is [line, column] or a list of them (1-based)"))
    return tuple((p[0], p[1]) for p in pins)


def _report_type(name: str, entry: Marked) -> ReportType:
    allowed = {"id", "name", "title", "sections"}
    for key in entry:
        if key not in allowed:
            raise RuleFileError(name, *entry.at(key), _("unknown key '{key}' in a report type").format(key=key))
    for key in ("id", "name", "title"):
        if not isinstance(entry.get(key), str):
            raise RuleFileError(
                name, *entry.at(key if key in entry else None), _("a report type needs '{key}'").format(key=key)
            )
    try:
        title = searchable(entry["title"], "title")
        sections = [_section(spec) for spec in entry.get("sections", [])]
    except ParamError as exc:
        raise RuleFileError(name, *entry.at(exc.key), str(exc)) from None
    return ReportType(entry["id"], entry["name"], title, sections)


def _section(spec: Any) -> SectionSpec:
    if not isinstance(spec, Marked) or set(spec) != {"name", "aliases"} or not isinstance(spec["aliases"], list):
        raise ParamError("sections", _("each section is {{name, aliases: [regex, …]}}").format())
    return SectionSpec(str(spec["name"]), [searchable(a, "sections") for a in spec["aliases"]])
