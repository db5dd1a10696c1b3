"""Quality factor: Bayesian average of reviews, on-time delivery and recency."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np
from numpy.typing import NDArray

DEFAULT_ON_TIME = 0.8
RECENCY_DAYS = 365.0

Value = TypeVar("Value", float, NDArray[Any])


@dataclass(frozen=True, slots=True)
class RatingPrior:
    """What a vendor's rating is assumed to be before its reviews say otherwise.

    Parameters
    ----------
    mean : float, default 4.0
        The prior rating (for example the mean of every review on the marketplace).
    weight : float, default 10.0
        How many reviews the prior counts as: a vendor with that many reviews
        sits halfway between the prior and its own mean.
    """

    mean: float = 4.0
    weight: float = 10.0

    def bayesian_average(self, total: Value, count: Value) -> Value:
        """Ratings shrunk towards the prior: few reviews count less.

        Parameters
        ----------
        total : float or ndarray
            Sum of the review ratings (``count * mean``).
        count : float or ndarray
            Number of reviews; broadcasts with ``total``.

        Returns
        -------
        float or ndarray
            ``(weight * mean + total) / (weight + count)``, elementwise.
        """
        return (self.weight * self.mean + total) / (self.weight + count)


DEFAULT_PRIOR = RatingPrior()


def quality_scores(
    count: NDArray[np.float32],
    mean: NDArray[np.float32],
    on_time: NDArray[np.float32],
    last_review_days: NDArray[np.float32],
    prior: RatingPrior,
) -> NDArray[np.float32]:
    """Quality in [0, 1]: 0.7 Bayesian stars, 0.2 on-time rate, 0.1 review recency.

    NaN marks an unknown on-time rate (taken as 0.8) or no review date (0.3).
    """
    stars = prior.bayesian_average(count * mean, count) / 5.0
    punctual = np.where(np.isnan(on_time), DEFAULT_ON_TIME, on_time)
    recency = np.where(np.isnan(last_review_days), 0.3, np.exp(-last_review_days / RECENCY_DAYS))
    score = 0.7 * stars + 0.2 * punctual + 0.1 * recency
    return np.clip(score, 0.0, 1.0).astype(np.float32)
