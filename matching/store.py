"""Vendor records held as columns: numpy arrays plus sparse skill and text matrices."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

import numpy as np
import scipy.sparse as sp

from .columns import Columns
from .fx import FxRates
from .quality import quality_scores
from .sparse_rows import OverlayMatrix
from .taxonomy import Taxonomy
from .text import N_FEATURES, TextModel
from .types import Proficiency, VendorRecord
from .vocab import Vocab

LEVELS = {
    Proficiency.BASIC: 1,
    Proficiency.CONVERSATIONAL: 2,
    Proficiency.FLUENT: 3,
    Proficiency.NATIVE: 4,
}
MAX_YEARS = 5.0


def depth(years: float) -> float:
    """Credit for experience: 0.5 with no track record, 1.0 from five years on."""
    return 0.5 + 0.5 * min(max(years, 0.0), MAX_YEARS) / MAX_YEARS


def _minutes(t: object) -> int:
    return t.hour * 60 + t.minute  # type: ignore[attr-defined]


class VendorStore:
    """Columns for all vendors; slots are never reused, removal only clears ``alive``."""

    def __init__(self, taxonomy: Taxonomy, fx: FxRates) -> None:
        self.taxonomy = taxonomy
        self.fx = fx
        self.cols = Columns()
        self.slots: dict[int, int] = {}
        self.countries: Vocab[str] = Vocab()
        self.regions: Vocab[str] = Vocab()
        self.continents: Vocab[str] = Vocab()
        self.tzgroups: Vocab[tuple[str, int, int]] = Vocab()
        self.languages: Vocab[str] = Vocab()
        self.certs: Vocab[str] = Vocab()
        self.skills = OverlayMatrix(len(taxonomy))
        self.text = OverlayMatrix(N_FEATURES)
        self.text_model = TextModel()
        self.skill_df = np.zeros(len(taxonomy), dtype=np.int64)
        self.n_alive = 0
        for vocab in (self.countries, self.regions, self.continents):
            vocab.add("")

    def __len__(self) -> int:
        return self.n_alive

    @property
    def size(self) -> int:
        """Slots in use, dead ones included."""
        return self.cols.size

    def build(self, records: Iterable[VendorRecord], chunk: int = 20_000) -> None:
        """Fill the store from scratch, reading records chunk by chunk."""
        skill_parts: list[sp.csr_matrix] = []
        count_parts: list[sp.csr_matrix] = []
        it: Iterator[VendorRecord] = iter(records)
        while batch := list(islice(it, chunk)):
            start = self.cols.size
            self.cols.reserve(start + len(batch))
            if any(rec.id in self.slots for rec in batch):
                raise ValueError("duplicate vendor id")
            rows = [self._write_columns(start + i, rec) for i, rec in enumerate(batch)]
            self.cols.size = start + len(batch)
            skill_parts.append(_stack_rows(rows, len(self.taxonomy)))
            count_parts.append(self.text_model.counts([r.description for r in batch]))
        n = self.cols.size
        skills = (
            sp.vstack(skill_parts, format="csr")
            if skill_parts
            else sp.csr_matrix((0, len(self.taxonomy)), dtype=np.float32)
        )
        counts = (
            sp.vstack(count_parts, format="csr")
            if count_parts
            else sp.csr_matrix((0, N_FEATURES), dtype=np.float32)
        )
        self.text_model.fit_idf(np.bincount(counts.indices, minlength=N_FEATURES), n)
        weighted = self.text_model.weigh(counts)
        self.text_model.col_max = _col_max(weighted)
        self.text.set_base(weighted)
        self.skills.set_base(skills, with_csc=True)
        self.skill_df = np.bincount(skills.indices, minlength=len(self.taxonomy)).astype(np.int64)
        self._refresh_quality(slice(0, n))
        self.n_alive = int(self.cols["alive"].sum())

    def upsert(self, record: VendorRecord) -> int:
        """Insert or replace one vendor; returns its slot."""
        slot = self.slots.get(record.id)
        if slot is None:
            slot = self.cols.size
            self.cols.reserve(slot + 1)
            self.cols.size += 1
            self.n_alive += 1
        else:
            old_cols, _ = self.skills.row(slot)
            np.subtract.at(self.skill_df, old_cols, 1)
            self.n_alive += 0 if self.cols["alive"][slot] else 1
        cols, vals = self._write_columns(slot, record)
        np.add.at(self.skill_df, cols, 1)
        self.skills.put(slot, cols, vals)
        row = self.text_model.vector(record.description)
        self.text_model.track(row)
        self.text.put(slot, row.indices, row.data)
        self._refresh_quality(slice(slot, slot + 1))
        return slot

    def remove(self, vendor_id: int) -> bool:
        """Drop a vendor; False when it was not held."""
        slot = self.slots.pop(vendor_id, None)
        if slot is None:
            return False
        cols, _ = self.skills.row(slot)
        np.subtract.at(self.skill_df, cols, 1)
        self.skills.put(slot, np.zeros(0), np.zeros(0))
        self.cols["alive"][slot] = False
        self.n_alive -= 1
        return True

    def compact(self) -> None:
        """Fold pending row updates into the sparse bases."""
        if self.skills.delta:
            self.skills.compact(self.size, with_csc=True)
        if self.text.delta:
            self.text.compact(self.size)

    def _refresh_quality(self, where: slice) -> None:
        c = self.cols.cols
        c["quality"][where] = quality_scores(
            c["review_count"][where],
            c["review_mean"][where],
            c["on_time"][where],
            c["last_review_days"][where],
        )

    def _write_columns(self, slot: int, rec: VendorRecord) -> tuple[np.ndarray, np.ndarray]:
        """Write a record's scalar columns; returns its skill row (columns, depth)."""
        c = self.cols.cols
        self.slots[rec.id] = slot
        c["id"][slot] = rec.id
        c["alive"][slot] = True
        to_base = self.fx.rate(rec.currency)
        c["rate_min"][slot] = rec.rate_min / to_base
        c["rate_max"][slot] = max(rec.rate_max, rec.rate_min) / to_base
        c["min_budget"][slot] = rec.min_project_budget / to_base
        c["country"][slot] = self.countries.add(rec.country.upper())
        c["region"][slot] = self.regions.add(rec.region)
        c["continent"][slot] = self.continents.add(rec.continent)
        key = (rec.timezone, _minutes(rec.work_start), _minutes(rec.work_end))
        c["tzgroup"][slot] = self.tzgroups.add(key)
        bits = 0
        for code in rec.certifications:
            bit = self.certs.add(code.upper())
            if bit >= 64:
                raise ValueError("more than 64 distinct certification codes")
            bits |= 1 << bit
        c["certs"][slot] = bits
        c["verified"][slot] = rec.verified
        c["review_count"][slot] = rec.review_count
        c["review_mean"][slot] = rec.review_mean
        c["on_time"][slot] = np.nan if rec.on_time_rate is None else rec.on_time_rate
        c["last_review_days"][slot] = (
            np.nan if rec.last_review_days is None else rec.last_review_days
        )
        c["response_hours"][slot] = (
            np.nan if rec.median_response_hours is None else rec.median_response_hours
        )
        c["team_size"][slot] = rec.team_size
        lang_ids = [
            (self.languages.add(code.lower()), LEVELS[Proficiency(p)]) for code, p in rec.languages
        ]
        self.cols.reserve(slot + 1, len(self.languages))
        self.cols.langs[slot] = 0
        for lang, level in lang_ids:
            self.cols.langs[slot, lang] = max(self.cols.langs[slot, lang], level)
        best: dict[int, float] = {}
        for slug, years in rec.expertise:
            if slug in self.taxonomy:
                col = self.taxonomy.index(slug)
                best[col] = max(best.get(col, 0.0), depth(years))
        cols = np.fromiter(best.keys(), dtype=np.int32, count=len(best))
        vals = np.fromiter(best.values(), dtype=np.float32, count=len(best))
        order = np.argsort(cols)
        return cols[order], vals[order]


def _col_max(matrix: sp.csr_matrix) -> np.ndarray:
    out = np.zeros(matrix.shape[1], dtype=np.float32)
    np.maximum.at(out, matrix.indices, matrix.data)
    return out


def _stack_rows(rows: list[tuple[np.ndarray, np.ndarray]], n_cols: int) -> sp.csr_matrix:
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum([len(r[0]) for r in rows], out=indptr[1:])
    indices = np.concatenate([r[0] for r in rows]) if rows else np.zeros(0, np.int32)
    data = np.concatenate([r[1] for r in rows]) if rows else np.zeros(0, np.float32)
    return sp.csr_matrix((data, indices, indptr), shape=(len(rows), n_cols), dtype=np.float32)
