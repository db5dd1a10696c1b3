"""Exact top-k selection: a cheap lower bound for every vendor, text similarity only for
the vendors whose upper bound can still reach the k-th best score.

Every function here returns new arrays and leaves its arguments as they were.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from ..core.factor import MatchWeights
from ..factors.evaluation import Evaluation
from ..store.vendors import VendorStore
from .similarity import query_vector, text_similarity

# Scores are ranked by their value rounded to 6 decimals, ties by vendor id; anything
# within this margin of the k-th best may tie with it once rounded.
TIE_MARGIN = 4e-6
FIRST_ROUND = 4096  # after the exact k-th cut most matches score all candidates at once
GROWTH = 4
SAMPLE = 8192

EXCLUDE = np.array([-np.inf, 0.0], dtype=np.float32)  # added to ineligible, eligible slots

Slots = NDArray[np.intp]
Floats = NDArray[np.float32]
Scorer = Callable[[Slots], tuple[Floats, Floats]]  # slots -> (scores, text similarities)


def lower_bounds(ev: Evaluation, w: MatchWeights) -> Floats:
    """Every slot's score without the text share of the skill factor (float32).

    Per-group factors are weighted and summed per joint group and then read per
    slot in one pass; one scratch buffer holds each weighted term, so no
    temporaries of every slot are allocated.
    """
    fit = ev.skill
    share = np.float32(fit.text_share)
    lower = fit.score * (np.float32(w.skill) * (1 - share))
    term = np.empty_like(lower)
    for weight, values in (
        (w.cost, ev.cost),
        (w.quality, ev.quality),
        (w.capacity, ev.capacity),
        (w.responsiveness, ev.responsiveness),
    ):
        np.multiply(values, np.float32(weight), out=term)
        lower += term
    # The four per-group factors, weighted and summed per joint group, read once per slot.
    parts = ev.joint_parts
    joint = np.zeros(len(parts), dtype=np.float32)
    for i, (weight, lut) in enumerate(
        (
            (w.timezone, ev.timezone),
            (w.culture, ev.culture.score),
            (w.security, ev.security),
            (w.coverage, ev.coverage),
        )
    ):
        if len(lut) and lut.min() == lut.max():  # the same for every group: no read
            joint += np.float32(weight) * lut[0]
        elif len(lut):
            joint += (np.float32(weight) * lut)[parts[:, i]]
    if len(joint):
        # mode="clip" skips the bounds check's buffering; joint ids are always in range
        np.take(joint, ev.joint, out=term, mode="clip")
        lower += term
    return lower


def kth_floor(lower: Floats, eligible: NDArray[np.bool_], kk: int) -> float:
    """A value no greater than the ``kk``-th largest eligible lower bound.

    The k-th best of an evenly strided sample is used when the sample holds
    ``kk`` eligible slots (it can only be lower than the exact one), which
    avoids partitioning every slot. Only the sample is masked (a new array).
    """
    step = max(1, len(lower) // SAMPLE)
    # branchless: -inf for ineligible slots, fast on any mask
    sample = lower[::step] + np.take(EXCLUDE, eligible[::step].view(np.uint8))
    if step > 1 and len(sample) >= kk:
        value = float(np.partition(sample, len(sample) - kk)[len(sample) - kk])
        if np.isfinite(value):
            return value
    values = lower[eligible]
    return float(np.partition(values, len(values) - kk)[len(values) - kk])


def best_with_text(
    lower: Floats,
    upper: Floats,
    candidates: Slots,
    score: Scorer,
    ids: NDArray[np.int64],
    kk: int,
) -> tuple[Slots, Floats]:
    """The ``kk`` best candidates by rounded score (ties by id), then every other candidate
    within :data:`TIE_MARGIN` of the ``kk``-th, with their text similarity.

    Candidates are scored in rounds, highest upper bound first, each round larger
    than the last; a round ends the search once no unscored candidate's upper
    bound reaches the k-th best score found so far. The near ties are kept because
    these float32 scores may order them differently from the exact (float64) sum.
    """
    slots: Slots = np.zeros(0, np.intp)
    scores: Floats = np.zeros(0, lower.dtype)
    texts: Floats = np.zeros(0, np.float32)
    kth = -np.inf
    remaining, size = candidates, FIRST_ROUND
    while len(remaining):
        if len(remaining) > size:
            order = np.argpartition(upper[remaining], len(remaining) - size)
            part, rest = remaining[order[-size:]], remaining[order[:-size]]
        else:
            part, rest = remaining, remaining[:0]
        got, sims = score(part)
        slots = np.concatenate([slots, part])
        scores = np.concatenate([scores, got])
        texts = np.concatenate([texts, sims])
        if len(scores) >= kk:
            kth = float(np.partition(scores, len(scores) - kk)[len(scores) - kk])
            keep = scores >= kth - TIE_MARGIN
            slots, scores, texts = slots[keep], scores[keep], texts[keep]
        remaining = rest[upper[rest] >= kth - TIE_MARGIN]
        size *= GROWTH
    top = np.lexsort((ids[slots], -np.round(scores, 6)))
    return slots[top], texts[top]


def top_k(store: VendorStore, ev: Evaluation, w: MatchWeights, k: int) -> tuple[Slots, Floats]:
    """The top-``k`` eligible slots (best first) and those within :data:`TIE_MARGIN` of the
    ``k``-th, with their text similarity: the caller orders them by the exact score.

    Text similarity is computed only for slots whose upper bound can still reach
    the cut-off estimated by :func:`kth_floor`.
    """
    n_eligible = int(np.count_nonzero(ev.eligible))
    if k <= 0 or n_eligible == 0:
        return np.zeros(0, np.intp), np.zeros(0, np.float32)
    fit = ev.skill
    share = np.float32(fit.text_share)
    query = query_vector(store, ev.scope)
    bound = store.text_model.bound(query) if query.nnz else 0.0
    lower = lower_bounds(ev, w)
    kk = min(k, n_eligible)
    floor = kth_floor(lower, ev.eligible, kk)
    gap = np.float32(w.skill * share * bound)
    # No array of upper bounds over every slot: they are the lower ones plus one gap.
    reach = (lower >= floor - TIE_MARGIN - gap) & ev.eligible
    candidates = np.flatnonzero(reach)
    # From here on, arrays over the candidates only (positions into ``candidates``).
    low = lower[candidates]
    up = low + gap
    near = np.arange(len(candidates))
    if len(candidates) > kk:
        # Every eligible lower bound above the floor is a candidate, so their kk-th
        # best is the exact kk-th lower bound: a higher cut-off than the sampled floor.
        kth = float(np.partition(low, len(low) - kk)[len(low) - kk])
        near = near[up >= kth - TIE_MARGIN]
    text_weight = np.float32(w.skill * share)

    with dense_query_buffer(query) as dense:

        def score(part: Slots) -> tuple[Floats, Floats]:
            slots = candidates[part]
            sims = text_similarity(store, dense, slots)
            return low[part] + text_weight * sims, sims

        best, sims = best_with_text(low, up, near, score, store.cols["id"][candidates], kk)
    return candidates[best], sims


@contextmanager
def dense_query_buffer(query: sp.csr_matrix) -> Iterator[Floats | None]:
    """``query`` as a dense vector in this thread's reused buffer (None: no known terms).

    A fresh vector of every hashed feature per match costs more than the similarity
    it serves (the kernel maps its pages anew each time); the buffer is zeroed again
    on the way out, so it only ever holds one query.
    """
    if query.nnz == 0:
        yield None
        return
    buffer: Floats | None = getattr(_SCRATCH, "query", None)
    if buffer is None or len(buffer) != query.shape[1]:
        buffer = _SCRATCH.query = np.zeros(query.shape[1], dtype=np.float32)
    buffer[query.indices] = query.data
    try:
        yield buffer
    finally:
        buffer[query.indices] = 0.0


_SCRATCH = threading.local()
