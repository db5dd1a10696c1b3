"""Keyset cursors: a row inserted between two pages, sorting before the cursor, neither
repeats nor skips an item; a malformed cursor is a clear client error."""

from __future__ import annotations

import base64
import json
import uuid
from typing import Any

import httpx2 as httpx
import pytest

from tests.served.accounts import USER_ERRORS, data, post, register
from tests.served.conftest import Server

CREATE_VENDOR = f"""mutation ($input: CreateVendorProfileInput!) {{
  createVendorProfile(input: $input) {{ vendor {{ id }} {USER_ERRORS} }} }}"""
VENDORS = """query ($search: String, $order: VendorOrder, $first: Int, $after: String) {
  vendors(search: $search, orderBy: $order, first: $first, after: $after) {
    edges { cursor node { id name } } pageInfo { hasNextPage hasPreviousPage endCursor } } }"""
POST_PROJECT = f"""mutation ($input: PostProjectRequestInput!) {{
  postProjectRequest(input: $input) {{ projectRequest {{ id }} {USER_ERRORS} }} }}"""
MY_PROJECTS = """query ($first: Int, $after: String) {
  projectRequests(mine: true, first: $first, after: $after) {
    edges { node { id title } } pageInfo { hasNextPage hasPreviousPage endCursor } } }"""


def create_vendor(http: httpx.Client, marker: str, name: str, rate: str) -> str:
    vendor = register(http, "VENDOR")
    profile = {
        "kind": "AGENCY",
        "name": name,
        "headline": "Web teams",
        "description": f"We build web platforms. {marker}",
        "country": "PL",
        "timezone": "Europe/Warsaw",
        "workingHours": {"start": "09:00", "end": "17:00"},
        "languages": [{"code": "en", "proficiency": "FLUENT"}],
        "hourlyRate": {"min": rate, "max": "200.00", "currency": "USD"},
        "teamSize": 5,
        "expertise": [{"tag": "react", "years": 3}],
    }
    payload = data(post(http, CREATE_VENDOR, {"input": profile}, token=vendor.token))
    assert payload["createVendorProfile"]["userErrors"] == []
    return str(payload["createVendorProfile"]["vendor"]["id"])


def vendor_page(
    http: httpx.Client, marker: str, order: dict[str, str], after: str | None
) -> dict[str, Any]:
    variables = {"search": marker, "order": order, "first": 2, "after": after}
    return dict(data(post(http, VENDORS, variables))["vendors"])


def names(page: dict[str, Any]) -> list[str]:
    return [edge["node"]["name"] for edge in page["edges"]]


# (order, the letter of a fifth vendor that sorts before page 1's cursor; None when a new
# vendor cannot: newest last, or every new vendor tied on rating and placed by id)
ORDERS: list[tuple[dict[str, str], str | None]] = [
    ({"field": "NAME", "direction": "ASC"}, "A"),
    ({"field": "NAME", "direction": "DESC"}, "F"),
    ({"field": "RATE", "direction": "ASC"}, "A"),
    ({"field": "RATE", "direction": "DESC"}, "F"),
    ({"field": "NEWEST", "direction": "DESC"}, "F"),
    ({"field": "NEWEST", "direction": "ASC"}, None),
    ({"field": "RATING", "direction": "DESC"}, None),
    ({"field": "RATING", "direction": "ASC"}, None),
]
RATES = {"A": "10.00", "B": "20.00", "C": "30.00", "D": "40.00", "E": "50.00", "F": "90.00"}


@pytest.mark.parametrize(("order", "inserted"), ORDERS, ids=lambda v: str(v))
def test_a_vendor_inserted_between_pages_neither_repeats_nor_skips_one(
    http: httpx.Client, order: dict[str, str], inserted: str | None
) -> None:
    # given four vendors only this test's search finds
    marker = f"cursor{uuid.uuid4().hex[:12]}"
    for letter in "BCDE":
        create_vendor(http, marker, f"{letter} {marker}", RATES[letter])
    everything = names(vendor_page(http, marker, order, None)) + names(
        vendor_page(
            http, marker, order, vendor_page(http, marker, order, None)["pageInfo"]["endCursor"]
        )
    )
    assert len(everything) == 4

    # when page 1 is read, a vendor is created (sorting before its cursor when the order
    # allows one), and page 2 is read
    first = vendor_page(http, marker, order, None)
    if inserted is not None:
        create_vendor(http, marker, f"{inserted} {marker}", RATES[inserted])
    second = vendor_page(http, marker, order, first["pageInfo"]["endCursor"])

    # then page 2 continues exactly where page 1 ended
    assert names(first) + names(second) == everything
    assert first["pageInfo"]["hasNextPage"] is True
    assert second["pageInfo"]["hasPreviousPage"] is True
    assert second["pageInfo"]["hasNextPage"] is False


def test_a_request_posted_between_pages_neither_repeats_nor_skips_one(
    http: httpx.Client,
) -> None:
    # given a business with four requests
    business = register(http, "BUSINESS")
    for number in range(4):
        project = {
            "title": f"Request {number}",
            "description": "A React dashboard over our Django payments API.",
            "skills": [{"tag": "react", "mustHave": True}],
            "budget": {"min": "2000.00", "max": "4000.00", "currency": "EUR", "pricing": "FIXED"},
            "timezone": "Europe/Berlin",
        }
        created = data(post(http, POST_PROJECT, {"input": project}, token=business.token))
        assert created["postProjectRequest"]["userErrors"] == []

    # when page 1 is read, a newer request (sorting first) is posted, and page 2 is read
    first = data(post(http, MY_PROJECTS, {"first": 2}, token=business.token))["projectRequests"]
    project["title"] = "Request 4"
    data(post(http, POST_PROJECT, {"input": project}, token=business.token))
    after = first["pageInfo"]["endCursor"]
    second = data(post(http, MY_PROJECTS, {"first": 2, "after": after}, token=business.token))

    # then page 2 holds the two oldest, not the last of page 1 again
    titles = [e["node"]["title"] for e in first["edges"]] + [
        e["node"]["title"] for e in second["projectRequests"]["edges"]
    ]
    assert titles == ["Request 3", "Request 2", "Request 1", "Request 0"]
    assert second["projectRequests"]["pageInfo"]["hasNextPage"] is False


@pytest.mark.parametrize(
    "cursor", ["garbage", "b2Zmc2V0OjE=", "eyJrIjpbMV0sImkiOjF9", "eyJrIjoieCIsImkiOiJ4In0="]
)
def test_a_malformed_cursor_is_a_clear_error_naming_after(http: httpx.Client, cursor: str) -> None:
    order = {"field": "NEWEST"}
    body = post(http, VENDORS, {"order": order, "first": 2, "after": cursor}).json()

    assert body["data"] is None
    assert body["errors"][0]["extensions"]["field"] == ["after"]
    assert body["errors"][0]["message"].startswith("Invalid cursor for `after`")


def test_a_cursor_from_another_order_is_refused_naming_after(http: httpx.Client) -> None:
    # given a cursor read from the list ordered by name
    marker = f"cursor{uuid.uuid4().hex[:12]}"
    for letter in "BCD":
        create_vendor(http, marker, f"{letter} {marker}", RATES[letter])
    by_name = vendor_page(http, marker, {"field": "NAME", "direction": "ASC"}, None)

    # when it is passed to the same list ordered by rate
    response = post(
        http,
        VENDORS,
        {
            "search": marker,
            "order": {"field": "RATE", "direction": "ASC"},
            "first": 2,
            "after": by_name["pageInfo"]["endCursor"],
        },
    )

    # then the client is told, instead of getting a page that means nothing
    errors = response.json()["errors"]
    assert "another order" in errors[0]["message"]
    assert errors[0]["extensions"]["field"] == ["after"]


def forged(order: str, key: str, row_id: str = "1") -> str:
    """A cursor written by hand: `key` and `row_id` are JSON text, as a client could send."""
    text = f'{{"o":"{order}","k":{key},"i":{row_id}}}'
    return base64.urlsafe_b64encode(text.encode()).decode()


TOO_BIG_ID = str(2**31)
NAIVE = '"2020-01-01T00:00:00"'
# (the list, the cursor): each passes JSON parsing but names no row the list could have
# written; PostgreSQL refused several at bind time ("Unexpected error."), SQLite took them.
FORGED: list[tuple[str, str]] = [
    ("NAME", forged("vendors:NAME:ASC", '"a"', TOO_BIG_ID)),
    ("NAME", forged("vendors:NAME:ASC", '"a"', str(-(2**40)))),
    ("NAME", forged("vendors:NAME:ASC", '"a"', "0")),
    ("NAME", forged("vendors:NAME:ASC", '"a\\u0000b"')),
    ("NAME", forged("vendors:NAME:ASC", '"a\\u0001b"')),
    ("RATE", forged("vendors:RATE:ASC", '"1e30"')),
    ("RATE", forged("vendors:RATE:ASC", '"1e999999"')),
    ("RATE", forged("vendors:RATE:ASC", '"-1e999999"')),
    ("RATE", forged("vendors:RATE:ASC", '"1e-999999"')),
    ("RATE", forged("vendors:RATE:ASC", '"NaN"')),
    ("RATE", forged("vendors:RATE:ASC", '"Infinity"')),
    ("RATE", forged("vendors:RATE:ASC", '"10.00"', TOO_BIG_ID)),
    ("NEWEST", forged("vendors:NEWEST:DESC", NAIVE)),
    ("NEWEST", forged("vendors:NEWEST:DESC", '"0001-01-01T00:00:00+01:00"')),
    ("NEWEST", forged("vendors:NEWEST:DESC", '"2020-01-01T00:00:00+00:00"', TOO_BIG_ID)),
    ("RATING", forged("vendors:RATING:DESC", "Infinity")),
    ("RATING", forged("vendors:RATING:DESC", "NaN")),
    ("RATING", forged("vendors:RATING:DESC", "1e400")),
    ("RATING", forged("vendors:RATING:DESC", "1" + "0" * 400)),
    ("RATING", forged("vendors:RATING:DESC", "4.5", TOO_BIG_ID)),
    ("projectRequests", forged("projectRequests:NEWEST:DESC", NAIVE)),
    (
        "projectRequests",
        forged("projectRequests:NEWEST:DESC", '"2020-01-01T00:00:00+00:00"', TOO_BIG_ID),
    ),
    ("projectRequests", forged("projectRequests:NEWEST:DESC", '"2020-01-01\\u0000"')),
    ("reviews", forged("reviews:NEWEST:DESC", NAIVE)),
    ("reviews", forged("reviews:NEWEST:DESC", '"2020-01-01T00:00:00+00:00"', TOO_BIG_ID)),
    ("reviews", forged("reviews:NEWEST:DESC", '"9999-12-31T23:59:59-14:00"')),
]
PROJECTS = """query ($after: String) {
  projectRequests(first: 2, after: $after) { edges { node { id } } } }"""
VENDOR_REVIEWS = """query ($id: ID!, $after: String) {
  vendor(id: $id) { reviews(first: 2, after: $after) { edges { node { id } } } } }"""


@pytest.fixture(scope="module")
def reviewed_vendor(server: Server) -> str:
    """A vendor to ask for reviews of (whether it has any does not matter)."""
    with httpx.Client(base_url=server.url, timeout=30) as client:
        return create_vendor(client, f"forged{uuid.uuid4().hex[:12]}", "Forged Cursors", "50.00")


@pytest.mark.parametrize(("target", "cursor"), FORGED, ids=lambda v: str(v)[:40])
def test_a_forged_cursor_is_a_clear_error_naming_after_on_every_engine(
    http: httpx.Client, reviewed_vendor: str, target: str, cursor: str
) -> None:
    # when a forged cursor is passed to the list it names
    if target == "projectRequests":
        response = post(http, PROJECTS, {"after": cursor})
    elif target == "reviews":
        response = post(http, VENDOR_REVIEWS, {"id": reviewed_vendor, "after": cursor})
    else:
        order = {"field": target, "direction": cursor_direction(cursor)}
        response = post(http, VENDORS, {"order": order, "first": 2, "after": cursor})

    # then the client is told which argument is wrong, and nothing is an unexpected error
    assert response.status_code == 200
    body = response.json()
    assert "Unexpected error" not in json.dumps(body)
    error = body["errors"][0]
    assert error["message"].startswith("Invalid cursor for `after`"), error
    assert error["extensions"]["field"] == ["after"]


def cursor_direction(cursor: str) -> str:
    order = json.loads(base64.urlsafe_b64decode(cursor), parse_constant=float)["o"]
    return str(order).rsplit(":", 1)[1]
