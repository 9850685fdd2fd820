"""Why a YAML or TOML file or a regular expression does not parse, in the user's language.

The parsers explain themselves in English, in fixed texts: a YAML error is ``context`` (``while
parsing a block mapping``) and ``problem`` (``did not find expected key``), from libyaml or
PyYAML; a TOML error is tomllib's ``Expected '=' after a key in a key/value pair (at line 3,
column 5)``. Those a hand-written rule or config file meets (a wrong indent, a missing colon or
``=``, a tab, an unclosed quote or bracket) are in the catalog; any other is shown as the parser
wrote it, inside a translated frame. The same goes for the regex module's reasons.
"""

from __future__ import annotations

import re

from reportlint.base.i18n import N_, _, join_sentences

# libyaml's texts (the C loader, used when present) and the pure-Python loader's where they differ.
KNOWN = frozenset(
    {
        N_("while parsing a block mapping"),
        N_("while parsing a block collection"),
        N_("while parsing a block node"),
        N_("while parsing a flow mapping"),
        N_("while parsing a flow sequence"),
        N_("while parsing a flow node"),
        N_("while parsing a node"),
        N_("while parsing a quoted scalar"),
        N_("while scanning a simple key"),
        N_("while scanning a plain scalar"),
        N_("while scanning a quoted scalar"),
        N_("while scanning a block scalar"),
        N_("while scanning an alias"),
        N_("while scanning an anchor"),
        N_("while scanning for the next token"),
        N_("while composing a mapping"),
        N_("did not find expected key"),
        N_("did not find expected '-' indicator"),
        N_("did not find expected ',' or ']'"),
        N_("did not find expected ',' or '}'"),
        N_("did not find expected node content"),
        N_("did not find expected comment or line break"),
        N_("could not find expected ':'"),
        N_("mapping values are not allowed in this context"),
        N_("mapping values are not allowed here"),
        N_("mapping keys are not allowed in this context"),
        N_("block sequence entries are not allowed in this context"),
        N_("found a tab character that violates indentation"),
        N_("found a tab character where an indentation space is expected"),
        N_("found character that cannot start any token"),
        N_("found unexpected end of stream"),
        N_("found unexpected ':'"),
        N_("found unknown escape character"),
        N_("found undefined alias"),
        N_("control characters are not allowed"),
    }
)


# tomllib's fixed texts (those with a value in them stay English).
TOML_KNOWN = frozenset(
    {
        N_("Cannot overwrite a value"),
        N_("Unterminated string"),
        N_("Unclosed inline table"),
        N_("Unclosed array"),
        N_("Invalid value"),
        N_("Invalid statement"),
        N_("Invalid initial character for a key part"),
        N_("Invalid date or datetime"),
        N_("Expected ']]' at the end of an array declaration"),
        N_("Expected ']' at the end of a table declaration"),
        N_("Expected '=' after a key in a key/value pair"),
    }
)
_TOML_PLACE = re.compile(r" \(at (?:line (\d+), column (\d+)|end of document)\)$")


# The regex module's fixed texts that a rule's pattern meets.
REGEX_KNOWN = frozenset(
    {
        N_("unterminated character set"),
        N_("missing )"),
        N_("missing ]"),
        N_("unbalanced parenthesis"),
        N_("nothing to repeat"),
        N_("multiple repeat"),
        N_("bad escape (end of pattern)"),
        N_("bad character range"),
        N_("min repeat greater than max repeat"),
        N_("repeat count too big"),
        N_("bad character in group name"),
        N_("missing group name"),
        N_("unknown group"),
        N_("invalid group reference"),
        N_("unknown property"),
        N_("unknown extension"),
    }
)


def regex_reason(message: str, position: int | None) -> str:
    """Why the regex module refused a pattern (``regex.error``'s ``msg`` and ``pos``)."""
    reason = _(message) if message in REGEX_KNOWN else message
    if position is None:
        return reason
    return _("{reason} at position {position}").format(reason=reason, position=position)


def toml_error(message: str) -> tuple[int, int, str]:
    """(line, column, reason) of a ``TOMLDecodeError``: Python before 3.14 gives the place only
    at the end of the message."""
    place = _TOML_PLACE.search(message)
    line, column = (int(place[1]), int(place[2])) if place and place[1] else (1, 1)
    text = message[: place.start()] if place else message
    reason = _(text) if text in TOML_KNOWN else text
    return line, column, _("invalid TOML: {reason}").format(reason=reason)


def yaml_reason(context: str | None, problem: str | None) -> str:
    """One line for a YAML syntax error: its parts translated where the catalog has them."""
    parts = [_(p) if p in KNOWN else p for p in (context, problem) if p]
    if not parts:
        return _("invalid YAML")
    if all(p in KNOWN for p in (context, problem) if p):
        return join_sentences(parts)
    return _("invalid YAML: {reason}").format(reason=" ".join(p for p in (context, problem) if p))
