"""The match factors: their names (declared once, in :class:`Factor`), weights and scores."""

from __future__ import annotations

import enum
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Self, TypeVar

if TYPE_CHECKING:
    from _typeshed import DataclassInstance


class Factor(enum.StrEnum):
    """The factors of a match, in the order of every per-factor tuple, vector and column.

    This is the one declaration of the factor names: ``FACTORS``, the fields of
    :class:`MatchWeights` and :class:`FactorScores` and every per-factor table
    follow it (the two dataclasses are checked against it when imported).
    """

    SKILL = "skill"
    COST = "cost"
    TIMEZONE = "timezone"
    CULTURE = "culture"
    QUALITY = "quality"
    SECURITY = "security"
    CAPACITY = "capacity"
    RESPONSIVENESS = "responsiveness"
    COVERAGE = "coverage"


FACTORS: tuple[str, ...] = tuple(factor.value for factor in Factor)

_D = TypeVar("_D", bound="DataclassInstance")


def _follows_factor(cls: type[_D]) -> type[_D]:
    """Fail at import when a per-factor dataclass drifts from :class:`Factor`.

    The fields stay written out because type checkers (and the API's GraphQL
    types) need them as real attributes; this check keeps them in step.
    """
    names = tuple(f.name for f in fields(cls))
    if names != FACTORS:
        raise TypeError(f"{cls.__name__} fields {names} must be {FACTORS}, in that order")
    return cls


@_follows_factor
@dataclass(frozen=True, slots=True)
class MatchWeights:
    """Weights of the factors; they sum to 1 once ``normalised``."""

    skill: float = 0.29
    cost: float = 0.12
    timezone: float = 0.12
    culture: float = 0.08
    quality: float = 0.14
    security: float = 0.06
    capacity: float = 0.08
    # A buyer who names a response time means it: a vendor six times slower must lose.
    responsiveness: float = 0.06
    # Coverage is the same for every vendor unless a scope asks for more than business
    # hours; when it does, a vendor who cannot staff them must lose to one who can.
    coverage: float = 0.05

    @classmethod
    def from_partial(cls, overrides: dict[str, float] | None = None) -> Self:
        """Defaults with ``overrides`` applied, normalised to sum to 1.

        Parameters
        ----------
        overrides : dict of str to float, optional
            Factor name to a non-negative weight; other factors keep defaults.

        Raises
        ------
        ValueError
            On an unknown factor, a negative weight or an all-zero result.
        """
        values = dict(zip(FACTORS, cls().as_tuple(), strict=True))
        for name, value in (overrides or {}).items():
            if name not in values:
                raise ValueError(f"unknown factor {name!r}")
            if value < 0:
                raise ValueError(f"weight {name!r} must not be negative")
            values[name] = float(value)
        return cls(**values).normalised()

    def normalised(self) -> Self:
        """The same proportions scaled to sum to 1."""
        total = sum(self.as_tuple())
        if total <= 0:
            raise ValueError("weights must not all be zero")
        return type(self)(*(v / total for v in self.as_tuple()))

    def as_tuple(self) -> tuple[float, ...]:
        """Weights in :class:`Factor` order."""
        return tuple(getattr(self, name) for name in FACTORS)


@_follows_factor
@dataclass(frozen=True, slots=True)
class FactorScores:
    """One score in [0, 1] per factor."""

    skill: float
    cost: float
    timezone: float
    culture: float
    quality: float
    security: float
    capacity: float
    responsiveness: float
    coverage: float

    def as_tuple(self) -> tuple[float, ...]:
        """Scores in :class:`Factor` order."""
        return tuple(getattr(self, name) for name in FACTORS)
