"""The vendor index: columns for every vendor, a vectorised match and a top-k."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Self

import numpy as np
import scipy.sparse as sp

from .explain import explain
from .fx import FxRates
from .scoring import Evaluation, GroupHours, evaluate
from .skill import combine
from .store import VendorStore
from .taxonomy import Taxonomy
from .types import FactorScores, Match, MatchResult, MatchWeights, Scope, VendorRecord

TEXT_CHUNK = 256


class MatchIndex:
    """Vendors held as columns, ready to match scopes against.

    Parameters
    ----------
    taxonomy : Taxonomy
        Skills; vendor expertise and scope requirements use its slugs.
    fx : FxRates
        Exchange rates; every vendor's and scope's currency must be in it.

    Examples
    --------
    >>> index = MatchIndex(taxonomy, fx).build(records)  # doctest: +SKIP
    >>> index.match(scope, k=10).matches[0].reasons       # doctest: +SKIP
    """

    def __init__(self, taxonomy: Taxonomy, fx: FxRates) -> None:
        self.taxonomy = taxonomy
        self.fx = fx
        self._store = VendorStore(taxonomy, fx)
        self._store.build(())
        self._groups = GroupHours()

    def build(self, records: Iterable[VendorRecord]) -> Self:
        """Replace the contents with ``records`` (read once, in chunks) and return self.

        Raises
        ------
        ValueError
            On a duplicate vendor id.
        KeyError
            On a currency missing from the exchange rates.
        """
        store = VendorStore(self.taxonomy, self.fx)
        store.build(records)
        self._store, self._groups = store, GroupHours()
        return self

    def upsert(self, record: VendorRecord) -> None:
        """Add a vendor or replace the one with the same id, without a rebuild.

        Text IDF stays as learned at build time; skill IDF follows the change.
        """
        self._store.upsert(record)

    def remove(self, vendor_id: int) -> bool:
        """Drop a vendor; returns False when it was not in the index."""
        return self._store.remove(vendor_id)

    def __len__(self) -> int:
        return len(self._store)

    def __contains__(self, vendor_id: object) -> bool:
        return vendor_id in self._store.slots

    def match(self, scope: Scope, k: int = 20, weights: MatchWeights | None = None) -> MatchResult:
        """Rank vendors for ``scope``.

        Parameters
        ----------
        scope : Scope
            What the buyer needs.
        k : int, default 20
            How many matches to return.
        weights : MatchWeights, optional
            Factor weights (normalised here); defaults to ``MatchWeights()``.

        Returns
        -------
        MatchResult
            The top ``k`` eligible vendors by score (ties by vendor id), each with
            factor scores, reasons and risks; how many vendors each hard
            constraint (required certifications, required languages at
            conversational level or better, must-have skills with neither the
            skill nor a related one) removed; and how many vendors were considered.
        """
        self._maybe_compact()
        w = (weights or MatchWeights()).normalised()
        ev = evaluate(self._store, self._groups, scope)
        slots, text = self._top(ev, w, k)
        matches = []
        for rank, (slot, sim) in enumerate(zip(slots, text, strict=True), start=1):
            factors = self._factors(ev, np.array([slot]), np.array([sim]))[0]
            scores = FactorScores(*(float(f) for f in factors))
            reasons, risks = explain(self._store, self._groups, ev, int(slot), scores)
            matches.append(
                Match(
                    rank=rank,
                    vendor_id=int(self._store.cols["id"][slot]),
                    score=_clip(float(np.dot(w.as_tuple(), factors))),
                    factors=scores,
                    reasons=reasons,
                    risks=risks,
                )
            )
        return MatchResult(matches=matches, excluded=ev.excluded, considered=len(self._store))

    def skill_matrix(self) -> sp.csr_matrix:
        """The vendor x tag depth matrix (CSR, pending updates folded in), for benchmarks."""
        self._store.compact()
        return self._store.skills.base

    def factor_matrix(self, scope: Scope, vendor_ids: Sequence[int]) -> np.ndarray:
        """Factor scores (rows in ``vendor_ids`` order, columns in ``FACTORS`` order).

        Hard constraints are ignored; unknown ids raise KeyError. Used to turn
        past outcomes into training data.
        """
        slots = np.array([self._store.slots[v] for v in vendor_ids], dtype=np.int64)
        ev = evaluate(self._store, self._groups, scope)
        return self._factors(ev, slots, self._text(self._query(scope), slots))

    def _factors(self, ev: Evaluation, slots: np.ndarray, text: np.ndarray) -> np.ndarray:
        skill = combine(ev.skill, slots, text)
        cols = (
            skill,
            ev.cost[slots],
            ev.timezone[slots],
            ev.culture.score[slots],
            ev.quality[slots],
            ev.security[slots],
        )
        return np.clip(np.column_stack(cols).astype(np.float64), 0.0, 1.0)

    def _query(self, scope: Scope) -> sp.csr_matrix:
        return self._store.text_model.vector(f"{scope.title} {scope.description}")

    def _text(self, query: sp.csr_matrix, slots: np.ndarray) -> np.ndarray:
        if len(slots) == 0 or query.nnz == 0:
            return np.zeros(len(slots))
        dense = np.zeros(query.shape[1], dtype=np.float32)
        dense[query.indices] = query.data
        return np.clip(self._store.text.gather(slots) @ dense, 0.0, 1.0)

    def _top(self, ev: Evaluation, w: MatchWeights, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Exact top-k: text similarity only for vendors whose upper bound can still make it."""
        n_eligible = int(ev.eligible.sum())
        if k <= 0 or n_eligible == 0:
            return np.zeros(0, np.int64), np.zeros(0)
        fit = ev.skill
        share = np.float32(fit.text_share)
        query = self._query(ev.scope)
        bound = self._store.text_model.bound(query) if query.nnz else 0.0
        lower = fit.score * fit.penalty
        lower *= np.float32(w.skill) * (1 - share)
        for weight, values in (
            (w.cost, ev.cost),
            (w.timezone, ev.timezone),
            (w.culture, ev.culture.score),
            (w.quality, ev.quality),
            (w.security, ev.security),
        ):
            lower += np.float32(weight) * values
        # Partition only eligible values: many equal -inf entries make introselect crawl.
        values = lower[ev.eligible]
        lower[~ev.eligible] = -np.inf
        gap = fit.penalty * np.float32(w.skill * share * bound)
        kk = min(k, n_eligible)
        floor = np.partition(values, len(values) - kk)[len(values) - kk]
        upper = lower + gap
        cand = np.flatnonzero(upper >= floor)
        cand = cand[np.argsort(-upper[cand], kind="stable")]
        best_slots: list[np.ndarray] = []
        best_scores: list[np.ndarray] = []
        best_text: list[np.ndarray] = []
        kth = -np.inf
        for lo in range(0, len(cand), TEXT_CHUNK):
            if upper[cand[lo]] < kth:
                break
            part = cand[lo : lo + TEXT_CHUNK]
            sims = self._text(query, part)
            best_slots.append(part)
            best_text.append(sims)
            best_scores.append(lower[part] + fit.penalty[part] * np.float32(w.skill * share) * sims)
            scores = np.concatenate(best_scores)
            if len(scores) >= kk:
                kth = np.partition(scores, len(scores) - kk)[len(scores) - kk]
        slots, scores, text = (np.concatenate(a) for a in (best_slots, best_scores, best_text))
        ids = self._store.cols["id"][slots]
        top = np.lexsort((ids, -np.round(scores, 6)))[:kk]
        return slots[top], text[top]

    def _maybe_compact(self) -> None:
        store = self._store
        if len(store.skills.delta) > max(512, store.size // 50):
            store.compact()


def _clip(x: float) -> float:
    return min(1.0, max(0.0, x))
