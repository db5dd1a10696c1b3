"""Small per-group tables refreshed as the store grows: working hours per time-zone group
and the fields of each culture profile, so per-scope factors are computed once per group."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import time

import numpy as np
from numpy.typing import NDArray

from ..factors.timezone import distinct_zones, shift_hours
from .vendors import VendorStore


class GroupHours:
    """Working-hour arrays per (zone, start, end) group, refreshed as groups are added."""

    def __init__(self) -> None:
        self.count = -1
        self.zones: list[str] = []
        self.starts: NDArray[np.float32] = np.zeros(0, np.float32)
        self.ends: NDArray[np.float32] = np.zeros(0, np.float32)
        self.distinct: tuple[list[str], NDArray[np.intp]] = ([], np.zeros(0, np.intp))

    def refresh(self, store: VendorStore) -> None:
        """Recompute when the store has new groups."""
        keys = store.tzgroups.keys
        if len(keys) == self.count:
            return
        hours = [shift_hours(time(s // 60, s % 60), time(e // 60, e % 60)) for _, s, e in keys]
        self.zones = [tz for tz, _, _ in keys]
        self.starts = np.array([h[0] for h in hours], dtype=np.float32)
        self.ends = np.array([h[1] for h in hours], dtype=np.float32)
        self.distinct = distinct_zones(self.zones)
        self.count = len(keys)


class GeoProfiles:
    """Country, region, continent and language levels of each culture profile (``geo`` id).

    Satisfies ``factors.culture.CultureProfiles``; the name tables are the
    store's own (live) vocabularies.
    """

    def __init__(self) -> None:
        self.count = 0
        self.country: NDArray[np.int32] = np.zeros(0, dtype=np.int32)
        self.region: NDArray[np.int32] = np.zeros(0, dtype=np.int32)
        self.continent: NDArray[np.int32] = np.zeros(0, dtype=np.int32)
        self.langs: NDArray[np.uint8] = np.zeros((0, 0), dtype=np.uint8)
        self.language_ids: Mapping[str, int] = {}
        self.country_names: Sequence[str] = []
        self.region_names: Sequence[str] = []
        self.continent_names: Sequence[str] = []

    def refresh(self, store: VendorStore) -> None:
        """Append the profiles the store added since the last call."""
        self.language_ids = store.languages.ids
        self.country_names = store.countries.keys
        self.region_names = store.regions.keys
        self.continent_names = store.continents.keys
        keys = store.geos.keys
        n_lang = max(len(store.languages), self.langs.shape[1])
        if len(keys) == self.count and n_lang == self.langs.shape[1]:
            return
        fresh = keys[self.count :]
        langs = np.zeros((len(keys), n_lang), dtype=np.uint8)
        langs[: self.count, : self.langs.shape[1]] = self.langs
        for i, key in enumerate(fresh, start=self.count):
            for lang, level in key[3]:
                langs[i, lang] = level
        self.langs = langs
        added = [np.array([key[pos] for key in fresh], dtype=np.int32) for pos in (0, 1, 2)]
        self.country = np.concatenate([self.country, added[0]])
        self.region = np.concatenate([self.region, added[1]])
        self.continent = np.concatenate([self.continent, added[2]])
        self.count = len(keys)
