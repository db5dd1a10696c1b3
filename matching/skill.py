"""Skill factor: taxonomy tags weighted by rarity and depth, must-haves, plus text similarity."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .store import VendorStore
from .types import SkillRequirement

RELATED_CREDIT = 0.5
RELATED_ONLY_PENALTY = 0.6
TEXT_SHARE = 0.25


@dataclass(frozen=True, slots=True)
class SkillFit:
    """Per requirement (rows) and vendor slot (columns): exact depth and related depth."""

    tags: tuple[str, ...]
    must: np.ndarray
    weights: np.ndarray
    exact: np.ndarray
    related: np.ndarray
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


def _column(store: VendorStore, col: int, out: np.ndarray, reduce_max: bool) -> None:
    """Write (or max into) ``out`` the depth each slot holds in tag column ``col``."""
    csc = store.skills.base_csc
    assert csc is not None
    lo, hi = csc.indptr[col], csc.indptr[col + 1]
    rows, vals = csc.indices[lo:hi], csc.data[lo:hi]
    if reduce_max:
        out[rows] = np.maximum(out[rows], vals)
    else:
        out[rows] = vals


def skill_fit(store: VendorStore, requirements: tuple[SkillRequirement, ...]) -> SkillFit:
    """Tag-based skill scores for every slot, before the text share is mixed in."""
    reqs = merge(requirements, store)
    n, tax = store.size, store.taxonomy
    exact = np.zeros((len(reqs), n), dtype=np.float32)
    related = np.zeros((len(reqs), n), dtype=np.float32)
    delta_slots, delta = store.skills.delta_part()
    for j, req in enumerate(reqs):
        _column(store, tax.index(req.tag), exact[j], reduce_max=False)
        rel_cols = [tax.index(slug) for slug in tax.related(req.tag)]
        for col in rel_cols:
            _column(store, col, related[j], reduce_max=True)
        if len(delta_slots):
            exact[j, delta_slots] = delta[:, [tax.index(req.tag)]].toarray()[:, 0]
            related[j, delta_slots] = delta[:, rel_cols].toarray().max(axis=1) if rel_cols else 0.0
    weights = np.array([r.weight for r in reqs], dtype=np.float32)
    weights *= idf(store)[[tax.index(r.tag) for r in reqs]] if reqs else 1.0
    credit = np.maximum(exact, np.float32(RELATED_CREDIT) * related)
    score = (weights / weights.sum()) @ credit if reqs else np.zeros(n, dtype=np.float32)
    must = np.array([r.must_have for r in reqs], dtype=bool)
    lacks = exact[must] == 0
    missing_must = (lacks & (related[must] == 0)).any(axis=0) if must.any() else np.zeros(n, bool)
    only_related = (lacks & (related[must] > 0)).sum(axis=0) if must.any() else 0
    penalty = np.power(RELATED_ONLY_PENALTY, only_related).astype(np.float32)
    penalty = np.broadcast_to(penalty, (n,)) if np.ndim(penalty) == 0 else penalty
    return SkillFit(
        tags=tuple(r.tag for r in reqs),
        must=must,
        weights=weights,
        exact=exact,
        related=related,
        score=score,
        penalty=penalty,
        missing_must=missing_must,
    )


def combine(fit: SkillFit, slots: np.ndarray, text: np.ndarray) -> np.ndarray:
    """Skill factor for ``slots`` given their text similarity."""
    share = fit.text_share
    return ((1.0 - share) * fit.score[slots] + share * text) * fit.penalty[slots]
