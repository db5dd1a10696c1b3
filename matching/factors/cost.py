"""Cost factor: the vendor's rate (or estimated total) against the budget; the minimum
project size as a hard constraint."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from ..core.records import Pricing, Scope

Floats = NDArray[np.float32]
Mask = NDArray[np.bool_]

MIN_SPAN = 1e-9  # a single rate (rate_min == rate_max) is a range this wide
SIZE_TOLERANCE = 1e-6  # relative: a minimum equal to the budget after conversion passes


@dataclass(frozen=True, slots=True)
class Budget:
    """A scope's budget in the base currency."""

    low: float
    high: float
    pricing: Pricing
    hours: float | None

    @property
    def project_total(self) -> float | None:
        """The whole project's budget, when it can be told (None without a budget)."""
        if self.high <= 0:
            return None
        if self.pricing == Pricing.FIXED:
            return self.high
        return self.high * self.hours if self.hours else None

    @property
    def hourly(self) -> float | None:
        """The budget per hour, when it can be told (a fixed total needs the hours)."""
        if self.high <= 0:
            return None
        if self.pricing == Pricing.HOURLY:
            return self.high
        return self.high / self.hours if self.hours else None


def budget_of(scope: Scope, to_base: float) -> Budget:
    """The scope's budget converted with ``to_base`` (scope units per base unit)."""
    hours = scope.estimated_hours if scope.estimated_hours and scope.estimated_hours > 0 else None
    return Budget(scope.budget_min / to_base, scope.budget_max / to_base, scope.pricing, hours)


def span_inverse(low: Floats, high: Floats) -> Floats:
    """``1 / (high - low)`` per vendor, a single rate counting as :data:`MIN_SPAN` wide."""
    span = np.maximum(np.subtract(high, low, dtype=np.float32), np.float32(MIN_SPAN))
    return np.divide(np.float32(1.0), span, dtype=np.float32)


def price_fit(low: Floats, high: Floats, budget: float, span_inv: Floats | None = None) -> Floats:
    """1 when the whole range fits under the budget, 0.6-1 when it straddles it,
    falling to 0 when the cheapest end is 50% over it.

    Written as two clipped ramps, so it needs no selects (seven passes over the slots):
    ``clip(2.2 - 1.2 * low / b, 0.4, 1) - 0.4 * clip((high - b) / (high - low), 0, 1)``.
    The first is 1 until the cheapest end passes the budget, then falls to 0.4 at
    1.5 times it; the second takes off 0.4 times the share of the range above it.
    ``span_inv`` is :func:`span_inverse` of the range when the caller keeps it.
    """
    b = np.float32(budget)
    inv = span_inverse(low, high) if span_inv is None else span_inv
    out = np.multiply(low, np.float32(-1.2) / b)
    out += np.float32(2.2)
    np.clip(out, np.float32(0.4), np.float32(1.0), out=out)
    over = np.subtract(high, b)  # share of the range above the budget
    over *= inv
    np.clip(over, np.float32(0.0), np.float32(1.0), out=over)
    over *= np.float32(0.4)
    out -= over
    return out


def cost_scores(rate_min: Floats, rate_max: Floats, span_inv: Floats, budget: Budget) -> Floats:
    """Cost factor in [0, 1]; 1 for everyone when the rate cannot be set against a budget.

    A fixed total is compared per hour (the total over the estimated hours), which
    ranks exactly as comparing each vendor's estimated total with it.
    """
    per_hour = budget.hourly
    if per_hour is None:
        return np.ones(len(rate_min), dtype=np.float32)
    return price_fit(rate_min, rate_max, per_hour, span_inv)


def below_minimum(min_budget: Floats, budget: Budget) -> Mask | None:
    """Vendors whose minimum project exceeds the scope's total budget; None when the
    total cannot be told (no budget, or hourly without estimated hours)."""
    total = budget.project_total
    if total is None:
        return None
    below: Mask = min_budget > np.float32(total * (1 + SIZE_TOLERANCE))
    return below
