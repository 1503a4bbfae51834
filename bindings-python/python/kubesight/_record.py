"""Immutable results: attribute access over the Rust serde form."""

from __future__ import annotations

import json
from typing import Any, Iterator, Mapping


def _kind(field: str) -> str:
    return "".join(part.capitalize() for part in field.split("_")) or "Record"


def _wrap(value: Any, field: str) -> Any:
    if isinstance(value, dict):
        return Record(value, _kind(field))
    if isinstance(value, list):
        return tuple(_wrap(v, field) for v in value)
    return value


class Record(Mapping[str, Any]):
    """An immutable result.

    Fields read as attributes or keys, nested objects are records and lists
    are tuples. ``to_dict()`` gives the JSON-compatible form with the Rust
    serde field names; records compare equal to each other and to that form,
    hash, and pickle.

    >>> r = Record({"rule": "keyword", "counts": {"all": 3}, "ids": ["a"]}, "Example")
    >>> r.rule, r.counts.all, r.ids
    ('keyword', 3, ('a',))
    >>> r == {"rule": "keyword", "counts": {"all": 3}, "ids": ["a"]}
    True
    >>> r.rule = "x"
    Traceback (most recent call last):
    ...
    AttributeError: Example is immutable
    """

    __slots__ = ("_data", "_kind")

    def __init__(self, data: Mapping[str, Any], kind: str = "Record") -> None:
        object.__setattr__(self, "_data", dict(data))
        object.__setattr__(self, "_kind", kind)

    def __getattr__(self, name: str) -> Any:
        data = object.__getattribute__(self, "_data")
        if name in data:
            return _wrap(data[name], name)
        raise AttributeError(f"{self._kind} has no field {name!r}")

    def __getitem__(self, key: str) -> Any:
        return _wrap(self._data[key], key)

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{self._kind} is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{self._kind} is immutable")

    def __dir__(self) -> list[str]:
        return sorted(set(self._data) | {"to_dict"})

    def to_dict(self) -> dict[str, Any]:
        """The JSON-compatible form, a fresh copy."""
        copy: dict[str, Any] = json.loads(json.dumps(self._data))
        return copy

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Record):
            return bool(self._data == other._data)
        if isinstance(other, dict):
            return bool(self._data == other)
        return NotImplemented

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return hash(json.dumps(self._data, sort_keys=True))

    def __repr__(self) -> str:
        fields = ", ".join(f"{k}={_wrap(v, k)!r}" for k, v in self._data.items())
        return f"{self._kind}({fields})"

    def __reduce__(self) -> tuple[Any, tuple[dict[str, Any], str]]:
        return (Record, (self._data, self._kind))

