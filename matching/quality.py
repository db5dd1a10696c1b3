"""Quality factor: Bayesian average of reviews, on-time delivery and recency."""

from __future__ import annotations

import numpy as np

PRIOR_MEAN = 4.0
PRIOR_COUNT = 10.0
DEFAULT_ON_TIME = 0.8
RECENCY_DAYS = 365.0


def bayesian_mean(count: np.ndarray, mean: np.ndarray) -> np.ndarray:
    """Review mean shrunk towards the prior: few reviews count less."""
    return (PRIOR_COUNT * PRIOR_MEAN + count * mean) / (PRIOR_COUNT + count)


def quality_scores(
    count: np.ndarray, mean: np.ndarray, on_time: np.ndarray, last_review_days: np.ndarray
) -> np.ndarray:
    """Quality in [0, 1]: 0.7 Bayesian stars, 0.2 on-time rate, 0.1 review recency.

    NaN marks an unknown on-time rate (taken as 0.8) or no review date (0.3).
    """
    stars = bayesian_mean(count, mean) / 5.0
    punctual = np.where(np.isnan(on_time), DEFAULT_ON_TIME, on_time)
    recency = np.where(np.isnan(last_review_days), 0.3, np.exp(-last_review_days / RECENCY_DAYS))
    score = 0.7 * stars + 0.2 * punctual + 0.1 * recency
    return np.clip(score, 0.0, 1.0).astype(np.float32)
