"""Growable numpy columns, one slot per vendor."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

# name -> (dtype, fill value for a fresh slot)
SCHEMA: dict[str, tuple[type[np.generic], float]] = {
    "id": (np.int64, -1),
    "alive": (np.bool_, False),
    "rate_min": (np.float32, 0.0),
    "rate_max": (np.float32, 0.0),
    "min_budget": (np.float32, 0.0),
    "country": (np.int32, 0),
    "region": (np.int32, 0),
    "continent": (np.int32, 0),
    # Group ids read per match as gather indices: pointer-sized, so no cast per read.
    "tzgroup": (np.intp, 0),
    "geo": (np.intp, 0),
    "sec": (np.intp, 0),
    "certs": (np.uint64, 0),
    "verified": (np.bool_, False),
    "review_count": (np.float32, 0.0),
    "review_mean": (np.float32, 0.0),
    "on_time": (np.float32, np.nan),
    "last_review_days": (np.float32, np.nan),
    "response_hours": (np.float32, np.nan),
    "team_size": (np.int32, 1),
    "availability": (np.uint8, 0),  # AVAILABILITY_CODES position
    "hours_week": (np.float32, 0.0),  # declared, or 35 h per head of the team
    "cov": (np.intp, 0),  # staffed-coverage group (hours a day, days a week)
    "joint": (np.intp, 0),  # (tzgroup, geo, sec, cov) together: one read for all four
    # Derived from the columns above when a vendor is written (see VendorStore):
    "quality": (np.float32, 0.0),
    "responsiveness": (np.float32, 0.5),  # against the default reply curve
    "capacity": (np.float32, 0.0),  # hours a week it can give new work
    "capacity_cap": (np.float32, 1.0),  # highest capacity score its availability allows
    "span_inv": (np.float32, 0.0),  # 1 / (rate_max - rate_min), for the cost factor
}


class Columns:
    """Per-vendor numpy columns plus a language proficiency matrix, with spare capacity."""

    def __init__(self, capacity: int = 1024, n_languages: int = 8) -> None:
        self.size = 0
        # Columns of several dtypes under one mapping: typed by the schema, not statically.
        self.cols: dict[str, NDArray[Any]] = {
            name: np.full(capacity, fill, dtype) for name, (dtype, fill) in SCHEMA.items()
        }
        self.langs: NDArray[np.uint8] = np.zeros((capacity, n_languages), dtype=np.uint8)

    @property
    def capacity(self) -> int:
        """Slots allocated."""
        return len(self.cols["id"])

    def __getitem__(self, name: str) -> NDArray[Any]:
        """The live part of column ``name`` (a view)."""
        return self.cols[name][: self.size]

    def reserve(self, capacity: int, n_languages: int | None = None) -> None:
        """Grow to at least ``capacity`` slots and ``n_languages`` language columns."""
        n_lang = max(n_languages or 0, self.langs.shape[1])
        old = self.capacity
        if capacity > old:
            capacity = max(capacity, int(old * 1.5))
            for name, (dtype, fill) in SCHEMA.items():
                grown: NDArray[Any] = np.full(capacity, fill, dtype)
                grown[:old] = self.cols[name]
                self.cols[name] = grown
        if capacity > self.langs.shape[0] or n_lang > self.langs.shape[1]:
            grown_langs = np.zeros((max(capacity, self.langs.shape[0]), n_lang), dtype=np.uint8)
            grown_langs[: self.langs.shape[0], : self.langs.shape[1]] = self.langs
            self.langs = grown_langs
