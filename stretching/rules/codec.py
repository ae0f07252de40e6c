"""The rules' state as plain JSON and back, so the shell can keep it in one database row.

Generic over the frozen dataclasses the state is made of: each field is encoded by its type
hint (datetimes as ISO 8601 with their offset, tuples as lists, mappings as objects, optional
values as null), so a new field needs no new code here. `STATE_FORMAT` names the shape: a kept
state of another format is rebuilt from history instead of read.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable, Mapping
from datetime import date, datetime
from functools import cache
from typing import Any, TypeVar, get_args, get_origin

from .state import State

STATE_FORMAT = 1
"""Bump when the state's shape or the rules' meaning changes: every kept state is rebuilt."""

T = TypeVar("T")


_PLAIN = frozenset({str, int, float, bool, type(None)})


def encode(value: Any) -> Any:
    """A dataclass tree as JSON-ready values."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if hasattr(kind, "__dataclass_fields__"):
        return {name: encode(getattr(value, name)) for name in _field_names(kind)}
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [encode(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): encode(v) for k, v in value.items()}
    return value


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def decode(kind: Any, data: Any) -> Any:
    """The value of type `kind` that `encode` turned into `data`."""
    return _decoder(kind)(data)


def _same(data: Any) -> Any:
    return data


@cache
def _decoder(kind: Any) -> Callable[[Any], Any]:
    """A function decoding values of type `kind`, worked out once per type: a kept state is read
    on every page a person opens, so its type hints are not walked again each time."""
    origin = get_origin(kind)
    if origin is typing.Union or origin is types.UnionType:
        options = [a for a in get_args(kind) if a is not type(None)]
        if len(options) != 1:  # str | int and the like: keep the value as it came
            return _same
        inner = _decoder(options[0])
        return lambda data: None if data is None else inner(data)
    if origin is typing.Literal:
        return _same
    if origin is tuple:
        args = get_args(kind)
        item = _decoder(args[0] if len(args) == 2 and args[1] is Ellipsis else Any)
        return lambda data: tuple([item(v) for v in data])
    if origin in (Mapping, dict) or kind in (dict, Mapping):
        value = _decoder(get_args(kind)[1] if get_args(kind) else Any)
        return lambda data: {k: value(v) for k, v in data.items()}
    if kind is datetime:
        return datetime.fromisoformat
    if kind is date:
        return date.fromisoformat
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        return _dataclass_decoder(kind)
    return _same


def _dataclass_decoder(cls: type) -> Callable[[Any], Any]:
    def decode_fields(data: Any) -> Any:
        return cls(**{name: field(data[name]) for name, field in _field_decoders(cls)})

    return decode_fields


@cache
def _field_decoders(cls: type) -> tuple[tuple[str, Callable[[Any], Any]], ...]:
    """Each field's name and decoder, worked out on first use (so a dataclass may refer to
    itself)."""
    hints = _hints(cls)
    return tuple((f.name, _decoder(hints[f.name])) for f in _fields(cls))


def _fields(cls: type) -> tuple[dataclasses.Field[Any], ...]:
    return tuple(f for f in dataclasses.fields(cls) if f.init)


def state_to_json(state: State) -> dict[str, Any]:
    return {"format": STATE_FORMAT, "state": encode(state)}


def state_from_json(data: Mapping[str, Any]) -> State | None:
    """The kept state, or None when it was written in another format (rebuild it)."""
    if data.get("format") != STATE_FORMAT:
        return None
    state: State = decode(State, data["state"])
    return state
