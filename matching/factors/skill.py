"""Skill factor: requirements met by tags or free-text skills, weighted by rarity and depth,
strict must-haves, plus text similarity.

A requirement names a taxonomy tag (a slug, name or alias) or free text the taxonomy
does not know, and may list alternatives (``any_of``). It is met by the tag itself or
an alternative; free text is met by a vendor's free-text skill with the same key or
spelt nearly the same. Related tags and free skills spelt alike earn partial credit
for nice-to-haves only. Each column's vendors are read one at a time (see
``store.tag_columns``) and scattered into one dense credit array per requirement, so
no vendors x requirements matrices are held.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

from ..core.records import SkillRequirement
from ..core.taxonomy import Taxonomy, normalise_skill, skill_key

RELATED_CREDIT = 0.5
TEXT_SHARE = 0.25
NEAR_IDENTICAL = 0.9  # character similarity at which a free-text skill meets a requirement
MAX_SUGGESTED = 24  # free texts of one scope whose close tags earn related credit

Entries = tuple[NDArray[np.integer], NDArray[np.float32]]  # (slots, depths) of one column
TagReader = Callable[[int], Entries]  # tag column -> its entries


class FreeSkillLookup(Protocol):
    """The vendors' free-text skills as one match sees them."""

    def column(self, col: int) -> Entries:
        """Slots listing free skill ``col`` and their depths."""
        ...

    def alike(self, texts: Sequence[str]) -> list[list[tuple[int, float]]]:
        """For each text, free-skill columns spelt like it with their similarity."""
        ...


@dataclass(frozen=True, slots=True)
class Need:
    """One requirement resolved against the taxonomy and the vendors' free-text skills.

    ``tags`` and ``free`` meet it (the tag, its alternatives, free skills with the
    same key or near-identical spelling); ``related`` and ``similar`` earn partial
    credit and are empty for a must-have. ``options`` name the tag and alternatives
    in the buyer's order, ``names`` the display names of ``tags`` (in order) and
    ``texts`` the free-text options.
    """

    label: str
    options: tuple[str, ...]
    must: bool
    weight: float
    tags: tuple[int, ...]
    names: tuple[str, ...]
    free: tuple[tuple[int, float], ...]
    related: tuple[int, ...]
    similar: tuple[tuple[int, float], ...]
    texts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SkillFit:
    """Requirement-based skill scores per slot, before the text share is mixed in.

    ``missing_by_requirement`` holds, per must-have, its label (alternatives joined
    with " or ") and a per-slot mask of the vendors lacking it.
    """

    needs: tuple[Need, ...]
    must: NDArray[np.bool_]
    weights: NDArray[np.float32]
    score: NDArray[np.float32]
    missing_must: NDArray[np.bool_]
    missing_by_requirement: tuple[tuple[str, NDArray[np.bool_]], ...]

    @property
    def text_share(self) -> float:
        """Share of the skill factor that comes from text similarity."""
        return TEXT_SHARE if self.needs else 1.0


def tag_idf(n_vendors: int, df: NDArray[np.int64]) -> NDArray[np.float64]:
    """Smooth IDF per tag from document frequencies ``df``: rare skills weigh more."""
    idf: NDArray[np.float64] = np.log((1.0 + n_vendors) / (1.0 + df)) + 1.0
    return idf


def options(req: SkillRequirement, taxonomy: Taxonomy) -> tuple[list[str], list[str], list[str]]:
    """The requirement's tag and alternatives split into slugs and free texts, and the
    names of both in the buyer's order (duplicates dropped)."""
    slugs: list[str] = []
    texts: list[str] = []
    labels: list[str] = []
    for text in (req.tag, *req.any_of):
        slug = text if text in taxonomy else taxonomy.resolve(text)
        if slug is not None and slug not in slugs:
            slugs.append(slug)
            labels.append(taxonomy.name(slug))
        elif slug is None and (key := skill_key(text)) and key not in map(skill_key, texts):
            texts.append(normalise_skill(text))
            labels.append(texts[-1])
    return slugs, texts, labels


def free_texts(requirements: tuple[SkillRequirement, ...], taxonomy: Taxonomy) -> list[str]:
    """Every free-text option of ``requirements`` (they join the text query)."""
    return [text for req in requirements for text in options(req, taxonomy)[1]]


def resolve(
    requirements: tuple[SkillRequirement, ...],
    taxonomy: Taxonomy,
    free: FreeSkillLookup | None,
) -> list[Need]:
    """One :class:`Need` per distinct requirement (must-have wins, weights add)."""
    merged: dict[frozenset[str], tuple[list[str], list[str], list[str], bool, float]] = {}
    for req in requirements:
        slugs, texts, labels = options(req, taxonomy)
        if req.weight <= 0 or not (slugs or texts):
            continue
        key = frozenset([*slugs, *(skill_key(t) for t in texts)])
        if key in merged:
            *_, must, weight = merged[key]
            merged[key] = (slugs, texts, labels, must or req.must_have, weight + req.weight)
        else:
            merged[key] = (slugs, texts, labels, req.must_have, req.weight)
    every_text = [text for slugs, texts, *_ in merged.values() for text in texts]
    found = iter(free.alike(every_text) if free and every_text else [])
    needs = []
    suggested = 0
    for slugs, texts, labels, must, weight in merged.values():
        alike = [pair for _ in texts for pair in next(found, [])]
        related: set[str] = set()
        if not must:
            for slug in slugs:
                related.update(taxonomy.related(slug))
            for text in texts:  # tags close to the free text in meaning or spelling
                if suggested < MAX_SUGGESTED:
                    related.update(taxonomy.suggest(text))
                    suggested += 1
        related.difference_update(slugs)
        needs.append(
            Need(
                label=" or ".join(labels),
                options=tuple(labels),
                must=must,
                weight=weight,
                tags=tuple(taxonomy.index(s) for s in slugs),
                names=tuple(taxonomy.name(s) for s in slugs),
                free=_best_per_column([(c, s) for c, s in alike if s >= NEAR_IDENTICAL]),
                related=tuple(sorted(taxonomy.index(s) for s in related)),
                similar=()
                if must
                else _best_per_column([(c, s) for c, s in alike if s < NEAR_IDENTICAL]),
                texts=tuple(texts),
            )
        )
    return needs


def skill_fit(
    requirements: tuple[SkillRequirement, ...],
    taxonomy: Taxonomy,
    column: TagReader,
    idf: NDArray[np.float64],
    n: int,
    free: FreeSkillLookup | None = None,
) -> SkillFit:
    """Requirement-based skill scores for ``n`` slots, before the text share is mixed in.

    Parameters
    ----------
    requirements : tuple of SkillRequirement
        What the scope asks for; tags may be slugs, names, aliases or free text.
    taxonomy : Taxonomy
        Resolves requirement texts to tags.
    column : callable
        Reads one tag column's (slots, depths).
    idf : ndarray
        Weight per tag (see :func:`tag_idf`); a requirement met by several columns
        or by free text is weighed by how many slots meet it.
    n : int
        Slots.
    free : FreeSkillLookup, optional
        The vendors' free-text skills; without it free text earns credit from the
        description text alone.

    Returns
    -------
    SkillFit
    """
    needs = resolve(requirements, taxonomy, free)
    # The columns that meet each requirement, read once.
    meeting = [
        [column(col) for col in need.tags]
        + ([free.column(col) for col, _ in need.free] if free else [])
        for need in needs
    ]
    weights = np.array(
        [_weight(need, entries, idf, n) for need, entries in zip(needs, meeting, strict=True)],
        dtype=np.float32,
    )
    share = weights / weights.sum() if needs else weights
    must = np.array([need.must for need in needs], dtype=bool)
    score = np.zeros(n, dtype=np.float32)
    missing_must = np.zeros(n, dtype=bool)
    missing: list[tuple[str, NDArray[np.bool_]]] = []
    credit = np.empty(n, dtype=np.float32)
    for j, need in enumerate(needs):
        rows, vals = meeting[j][0] if len(meeting[j]) == 1 else _NONE
        if len(rows) and 3 * len(rows) < n and not need.related and not need.similar:
            # One column held by under a third of the slots (one entry per slot): its
            # share added where it is held costs less than a pass over every slot, and
            # gives the same sums as the dense credit below.
            score[rows] += np.maximum(vals, np.float32(0.0)) * share[j]
        else:
            credit.fill(0.0)
            # The credit is the largest of the contributions, in any order; the first
            # column meets a credit of zero, so it is written without reading it.
            for i, (rows, vals) in enumerate(meeting[j]):
                if i == 0:
                    credit[rows] = np.maximum(vals, np.float32(0.0))
                else:
                    credit[rows] = np.maximum(credit[rows], vals)
            for col in need.related:
                rows, vals = column(col)
                np.maximum.at(credit, rows, np.float32(RELATED_CREDIT) * vals)
            for col, sim in need.similar:
                rows, vals = free.column(col) if free else _NONE
                np.maximum.at(credit, rows, np.float32(RELATED_CREDIT * sim) * vals)
            credit *= share[j]
            score += credit
        if need.must:
            lacking = np.ones(n, dtype=bool)
            for rows, _ in meeting[j]:
                lacking[rows] = False
            missing_must |= lacking
            missing.append((need.label, lacking))
    return SkillFit(
        needs=tuple(needs),
        must=must,
        weights=weights,
        score=score,
        missing_must=missing_must,
        missing_by_requirement=tuple(missing),
    )


def combine(
    fit: SkillFit, slots: NDArray[np.intp], text: NDArray[np.float32]
) -> NDArray[np.floating]:
    """Skill factor for ``slots`` given their text similarity."""
    share = fit.text_share
    skill: NDArray[np.floating] = (1.0 - share) * fit.score[slots] + share * text
    return skill


_NONE: Entries = (np.zeros(0, np.intp), np.zeros(0, np.float32))


def _weight(need: Need, meeting: list[Entries], idf: NDArray[np.float64], n: int) -> float:
    """The requirement's weight times its rarity: the tag's IDF, or for several columns or
    free text, the IDF of how many slots meet it."""
    if len(need.tags) == 1 and not need.free:
        return float(need.weight * idf[need.tags[0]])
    held = len(np.unique(np.concatenate([rows for rows, _ in meeting]))) if meeting else 0
    return float(need.weight * tag_idf(n, np.array([held], dtype=np.int64))[0])


def _best_per_column(pairs: list[tuple[int, float]]) -> tuple[tuple[int, float], ...]:
    """One (column, similarity) per column, the highest similarity kept, in column order."""
    best: dict[int, float] = {}
    for col, sim in pairs:
        best[col] = max(best.get(col, 0.0), sim)
    return tuple(sorted(best.items()))
