"""Each factor on cases computed by hand."""

from __future__ import annotations

import math
from datetime import date, time

import pytest

from matching import FxRates, Pricing, Proficiency, Sensitivity, SkillRequirement, Taxonomy

from .conftest import TODAY, factors_of, index_of, scope, vendor

TEXT_SHARE = 0.25


def idf(n: int, df: int) -> float:
    return math.log((1 + n) / (1 + df)) + 1


# --- skill -------------------------------------------------------------------------------


def test_rare_skills_weigh_more_and_depth_counts(taxonomy: Taxonomy, fx: FxRates) -> None:
    index = index_of(
        taxonomy,
        fx,
        vendor(1, expertise=(("python", 5.0), ("terraform", 5.0))),
        vendor(2, expertise=(("python", 5.0),)),
        vendor(3, expertise=(("python", 0.0), ("terraform", 2.5))),
        vendor(4, expertise=(("aws", 1.0),)),
    )
    s = scope(skills=(SkillRequirement("python"), SkillRequirement("terraform")))
    py, tf = idf(4, 3), idf(4, 2)
    assert factors_of(index, s, 1)["skill"] == pytest.approx(1 - TEXT_SHARE, abs=1e-6)
    assert factors_of(index, s, 2)["skill"] == pytest.approx(0.75 * py / (py + tf), abs=1e-6)
    # depth: 0 years -> 0.5, 2.5 years -> 0.75, 5+ years -> 1.0
    expected = 0.75 * (0.5 * py + 0.75 * tf) / (py + tf)
    assert factors_of(index, s, 3)["skill"] == pytest.approx(expected, abs=1e-6)
    assert factors_of(index, s, 4)["skill"] == 0.0


def test_related_tag_gives_half_credit(taxonomy: Taxonomy, fx: FxRates) -> None:
    index = index_of(taxonomy, fx, vendor(1, expertise=(("next-js", 5.0),)))
    s = scope(skills=(SkillRequirement("react"),))
    assert factors_of(index, s, 1)["skill"] == pytest.approx(0.75 * 0.5, abs=1e-6)


def test_a_must_have_is_met_by_the_skill_itself_not_a_related_one(
    taxonomy: Taxonomy, fx: FxRates
) -> None:
    index = index_of(
        taxonomy,
        fx,
        vendor(1, expertise=(("python", 5.0),)),
        vendor(2, expertise=(("django", 5.0),)),  # related to Python only
        vendor(3, expertise=(("aws", 5.0),)),
    )
    s = scope(skills=(SkillRequirement("python", must_have=True),))
    result = index.match(s, today=TODAY)
    assert [m.vendor_id for m in result.matches] == [1]
    assert result.excluded["mustHaveSkills"] == 2
    assert result.considered == 1


def test_text_similarity_adds_to_skill(taxonomy: Taxonomy, fx: FxRates) -> None:
    index = index_of(
        taxonomy,
        fx,
        vendor(1, description="Shopify storefronts and payment gateway integrations"),
        vendor(2, description="Embedded firmware for industrial sensors"),
    )
    s = scope(title="Shopify storefront", description="Integrate a payment gateway into Shopify")
    # No tagged skills asked for: the skill factor is the text similarity alone.
    assert 0.3 < factors_of(index, s, 1)["skill"] <= 1.0
    assert factors_of(index, s, 2)["skill"] == 0.0
    assert index.match(s, today=TODAY).matches[0].vendor_id == 1


# --- cost --------------------------------------------------------------------------------


def test_hourly_rate_against_budget_after_conversion(taxonomy: Taxonomy, fx: FxRates) -> None:
    index = index_of(
        taxonomy,
        fx,
        vendor(1, rate_min=45, rate_max=60, currency="EUR"),
        vendor(2, rate_min=60, rate_max=80, currency="EUR"),
        vendor(3, rate_min=84, rate_max=100, currency="EUR"),
        vendor(4, rate_min=50, rate_max=60, currency="USD"),  # 40-48 EUR
        vendor(5, rate_min=120, rate_max=150, currency="EUR"),
    )
    s = scope(budget_min=40, budget_max=70, currency="EUR", pricing=Pricing.HOURLY)
    assert factors_of(index, s, 1)["cost"] == pytest.approx(1.0)
    assert factors_of(index, s, 2)["cost"] == pytest.approx(0.6 + 0.4 * 10 / 20)
    assert factors_of(index, s, 3)["cost"] == pytest.approx(0.6 * (1 - 14 / 35))
    assert factors_of(index, s, 4)["cost"] == pytest.approx(1.0)
    assert factors_of(index, s, 5)["cost"] == 0.0
    reasons = index.match(s, k=1, today=TODAY).matches[0].reasons
    assert "Rate 45-60 EUR/h is inside your 40-70 EUR budget" in reasons


def test_cost_reason_says_where_the_rate_sits_against_the_budget(
    taxonomy: Taxonomy, fx: FxRates
) -> None:
    index = index_of(
        taxonomy,
        fx,
        vendor(1, rate_min=30, rate_max=50, currency="EUR"),
        vendor(2, rate_min=20, rate_max=30, currency="EUR"),
    )
    s = scope(budget_min=40, budget_max=70, currency="EUR", pricing=Pricing.HOURLY)

    reasons = {m.vendor_id: m.reasons for m in index.match(s, k=2, today=TODAY).matches}

    assert "Rate 30-50 EUR/h fits your 40-70 EUR budget, starting below it" in reasons[1]
    assert "Rate 20-30 EUR/h is below your 40-70 EUR budget" in reasons[2]


def test_fixed_budget_uses_hours_and_the_minimum_project_is_not_a_cost(
    taxonomy: Taxonomy, fx: FxRates
) -> None:
    index = index_of(
        taxonomy,
        fx,
        vendor(1, rate_min=40, rate_max=60, currency="EUR"),
        vendor(2, rate_min=30, rate_max=40, currency="EUR", min_project_budget=20_000),
        vendor(3, rate_min=30, rate_max=40, currency="EUR", min_project_budget=5_000),
    )
    s = scope(
        budget_min=5_000,
        budget_max=10_000,
        currency="EUR",
        pricing=Pricing.FIXED,
        estimated_hours=200,
    )
    # 200 h x 40-60 EUR = 8,000-12,000 EUR straddles 10,000
    assert factors_of(index, s, 1)["cost"] == pytest.approx(0.6 + 0.4 * 2_000 / 4_000)
    # a minimum above the budget is a hard constraint (it excludes), never a lower cost score
    assert factors_of(index, s, 2)["cost"] == pytest.approx(1.0)
    assert factors_of(index, s, 3)["cost"] == pytest.approx(1.0)
    assert [m.vendor_id for m in index.match(s, today=TODAY).matches] == [3, 1]
    no_budget = scope()
    assert factors_of(index, no_budget, 2)["cost"] == 1.0


# --- timezone ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "hours"),
    [
        (date(2026, 1, 15), 2.0),  # CET 08-16 UTC vs EST 14-22 UTC
        (date(2026, 3, 10), 3.0),  # US on EDT (13-21 UTC), Berlin still on CET
        (date(2026, 4, 15), 2.0),  # both on summer time: CEST 07-15 vs EDT 13-21
    ],
)
def test_overlap_follows_daylight_saving(
    taxonomy: Taxonomy, fx: FxRates, day: date, hours: float
) -> None:
    index = index_of(taxonomy, fx, vendor(1, timezone="America/New_York", country="US"))
    s = scope(timezone="Europe/Berlin", min_overlap_hours=4, start_date=day, deadline=day)
    assert factors_of(index, s, 1)["timezone"] == pytest.approx(hours / 4)
    reasons = index.match(s, today=TODAY).matches[0].reasons
    text = f"{hours:g} h overlap with Europe/Berlin 09:00-17:00; you asked for 4 h"
    assert text in reasons


@pytest.mark.parametrize(
    ("scope_tz", "vendor_tz", "vendor_hours", "hours"),
    [
        # 21:00-06:00 IST = 15:30-00:30 UTC against EST 14:00-22:00 UTC
        ("America/New_York", "Asia/Kolkata", (time(21), time(6)), 6.5),
        # ... and against CET 08:00-16:00 UTC
        ("Europe/Berlin", "Asia/Kolkata", (time(21), time(6)), 0.5),
        # Sydney's 09:00 (AEDT, 22:00 UTC the day before) against PST 17:00-01:00 UTC
        ("America/Los_Angeles", "Australia/Sydney", (time(9), time(17)), 3.0),
    ],
)
def test_overlap_with_overnight_shifts_and_the_date_line(
    taxonomy: Taxonomy,
    fx: FxRates,
    scope_tz: str,
    vendor_tz: str,
    vendor_hours: tuple[time, time],
    hours: float,
) -> None:
    day = date(2026, 1, 14)
    index = index_of(
        taxonomy,
        fx,
        vendor(1, timezone=vendor_tz, work_start=vendor_hours[0], work_end=vendor_hours[1]),
    )
    s = scope(timezone=scope_tz, min_overlap_hours=8, start_date=day, deadline=day)
    assert factors_of(index, s, 1)["timezone"] == pytest.approx(hours / 8)


def test_overlap_averages_over_the_window(taxonomy: Taxonomy, fx: FxRates) -> None:
    index = index_of(taxonomy, fx, vendor(1, timezone="America/New_York", country="US"))
    # 2026-03-02..03-13 (12 days, sampled daily): 6 days before the US switch on 03-08
    # at 2 h, 6 days after at 3 h.
    s = scope(min_overlap_hours=3, start_date=date(2026, 3, 2), deadline=date(2026, 3, 13))
    assert factors_of(index, s, 1)["timezone"] == pytest.approx(2.5 / 3, abs=1e-6)
    assert factors_of(index, scope(), 1)["timezone"] == 1.0  # no overlap asked for


# --- culture -----------------------------------------------------------------------------


def test_languages_are_required_and_weighted_by_proficiency(
    taxonomy: Taxonomy, fx: FxRates
) -> None:
    index = index_of(
        taxonomy,
        fx,
        vendor(1, languages=(("en", Proficiency.NATIVE), ("de", Proficiency.FLUENT))),
        vendor(2, languages=(("en", Proficiency.NATIVE),)),
        vendor(3, languages=(("en", Proficiency.FLUENT), ("de", Proficiency.BASIC))),
        vendor(4, languages=(("en", Proficiency.CONVERSATIONAL), ("de", Proficiency.NATIVE))),
    )
    day = date(2026, 6, 10)
    s = scope(languages=("en", "de"), start_date=day, deadline=day)
    result = index.match(s, today=TODAY)
    assert result.excluded["languages"] == 2
    assert {m.vendor_id for m in result.matches} == {1, 4}
    # 0.5 x languages + 0.25 x region (none preferred) + 0.25 x calendar
    assert factors_of(index, s, 1)["culture"] == pytest.approx(0.5 * 0.95 + 0.5)
    assert factors_of(index, s, 4)["culture"] == pytest.approx(0.5 * 0.8 + 0.5)


def test_preferred_regions_match_region_continent_or_country(
    taxonomy: Taxonomy, fx: FxRates
) -> None:
    index = index_of(
        taxonomy,
        fx,
        vendor(1, country="PL", region="Eastern Europe", timezone="Europe/Warsaw"),
        vendor(2, country="DE", region="Western Europe"),
        vendor(3, country="IN", region="Southern Asia", continent="Asia", timezone="Asia/Kolkata"),
    )
    day = date(2026, 6, 10)
    for preferred, hits in [(("eastern europe",), {1}), (("Europe",), {1, 2}), (("in",), {3})]:
        s = scope(preferred_regions=preferred, start_date=day, deadline=day)
        got = {v for v in (1, 2, 3) if factors_of(index, s, v)["culture"] > 0.9}
        assert got == hits, preferred


def test_working_calendar_counts_shared_working_days(taxonomy: Taxonomy, fx: FxRates) -> None:
    index = index_of(
        taxonomy,
        fx,
        vendor(1, country="PL", timezone="Europe/Warsaw"),
        vendor(2, country="IL", timezone="Asia/Jerusalem"),
    )
    # Mon 11 - Fri 15 May 2026 for a buyer in Berlin: Thursday 14th is Ascension Day, so
    # 4 working days. Poland works all four; Israel's weekend is Friday-Saturday, so 3.
    s = scope(start_date=date(2026, 5, 11), deadline=date(2026, 5, 15))
    lang = 0.5  # no languages asked for
    assert factors_of(index, s, 1)["culture"] == pytest.approx(lang + 0.25 + 0.25 * 4 / 4)
    assert factors_of(index, s, 2)["culture"] == pytest.approx(lang + 0.25 + 0.25 * 3 / 4)


# --- quality -----------------------------------------------------------------------------


def stars(rating: float) -> float:
    """Star credit: nothing at 2 stars or below, full at 5."""
    return min(max((rating - 2) / 3, 0.0), 1.0)


def test_bayesian_average_prefers_many_good_reviews(taxonomy: Taxonomy, fx: FxRates) -> None:
    index = index_of(
        taxonomy,
        fx,
        vendor(1, review_count=3, review_mean=5.0),
        vendor(2, review_count=200, review_mean=4.8),
        vendor(3, review_count=0, review_mean=0.0),
    )
    s = scope()
    q1, q2 = factors_of(index, s, 1)["quality"], factors_of(index, s, 2)["quality"]
    # prior: 10 reviews of 4.0; 0.6 star credit + 0.3 on-time credit (unknown: 80%, so
    # (0.8 - 0.5) / 0.5) + 0.1 recency (no review date: 0.3)
    rest = 0.3 * 0.6 + 0.1 * 0.3
    assert q1 == pytest.approx(0.6 * stars((40 + 15) / 13) + rest, abs=1e-6)
    assert q2 == pytest.approx(0.6 * stars((40 + 960) / 210) + rest, abs=1e-6)
    assert q2 > q1 > factors_of(index, s, 3)["quality"]


def test_a_low_rating_counts_after_a_few_reviews(taxonomy: Taxonomy, fx: FxRates) -> None:
    index = index_of(
        taxonomy,
        fx,
        vendor(1, review_count=3, review_mean=2.0),
        vendor(2, review_count=3, review_mean=2.0, on_time_rate=0.33),
        vendor(3, review_count=0),
    )
    s = scope()
    # below the prior's mean the prior weighs a quarter as much: 2.5 reviews of 4.0
    cautious = (2.5 * 4.0 + 3 * 2.0) / (2.5 + 3)
    rest = 0.3 * 0.6 + 0.1 * 0.3
    assert factors_of(index, s, 1)["quality"] == pytest.approx(0.6 * stars(cautious) + rest)
    # a third of the projects on time earns no on-time credit
    late = factors_of(index, s, 2)["quality"]
    assert late == pytest.approx(0.6 * stars(cautious) + 0.1 * 0.3, abs=1e-6)
    assert late < factors_of(index, s, 1)["quality"] < factors_of(index, s, 3)["quality"]


# --- security ----------------------------------------------------------------------------


def test_required_certifications_and_sensitivity(taxonomy: Taxonomy, fx: FxRates) -> None:
    index = index_of(
        taxonomy,
        fx,
        vendor(1, certifications=frozenset({"ISO_27001", "SOC_2"}), verified=True),
        vendor(2, certifications=frozenset({"GDPR_DPA"}), verified=False),
        vendor(3, certifications=frozenset({"ISO_27001"}), verified=False),
    )
    high = scope(data_sensitivity=Sensitivity.HIGH)
    assert factors_of(index, high, 1)["security"] == pytest.approx(1.0)
    assert factors_of(index, high, 2)["security"] == pytest.approx(0.5 * 0.3)
    assert factors_of(index, high, 3)["security"] == pytest.approx(0.5)
    low = scope(data_sensitivity=Sensitivity.LOW)
    assert factors_of(index, low, 2)["security"] == pytest.approx(0.5)
    result = index.match(scope(required_certifications=("ISO_27001",)), today=TODAY)
    assert result.excluded == {"requiredCertifications": 1, "availability": 0}
    assert {m.vendor_id for m in result.matches} == {1, 3}
    unknown = index.match(scope(required_certifications=("HITRUST",)), today=TODAY)
    assert unknown.matches == []
    assert unknown.excluded == {"requiredCertifications": 3, "availability": 0}
