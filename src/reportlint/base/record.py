"""Bases for small records whose classes a start creates: cheaper than ``typing.NamedTuple``'s."""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

_namedtuple: Callable[..., type] = namedtuple  # called with names known only at run time


class Record:
    """Named fields, compared and hashed by value as the ``NamedTuple`` and dataclasses this
    replaces were (a test compares the checks a rule file compiles two ways). A plain slotted
    class costs a tenth of a ``NamedTuple`` to create at every start (some 0.1 M instructions
    against 1 M; a dataclass, more). A subclass names its fields in ``__slots__`` and sets them
    all in ``__init__``."""

    __slots__: tuple[str, ...] = ()

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Record) and type(other) is type(self) and self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({fields})"


class _Fields(type):
    """What ``typing.NamedTuple``'s class syntax makes, without checking each field's type at
    run time: under ``from __future__ import annotations`` the annotations are strings, and
    ``typing`` compiles each into a ``ForwardRef`` (about 0.9 M of a named tuple's 1.3 M
    instructions). mypy checks the types; the class made is ``collections.namedtuple``'s, with
    the body's methods and docstring, as ``typing`` makes it."""

    def __new__(cls, typename: str, bases: tuple[type, ...], namespace: dict[str, Any]) -> Any:
        annotations = namespace.get("__annotations__", {})
        made: Any = _namedtuple(
            typename, annotations, defaults=_defaults(typename, annotations, namespace), module=namespace["__module__"]
        )
        made.__annotations__ = made.__new__.__annotations__ = dict(annotations)
        for key, value in namespace.items():
            if key not in annotations and key not in ("__module__", "__annotations__"):
                setattr(made, key, value)
        return made


def _defaults(typename: str, fields: dict[str, Any], namespace: dict[str, Any]) -> list[Any]:
    """The fields' defaults, which ``collections.namedtuple`` gives to the *last* fields: a
    field without one after a field with one is refused, as ``typing`` refuses it, instead of
    shifting every default onto the wrong field."""
    defaulted = [name in namespace for name in fields]
    if False in defaulted[defaulted.index(True) if True in defaulted else len(defaulted) :]:
        raise TypeError(f"{typename}: a field without a default follows one with a default")
    return [namespace[name] for name in fields if name in namespace]


if TYPE_CHECKING:
    from typing import NamedTuple as NamedTuple
else:
    NamedTuple = type.__new__(_Fields, "NamedTuple", (), {})
