"""The vectorised shortcuts agree with plain computations: branchless selects, the k-th
floor, the top-k with rounded ties, per-profile factors after updates, and the benchmark's
per-vendor loop."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import numpy as np
import pytest
import scipy.sparse as sp

from benchmarks.match import loop_scores
from matching import FxRates, MatchIndex, MatchWeights, Proficiency, SkillRequirement, Taxonomy
from matching.factors.calendar import working_days, working_days_between
from matching.factors.cost import price_fit
from matching.factors.coverage import weigh_coverage
from matching.factors.text import TextModel
from matching.factors.years import date_range
from matching.rank.topk import best_with_text, kth_floor
from matching.store.sparse_rows import OverlayMatrix
from matching.store.tag_columns import TagColumns
from matching.synthetic import CURRENCIES, scopes, taxonomy, vendors

from .conftest import TODAY, factors_of, index_of, scope, vendor


def test_price_fit_matches_the_piecewise_rule() -> None:
    # inside, straddling, a single rate at the budget, far over, starting at it, just over,
    # a single rate under and over the budget
    low = np.array([10, 40, 50, 90, 50, 60, 30, 55], dtype=np.float32)
    high = np.array([20, 60, 50, 100, 80, 60, 30, 55], dtype=np.float32)
    got = price_fit(low, high, 50.0)
    expected = [1.0, 0.6 + 0.4 * 10 / 20, 1.0, 0.0, 0.6, 0.6 * (1 - 10 / 25), 1.0, 0.6 * 0.8]
    assert got.tolist() == pytest.approx(expected, abs=1e-6)


def test_kth_floor_never_exceeds_the_exact_kth() -> None:
    rng = np.random.default_rng(5)
    for n, k in ((50_000, 20), (50_000, 1), (100, 7)):
        lower = rng.random(n).astype(np.float32)
        eligible = rng.random(n) < 0.3
        exact = np.sort(lower[eligible])[-k]
        assert kth_floor(lower.copy(), eligible, k) <= exact


def test_top_k_keeps_rounded_ties_in_id_order() -> None:
    rng = np.random.default_rng(7)
    n, kk = 5000, 25
    lower = (rng.integers(0, 40, n) / 50).astype(np.float32)  # many exact ties
    sims = rng.random(n).astype(np.float32) * np.float32(0.05)
    ids = rng.permutation(n).astype(np.int64)
    upper = lower + np.float32(0.05)

    def score(part: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return lower[part] + sims[part], sims[part]

    slots, _ = best_with_text(lower, upper, np.arange(n), score, ids, kk)
    full = lower + sims
    expected = np.lexsort((ids, -np.round(full, 6)))
    assert slots[:kk].tolist() == expected[:kk].tolist()
    # then every near tie of the kk-th, for the caller to order by the exact score
    near = full[expected] >= full[expected[kk - 1]] - 4e-6
    assert slots.tolist() == expected[near].tolist()


def test_new_languages_and_profiles_after_build_are_scored(taxonomy: Taxonomy, fx: FxRates) -> None:
    index = index_of(taxonomy, fx, vendor(1), vendor(2, country="PL", region="Eastern Europe"))
    index.match(scope(), today=TODAY)  # profile tables built once
    index.upsert(vendor(3, country="FR", languages=(("fr", Proficiency.NATIVE),)))
    s = scope(languages=("fr",), preferred_regions=("FR",))
    result = index.match(s, today=TODAY)
    assert [m.vendor_id for m in result.matches] == [3]
    assert result.excluded["languages"] == 2
    assert factors_of(index, s, 3)["culture"] == pytest.approx(0.5 + 0.25 + 0.25, abs=0.05)
    assert any("Speaks FR (native)" in r for r in result.matches[0].reasons)


def test_a_language_every_vendor_speaks_excludes_none_and_says_so(
    taxonomy: Taxonomy, fx: FxRates
) -> None:
    index = index_of(taxonomy, fx, vendor(1), vendor(2, country="PL", region="Eastern Europe"))
    result = index.match(scope(languages=("en",)), today=TODAY)
    assert result.excluded["languages"] == 0
    assert sorted(m.vendor_id for m in result.matches) == [1, 2]
    index.upsert(vendor(3, languages=(("fr", Proficiency.NATIVE),)))  # a profile lacking EN
    assert index.match(scope(languages=("en",)), today=TODAY).excluded["languages"] == 1


def test_pending_skill_rows_override_the_column_store(taxonomy: Taxonomy, fx: FxRates) -> None:
    index = index_of(taxonomy, fx, vendor(1), vendor(2, expertise=(("aws", 5.0),)))
    index.upsert(vendor(1, expertise=(("terraform", 5.0),)))  # drops python
    index.upsert(vendor(4, expertise=(("python", 5.0),)))
    s = scope(skills=(SkillRequirement("python", must_have=True),))
    result = index.match(s, today=TODAY)
    assert [m.vendor_id for m in result.matches] == [4]
    assert result.excluded["mustHaveSkills"] == 2


def test_gather_splices_pending_rows_into_the_base_rows() -> None:
    rng = np.random.default_rng(3)
    dense = (rng.random((30, 12)) < 0.3) * rng.random((30, 12)).astype(np.float32)
    rows = OverlayMatrix(12)
    rows.set_base(sp.csr_matrix(dense))
    for slot in (0, 7, 29, 31):  # replaced first, middle and last rows, one appended
        dense_row = (rng.random(12) < 0.5) * rng.random(12)
        rows.put(slot, np.flatnonzero(dense_row), dense_row[dense_row > 0])
    slots = np.array([31, 7, 3, 7, 0, 30, 29, 12, 31])  # 30: appended, never written
    got = rows.gather(slots)
    assert got.shape == (len(slots), 12)
    for i, slot in enumerate(slots.tolist()):
        cols, vals = rows.row(slot)
        lo, hi = got.indptr[i], got.indptr[i + 1]
        assert got.indices[lo:hi].tolist() == cols.tolist()
        assert got.data[lo:hi].tolist() == pytest.approx(vals.tolist())


def test_dense_rows_are_the_gathered_rows_with_or_without_pending_rows() -> None:
    rng = np.random.default_rng(6)
    dense = (rng.random((30, 12)) < 0.3) * rng.random((30, 12)).astype(np.float32)
    rows = OverlayMatrix(12)
    rows.set_base(sp.csr_matrix(dense))
    slots = np.array([7, 3, 7, 0, 29, 12])
    columns = np.array([1, 4, 5, 11])
    for pending in ((), (0, 7, 31)):  # the base alone, then replaced rows and one appended
        for slot in pending:
            new = (rng.random(12) < 0.5) * rng.random(12)
            rows.put(slot, np.flatnonzero(new), new[new > 0])
        for picked in (slots, np.append(slots, 31) if pending else slots[:0]):
            whole = rows.gather(picked).toarray()
            assert rows.dense(picked).tolist() == whole.tolist()
            assert rows.dense(picked, columns).tolist() == whole[:, columns].tolist()


def test_tag_columns_read_pending_rows_in_place_of_the_base() -> None:
    rng = np.random.default_rng(4)
    dense = (rng.random((40, 6)) < 0.4) * rng.uniform(0.5, 1.0, (40, 6)).astype(np.float32)
    rows = OverlayMatrix(6)
    rows.set_base(sp.csr_matrix(dense), with_csc=True)
    for slot in (0, 13, 14, 39, 41):  # replaced rows, neighbours, the last, one appended
        new = (rng.random(6) < 0.5) * rng.uniform(0.5, 1.0, 6)
        rows.put(slot, np.flatnonzero(new), new[new > 0])
        dense = np.vstack([dense, np.zeros((max(0, slot + 1 - len(dense)), 6))])
        dense[slot] = new
    columns = TagColumns(rows)
    for col in range(6):
        slots, depths = columns(col)
        assert sorted(slots.tolist()) == np.flatnonzero(dense[:, col]).tolist()
        assert dict(zip(slots.tolist(), depths.tolist(), strict=True)) == pytest.approx(
            {int(i): float(dense[i, col]) for i in np.flatnonzero(dense[:, col])}
        )


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2026, 3, 2), date(2026, 5, 31)),  # within a year
        (date(2026, 11, 20), date(2027, 2, 17)),  # across New Year
        (date(2027, 12, 31), date(2028, 12, 31)),  # a leap year whole
        (date(2026, 6, 1), date(2026, 6, 1)),  # one day
    ],
)
def test_working_days_of_a_range_read_per_year_match_day_by_day(start: date, end: date) -> None:
    countries = ["DE", "US", "IN", "AE", "", "IL"]  # "" has only a weekend
    by_range = working_days_between(countries, start, end)
    assert by_range.tolist() == working_days(countries, date_range(start, end)).tolist()


@pytest.mark.parametrize(
    "text",
    [
        "Mobile banking app: React Native, biometric login, PSD2 payments and payments",
        "",
        "the and of",  # stop words only
        "Café ＡＢＣ naïve 日本語 DTP, SAP FI/CO and 3.5-inch packaging",
    ],
)
def test_one_text_is_hashed_as_the_vectorizer_hashes_a_batch(text: str) -> None:
    model = TextModel()
    model.idf = np.random.default_rng(5).uniform(1.0, 9.0, len(model.idf)).astype(np.float32)
    one, batch = model.vector(text), model.weigh(model.counts([text]))
    assert one.shape == batch.shape
    assert one.indices.tolist() == batch.indices.tolist()
    assert one.data.tolist() == batch.data.tolist()


@pytest.fixture(scope="module")
def bench_index() -> MatchIndex:
    return MatchIndex(taxonomy(), FxRates("USD", CURRENCIES)).build(vendors(800))


def test_benchmark_loop_computes_the_same_ranking(bench_index: MatchIndex) -> None:
    ids = list(range(800))
    for s in scopes(12):
        w = np.array(weigh_coverage(MatchWeights(), s.coverage).as_tuple())
        loop = sorted(
            loop_scores(bench_index, s, ids, 20, today=TODAY), key=lambda t: (-t[0], t[1])
        )
        result = bench_index.match(s, k=20, today=TODAY)
        assert [v for _, v in loop] == [m.vendor_id for m in result.matches]
        full = bench_index.factor_matrix(s, [v for _, v in loop], today=TODAY) @ w
        assert [score for score, _ in loop] == pytest.approx(full.tolist(), abs=1e-6)


def test_updates_keep_the_benchmark_loop_in_step() -> None:
    index = MatchIndex(taxonomy(), FxRates("USD", CURRENCIES)).build(vendors(300))
    ids = set(range(300))
    for rec in vendors(40, seed=9):
        index.upsert(replace(rec, id=rec.id * 7 % 320))
        ids.add(rec.id * 7 % 320)
    s = scopes(3)[1]
    loop = sorted(loop_scores(index, s, sorted(ids), 10, today=TODAY), key=lambda t: (-t[0], t[1]))
    assert [v for _, v in loop] == [m.vendor_id for m in index.match(s, k=10, today=TODAY).matches]
