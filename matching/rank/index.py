"""The vendor index: columns for every vendor, a vectorised match and a top-k."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Self

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from ..core.factor import FactorScores, MatchWeights
from ..core.fx import FxRates
from ..core.records import Scope, VendorRecord
from ..core.results import Match, MatchResult
from ..core.taxonomy import Taxonomy
from ..explain.facts import facts_of
from ..explain.reasons import explain
from ..factors.coverage import weigh_coverage
from ..factors.evaluation import Evaluation
from ..factors.quality import DEFAULT_PRIOR, RatingPrior
from ..store.groups import GeoProfiles, GroupHours
from ..store.vendors import VendorStore
from .evaluate import evaluate
from .factor_matrix import factor_matrix
from .relax import relaxations
from .similarity import dense_query, query_vector, text_similarity
from .topk import top_k


class MatchIndex:
    """Vendors held as columns, ready to match scopes against.

    Parameters
    ----------
    taxonomy : Taxonomy
        Skills; vendor expertise and scope requirements use its slugs.
    fx : FxRates
        Exchange rates; every vendor's and scope's currency must be in it.
    rating_prior : RatingPrior, default RatingPrior()
        The prior the quality factor shrinks review ratings towards (mean 4.0,
        weight 10 reviews); change it later with :meth:`set_rating_prior`.

    Examples
    --------
    >>> index = MatchIndex(taxonomy, fx).build(records)  # doctest: +SKIP
    >>> index.match(scope, k=10, today=date(2026, 3, 2)).matches[0].reasons  # doctest: +SKIP
    """

    def __init__(
        self, taxonomy: Taxonomy, fx: FxRates, *, rating_prior: RatingPrior = DEFAULT_PRIOR
    ) -> None:
        self.taxonomy = taxonomy
        self.fx = fx
        self._store = VendorStore(taxonomy, fx, rating_prior)
        self._store.build(())
        self._groups = GroupHours()
        self._profiles = GeoProfiles()

    @property
    def rating_prior(self) -> RatingPrior:
        """The prior of the quality factor's Bayesian average."""
        return self._store.rating_prior

    def set_rating_prior(self, prior: RatingPrior) -> None:
        """Use ``prior`` for the quality factor from now on (recomputes every vendor's quality).

        Parameters
        ----------
        prior : RatingPrior
            For example the marketplace-wide mean rating with a weight of 10 reviews.
        """
        self._store.set_rating_prior(prior)

    def build(self, records: Iterable[VendorRecord]) -> Self:
        """Replace the contents with ``records`` (read once, in chunks) and return self.

        Raises
        ------
        ValueError
            On a duplicate vendor id.
        KeyError
            On a currency missing from the exchange rates.
        """
        store = VendorStore(self.taxonomy, self.fx, self._store.rating_prior)
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

    def match(
        self, scope: Scope, k: int = 20, weights: MatchWeights | None = None, *, today: date
    ) -> MatchResult:
        """Rank vendors for ``scope``.

        Parameters
        ----------
        scope : Scope
            What the buyer needs.
        k : int, default 20
            How many matches to return.
        weights : MatchWeights, optional
            Factor weights (normalised here); defaults to ``MatchWeights()``. A scope
            asking for cover beyond business hours raises coverage's weight (see
            ``MatchResult.weights``).
        today : date
            The day the project window starts on when the scope has neither a
            start date nor a deadline (the library never reads the clock).

        Returns
        -------
        MatchResult
            The top ``k`` eligible vendors by score (ties by vendor id), each with
            factor scores, reasons and risks; how many vendors each hard
            constraint removed (``excluded``: ``requiredCertifications``,
            ``languages`` at conversational level or better, ``mustHaveSkills``,
            ``availability`` (UNAVAILABLE vendors, unless the scope includes them)
            and ``minProjectSize`` (a vendor's minimum above the project's total
            budget)); how many vendors passed them all and were ranked
            (``considered``); and, when fewer than ``k`` passed, per single
            requirement how many more vendors dropping it would bring back
            (``relaxations``, most first).
        """
        self._maybe_compact()
        w = weigh_coverage(weights or MatchWeights(), scope.coverage)
        ev = self._evaluate(scope, today)
        slots, text = top_k(self._store, ev, w, k)
        factors = factor_matrix(ev, slots, text)
        totals = factors @ np.array(w.as_tuple())
        # Exact order: by the score as reported, rounded to 6 decimals, ties by vendor id.
        ids_of = self._store.cols["id"][slots]
        best = np.lexsort((ids_of, -np.round(totals, 6)))[:k]
        slots, factors, totals = slots[best], factors[best], totals[best]
        ids = ids_of[best].tolist()
        facts = facts_of(self._store, ev, slots)
        matches = []
        for rank, (fact, vid, row, total) in enumerate(
            zip(facts, ids, factors.tolist(), totals.tolist(), strict=True), start=1
        ):
            scores = FactorScores(*row)
            reasons, risks = explain(self._store, self._groups, ev, fact, scores)
            matches.append(Match(rank, vid, _clip(total), scores, reasons=reasons, risks=risks))
        eligible = int(np.count_nonzero(ev.eligible))
        relax = relaxations(self._store, ev) if eligible < k else []
        return MatchResult(
            matches=matches,
            excluded=ev.excluded,
            considered=eligible,
            relaxations=relax,
            weights=w,
        )

    def skill_matrix(self) -> sp.csr_matrix:
        """The vendor x tag depth matrix (CSR, pending updates folded in), for benchmarks."""
        self._store.compact()
        return self._store.skills.base

    def factor_matrix(
        self, scope: Scope, vendor_ids: Sequence[int], *, today: date
    ) -> NDArray[np.float64]:
        """Factor scores (rows in ``vendor_ids`` order, columns in ``FACTORS`` order).

        Hard constraints are ignored; unknown ids raise KeyError. Used to turn
        past outcomes into training data. ``today`` is as in :meth:`match`.
        """
        slots = np.array([self._store.slots[v] for v in vendor_ids], dtype=np.intp)
        ev = self._evaluate(scope, today)
        query = dense_query(query_vector(self._store, scope))
        return factor_matrix(ev, slots, text_similarity(self._store, query, slots))

    def _evaluate(self, scope: Scope, today: date) -> Evaluation:
        return evaluate(self._store, self._groups, self._profiles, scope, today=today)

    def _maybe_compact(self) -> None:
        store = self._store
        if len(store.skills.delta) > max(512, store.size // 50):
            store.compact()


def _clip(x: float) -> float:
    return min(1.0, max(0.0, x))
