"""The operations measured: their GraphQL documents, the requests each sends, and the
checks its responses must pass.

Everything an operation needs (vendor ids, a vendor account that owns a profile) is made
through the API first, as a client would.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from benchmarks.api.client import Check

# The page: names, country, rates, rating and expertise.
VENDOR_FIELDS = """id name country { code name } hourlyRate { min max currency }
    rating { average count bayesianAverage } expertise { tag { slug name } years }"""
VENDORS_PAGE = (
    f"query VendorsPage {{ vendors(first: 20) {{ edges {{ node {{ {VENDOR_FIELDS} }} }} }} }}"
)
VENDOR_BY_ID = f"query VendorById($id: ID!) {{ vendor(id: $id) {{ {VENDOR_FIELDS} }} }}"
VENDOR_IDS = "query VendorIds($after: String) { vendors(first: 100, after: $after) { edges { node { id } } pageInfo { endCursor } } }"  # noqa: E501
MATCH_FIRST = 10
MATCH_VENDORS = """query MatchVendors($scope: ScopeInput!, $first: Int) {
  matchVendors(scope: $scope, first: $first) {
    considered
    edges { node { rank score vendor { id name }
      factors { skill cost timezone culture quality security capacity responsiveness coverage } } }
  }
}"""
UPDATE_VENDOR = """mutation UpdateVendor($input: UpdateVendorProfileInput!) {
  updateVendorProfile(input: $input) {
    vendor { id version headline }
    userErrors { field message code }
  }
}"""
REGISTER = """mutation Register($input: RegisterInput!) {
  register(input: $input) { token userErrors { field message code } }
}"""
CREATE_VENDOR = """mutation CreateVendor($input: CreateVendorProfileInput!) {
  createVendorProfile(input: $input) { vendor { id } userErrors { field message code } }
}"""

# A realistic scope: a must-have and four nice-to-haves, an hourly budget, a working day
# to overlap with and a language.
SCOPE: dict[str, Any] = {
    "title": "Payments platform backend",
    "description": "A Django and PostgreSQL backend for a payments platform on AWS, "
    "containerised with Docker, with a REST API for our React frontend.",
    "skills": [
        {"tag": "python", "mustHave": True, "weight": 1.0},
        {"tag": "django", "weight": 1.0},
        {"tag": "postgresql", "weight": 0.8},
        {"tag": "aws", "weight": 0.6},
        {"tag": "docker", "weight": 0.5},
    ],
    "budget": {"min": "35", "max": "80", "currency": "USD", "pricing": "HOURLY"},
    "estimatedHours": 800,
    "timezone": "Europe/Berlin",
    "workingHours": {"start": "09:00", "end": "17:00"},
    "minOverlapHours": 3,
    "languages": ["en"],
}

# How many vendor accounts the mutation spreads its edits over: concurrent edits of one
# row would measure its lock, not the server.
EDITORS = 8
HEADLINES = 64
PASSWORD = "bench password, long enough"


@dataclass(frozen=True)
class GraphQLRequest:
    """One GraphQL request: its document, variables and the bearer token, if any."""

    query: str
    variables: dict[str, Any] = field(default_factory=dict)
    token: str | None = None

    def body(self) -> bytes:
        return json.dumps({"query": self.query, "variables": self.variables}).encode()

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}


@dataclass(frozen=True)
class Operation:
    """A named operation: the requests it sends in turn, and how a response is checked."""

    name: str
    requests: list[GraphQLRequest]
    check: Check


def no_errors(status: int, body: bytes) -> str | None:
    """A 200 without GraphQL errors (a key `"errors"` never appears escaped in values)."""
    if status != 200:
        return f"HTTP {status}: {body[:300]!r}"
    if b'"errors"' in body:
        return f"GraphQL errors: {body[:300]!r}"
    return None


def no_user_errors(status: int, body: bytes) -> str | None:
    """As no_errors, and every mutation payload's userErrors is empty."""
    problem = no_errors(status, body)
    if problem:
        return problem
    payloads = json.loads(body)["data"].values()
    if any(payload["userErrors"] for payload in payloads):
        return f"userErrors: {body[:300]!r}"
    return None


def vendors_page() -> Operation:
    return Operation("vendors_page", [GraphQLRequest(VENDORS_PAGE)], no_errors)


def vendor_by_id(ids: list[str]) -> Operation:
    requests = [GraphQLRequest(VENDOR_BY_ID, {"id": vendor_id}) for vendor_id in ids]
    return Operation("vendor_by_id", requests, no_errors)


def match_vendors() -> Operation:
    request = GraphQLRequest(MATCH_VENDORS, {"scope": SCOPE, "first": MATCH_FIRST})
    return Operation("match_vendors", [request], no_errors)


def update_vendor(editors: list[tuple[str, str]]) -> Operation:
    """Each request gives one editor's vendor (token, id) a headline it did not have."""
    requests = [
        GraphQLRequest(
            UPDATE_VENDOR,
            {"input": {"id": vendor_id, "headline": f"Backend team, edit {edit}"}},
            token,
        )
        for edit in range(HEADLINES)
        for token, vendor_id in editors
    ]
    return Operation("update_vendor", requests, no_user_errors)


def vendor_profile(number: int) -> dict[str, Any]:
    """The profile an editor account creates before it edits it."""
    return {
        "kind": "AGENCY",
        "name": f"Bench Editors {number}",
        "headline": "Backend team",
        "description": "Python and Django backends on PostgreSQL, deployed to AWS.",
        "country": "PL",
        "timezone": "Europe/Warsaw",
        "workingHours": {"start": "09:00", "end": "17:00"},
        "languages": [
            {"code": "pl", "proficiency": "NATIVE"},
            {"code": "en", "proficiency": "FLUENT"},
        ],
        "hourlyRate": {"min": "40.00", "max": "60.00", "currency": "EUR"},
        "teamSize": 12,
        "expertise": [{"tag": "python", "years": 8}, {"tag": "django", "years": 6}],
    }
