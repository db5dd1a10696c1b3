"""Quality factor: a cautious average of reviews, on-time delivery and recency.

A rating above the prior needs many reviews before it counts in full; one below the
prior counts after a few (bad news is rarely a fluke), so 2.0/5 from three reviews
is a poor rating, not a middling one. Stars and on-time delivery are scored from a
floor: 2 stars or fewer earn nothing, and neither does delivering half the projects
late or worse.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np
from numpy.typing import NDArray

DEFAULT_ON_TIME = 0.8
RECENCY_DAYS = 365.0
NO_REVIEW_DATE = 0.3
STAR_FLOOR = 2.0  # ratings at or below it earn no credit
ON_TIME_FLOOR = 0.5  # nor do on-time rates at or below it
# A rating below the prior is shrunk by a prior worth this share of its usual weight.
LOW_RATING_PRIOR_SHARE = 0.25
STARS_SHARE, ON_TIME_SHARE, RECENCY_SHARE = 0.6, 0.3, 0.1

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


def cautious_rating(prior: RatingPrior, total: Value, count: Value) -> Value:
    """The Bayesian average, with a light prior for ratings below the prior's mean.

    Parameters
    ----------
    prior : RatingPrior
        The prior; below its mean only :data:`LOW_RATING_PRIOR_SHARE` of its weight counts.
    total, count : float or ndarray
        Sum and number of review ratings (broadcast together).

    Returns
    -------
    float or ndarray
        The lower of the two averages, elementwise: the usual one for a good
        rating, the lightly shrunk one for a poor rating.
    """
    light = RatingPrior(prior.mean, prior.weight * LOW_RATING_PRIOR_SHARE)
    return np.minimum(prior.bayesian_average(total, count), light.bayesian_average(total, count))


def star_credit(rating: Value) -> Value:
    """Credit for a rating: 0 at :data:`STAR_FLOOR` stars or below, 1 at 5 stars."""
    return np.clip((rating - STAR_FLOOR) / (5.0 - STAR_FLOOR), 0.0, 1.0)


def on_time_credit(rate: Value) -> Value:
    """Credit for an on-time rate: 0 at :data:`ON_TIME_FLOOR` or below, 1 at always on time."""
    return np.clip((rate - ON_TIME_FLOOR) / (1.0 - ON_TIME_FLOOR), 0.0, 1.0)


def quality_scores(
    count: NDArray[np.float32],
    mean: NDArray[np.float32],
    on_time: NDArray[np.float32],
    last_review_days: NDArray[np.float32],
    prior: RatingPrior,
) -> NDArray[np.float32]:
    """Quality in [0, 1]: 0.6 star credit of the cautious rating, 0.3 on-time credit,
    0.1 review recency.

    NaN marks an unknown on-time rate (taken as 0.8) or no review date (0.3).
    """
    stars = star_credit(cautious_rating(prior, count * mean, count))
    punctual = on_time_credit(np.where(np.isnan(on_time), DEFAULT_ON_TIME, on_time))
    recency = np.where(
        np.isnan(last_review_days), NO_REVIEW_DATE, np.exp(-last_review_days / RECENCY_DAYS)
    )
    score = STARS_SHARE * stars + ON_TIME_SHARE * punctual + RECENCY_SHARE * recency
    return np.clip(score, 0.0, 1.0).astype(np.float32)
