"""The base of every rules-file model: finite numbers, real booleans, numbers only where
numbers go, no unknown keys (shared by the rules, coaching and body models)."""

from __future__ import annotations

from types import UnionType
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator


class StrictModel(BaseModel):
    """Rules models take finite numbers, real booleans, and numbers only where numbers go."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, defer_build=True)

    @field_validator("*", mode="before")
    @classmethod
    def _no_coercion(cls, value: Any, info: ValidationInfo) -> Any:
        kinds = _kinds(cls.model_fields[info.field_name or ""].annotation)
        shown = repr(value) if len(repr(value)) <= 40 else f"{repr(value)[:37]}..."
        if kinds == {bool} and not isinstance(value, bool):
            raise ValueError(f"{shown} is not true or false")
        if kinds and kinds <= {int, float} and isinstance(value, bool | str):
            raise ValueError(f"{shown} is not a number")
        return value


def _kinds(annotation: Any) -> set[type]:
    """The plain types a field annotation allows (`int | None` → {int}); {object} for others."""
    if annotation in (int, float, bool):
        return {annotation}
    if annotation is type(None):
        return set()
    args = get_args(annotation)
    if not args or get_origin(annotation) not in (Union, UnionType):
        return {object}  # a collection, model or literal: pydantic's own checks apply
    kinds: set[type] = set()
    for arg in args:
        kinds |= _kinds(arg)
    return kinds
