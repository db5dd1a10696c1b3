"""A vendor's declared capacity (hours a week) and staffed coverage (hours a day, days a
week): stored, shown, defaulted from the profile when not declared, and bounded."""

from __future__ import annotations

from typing import Any

import pytest

from tests.graphql_client import USER_ERRORS, GraphQLClient, vendor_input

FIELDS = "id version teamSize hoursPerWeek staffedHours { hoursPerDay daysPerWeek declared }"
CREATE = f"""
mutation ($input: CreateVendorProfileInput!) {{
  createVendorProfile(input: $input) {{ vendor {{ {FIELDS} }} {USER_ERRORS} }}
}}
"""
UPDATE = f"""
mutation ($input: UpdateVendorProfileInput!) {{
  updateVendorProfile(input: $input) {{ vendor {{ {FIELDS} }} {USER_ERRORS} }}
}}
"""
READ = f"query ($id: ID!) {{ vendor(id: $id) {{ {FIELDS} }} }}"


def create(client: GraphQLClient, **overrides: Any) -> dict[str, Any]:
    account = client.register("VENDOR")
    variables = {"input": vendor_input(**overrides)}
    payload: dict[str, Any] = client.execute(CREATE, variables, token=account.token)[
        "createVendorProfile"
    ]
    payload["token"] = account.token
    return payload


def errors(payload: dict[str, Any]) -> list[tuple[list[str], str]]:
    return [(error["field"], error["code"]) for error in payload["userErrors"]]


def test_declared_capacity_and_coverage_are_stored_and_shown(client: GraphQLClient) -> None:
    payload = create(
        client, teamSize=12, hoursPerWeek=300, staffedHours={"hoursPerDay": 24, "daysPerWeek": 7}
    )

    assert payload["userErrors"] == []
    shown = client.execute(READ, {"id": payload["vendor"]["id"]})["vendor"]
    assert shown["hoursPerWeek"] == 300
    assert shown["staffedHours"] == {"hoursPerDay": 24, "daysPerWeek": 7, "declared": True}


@pytest.mark.parametrize(
    ("hours", "span"),
    [({"start": "09:00", "end": "17:30"}, 8.5), ({"start": "22:00", "end": "06:00"}, 8)],
)
def test_undeclared_coverage_is_the_working_day_on_five_days(
    client: GraphQLClient, hours: dict[str, str], span: float
) -> None:
    payload = create(client, workingHours=hours)

    vendor = payload["vendor"]
    assert vendor["hoursPerWeek"] is None
    assert vendor["staffedHours"] == {"hoursPerDay": span, "daysPerWeek": 5, "declared": False}


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"hoursPerWeek": 0}, (["input", "hoursPerWeek"], "OUT_OF_RANGE")),
        ({"hoursPerWeek": float("1e12")}, (["input", "hoursPerWeek"], "OUT_OF_RANGE")),
        # one person cannot staff 200 hours a week
        (
            {"kind": "FREELANCER", "teamSize": 1, "hoursPerWeek": 200},
            (["input", "hoursPerWeek"], "OUT_OF_RANGE"),
        ),
        (
            {"staffedHours": {"hoursPerDay": 25, "daysPerWeek": 5}},
            (["input", "staffedHours", "hoursPerDay"], "OUT_OF_RANGE"),
        ),
        (
            {"staffedHours": {"hoursPerDay": 8, "daysPerWeek": 0}},
            (["input", "staffedHours", "daysPerWeek"], "OUT_OF_RANGE"),
        ),
        (
            {"staffedHours": {"hoursPerDay": 0.5, "daysPerWeek": 8}},
            (["input", "staffedHours", "hoursPerDay"], "OUT_OF_RANGE"),
        ),
    ],
)
def test_implausible_capacity_or_coverage_is_refused_and_nothing_written(
    client: GraphQLClient, overrides: dict[str, Any], expected: tuple[list[str], str]
) -> None:
    payload = create(client, **overrides)

    assert payload["vendor"] is None
    assert expected in errors(payload)


def test_shrinking_the_team_below_its_declared_hours_is_refused(client: GraphQLClient) -> None:
    made = create(client, teamSize=5, hoursPerWeek=350)
    vendor = made["vendor"]

    variables = {"input": {"id": vendor["id"], "teamSize": 2}}
    refused = client.execute(UPDATE, variables, token=made["token"])["updateVendorProfile"]

    assert errors(refused) == [(["input", "teamSize"], "OUT_OF_RANGE")]
    unchanged = client.execute(READ, {"id": vendor["id"]})["vendor"]
    assert (unchanged["teamSize"], unchanged["version"]) == (5, vendor["version"])

    # lowering the hours with the team is one consistent change
    variables = {"input": {"id": vendor["id"], "teamSize": 2, "hoursPerWeek": 70}}
    changed = client.execute(UPDATE, variables, token=made["token"])["updateVendorProfile"]

    assert changed["userErrors"] == []
    assert (changed["vendor"]["teamSize"], changed["vendor"]["hoursPerWeek"]) == (2, 70)
