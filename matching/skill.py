"""Skill factor: taxonomy tags weighted by rarity and depth, must-haves, plus text similarity.

Each tag's vendors are read from the column-major skill matrix (plus pending
updates) and scattered into one dense credit array per requirement, so no
vendors x requirements matrices are held.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .store import VendorStore
from .types import SkillRequirement

RELATED_CREDIT = 0.5
RELATED_ONLY_PENALTY = 0.6
TEXT_SHARE = 0.25

Entries = tuple[np.ndarray, np.ndarray]


@dataclass(frozen=True, slots=True)
class SkillFit:
    """Tag-based skill scores per slot, and per requirement its tag and related columns."""

    tags: tuple[str, ...]
    must: np.ndarray
    weights: np.ndarray
    columns: tuple[int, ...]
    related: tuple[tuple[int, ...], ...]
    score: np.ndarray
    penalty: np.ndarray
    missing_must: np.ndarray

    @property
    def text_share(self) -> float:
        """Share of the skill factor that comes from text similarity."""
        return TEXT_SHARE if self.tags else 1.0


def idf(store: VendorStore) -> np.ndarray:
    """Smooth IDF per tag over the vendors held: rare skills weigh more."""
    return np.log((1.0 + store.n_alive) / (1.0 + store.skill_df)) + 1.0


def merge(requirements: tuple[SkillRequirement, ...], store: VendorStore) -> list[SkillRequirement]:
    """Known tags only, one requirement per tag (must-have wins, weights add)."""
    merged: dict[str, SkillRequirement] = {}
    for req in requirements:
        if req.tag not in store.taxonomy or req.weight <= 0:
            continue
        prev = merged.get(req.tag)
        if prev is not None:
            req = SkillRequirement(
                req.tag, req.must_have or prev.must_have, req.weight + prev.weight
            )
        merged[req.tag] = req
    return list(merged.values())


class TagColumns:
    """Reads one tag's (slots, depths) from the CSC base, overridden by pending rows."""

    def __init__(self, store: VendorStore) -> None:
        self.csc = store.skills.base_csc
        assert self.csc is not None
        slots, delta = store.skills.delta_part()
        self.delta_slots = slots
        self.delta = delta.tocsc() if len(slots) else None
        self.stale: np.ndarray | None = None
        if len(slots):
            self.stale = np.zeros(self.csc.shape[0], dtype=bool)
            self.stale[slots[slots < len(self.stale)]] = True

    def __call__(self, col: int) -> Entries:
        csc = self.csc
        lo, hi = csc.indptr[col], csc.indptr[col + 1]
        rows, vals = csc.indices[lo:hi], csc.data[lo:hi]
        if self.delta is None or self.stale is None:
            return rows, vals
        keep = ~self.stale[rows]
        d = self.delta
        dlo, dhi = d.indptr[col], d.indptr[col + 1]
        return (
            np.concatenate([rows[keep], self.delta_slots[d.indices[dlo:dhi]]]),
            np.concatenate([vals[keep], d.data[dlo:dhi]]),
        )


def skill_fit(store: VendorStore, requirements: tuple[SkillRequirement, ...]) -> SkillFit:
    """Tag-based skill scores for every slot, before the text share is mixed in."""
    reqs = merge(requirements, store)
    n, tax = store.size, store.taxonomy
    columns = tuple(tax.index(r.tag) for r in reqs)
    related = tuple(tuple(tax.index(s) for s in tax.related(r.tag)) for r in reqs)
    weights = np.array([r.weight for r in reqs], dtype=np.float32)
    weights *= idf(store)[list(columns)] if reqs else 1.0
    must = np.array([r.must_have for r in reqs], dtype=bool)
    score = np.zeros(n, dtype=np.float32)
    missing_must = np.zeros(n, dtype=bool)
    only_related = np.zeros(n, dtype=np.uint8)
    if reqs:
        share = weights / weights.sum()
        column = TagColumns(store)
        credit = np.empty(n, dtype=np.float32)
        for j in range(len(reqs)):
            credit.fill(0.0)
            for rows, vals in (column(c) for c in related[j]):
                np.maximum.at(credit, rows, np.float32(RELATED_CREDIT) * vals)
            e_rows, e_vals = column(columns[j])
            if must[j]:
                held = np.zeros(n, dtype=bool)
                held[e_rows] = True
                near_only = (credit > 0) & ~held
                missing_must |= ~held & ~near_only
                only_related += near_only
            credit[e_rows] = np.maximum(credit[e_rows], e_vals)
            credit *= share[j]
            score += credit
    powers = np.power(RELATED_ONLY_PENALTY, np.arange(len(reqs) + 1)).astype(np.float32)
    penalty = powers[only_related] if must.any() else np.broadcast_to(powers[0], (n,))
    return SkillFit(
        tags=tuple(r.tag for r in reqs),
        must=must,
        weights=weights,
        columns=columns,
        related=related,
        score=score,
        penalty=penalty,
        missing_must=missing_must,
    )


def combine(fit: SkillFit, slots: np.ndarray, text: np.ndarray) -> np.ndarray:
    """Skill factor for ``slots`` given their text similarity."""
    share = fit.text_share
    return ((1.0 - share) * fit.score[slots] + share * text) * fit.penalty[slots]
