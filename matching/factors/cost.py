"""Cost factor: the vendor's rate (or estimated total) against the budget, and minimum size."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from ..core.records import Pricing, Scope

Floats = NDArray[np.float32]
Mask = NDArray[np.bool_]

TOO_SMALL = 0.3


@dataclass(frozen=True, slots=True)
class Budget:
    """A scope's budget in the base currency."""

    low: float
    high: float
    pricing: Pricing
    hours: float | None

    @property
    def project_total(self) -> float | None:
        """The whole project's budget, when it can be told."""
        if self.pricing == Pricing.FIXED:
            return self.high
        return self.high * self.hours if self.hours else None


def budget_of(scope: Scope, to_base: float) -> Budget:
    """The scope's budget converted with ``to_base`` (scope units per base unit)."""
    hours = scope.estimated_hours if scope.estimated_hours and scope.estimated_hours > 0 else None
    return Budget(scope.budget_min / to_base, scope.budget_max / to_base, scope.pricing, hours)


def price_fit(low: Floats, high: Floats, budget: float) -> Floats:
    """1 when the whole range fits under the budget, 0.6-1 when it straddles it,
    falling to 0 when the cheapest end is 50% over it.

    Computed in place in two buffers: one pass per arithmetic step, few temporaries.
    """
    b = np.float32(budget)
    out = np.subtract(b, low)  # straddling: 0.6 + 0.4 * (b - low) / max(high - low, 1e-9)
    out *= np.float32(0.4)
    over = np.subtract(high, low)
    np.maximum(over, np.float32(1e-9), out=over)
    out /= over
    out += np.float32(0.6)
    np.subtract(low, b, out=over)  # over budget: 0.6 * clip(1 - (low - b) / (0.5 * b), 0, 1)
    over /= np.float32(0.5) * b
    np.subtract(np.float32(1.0), over, out=over)
    np.clip(over, 0.0, 1.0, out=over)
    over *= np.float32(0.6)
    blend(out, over, low > b)
    blend(out, np.float32(1.0), high <= b)
    return out


def blend(out: Floats, other: Floats | np.float32, mask: Mask) -> None:
    """Set ``out`` to ``other`` where ``mask``, in place and without branches.

    Only for buffers the caller owns (the scratch arrays of this module).

    Exact for finite values (x * 1 == x, x * 0 == 0); on random masks it is several
    times faster than ``np.where`` or a masked ``copyto``, which mispredict branches.
    """
    take = mask.astype(np.float32)
    keep = np.subtract(np.float32(1.0), take)
    out *= keep
    take *= other
    out += take


def price_range(rate_min: Floats, rate_max: Floats, budget: Budget) -> tuple[Floats, Floats] | None:
    """What the vendor costs in the budget's terms (per hour or in total), or None."""
    if budget.pricing == Pricing.HOURLY:
        return rate_min, rate_max
    if budget.hours is None:
        return None
    hours = np.float32(budget.hours)
    return rate_min * hours, rate_max * hours


def cost_scores(rate_min: Floats, rate_max: Floats, min_budget: Floats, budget: Budget) -> Floats:
    """Cost factor in [0, 1]; 1 for everyone when the scope gives no budget."""
    if budget.high <= 0:
        return np.ones(len(rate_min), dtype=np.float32)
    prices = price_range(rate_min, rate_max, budget)
    score = (
        np.ones(len(rate_min), np.float32) if prices is None else price_fit(*prices, budget.high)
    )
    total = budget.project_total
    if total is not None:
        blend(score, score * np.float32(TOO_SMALL), min_budget > total)
    return score.astype(np.float32, copy=False)
