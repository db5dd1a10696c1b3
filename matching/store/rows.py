"""How vendor records become row values: skill depth, language levels, the scalar columns."""

from __future__ import annotations

from datetime import time

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from ..core.records import Proficiency

LEVELS = {
    Proficiency.BASIC: 1,
    Proficiency.CONVERSATIONAL: 2,
    Proficiency.FLUENT: 3,
    Proficiency.NATIVE: 4,
}
MAX_YEARS = 5.0


def depth(years: NDArray[np.float64]) -> NDArray[np.float32]:
    """Credit for experience: 0.5 with no track record, 1.0 from five years on (float32)."""
    years = np.asarray(years, dtype=np.float64)
    return (0.5 + 0.5 * np.minimum(np.maximum(years, 0.0), MAX_YEARS) / MAX_YEARS).astype(
        np.float32
    )


LangLevels = tuple[tuple[int, int], ...]
GeoKey = tuple[int, int, int, LangLevels]
SkillRow = list[tuple[int, float]]  # (tag column, years), by column
# Scalar columns in the order ``VendorStore._values`` returns them.
SCALARS = (
    "id",
    "alive",
    "rate_min",
    "rate_max",
    "min_budget",
    "country",
    "region",
    "continent",
    "tzgroup",
    "certs",
    "verified",
    "sec",
    "review_count",
    "review_mean",
    "on_time",
    "last_review_days",
    "response_hours",
    "team_size",
    "geo",
    "availability",
    "hours_week",
    "cov",
    "joint",
)


def minutes(t: time) -> int:
    """Minutes since midnight."""
    return t.hour * 60 + t.minute


def col_max(matrix: sp.csr_matrix) -> NDArray[np.float32]:
    """Largest value per column."""
    out = np.zeros(matrix.shape[1], dtype=np.float32)
    np.maximum.at(out, matrix.indices, matrix.data)
    return out


def stack_rows(rows: list[SkillRow], n_cols: int) -> sp.csr_matrix:
    """CSR matrix of skill depths from (tag column, years) rows."""
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum([len(r) for r in rows], out=indptr[1:])
    pairs = [pair for row in rows for pair in row]
    indices = np.array([col for col, _ in pairs], dtype=np.int32)
    data = depth(np.array([years for _, years in pairs], dtype=np.float64))
    return sp.csr_matrix((data, indices, indptr), shape=(len(rows), n_cols), dtype=np.float32)
