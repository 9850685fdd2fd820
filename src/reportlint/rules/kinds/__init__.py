"""The registry of rule kinds.

A kind is a module with ``PARAMS`` (its parameters, validated when a rule file is loaded),
``SCOPED`` (whether ``scope:`` applies to its findings), ``FIXABLE`` and
``compile(params) -> check``, where ``check(document)`` yields findings. Built-in kinds are
listed here and imported only when a rule uses them; other packages add kinds through the
entry-point group ``reportlint.kinds`` (name → module).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import import_module
from types import ModuleType

BUILTIN = {
    "pattern": "reportlint.rules.kinds.pattern",
    "substitution": "reportlint.rules.kinds.substitution",
    "consistency": "reportlint.rules.kinds.consistency",
    "pairing": "reportlint.rules.kinds.pairing",
    "repetition": "reportlint.rules.kinds.repetition",
    "required-sections": "reportlint.rules.kinds.required_sections",
    "numbering": "reportlint.rules.kinds.numbering",
    "enumeration": "reportlint.rules.kinds.enumeration",
    "total": "reportlint.rules.kinds.total",
    "count": "reportlint.rules.kinds.count",
    "range": "reportlint.rules.kinds.numeric_range",
}

ENTRY_POINT_GROUP = "reportlint.kinds"


@lru_cache(maxsize=1)
def _plugins() -> dict[str, str]:
    from importlib.metadata import entry_points

    return {ep.name: ep.value for ep in entry_points(group=ENTRY_POINT_GROUP)}


def kind_names() -> list[str]:
    return sorted(set(BUILTIN) | set(_plugins()))


def get_kind(name: str) -> ModuleType | None:
    """The module implementing kind ``name``, or None if no such kind is registered."""
    target = BUILTIN.get(name) or _plugins().get(name)
    if target is None:
        return None
    return import_module(target.split(":")[0])
