"""The factor scores of chosen slots, one column per factor (in ``Factor`` order)."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from ..factors.evaluation import Evaluation
from ..factors.skill import combine


def factor_matrix(
    ev: Evaluation, slots: NDArray[np.intp], text: NDArray[np.float32]
) -> NDArray[np.float64]:
    """Factor scores of ``slots`` (rows) in ``Factor`` order (columns), clipped to [0, 1]."""
    cols = (combine(ev.skill, slots, text), *ev.factors(slots))
    return np.clip(np.column_stack(cols).astype(np.float64), 0.0, 1.0)
