"""Issue 9's failures, each as twins through the public API: availability, capacity against
the deadline, the minimum project size, poor ratings, response time, staffed coverage, and
which requirement to relax when too few vendors pass."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from matching import (
    Availability,
    Coverage,
    FxRates,
    Match,
    MatchResult,
    MatchWeights,
    Pricing,
    Proficiency,
    Relaxation,
    RiskKind,
    RiskLevel,
    SkillRequirement,
    Taxonomy,
    VendorKind,
)
from matching.factors.coverage import ASKED_WEIGHT

from .conftest import TODAY, factors_of, index_of, scope, vendor

FOUR_WEEKS = {"start_date": date(2026, 3, 2), "deadline": date(2026, 3, 29)}


def by_id(result: MatchResult) -> dict[int, Match]:
    return {m.vendor_id: m for m in result.matches}


def ranking(result: MatchResult) -> list[int]:
    return [m.vendor_id for m in result.matches]


# --- availability ------------------------------------------------------------------------


def test_an_unavailable_vendor_is_left_out_unless_asked_for(
    taxonomy: Taxonomy, fx: FxRates
) -> None:
    index = index_of(
        taxonomy,
        fx,
        vendor(1),
        vendor(2, availability=Availability.UNAVAILABLE),  # otherwise an exact copy
        vendor(3, expertise=(("aws", 1.0),)),
    )
    s = scope(skills=(SkillRequirement("python"),))

    result = index.match(s, today=TODAY)
    assert ranking(result) == [1, 3]
    assert result.excluded["availability"] == 1

    included = index.match(scope(skills=s.skills, include_unavailable=True), today=TODAY)
    assert ranking(included) == [1, 2, 3]
    assert "availability" not in included.excluded
    twin = by_id(included)[2]
    # it has no capacity to give: a whole capacity weight below its available copy
    assert twin.factors.capacity == 0.0
    assert by_id(included)[1].score - twin.score == pytest.approx(MatchWeights().capacity)
    assert any("not taking new work" in r for r in twin.reasons)
    assert (RiskKind.QUALITY, RiskLevel.HIGH, "Not taking new work at the moment") in {
        (r.kind, r.level, r.detail) for r in twin.risks
    }


def test_limited_availability_counts_at_half(taxonomy: Taxonomy, fx: FxRates) -> None:
    index = index_of(
        taxonomy,
        fx,
        vendor(1, availability=Availability.LIMITED, team_size=10),
        vendor(2, team_size=10),
    )
    assert ranking(index.match(scope(), today=TODAY)) == [2, 1]
    # Without estimated hours only the cap applies; with them the hours count at half:
    # 10 x 35 h a week over four weeks is 1,400 h, so 1,000 h fit only at full hours.
    assert factors_of(index, scope(), 1)["capacity"] == 0.5
    needs = scope(estimated_hours=1000, **FOUR_WEEKS)
    assert factors_of(index, needs, 1)["capacity"] == pytest.approx(0.5)
    assert factors_of(index, needs, 2)["capacity"] == 1.0
    limited = by_id(index.match(needs, today=TODAY))[1]
    assert any("limited availability: counted at half" in r for r in limited.reasons)
    assert "Limited availability for new work" in [r.detail for r in limited.risks]


# --- capacity ----------------------------------------------------------------------------


def test_a_big_job_on_a_short_deadline_goes_to_the_team_that_can_do_it(
    taxonomy: Taxonomy, fx: FxRates
) -> None:
    agency = vendor(1, kind=VendorKind.AGENCY, team_size=40, rate_min=60, rate_max=80)
    freelancers = [
        vendor(i, kind=VendorKind.FREELANCER, team_size=1, rate_min=45, rate_max=55)
        for i in (2, 3, 4)
    ]
    index = index_of(taxonomy, fx, agency, *freelancers)
    s = scope(
        skills=(SkillRequirement("python"),),
        budget_min=40,
        budget_max=70,
        pricing=Pricing.HOURLY,
        estimated_hours=640,
        **FOUR_WEEKS,
    )

    result = index.match(s, today=TODAY)
    assert ranking(result) == [1, 2, 3, 4]
    assert result.matches[0].factors.capacity == 1.0
    # One person at 35 h a week gives 140 of the 640 h in four weeks.
    solo = by_id(result)[2]
    assert solo.factors.capacity == pytest.approx(140 / 640)
    assert "Solo, about 35 h a week: 640 h by 29 Mar 2026 needs 160 h a week" in solo.reasons
    deadline = [r for r in solo.risks if "by the deadline" in r.detail]
    assert len(deadline) == 1 and deadline[0].level == RiskLevel.HIGH
    # 640 h at 35 h a week take 128 days from 2 March: a concrete date to move to.
    assert deadline[0].mitigation.startswith("Move the deadline to 07 Jul 2026")
    assert not [r for r in result.matches[0].risks if "deadline" in r.detail]
    assert "Team of 40, about 1,400 h a week: 640 h by 29 Mar 2026 fits" in (
        result.matches[0].reasons
    )


def test_declared_hours_count_and_unknown_hours_are_neutral(
    taxonomy: Taxonomy, fx: FxRates
) -> None:
    index = index_of(
        taxonomy, fx, vendor(1, team_size=40, hours_per_week=80.0), vendor(2, team_size=1)
    )
    s = scope(estimated_hours=640, **FOUR_WEEKS)
    assert factors_of(index, s, 1)["capacity"] == pytest.approx(320 / 640)  # declared 80 h
    assert factors_of(index, s, 2)["capacity"] == pytest.approx(140 / 640)
    unknown = scope(**FOUR_WEEKS)
    assert factors_of(index, unknown, 1)["capacity"] == factors_of(index, unknown, 2)["capacity"]


# --- minimum project size ----------------------------------------------------------------


def test_an_agency_with_a_large_minimum_is_not_offered_for_a_small_fix(
    taxonomy: Taxonomy, fx: FxRates
) -> None:
    index = index_of(
        taxonomy,
        fx,
        vendor(1, team_size=40, min_project_budget=25_000, review_count=300, review_mean=4.9),
        vendor(2, team_size=1),
    )
    fix = scope(budget_min=100, budget_max=300, pricing=Pricing.FIXED, estimated_hours=5)
    result = index.match(fix, today=TODAY)
    assert ranking(result) == [2]
    assert result.excluded["minProjectSize"] == 1

    # The budget's maximum is what counts, in the base currency: EUR 25,000 is USD 31,250.
    big = scope(budget_max=25_000, currency="EUR", pricing=Pricing.FIXED, estimated_hours=400)
    assert ranking(index.match(big, today=TODAY)) == [1, 2]
    # An hourly budget counts as rate x hours; without hours the total is unknown.
    hourly = scope(budget_max=70, pricing=Pricing.HOURLY, estimated_hours=100)
    assert index.match(hourly, today=TODAY).excluded["minProjectSize"] == 1
    unknown = index.match(scope(budget_max=70, pricing=Pricing.HOURLY), today=TODAY)
    assert "minProjectSize" not in unknown.excluded and ranking(unknown) == [1, 2]


# --- quality -----------------------------------------------------------------------------


def test_a_poor_rating_from_few_reviews_ranks_below_a_well_rated_team(
    taxonomy: Taxonomy, fx: FxRates
) -> None:
    german = (("en", Proficiency.FLUENT), ("de", Proficiency.FLUENT))
    index = index_of(
        taxonomy,
        fx,
        vendor(
            1,
            review_count=3,
            review_mean=2.0,
            on_time_rate=0.33,
            rate_min=35,
            rate_max=45,
            languages=(("en", Proficiency.NATIVE), ("de", Proficiency.NATIVE)),
        ),
        vendor(2, review_count=80, review_mean=4.5, on_time_rate=0.95, languages=german),
    )
    s = scope(languages=("de",), budget_max=50, pricing=Pricing.HOURLY)

    result = index.match(s, today=TODAY)
    assert ranking(result) == [2, 1]
    poor = by_id(result)[1]
    risks = {r.detail: r for r in poor.risks}
    low = risks["Average rating 2.0/5 from only 3 reviews"]
    assert low.kind == RiskKind.QUALITY and low.level == RiskLevel.HIGH
    assert "Delivered 33% of projects on time" in risks
    assert "2.0/5 from 3 reviews, 33% delivered on time" in poor.reasons


# --- response time -----------------------------------------------------------------------


def test_measured_response_time_against_what_the_scope_asks(
    taxonomy: Taxonomy, fx: FxRates
) -> None:
    index = index_of(
        taxonomy,
        fx,
        vendor(1, median_response_hours=30.0),
        vendor(2, median_response_hours=2.0),
        vendor(3),  # never measured
    )
    asked = scope(max_response_hours=4)
    assert ranking(index.match(asked, today=TODAY)) == [2, 3, 1]
    assert factors_of(index, asked, 1)["responsiveness"] == pytest.approx(4 / 30)
    assert factors_of(index, asked, 2)["responsiveness"] == 1.0
    assert factors_of(index, asked, 3)["responsiveness"] == 0.5
    slow = by_id(index.match(asked, today=TODAY))[1]
    assert "Replies in 30 h (median); you asked for 4 h" in slow.reasons
    risk = next(r for r in slow.risks if r.kind == RiskKind.COMMUNICATION)
    assert risk.detail == "Median response time is 30 h; you asked for 4 h"
    assert risk.level == RiskLevel.HIGH and "4 h response time" in risk.mitigation

    # Without a maximum the default curve still prefers the faster reply: half at a day.
    assert factors_of(index, scope(), 2)["responsiveness"] == pytest.approx(24 / 26)
    assert factors_of(index, scope(), 1)["responsiveness"] == pytest.approx(24 / 54)
    assert ranking(index.match(scope(), today=TODAY)) == [2, 3, 1]


# --- coverage ----------------------------------------------------------------------------


def test_a_round_the_clock_desk_outranks_a_nine_to_five_shop(
    taxonomy: Taxonomy, fx: FxRates
) -> None:
    index = index_of(
        taxonomy,
        fx,
        vendor(1),  # staffs its working day, 09:00-17:00 on weekdays
        vendor(2, coverage_hours=24.0, coverage_days=7, rate_min=55, rate_max=65),  # dearer
        vendor(3, coverage_hours=12.0, coverage_days=5),
    )
    desk = scope(coverage=Coverage.ROUND_THE_CLOCK, budget_max=60, pricing=Pricing.HOURLY)
    result = index.match(desk, today=TODAY)
    assert ranking(result) == [2, 3, 1]
    assert factors_of(index, desk, 1)["coverage"] == pytest.approx(8 * 5 / (24 * 7))
    assert factors_of(index, desk, 3)["coverage"] == pytest.approx(12 * 5 / (24 * 7))
    assert "Staffed 24 h a day, 7 days a week; you asked for 24/7 cover" in by_id(result)[2].reasons
    shop = next(r for r in by_id(result)[1].risks if "not covered" in r.detail)
    assert shop.kind == RiskKind.COMMUNICATION and shop.level == RiskLevel.HIGH
    assert "128" in shop.detail and "on-call rota" in shop.mitigation

    extended = scope(coverage=Coverage.EXTENDED)
    assert factors_of(index, extended, 3)["coverage"] == 1.0
    assert factors_of(index, extended, 1)["coverage"] == pytest.approx(8 / 12)
    office = scope(coverage=Coverage.BUSINESS_HOURS)
    assert {factors_of(index, office, v)["coverage"] for v in (1, 2, 3)} == {1.0}


def test_asked_for_cover_outweighs_a_better_rating_and_the_result_says_so(
    taxonomy: Taxonomy, fx: FxRates
) -> None:
    # The README's 24/7 desk on the demo data: a well-rated 9-5 desk ranked above desks
    # that staff every hour while coverage weighed 0.05.
    index = index_of(
        taxonomy,
        fx,
        vendor(1, review_count=90, review_mean=4.9, on_time_rate=0.98),  # 09:00-17:00
        vendor(2, coverage_hours=24.0, coverage_days=7, review_count=4, review_mean=4.2),
    )
    desk = index.match(scope(coverage=Coverage.ROUND_THE_CLOCK), today=TODAY)
    assert ranking(desk) == [2, 1]
    assert desk.weights.coverage == pytest.approx(ASKED_WEIGHT)
    assert sum(desk.weights.as_tuple()) == pytest.approx(1.0)
    defaults = MatchWeights().normalised()
    assert desk.weights.skill / desk.weights.quality == pytest.approx(
        defaults.skill / defaults.quality
    )

    office = index.match(scope(), today=TODAY)
    assert ranking(office) == [1, 2]
    assert office.weights == defaults

    # Weights that already give coverage more keep it.
    heavy = MatchWeights.from_partial({"coverage": 0.5})
    extended = scope(coverage=Coverage.EXTENDED)
    assert index.match(extended, weights=heavy, today=TODAY).weights == heavy


# --- relaxations -------------------------------------------------------------------------


def test_too_few_matches_say_which_requirement_to_relax(taxonomy: Taxonomy, fx: FxRates) -> None:
    iso = frozenset({"ISO_27001"})
    de = (("en", Proficiency.FLUENT), ("de", Proficiency.FLUENT))
    both = {"certifications": iso, "languages": de, "expertise": (("terraform", 5.0),)}
    index = index_of(
        taxonomy,
        fx,
        vendor(1, **both),  # passes everything
        *(vendor(i, **{**both, "certifications": frozenset()}) for i in (2, 3, 4)),  # no ISO
        vendor(5, **{**both, "languages": (("en", Proficiency.FLUENT),)}),  # no German
        vendor(6, **{**both, "expertise": (("python", 5.0),)}),  # no Terraform
        vendor(7, **{**both, "availability": Availability.UNAVAILABLE}),
        vendor(8, **{**both, "min_project_budget": 50_000}),
        vendor(9, languages=de),  # no ISO and no Terraform: brings back nothing alone
    )
    s = scope(
        skills=(SkillRequirement("terraform", must_have=True),),
        required_certifications=("ISO_27001",),
        languages=("de",),
        budget_max=10_000,
        pricing=Pricing.FIXED,
    )

    result = index.match(s, k=5, today=TODAY)
    assert ranking(result) == [1] and result.considered == 1
    assert result.relaxations == [
        Relaxation("requiredCertifications", "ISO_27001", "without ISO_27001: 3 more", 3),
        Relaxation("languages", "de", "without de: 1 more", 1),
        Relaxation("mustHaveSkills", "Terraform", "without Terraform: 1 more", 1),
        Relaxation("availability", "UNAVAILABLE", "including UNAVAILABLE vendors: 1 more", 1),
        Relaxation("minProjectSize", "minimum project size", "without minimum sizes: 1 more", 1),
    ]
    assert index.match(s, k=1, today=TODAY).relaxations == []  # enough passed
    # a requirement asked for twice is still one requirement to relax
    twice = replace(s, languages=("de", "DE"), required_certifications=("ISO_27001", "iso_27001"))
    assert index.match(twice, k=5, today=TODAY).relaxations == result.relaxations
