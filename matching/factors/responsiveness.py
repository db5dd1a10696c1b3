"""Responsiveness factor: a vendor's measured median reply time against what the scope asks.

With ``Scope.max_response_hours`` a vendor replying within it scores 1 and a slower
one the ratio (twice as slow, half the score). Without it the default curve gives
half credit to a median reply after a day: ``24 / (24 + hours)``. A vendor without
a measured reply time scores :data:`UNKNOWN` either way.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

Floats = NDArray[np.float32]

HALF_CREDIT_HOURS = 24.0
UNKNOWN = 0.5


def default_responsiveness(hours: Floats) -> Floats:
    """The default curve per vendor (NaN hours: not measured), float32."""
    with np.errstate(invalid="ignore"):
        curve = HALF_CREDIT_HOURS / (HALF_CREDIT_HOURS + np.maximum(hours, 0.0))
    return np.where(np.isnan(hours), UNKNOWN, curve).astype(np.float32)


def responsiveness_scores(hours: Floats, default: Floats, max_hours: float | None) -> Floats:
    """Responsiveness in [0, 1] per vendor.

    Parameters
    ----------
    hours : ndarray of float32
        Median reply time in hours; NaN when not measured.
    default : ndarray of float32
        :func:`default_responsiveness` of ``hours`` (kept per vendor by the store).
    max_hours : float or None
        The slowest median reply the scope accepts; None for the default curve.

    Returns
    -------
    ndarray of float32
        ``default`` itself when ``max_hours`` is None, else a new array.
    """
    if max_hours is None or max_hours <= 0:
        return default
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.divide(np.float32(max_hours), hours)
    np.minimum(out, np.float32(1.0), out=out)
    np.nan_to_num(out, copy=False, nan=UNKNOWN)
    return out
