"""The marshmallow schemas flask-smorest documents the answers with, made from the answers' own
TypedDicts (calc/answers, docs/api.md): the shape of an answer is written once, beside the function
that builds it, and /openapi.json is generated from it.

`schema(Shape)` is made once (at import, by the module whose operation answers with it) and is
named as the TypedDict, so the document's component is too. The schemas only document: every
answer is built by its calc/answers function, which mypy checks against the same TypedDict
(tests/test_answer_types.py), and the run-time check both ways is tests/api/test_shapes.py.
"""
from __future__ import annotations

import types
from typing import (Annotated, Any, Literal, NotRequired, Required, Union, get_args, get_origin, get_type_hints,
                    is_typeddict)

from marshmallow import Schema, fields

from ..answers.doc import Doc, Format

_MADE: dict[type, type[Schema]] = {}
_SCALARS = {str: fields.String, bool: fields.Boolean, int: fields.Integer, float: fields.Float}


def schema(shape: type) -> type[Schema]:
    """The schema documenting the TypedDict `shape`, its keys in the TypedDict's order. A shape
    declared `total=False` lists its Required keys in the document (a generated client tells a
    batch slot's answer from its error by them); the others list none."""
    made = _MADE.get(shape)
    if made is None:
        listed = shape.__required_keys__ if not shape.__total__ else frozenset()
        attrs = {key: _field(hint, key in listed) for key, hint in get_type_hints(shape, include_extras=True).items()}
        made = _MADE[shape] = type(shape.__name__, (Schema,), attrs)
    return made


def _field(hint: Any, required: bool = False) -> fields.Field:
    hint, docs, fmt, nullable = _unwrapped(hint)
    metadata: dict[str, Any] = {}
    if get_origin(hint) is Literal:
        values = list(get_args(hint))
        nullable = nullable or None in values
        metadata["enum"], hint = values, str
    description = next((d.description for d in reversed(docs) if d.description is not None), None)
    example = next((d.example for d in reversed(docs) if d.example is not None), None)
    if description is not None:
        metadata["description"] = description
    if example is not None:
        metadata["example"] = example
    kwargs: dict[str, Any] = {"metadata": metadata}
    if nullable:
        kwargs["allow_none"] = True
    if required:
        kwargs["required"] = True
    return _typed(hint, fmt, kwargs)


def _unwrapped(hint: Any) -> tuple[Any, list[Doc], str | None, bool]:
    """The key's type without Annotated, Required/NotRequired and `| None`, and what they said:
    its documentation, its format, whether it may be null."""
    docs: list[Doc] = []
    fmt, nullable = None, False
    while True:
        origin = get_origin(hint)
        if origin is Annotated:
            hint, *extras = get_args(hint)
            docs += [e for e in extras if isinstance(e, Doc)]
            fmt = next((e.name for e in extras if isinstance(e, Format)), fmt)
        elif origin in (Required, NotRequired):
            hint = get_args(hint)[0]
        elif origin in (Union, types.UnionType):
            others = [a for a in get_args(hint) if a is not type(None)]
            if len(others) != 1:
                raise TypeError(f"an answer's key is one type, or that type or null: {hint}")
            nullable, hint = True, others[0]
        else:
            return hint, docs, fmt, nullable


def _typed(hint: Any, fmt: str | None, kwargs: dict) -> fields.Field:
    origin = get_origin(hint)
    if is_typeddict(hint):
        return fields.Nested(schema(hint), **kwargs)
    if origin is list:
        return fields.List(_field(get_args(hint)[0]), **kwargs)
    if hint is dict or origin is dict:
        values = get_args(hint)[1] if origin is dict else Any
        if values is Any:
            return fields.Dict(**kwargs)
        return fields.Dict(keys=fields.String(), values=_field(values), **kwargs)
    if hint is str and fmt == "date":
        return fields.Date(**kwargs)
    if hint is Any:
        return fields.Raw(**kwargs)
    if hint in _SCALARS and fmt is None:
        return _SCALARS[hint](**kwargs)
    raise TypeError(f"no OpenAPI type for an answer's key of type {hint!r} (format {fmt})")
