"""A base for small records that a start creates the class of: cheaper than ``NamedTuple``."""

from __future__ import annotations

from typing import Any


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
