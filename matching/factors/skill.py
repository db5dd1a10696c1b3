"""Skill factor: taxonomy tags weighted by rarity and depth, must-haves, plus text similarity.

Each tag's vendors are read one column at a time (see ``store.tag_columns``) and
scattered into one dense credit array per requirement, so no vendors x
requirements matrices are held.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from ..core.records import SkillRequirement
from ..core.taxonomy import Taxonomy

RELATED_CREDIT = 0.5
RELATED_ONLY_PENALTY = 0.6
TEXT_SHARE = 0.25

Entries = tuple[NDArray[np.integer], NDArray[np.float32]]  # (slots, depths) of one tag
TagReader = Callable[[int], Entries]  # tag column -> its entries


@dataclass(frozen=True, slots=True)
class SkillFit:
    """Tag-based skill scores per slot, and per requirement its tag and related columns."""

    tags: tuple[str, ...]
    must: NDArray[np.bool_]
    weights: NDArray[np.float32]
    columns: tuple[int, ...]
    related: tuple[tuple[int, ...], ...]
    score: NDArray[np.float32]
    penalty: NDArray[np.float32]
    missing_must: NDArray[np.bool_]

    @property
    def text_share(self) -> float:
        """Share of the skill factor that comes from text similarity."""
        return TEXT_SHARE if self.tags else 1.0


def tag_idf(n_vendors: int, df: NDArray[np.int64]) -> NDArray[np.float64]:
    """Smooth IDF per tag from document frequencies ``df``: rare skills weigh more."""
    idf: NDArray[np.float64] = np.log((1.0 + n_vendors) / (1.0 + df)) + 1.0
    return idf


def merge(requirements: tuple[SkillRequirement, ...], taxonomy: Taxonomy) -> list[SkillRequirement]:
    """Known tags only, one requirement per tag (must-have wins, weights add)."""
    merged: dict[str, SkillRequirement] = {}
    for req in requirements:
        if req.tag not in taxonomy or req.weight <= 0:
            continue
        prev = merged.get(req.tag)
        if prev is not None:
            req = SkillRequirement(
                req.tag, req.must_have or prev.must_have, req.weight + prev.weight
            )
        merged[req.tag] = req
    return list(merged.values())


def skill_fit(
    requirements: tuple[SkillRequirement, ...],
    taxonomy: Taxonomy,
    column: TagReader,
    idf: NDArray[np.float64],
    n: int,
) -> SkillFit:
    """Tag-based skill scores for ``n`` slots, before the text share is mixed in.

    ``column`` reads one tag's (slots, depths); ``idf`` weighs each tag (see :func:`tag_idf`).
    """
    reqs = merge(requirements, taxonomy)
    columns = tuple(taxonomy.index(r.tag) for r in reqs)
    related = tuple(tuple(taxonomy.index(s) for s in taxonomy.related(r.tag)) for r in reqs)
    weights = np.array([r.weight for r in reqs], dtype=np.float32)
    weights *= idf[list(columns)] if reqs else 1.0
    must = np.array([r.must_have for r in reqs], dtype=bool)
    score = np.zeros(n, dtype=np.float32)
    missing_must = np.zeros(n, dtype=bool)
    only_related = np.zeros(n, dtype=np.uint8)
    if reqs:
        share = weights / weights.sum()
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


def combine(
    fit: SkillFit, slots: NDArray[np.intp], text: NDArray[np.float32]
) -> NDArray[np.floating]:
    """Skill factor for ``slots`` given their text similarity."""
    share = fit.text_share
    skill: NDArray[np.floating] = ((1.0 - share) * fit.score[slots] + share * text) * fit.penalty[
        slots
    ]
    return skill
