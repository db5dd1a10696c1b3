"""The rules of a conversation: what a message may say, who speaks for which side, and
how response times are summarised."""

from __future__ import annotations

import math
from collections.abc import Sequence

from api.core.errors import Problems
from api.values import checks as check

MAX_BODY = 10000
# Response-time figures look back this far, so a vendor that got faster shows it.
RESPONSE_WINDOW_DAYS = 90
# The newest replies a refresh reads at most: enough for stable percentiles, bounded work.
MAX_RESPONSE_SAMPLES = 2000


def check_body(problems: Problems, body: str) -> str:
    """The trimmed body: required, at most MAX_BODY characters, no control characters."""
    return check.text(problems, ["body"], body, max_length=MAX_BODY) or ""


def percentile(values: Sequence[float], fraction: float) -> float:
    """The `fraction` quantile of `values` by linear interpolation between closest ranks
    (as numpy's default), so the median of an even count is the mean of the middle two."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("no values")
    position = fraction * (len(ordered) - 1)
    low = math.floor(position)
    high = math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)
