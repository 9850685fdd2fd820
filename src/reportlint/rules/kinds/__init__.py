"""The registry of rule kinds.

A kind is declared by one :class:`~reportlint.rules.kinds.contract.Kind` object (its
parameters, whether it is scoped, its fix availability, its message fields and its
``compile``). Built-in kinds are listed here and imported only when a rule uses them; other
packages add kinds through the entry-point group ``reportlint.kinds``, whose value is
``module`` (the module's ``KIND``) or ``module:attribute``.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import import_module

from reportlint.base.i18n import _
from reportlint.rules.kinds.contract import Kind

BUILTIN = {
    "pattern": "reportlint.rules.kinds.pattern",
    "substitution": "reportlint.rules.kinds.substitution",
    "consistency": "reportlint.rules.kinds.consistency",
    "pairing": "reportlint.rules.kinds.pairing",
    "nesting": "reportlint.rules.kinds.nesting",
    "repetition": "reportlint.rules.kinds.repetition",
    "required-sections": "reportlint.rules.kinds.required_sections",
    "numbering": "reportlint.rules.kinds.numbering",
    "enumeration": "reportlint.rules.kinds.enumeration",
    "total": "reportlint.rules.kinds.total",
    "count": "reportlint.rules.kinds.count",
    "range": "reportlint.rules.kinds.numeric_range",
    "end-mark": "reportlint.rules.kinds.end_mark",
    "empty": "reportlint.rules.kinds.empty",
    "near-miss": "reportlint.rules.kinds.near_miss",
    "slip": "reportlint.rules.kinds.slip",
    "traditional": "reportlint.rules.kinds.traditional",
    "rule-error": "reportlint.rules.kinds.engine:RULE_ERROR",
    "unused-suppression": "reportlint.rules.kinds.engine:UNUSED_SUPPRESSION",
    "too-many-findings": "reportlint.rules.kinds.engine:TOO_MANY_FINDINGS",
}

ENTRY_POINT_GROUP = "reportlint.kinds"


class KindError(Exception):
    """A registered kind that cannot be loaded or does not declare itself with a Kind."""


@lru_cache(maxsize=1)
def _plugins() -> dict[str, str]:
    from importlib.metadata import entry_points

    return {ep.name: ep.value for ep in entry_points(group=ENTRY_POINT_GROUP)}


def kind_names() -> list[str]:
    return sorted(set(BUILTIN) | set(_plugins()))


def builtin_kinds() -> list[Kind]:
    """The built-in kinds' declarations, in the order they are listed here."""
    return [kind for kind in map(get_kind, BUILTIN) if kind is not None]


def get_kind(name: str) -> Kind | None:
    """The declaration of kind ``name``, or None if no such kind is registered. A registered
    kind that fails to import or declares no :class:`Kind` raises :class:`KindError`."""
    target = BUILTIN.get(name) or _plugins().get(name)
    if target is None:
        return None
    module_name, _sep, attribute = target.partition(":")
    try:
        declared = getattr(import_module(module_name), attribute or "KIND", None)
    except ImportError as exc:
        raise KindError(
            _("kind '{kind}' cannot be imported from {module}: {reason}").format(
                kind=name, module=module_name, reason=exc
            )
        ) from None
    if not isinstance(declared, Kind):
        raise KindError(_("kind '{kind}' ({target}) declares no Kind object").format(kind=name, target=target))
    return declared
