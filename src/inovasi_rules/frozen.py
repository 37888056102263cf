"""Read-only values for frozen classes: a frozen class must be immutable all the way
down, so ``hash`` and ``==`` work and ``attrs.evolve`` gives an independent copy.

>>> m = FrozenMap({"b": 2, "a": 1})
>>> m["a"], list(m), m == {"a": 1, "b": 2}, hash(m) == hash(FrozenMap({"a": 1, "b": 2}))
(1, ['b', 'a'], True, True)
>>> freeze({"list": [1, 2], "map": {"x": [3]}})
{'list': (1, 2), 'map': {'x': (3,)}}
"""

from __future__ import annotations

import datetime
import decimal
from collections.abc import ItemsView, Iterator, KeysView, Mapping, ValuesView
from typing import Any, Final, TypeVar

__all__ = ["EMPTY", "FrozenMap", "freeze", "frozen_map", "frozen_seq"]

K = TypeVar("K")
V = TypeVar("V")


class FrozenMap(Mapping[K, V]):
    """A read-only, hashable mapping that keeps its keys' order, equal to any mapping
    with the same items (as ``dict`` is)."""

    __slots__ = ("_data", "_hash")

    _data: dict[K, V]
    _hash: int | None

    def __init__(self, data: Mapping[K, V] | None = None) -> None:
        self._data = dict(data) if data else {}
        self._hash = None

    def __getitem__(self, key: K) -> V:
        return self._data[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def get(self, key: K, default: Any = None) -> Any:
        """The value of ``key``, or ``default``."""
        return self._data.get(key, default)

    def keys(self) -> KeysView[K]:
        """The keys, in order (a read-only view)."""
        return self._data.keys()

    def values(self) -> ValuesView[V]:
        """The values, in the keys' order (a read-only view)."""
        return self._data.values()

    def items(self) -> ItemsView[K, V]:
        """The (key, value) pairs, in order (a read-only view)."""
        return self._data.items()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FrozenMap):
            return self._data == other._data
        if isinstance(other, Mapping):
            return self._data == dict(other.items())
        return NotImplemented

    def __ne__(self, other: object) -> bool:
        eq = self.__eq__(other)
        return eq if eq is NotImplemented else not eq

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self._data.items()))
        return self._hash

    def __repr__(self) -> str:
        return repr(self._data)

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenMap, (self._data,))


#: The empty mapping, shared (it cannot change).
EMPTY: Final[FrozenMap[Any, Any]] = FrozenMap()

_SCALARS: Final = frozenset(
    {str, int, bool, float, decimal.Decimal, datetime.date, datetime.datetime, type(None)}
)


def freeze(value: Any) -> Any:
    """``value`` with every mapping made a :class:`FrozenMap`, every list a tuple and
    every set a frozenset, all the way down."""
    if type(value) in _SCALARS:
        return value
    if isinstance(value, Mapping):
        return FrozenMap({k: freeze(v) for k, v in value.items()})
    if isinstance(value, (list, tuple)):
        return tuple([freeze(v) for v in value])
    if isinstance(value, (set, frozenset)):
        return frozenset(freeze(v) for v in value)
    return value


def frozen_map(value: Mapping[Any, Any] | None) -> Mapping[Any, Any]:
    """A converter for mapping fields: a mapping that hashes (already read-only) as it
    is, any other as a :class:`FrozenMap` of its frozen items."""
    if value is None:
        return EMPTY
    if type(value).__hash__ is not None:  # read-only already (FrozenMap, a view)
        return value
    if not value:
        return EMPTY
    return FrozenMap({k: freeze(v) for k, v in value.items()})


def frozen_seq(value: Any) -> Any:
    """A converter for sequence fields: a sequence that hashes as it is, any other
    (a list) as a tuple."""
    if type(value) is tuple or type(value).__hash__ is not None:
        return value
    return tuple(value)
