"""The vendor index: columns for every vendor, a vectorised match and a top-k."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Self

import numpy as np
import scipy.sparse as sp

from .explain import explain
from .facts import facts_of
from .fx import FxRates
from .scoring import Evaluation, GeoProfiles, GroupHours, evaluate
from .skill import combine
from .store import VendorStore
from .taxonomy import Taxonomy
from .topk import TIE_MARGIN, best_with_text, kth_floor, lower_bounds
from .types import FactorScores, Match, MatchResult, MatchWeights, Scope, VendorRecord


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
        self._profiles = GeoProfiles()

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
        self._store, self._groups, self._profiles = store, GroupHours(), GeoProfiles()
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
            skill nor a related one) removed; and how many vendors passed them
            all and were ranked (``considered``).
        """
        self._maybe_compact()
        w = (weights or MatchWeights()).normalised()
        ev = self._evaluate(scope)
        slots, text = self._top(ev, w, k)
        factors = self._factors(ev, slots, text)
        totals = factors @ np.array(w.as_tuple())
        ids = self._store.cols["id"][slots].tolist()
        facts = facts_of(self._store, ev, slots)
        matches = []
        for rank, (fact, vid, row, total) in enumerate(
            zip(facts, ids, factors.tolist(), totals.tolist(), strict=True), start=1
        ):
            scores = FactorScores(*row)
            reasons, risks = explain(self._store, self._groups, ev, fact, scores)
            matches.append(Match(rank, vid, _clip(total), scores, reasons=reasons, risks=risks))
        eligible = int(np.count_nonzero(ev.eligible))
        return MatchResult(matches=matches, excluded=ev.excluded, considered=eligible)

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
        ev = self._evaluate(scope)
        return self._factors(ev, slots, self._text(_dense(self._query(scope)), slots))

    def _evaluate(self, scope: Scope) -> Evaluation:
        return evaluate(self._store, self._groups, self._profiles, scope)

    def _factors(self, ev: Evaluation, slots: np.ndarray, text: np.ndarray) -> np.ndarray:
        cols = (combine(ev.skill, slots, text), *ev.factors(slots))
        return np.clip(np.column_stack(cols).astype(np.float64), 0.0, 1.0)

    def _query(self, scope: Scope) -> sp.csr_matrix:
        return self._store.text_model.vector(f"{scope.title} {scope.description}")

    def _text(self, query: np.ndarray | None, slots: np.ndarray) -> np.ndarray:
        """Text similarity of ``slots`` with a dense query vector (None: no query terms)."""
        if len(slots) == 0 or query is None:
            return np.zeros(len(slots), dtype=np.float32)
        return np.clip(self._store.text.gather(slots) @ query, 0.0, 1.0)

    def _top(self, ev: Evaluation, w: MatchWeights, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Exact top-k: text similarity only for vendors whose upper bound can still make it."""
        n_eligible = int(np.count_nonzero(ev.eligible))
        if k <= 0 or n_eligible == 0:
            return np.zeros(0, np.int64), np.zeros(0, np.float32)
        fit = ev.skill
        share = np.float32(fit.text_share)
        query = self._query(ev.scope)
        bound = self._store.text_model.bound(query) if query.nnz else 0.0
        lower = lower_bounds(ev, w)
        kk = min(k, n_eligible)
        floor = kth_floor(lower, ev.eligible, kk)
        gap = np.float32(w.skill * share * bound)
        upper = lower + (fit.penalty * gap if fit.must.any() else gap)
        dense = _dense(query)

        def score(part: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            sims = self._text(dense, part)
            return lower[part] + fit.penalty[part] * np.float32(w.skill * share) * sims, sims

        candidates = np.flatnonzero(upper >= floor - TIE_MARGIN)
        return best_with_text(lower, upper, candidates, score, self._store.cols["id"], kk)

    def _maybe_compact(self) -> None:
        store = self._store
        if len(store.skills.delta) > max(512, store.size // 50):
            store.compact()


def _clip(x: float) -> float:
    return min(1.0, max(0.0, x))


def _dense(query: sp.csr_matrix) -> np.ndarray | None:
    if query.nnz == 0:
        return None
    dense = np.zeros(query.shape[1], dtype=np.float32)
    dense[query.indices] = query.data
    return dense
