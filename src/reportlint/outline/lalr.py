"""The outline grammar's LALR tables, as Lark computed them from ``outline.lark``, run without
importing Lark (whose import, with the ``logging``, ``pickle``, ``tempfile`` and grammar
compiler it brings, was some 80 M instructions of a 518 M start: docs/performance.md, round 9).

Lark compiles the grammar; :func:`data_of` reads from the parser it made what a parse needs, as
JSON data kept in the user cache: each parser state's actions, the patterns its contextual lexer
tries (the very pattern strings Lark's lexer compiles, in its order), and how each rule builds
its tree node. :class:`Tables` runs them as Lark's LALR parser does and gives the same tree:
nodes with ``data`` and ``children``, tokens with ``type``, ``value`` and ``start_pos``, which is
all the outline parser reads (a test compares the trees with Lark's). Only the grammar features
``outline.lark`` uses are supported; :func:`data_of` refuses others rather than read them wrongly.
"""

from __future__ import annotations

import re
from typing import Any

from reportlint.base import srecode

FORMAT = 1  # of the data: part of the cache key
SHIFT = 0  # Lark's action codes in its serialised tables (1 is reduce)
END = "$END"


class Unsupported(Exception):
    """The grammar uses a feature the tables' runner does not read (Lark's own parser would)."""


class Token:
    """A terminal as the lexer matched it (as Lark's ``Token``: ``type``, ``value``, ``start_pos``)."""

    __slots__ = ("type", "value", "start_pos")

    def __init__(self, kind: str, value: str, start_pos: int) -> None:
        self.type, self.value, self.start_pos = kind, value, start_pos

    def __repr__(self) -> str:
        return f"Token({self.type!r}, {self.value!r}, {self.start_pos})"


class Tree:
    """A rule's node (as Lark's ``Tree``: ``data``, ``children``)."""

    __slots__ = ("data", "children")

    def __init__(self, data: str, children: list[Any]) -> None:
        self.data, self.children = data, children

    def __repr__(self) -> str:
        return f"Tree({self.data!r}, {self.children!r})"


def data_of(lark: Any) -> dict[str, Any]:
    """What :class:`Tables` needs of the parser ``lark`` (a ``lark.Lark`` made with
    ``parser="lalr", lexer="contextual"``), as JSON data."""
    frontend = lark.parser
    table = frontend.parser._parse_table
    if (
        lark.options.postlex
        or lark.options.lexer_callbacks
        or frontend.lexer_conf.ignore
        or len(table.start_states) != 1
    ):
        raise Unsupported("a post-lexer, lexer callbacks, ignored terminals or several start rules")
    rules = list(lark.rules)
    index = {id(rule): number for number, rule in enumerate(rules)}
    states = {
        str(state): {
            symbol: [SHIFT, arg] if action.name == "Shift" else [1, index[id(arg)]]
            for symbol, (action, arg) in actions.items()
        }
        for state, actions in table.states.items()
    }
    return {
        "format": FORMAT,
        "states": states,
        "lexers": {str(state): _patterns(lexer) for state, lexer in frontend.lexer.lexers.items()},
        "flags": int(frontend.lexer_conf.g_regex_flags),
        "rules": [_rule(rule, lark.options.maybe_placeholders) for rule in rules],
        "start": next(iter(table.start_states.values())),
        "end": next(iter(table.end_states.values())),
    }


def _patterns(lexer: Any) -> list[str]:
    """The patterns one of Lark's basic lexers tries, in order (the first that matches gives the
    token, its type the pattern's last matched group)."""
    scanner = lexer.scanner
    if lexer.callback or lexer.ignore_types:
        raise Unsupported("terminals a lexer callback changes (a string terminal a pattern also matches)")
    return [pattern.pattern for pattern in scanner._mres]


def _rule(rule: Any, placeholders: bool) -> list[Any]:
    """``[origin, length, node name, expand a single child, children kept]`` of one rule, the
    children kept as ``[index, splice its children]`` (``_rules`` and ``x*`` helpers are spliced
    into their parent, filtered terminals dropped), as Lark's tree builder makes the node."""
    options = rule.options
    if placeholders and options.empty_indices:
        raise Unsupported(f"[optional] placeholders in {rule.origin.name}")
    kept = [
        [number, not symbol.is_term and symbol.name.startswith("_")]
        for number, symbol in enumerate(rule.expansion)
        if options.keep_all_tokens or not (symbol.is_term and symbol.filter_out)
    ]
    name = rule.alias or options.template_source or rule.origin.name
    return [rule.origin.name, len(rule.expansion), name, bool(options.expand1 and not rule.alias), kept]


class Tables:
    """The LALR parser and contextual lexer of :func:`data_of`'s data. Checked as it is made
    (a damaged cache entry is refused here, not in the middle of a parse)."""

    def __init__(self, data: dict[str, Any]) -> None:
        if data.get("format") != FORMAT:
            raise ValueError("another format of the tables")
        self.data = data
        flags = int(data["flags"])
        compiled: dict[str, re.Pattern[str]] = {}
        self.lexers = {
            int(state): tuple(compiled.setdefault(p, srecode.compile(p, flags)) for p in patterns)
            for state, patterns in data["lexers"].items()
        }
        self.rules = [_built(*rule) for rule in data["rules"]]
        self.states = {int(state): _actions(actions, len(self.rules)) for state, actions in data["states"].items()}
        self.start, self.end = int(data["start"]), int(data["end"])
        for actions in self.states.values():
            for action, arg in actions.values():
                if action == SHIFT and arg not in self.states:
                    raise ValueError(f"a shift to no state: {arg}")
        if self.states.keys() != self.lexers.keys() or self.start not in self.states:
            raise ValueError("states without a lexer, or no start state")

    def parse(self, text: str) -> Any:
        """The tree of ``text``, as Lark's parser of the same tables gives it. Raises
        ``ValueError`` where it cannot be parsed."""
        states, values = [self.start], []
        lexers, actions_of, rules, end_state = self.lexers, self.states, self.rules, self.end
        position, length = 0, len(text)
        while True:
            if position < length:
                for pattern in lexers[states[-1]]:
                    if match := pattern.match(text, position):
                        break
                else:
                    raise ValueError(f"no terminal matches at {position}")
                kind = match.lastgroup or ""
                token = Token(kind, match.group(), position)
                position = match.end()
            else:
                kind, token = END, None
            try:
                while True:  # reduce until the token is shifted (or, at the end, the start rule is made)
                    action, arg = actions_of[states[-1]][kind]
                    if action == SHIFT:
                        states.append(arg)
                        values.append(token)
                        break
                    origin, size, build = rules[arg]
                    children = values[-size:] if size else []
                    if size:
                        del states[-size:], values[-size:]
                    values.append(build(children))
                    _, state = actions_of[states[-1]][origin]
                    states.append(state)
                    if token is None and state == end_state:
                        return values[-1]
            except KeyError:
                raise ValueError(f"unexpected {kind} at {position}") from None


def _actions(actions: dict[str, Any], rules: int) -> dict[str, tuple[int, int]]:
    """One state's actions, each ``(SHIFT, state)`` or ``(1, rule)``, checked."""
    checked = {}
    for symbol, (action, arg) in actions.items():
        if action not in (SHIFT, 1) or not isinstance(arg, int) or (action != SHIFT and not 0 <= arg < rules):
            raise ValueError(f"a bad action: {action, arg}")
        checked[symbol] = (action, arg)
    return checked


def _built(origin: str, length: int, name: str, expand1: bool, kept: list[list[Any]]) -> tuple[str, int, Any]:
    """``(origin, length, node builder)`` of one rule of :func:`_rule`'s data."""
    origin, length, name, expand1 = str(origin), int(length), str(name), bool(expand1)
    if any(not 0 <= int(number) < length for number, _ in kept):
        raise ValueError(f"a child past the rule's length in {origin}")
    plain = [int(number) for number, _ in kept] == list(range(length)) and not any(splice for _, splice in kept)
    include = [(int(number), bool(splice)) for number, splice in kept]

    def build(children: list[Any]) -> Any:
        if not plain:
            filtered: list[Any] = []
            for number, splice in include:
                if not splice:
                    filtered.append(children[number])
                elif filtered:
                    filtered += children[number].children
                else:  # the left-recursive helper of x*: its list grows in place, as in Lark
                    filtered = children[number].children
            children = filtered
        return children[0] if expand1 and len(children) == 1 else Tree(name, children)

    return origin, length, build
