"""Every mutation refuses bad input with `userErrors { field message code }` and writes nothing."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from tests.api.reviews.hiring import Hiring
from tests.graphql_client import (
    CREATE_VENDOR,
    LOGIN,
    POST_PROJECT,
    REGISTER,
    UPDATE_PROJECT,
    UPDATE_VENDOR,
    Account,
    GraphQLClient,
    scope_input,
    vendor_input,
)

Problem = tuple[tuple[str, ...], str]

MY_VENDOR = "{ viewer { vendor { name headline version hourlyRate { min max currency } } } }"
MY_PROJECTS = "{ projectRequests(mine: true) { totalCount edges { node { title version } } } }"
SUBMIT_REVIEW = """
mutation ($input: SubmitReviewInput!) {
  submitReview(input: $input) { review { overall } userErrors { field message code } }
}
"""
VENDOR_RATING = "query ($id: ID!) { vendor(id: $id) { rating { count } reviews { totalCount } } }"


def problems(payload: dict[str, Any]) -> set[Problem]:
    return {(tuple(error["field"]), error["code"]) for error in payload["userErrors"]}


def field(*path: str | int) -> tuple[str, ...]:
    return ("input", *map(str, path))


def hours(start: str, end: str) -> dict[str, str]:
    return {"workingHours": {"start": start, "end": end}}


def rate(low: str, high: str, currency: str = "EUR") -> dict[str, Any]:
    return {"hourlyRate": {"min": low, "max": high, "currency": currency}}


def skill(tag: str, years: float = 3) -> dict[str, Any]:
    return {"tag": tag, "years": years}


# (overrides, the one problem they cause): shared by create and update.
VENDOR_CASES: dict[str, tuple[dict[str, Any], Problem]] = {
    "name-too-long": ({"name": "x" * 121}, (field("name"), "TOO_LONG")),
    "name-blank": ({"name": "   "}, (field("name"), "REQUIRED")),
    "name-nul": ({"name": "Bad\u0000Name"}, (field("name"), "INVALID")),
    "headline-too-long": ({"headline": "h" * 161}, (field("headline"), "TOO_LONG")),
    "headline-blank": ({"headline": ""}, (field("headline"), "REQUIRED")),
    "description-too-long": ({"description": "d" * 5001}, (field("description"), "TOO_LONG")),
    "country-unknown": ({"country": "XX"}, (field("country"), "INVALID")),
    "country-alpha3": ({"country": "POL"}, (field("country"), "INVALID")),
    "timezone-unknown": ({"timezone": "Europe/Warsa"}, (field("timezone"), "INVALID")),
    "timezone-offset": ({"timezone": "+02:00"}, (field("timezone"), "INVALID")),
    "hours-format": (hours("9am", "17:00"), (field("workingHours", "start"), "INVALID")),
    "hours-25": (hours("09:00", "25:00"), (field("workingHours", "end"), "INVALID")),
    "hours-sign": (hours("+9:00", "17:00"), (field("workingHours", "start"), "INVALID")),
    "hours-equal": (hours("09:00", "09:00"), (field("workingHours", "end"), "INVALID")),
    "language-code": (
        {"languages": [{"code": "english", "proficiency": "FLUENT"}]},
        (field("languages", 0, "code"), "INVALID"),
    ),
    "languages-empty": ({"languages": []}, (field("languages"), "REQUIRED")),
    "languages-too-many": (
        {"languages": [{"code": "en", "proficiency": "FLUENT"}] * 21},
        (field("languages"), "TOO_MANY"),
    ),
    "rate-currency": (rate("45", "60", "EUX"), (field("hourlyRate", "currency"), "INVALID")),
    "rate-min-above-max": (rate("80", "60"), (field("hourlyRate", "min"), "OUT_OF_RANGE")),
    "rate-negative": (rate("-5", "60"), (field("hourlyRate", "min"), "OUT_OF_RANGE")),
    "rate-zero": (rate("45", "0"), (field("hourlyRate", "max"), "OUT_OF_RANGE")),
    "rate-three-decimals": (rate("45.005", "60"), (field("hourlyRate", "min"), "INVALID")),
    "rate-huge": (rate("45", "1e12"), (field("hourlyRate", "max"), "OUT_OF_RANGE")),
    "budget-zero": (
        {"minProjectBudget": {"amount": "0", "currency": "EUR"}},
        (field("minProjectBudget", "amount"), "OUT_OF_RANGE"),
    ),
    "budget-currency": (
        {"minProjectBudget": {"amount": "1000", "currency": "ZZZ"}},
        (field("minProjectBudget", "currency"), "INVALID"),
    ),
    "team-size-zero": ({"teamSize": 0}, (field("teamSize"), "OUT_OF_RANGE")),
    "team-size-negative": ({"teamSize": -3}, (field("teamSize"), "OUT_OF_RANGE")),
    "tag-too-long": (
        {"expertise": [skill("r" * 81)]},
        (field("expertise", 0, "tag"), "TOO_LONG"),
    ),
    "tag-blank": ({"expertise": [skill("  ")]}, (field("expertise", 0, "tag"), "REQUIRED")),
    "tag-no-letters": ({"expertise": [skill("--")]}, (field("expertise", 0, "tag"), "INVALID")),
    "years-negative": (
        {"expertise": [skill("react", -1)]},
        (field("expertise", 0, "years"), "OUT_OF_RANGE"),
    ),
    "years-too-many": (
        {"expertise": [skill("react"), skill("django", 61)]},
        (field("expertise", 1, "years"), "OUT_OF_RANGE"),
    ),
    "expertise-empty": ({"expertise": []}, (field("expertise"), "REQUIRED")),
    "expertise-too-many": ({"expertise": [skill("react")] * 51}, (field("expertise"), "TOO_MANY")),
    "certification-unknown": (
        {"certifications": ["ISO_27001", "ISO_99999"]},
        (field("certifications", 1), "INVALID"),
    ),
    "certifications-too-many": (
        {"certifications": ["HIPAA"] * 21},
        (field("certifications"), "TOO_MANY"),
    ),
}


def assert_no_profile(client: GraphQLClient, owner: Account) -> None:
    assert client.execute(MY_VENDOR, token=owner.token)["viewer"]["vendor"] is None


def mismatches(
    cases: dict[str, tuple[dict[str, Any], Problem]], attempt: Any, *, exact: bool = True
) -> list[str]:
    """Run every case (one database for all: refusals write nothing) and list the surprises."""
    wrong = []
    for name, (overrides, expected) in cases.items():
        payload = attempt(overrides)
        found = problems(payload)
        refused = next(value for key, value in payload.items() if key != "userErrors") is None
        messages = all(error["message"] for error in payload["userErrors"])
        matched = found == {expected} if exact else expected in found
        if not (refused and messages and matched):
            wrong.append(f"{name}: expected {expected}, got {payload['userErrors']}")
    return wrong


def test_create_vendor_refuses_each_bad_field(client: GraphQLClient) -> None:
    owner = client.register("VENDOR")

    def attempt(overrides: dict[str, Any]) -> dict[str, Any]:
        variables = {"input": vendor_input(**overrides)}
        return client.execute(CREATE_VENDOR, variables, token=owner.token)["createVendorProfile"]

    assert mismatches(VENDOR_CASES, attempt) == []
    assert_no_profile(client, owner)


@pytest.mark.parametrize(
    "missing", ["kind", "name", "country", "timezone", "workingHours", "hourlyRate", "expertise"]
)
def test_create_vendor_requires_core_fields(client: GraphQLClient, missing: str) -> None:
    owner = client.register("VENDOR")

    data = client.execute(
        CREATE_VENDOR, {"input": vendor_input(**{missing: None})}, token=owner.token
    )

    assert problems(data["createVendorProfile"]) == {(field(missing), "REQUIRED")}
    assert_no_profile(client, owner)


def test_create_vendor_reports_every_problem_at_once(client: GraphQLClient) -> None:
    owner = client.register("VENDOR")
    bad = vendor_input(
        name="",
        country="XX",
        timezone="Nowhere/City",
        expertise=[skill("r" * 81), skill("django", 99)],
        certifications=["NOPE"],
        **rate("90", "60", "EUX"),
        **hours("9", "17:00"),
    )

    data = client.execute(CREATE_VENDOR, {"input": bad}, token=owner.token)

    assert problems(data["createVendorProfile"]) == {
        (field("name"), "REQUIRED"),
        (field("country"), "INVALID"),
        (field("timezone"), "INVALID"),
        (field("workingHours", "start"), "INVALID"),
        (field("hourlyRate", "currency"), "INVALID"),
        (field("hourlyRate", "min"), "OUT_OF_RANGE"),
        (field("expertise", 0, "tag"), "TOO_LONG"),
        (field("expertise", 1, "years"), "OUT_OF_RANGE"),
        (field("certifications", 0), "INVALID"),
    }
    assert_no_profile(client, owner)


def test_overnight_working_hours_are_valid(client: GraphQLClient) -> None:
    vendor = client.create_vendor(client.register("VENDOR"), **hours("21:00", "06:00"))

    assert vendor["workingHours"] == {"start": "21:00", "end": "06:00"}


def test_an_unknown_enum_value_is_a_request_error(client: GraphQLClient) -> None:
    owner = client.register("VENDOR")

    response = client.post(CREATE_VENDOR, {"input": vendor_input(kind="ROBOT")}, token=owner.token)

    assert response.status_code == 400
    assert "data" not in response.json()
    assert "ROBOT" in response.json()["errors"][0]["message"]
    assert_no_profile(client, owner)


def test_update_vendor_refuses_each_bad_field_and_changes_nothing(client: GraphQLClient) -> None:
    owner = client.register("VENDOR")
    vendor = client.create_vendor(owner)
    before = client.execute(MY_VENDOR, token=owner.token)

    def attempt(overrides: dict[str, Any]) -> dict[str, Any]:
        variables = {"input": {"id": vendor["id"], "headline": "Changed", **overrides}}
        payload = client.execute(UPDATE_VENDOR, variables, token=owner.token)
        assert client.execute(MY_VENDOR, token=owner.token) == before, overrides
        return payload["updateVendorProfile"]

    assert mismatches(VENDOR_CASES, attempt, exact=False) == []


def test_update_vendor_reports_every_problem_at_once(client: GraphQLClient) -> None:
    owner = client.register("VENDOR")
    vendor = client.create_vendor(owner)
    before = client.execute(MY_VENDOR, token=owner.token)
    changes = {
        "id": vendor["id"],
        "name": "Renamed",
        "teamSize": 0,
        "languages": [],
        "expertise": [skill(" ")],
        **rate("45.001", "60"),
    }

    data = client.execute(UPDATE_VENDOR, {"input": changes}, token=owner.token)

    assert problems(data["updateVendorProfile"]) == {
        (field("teamSize"), "OUT_OF_RANGE"),
        (field("languages"), "REQUIRED"),
        (field("expertise", 0, "tag"), "REQUIRED"),
        (field("hourlyRate", "min"), "INVALID"),
    }
    assert client.execute(MY_VENDOR, token=owner.token) == before


# --- accounts ---------------------------------------------------------------------------


def register(client: GraphQLClient, **fields: Any) -> dict[str, Any]:
    values = {"email": "ada@example.com", "password": "long enough password", "role": "BUSINESS"}
    return client.execute(REGISTER, {"input": {**values, **fields}})["register"]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"email": "not-an-email"}, (field("email"), "INVALID")),
        ({"email": "a@b"}, (field("email"), "INVALID")),
        ({"email": "x" * 250 + "@example.com"}, (field("email"), "INVALID")),
        ({"password": "short"}, (field("password"), "INVALID")),
        ({"password": "p" * 257}, (field("password"), "TOO_LONG")),
        ({"role": "ADMIN"}, (field("role"), "INVALID")),
    ],
    ids=["email", "email-no-tld", "email-too-long", "password-short", "password-long", "admin"],
)
def test_register_refuses_bad_input(
    client: GraphQLClient, fields: dict[str, Any], expected: Problem
) -> None:
    payload = register(client, **fields)

    assert payload["account"] is None
    assert payload["token"] is None
    assert problems(payload) == {expected}
    # Nothing was written: the (valid) email is still free.
    assert register(client)["userErrors"] == []


def test_register_reports_every_problem_at_once(client: GraphQLClient) -> None:
    payload = register(client, email="nope", password="short", role="ADMIN")

    assert problems(payload) == {
        (field("email"), "INVALID"),
        (field("password"), "INVALID"),
        (field("role"), "INVALID"),
    }


def test_register_refuses_a_taken_email_in_any_case(client: GraphQLClient) -> None:
    client.register("VENDOR", email="taken@example.com")

    payload = register(client, email="  Taken@Example.COM ")

    assert problems(payload) == {(field("email"), "TAKEN")}


def test_login_failures_look_the_same(client: GraphQLClient) -> None:
    account = client.register("BUSINESS")

    wrong_password = client.execute(
        LOGIN, {"input": {"email": account.email, "password": "wrong password!"}}
    )["login"]
    unknown_email = client.execute(
        LOGIN, {"input": {"email": "nobody@example.com", "password": "wrong password!"}}
    )["login"]

    assert wrong_password["token"] is None
    assert wrong_password["userErrors"] == unknown_email["userErrors"]
    assert problems(wrong_password) == {(field("password"), "INVALID_CREDENTIALS")}


# --- project requests -------------------------------------------------------------------


def budget(low: str, high: str, currency: str = "EUR") -> dict[str, Any]:
    return {"budget": {"min": low, "max": high, "currency": currency, "pricing": "FIXED"}}


SCOPE_CASES: dict[str, tuple[dict[str, Any], Problem]] = {
    "title-blank": ({"title": " "}, (field("title"), "REQUIRED")),
    "title-too-long": ({"title": "t" * 161}, (field("title"), "TOO_LONG")),
    "description-too-long": ({"description": "d" * 10001}, (field("description"), "TOO_LONG")),
    "skill-too-long": ({"skills": [{"tag": "d" * 81}]}, (field("skills", 0, "tag"), "TOO_LONG")),
    "skill-alternatives-too-many": (
        {
            "skills": [
                {"tag": "react", "anyOf": ["vue", "angular", "svelte", "ember", "qwik", "solid"]}
            ]
        },
        (field("skills", 0, "anyOf"), "TOO_MANY"),
    ),
    "skill-alternative-blank": (
        {"skills": [{"tag": "react", "anyOf": ["vue", " "]}]},
        (field("skills", 0, "anyOf", 1), "REQUIRED"),
    ),
    "skills-empty": ({"skills": []}, (field("skills"), "REQUIRED")),
    "skills-too-many": ({"skills": [{"tag": "react"}] * 31}, (field("skills"), "TOO_MANY")),
    "skill-weight-zero": (
        {"skills": [{"tag": "react", "weight": 0}]},
        (field("skills", 0, "weight"), "OUT_OF_RANGE"),
    ),
    "skill-weight-huge": (
        {"skills": [{"tag": "react", "weight": 11}]},
        (field("skills", 0, "weight"), "OUT_OF_RANGE"),
    ),
    "budget-min-above-max": (budget("50000", "40000"), (field("budget", "min"), "OUT_OF_RANGE")),
    "budget-negative": (budget("100", "-1"), (field("budget", "max"), "OUT_OF_RANGE")),
    "budget-decimals": (budget("100.123", "200"), (field("budget", "min"), "INVALID")),
    "budget-currency": (budget("100", "200", "EURO"), (field("budget", "currency"), "INVALID")),
    "budget-yen-fraction": (budget("1000.50", "2000", "JPY"), (field("budget", "min"), "INVALID")),
    "budget-over-cap": (
        budget("100", "200000000", "USD"),
        (field("budget", "max"), "OUT_OF_RANGE"),
    ),
    "estimated-hours": ({"estimatedHours": 0}, (field("estimatedHours"), "OUT_OF_RANGE")),
    "timezone": ({"timezone": "Berlin"}, (field("timezone"), "INVALID")),
    "hours-24": (hours("24:00", "08:00"), (field("workingHours", "start"), "INVALID")),
    "overlap": ({"minOverlapHours": 13}, (field("minOverlapHours"), "OUT_OF_RANGE")),
    "deadline-before-start": (
        {"startDate": "2027-05-01", "deadline": "2027-04-30"},
        (field("deadline"), "OUT_OF_RANGE"),
    ),
    "start-far-future": ({"startDate": "9999-12-31"}, (field("startDate"), "OUT_OF_RANGE")),
    "deadline-far-future": ({"deadline": "9999-12-31"}, (field("deadline"), "OUT_OF_RANGE")),
    "start-long-ago": ({"startDate": "1970-01-01"}, (field("startDate"), "OUT_OF_RANGE")),
    "milestone-after-deadline": (
        {"milestones": [{"title": "Beta", "dueDate": "2027-06-01"}]},
        (field("milestones", 0, "dueDate"), "OUT_OF_RANGE"),
    ),
    "timezone-host-alias": ({"timezone": "localtime"}, (field("timezone"), "INVALID")),
    "region-unknown": (
        {"preferredRegions": ["Eastern Europe", "Atlantis"]},
        (field("preferredRegions", 1), "INVALID"),
    ),
    "regions-too-many": (
        {"preferredRegions": ["PL"] * 21},
        (field("preferredRegions"), "TOO_MANY"),
    ),
    "language-unknown": ({"languages": ["en", "eng"]}, (field("languages", 1), "INVALID")),
    "certification-unknown": (
        {"requiredCertifications": ["SOC_3"]},
        (field("requiredCertifications", 0), "INVALID"),
    ),
    "deliverable-too-long": ({"deliverables": ["x" * 501]}, (field("deliverables", 0), "TOO_LONG")),
    "deliverable-blank": ({"deliverables": ["ok", " "]}, (field("deliverables", 1), "REQUIRED")),
    "deliverables-too-many": ({"deliverables": ["x"] * 51}, (field("deliverables"), "TOO_MANY")),
    "deliverable-nul": ({"deliverables": ["a\u0000b"]}, (field("deliverables", 0), "INVALID")),
}


def test_post_project_refuses_each_bad_field(client: GraphQLClient) -> None:
    business = client.register("BUSINESS")

    def attempt(overrides: dict[str, Any]) -> dict[str, Any]:
        variables = {"input": scope_input(**overrides)}
        return client.execute(POST_PROJECT, variables, token=business.token)["postProjectRequest"]

    assert mismatches(SCOPE_CASES, attempt) == []
    assert client.execute(MY_PROJECTS, token=business.token)["projectRequests"]["totalCount"] == 0


def test_post_project_reports_every_problem_at_once(client: GraphQLClient) -> None:
    business = client.register("BUSINESS")
    bad = scope_input(
        skills=[{"tag": "r" * 81}],
        timezone="Mars/Base",
        startDate="2027-05-01",
        deadline="2027-01-01",
        preferredRegions=["Atlantis"],
        **budget("9", "1", "XXX"),
    )

    data = client.execute(POST_PROJECT, {"input": bad}, token=business.token)

    assert problems(data["postProjectRequest"]) == {
        (field("skills", 0, "tag"), "TOO_LONG"),
        (field("timezone"), "INVALID"),
        (field("deadline"), "OUT_OF_RANGE"),
        (field("preferredRegions", 0), "INVALID"),
        (field("budget", "currency"), "INVALID"),
        (field("budget", "min"), "OUT_OF_RANGE"),
    }
    assert client.execute(MY_PROJECTS, token=business.token)["projectRequests"]["totalCount"] == 0


def test_update_project_refuses_each_bad_field_and_changes_nothing(
    client: GraphQLClient,
) -> None:
    business = client.register("BUSINESS")
    project = client.post_project(business)
    before = client.execute(MY_PROJECTS, token=business.token)

    def attempt(overrides: dict[str, Any]) -> dict[str, Any]:
        variables = {"input": {"id": project["id"], "description": "Changed", **overrides}}
        payload = client.execute(UPDATE_PROJECT, variables, token=business.token)
        assert client.execute(MY_PROJECTS, token=business.token) == before, overrides
        return payload["updateProjectRequest"]

    assert mismatches(SCOPE_CASES, attempt, exact=False) == []


# --- reviews ----------------------------------------------------------------------------


def test_review_scores_must_be_one_to_five(client: GraphQLClient) -> None:
    hiring = Hiring(client)
    vendor = hiring.vendor()
    engagement_id = hiring.completed(vendor)
    scores = {"quality": 0, "communication": 5, "timeliness": 6, "value": -1}

    data = client.execute(
        SUBMIT_REVIEW,
        {"input": {"engagementId": engagement_id, **scores, "comment": "c" * 4001}},
        token=hiring.business.token,
    )

    payload = data["submitReview"]
    assert payload["review"] is None
    assert problems(payload) == {
        (field("quality"), "OUT_OF_RANGE"),
        (field("timeliness"), "OUT_OF_RANGE"),
        (field("value"), "OUT_OF_RANGE"),
        (field("comment"), "TOO_LONG"),
    }
    unchanged = client.execute(VENDOR_RATING, {"id": vendor["id"]})["vendor"]
    assert unchanged == {"rating": {"count": 0}, "reviews": {"totalCount": 0}}
    # The same engagement with valid scores is accepted: the refusal was about the scores.
    scores = {"quality": 5, "communication": 4, "timeliness": 4, "value": 3}
    data = client.execute(
        SUBMIT_REVIEW,
        {"input": {"engagementId": engagement_id, **scores}},
        token=hiring.business.token,
    )
    assert data["submitReview"] == {"review": {"overall": "4.00"}, "userErrors": []}


def test_money_limits_follow_the_currency(client: GraphQLClient) -> None:
    """Rupiah budgets run to hundreds of millions; that is about USD 15,000, not a typo."""
    business = client.register("BUSINESS")

    project = client.post_project(
        business,
        budget={"min": "150000000", "max": "250000000", "currency": "IDR", "pricing": "FIXED"},
    )

    stored = project["budget"]
    assert (Decimal(stored["min"]), Decimal(stored["max"]), stored["currency"]) == (
        Decimal(150_000_000),
        Decimal(250_000_000),
        "IDR",
    )
