"""GraphQL types with one field per match factor, derived from `matching.Factor`.

The library declares the factor names once; a factor added there shows up in
MatchFactors, AppliedWeights and MatchWeightsInput without touching the API.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from dataclasses import MISSING
from typing import Any, TypeVar

from matching import Factor

Cls = TypeVar("Cls", bound=type)


def per_factor(annotation: object, *, default: object = MISSING) -> Callable[[Cls], Cls]:
    """Give a class one field per factor, in Factor order, ahead of its own fields.

    Apply it below `@strawberry.type` / `@strawberry.input`, which then read the fields.
    """

    def add_fields(cls: Cls) -> Cls:
        own = dict(inspect.get_annotations(cls))
        cls.__annotations__ = {**{factor.value: annotation for factor in Factor}, **own}
        if default is not MISSING:
            for factor in Factor:
                setattr(cls, factor.value, default)
        return cls

    return add_fields


def by_factor(values: Mapping[str, float] | Any) -> dict[str, float]:
    """Keyword arguments for a per-factor type, from a mapping or an object with the fields."""
    if isinstance(values, Mapping):
        return {factor.value: values[factor.value] for factor in Factor}
    return {factor.value: getattr(values, factor.value) for factor in Factor}
