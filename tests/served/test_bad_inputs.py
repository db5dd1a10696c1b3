"""Hostile inputs get a clear error naming the field, write nothing and never crash the
request: a 100 KB email (once a quadratic regex), amounts like 1e26 and NaN, and lone
UTF-16 surrogates in a POST body, in variables and in GET query parameters."""

from __future__ import annotations

import json
import uuid
from typing import Any

import httpx2 as httpx
import pytest

from tests.graphql_client import vendor_input
from tests.served.accounts import (
    LOGIN,
    PASSWORD,
    REGISTER,
    USER_ERRORS,
    data,
    login,
    post,
    register,
)

# The shape of the address that made the old regex backtrack for every dot.
HUGE_EMAIL = "a@" + "a." * 50_000 + "\x01"
CREATE_VENDOR = f"""mutation ($input: CreateVendorProfileInput!) {{
  createVendorProfile(input: $input) {{ vendor {{ id }} {USER_ERRORS} }} }}"""
POST_PROJECT = f"""mutation ($input: PostProjectRequestInput!) {{
  postProjectRequest(input: $input) {{ projectRequest {{ id }} {USER_ERRORS} }} }}"""
VENDORS_BY_RATE = "query ($f: VendorFilter) { vendors(filter: $f) { totalCount } }"
MY_VENDOR = "{ viewer { vendor { id } } }"
MY_PROJECTS = "{ projectRequests(mine: true) { totalCount } }"


def project_input(**overrides: Any) -> dict[str, Any]:
    return {
        "title": "Payments dashboard",
        "description": "A React dashboard over our Django payments API.",
        "skills": [{"tag": "react", "mustHave": True}],
        "budget": {"min": "20000.00", "max": "40000.00", "currency": "EUR", "pricing": "FIXED"},
        "timezone": "Europe/Berlin",
        **overrides,
    }


def test_a_100_kb_email_is_refused_as_a_user_error_on_register(http: httpx.Client) -> None:
    variables = {"input": {"email": HUGE_EMAIL, "password": PASSWORD, "role": "BUSINESS"}}

    payload = data(post(http, REGISTER, variables))["register"]

    assert payload["token"] is None
    assert payload["userErrors"] == [
        {"field": ["input", "email"], "message": "Enter a valid email address.", "code": "INVALID"}
    ]


def test_a_100_kb_email_is_refused_as_a_user_error_on_login(http: httpx.Client) -> None:
    payload = data(post(http, LOGIN, {"input": {"email": HUGE_EMAIL, "password": PASSWORD}}))

    assert payload["login"]["token"] is None
    assert [e["code"] for e in payload["login"]["userErrors"]] == ["INVALID_CREDENTIALS"]


def test_an_ordinary_email_still_registers(http: httpx.Client) -> None:
    account = register(http, "BUSINESS", email=f"Ana.Nowak+{uuid.uuid4().hex[:6]}@Example.co.uk")

    assert login(http, account.email)["userErrors"] == []


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1e26", "Enter an amount below 100000000 USD."),
        ("NaN", "Enter an amount such as 45.00."),
        ("Infinity", "Enter an amount such as 45.00."),
        ("sNaN", "Enter an amount such as 45.00."),
    ],
)
def test_a_huge_or_non_finite_rate_is_a_user_error_and_writes_nothing(
    http: httpx.Client, value: str, message: str
) -> None:
    vendor = register(http, "VENDOR")
    rate = {"min": value, "max": value, "currency": "EUR"}

    payload = data(
        post(http, CREATE_VENDOR, {"input": vendor_input(hourlyRate=rate)}, token=vendor.token)
    )["createVendorProfile"]

    assert payload["vendor"] is None
    assert [(e["field"], e["message"]) for e in payload["userErrors"]] == [
        (["input", "hourlyRate", "min"], message),
        (["input", "hourlyRate", "max"], message),
    ]
    assert data(post(http, MY_VENDOR, token=vendor.token))["viewer"]["vendor"] is None


def test_a_1e26_minimum_budget_is_a_user_error(http: httpx.Client) -> None:
    vendor = register(http, "VENDOR")
    budget = {"amount": "1e26", "currency": "JPY"}

    payload = data(
        post(
            http,
            CREATE_VENDOR,
            {"input": vendor_input(minProjectBudget=budget)},
            token=vendor.token,
        )
    )["createVendorProfile"]

    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [
        (["input", "minProjectBudget", "amount"], "OUT_OF_RANGE")
    ]


def test_a_1e26_project_budget_is_a_user_error_and_writes_nothing(http: httpx.Client) -> None:
    business = register(http, "BUSINESS")
    budget = {"min": "1e26", "max": "1e27", "currency": "EUR", "pricing": "FIXED"}

    payload = data(
        post(http, POST_PROJECT, {"input": project_input(budget=budget)}, token=business.token)
    )["postProjectRequest"]

    assert payload["projectRequest"] is None
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [
        (["input", "budget", "min"], "OUT_OF_RANGE"),
        (["input", "budget", "max"], "OUT_OF_RANGE"),
    ]
    assert data(post(http, MY_PROJECTS, token=business.token))["projectRequests"] == {
        "totalCount": 0
    }


@pytest.mark.parametrize("value", ["1e26", "-Infinity", "NaN"])
def test_a_huge_rate_filter_is_an_error_naming_the_field(http: httpx.Client, value: str) -> None:
    variables = {"f": {"hourlyRate": {"min": value, "currency": "USD"}}}

    body = post(http, VENDORS_BY_RATE, variables).json()

    assert body["data"] is None
    assert body["errors"][0]["extensions"]["field"] == ["filter", "hourlyRate", "min"]
    assert body["errors"][0]["message"] != "Unexpected error."


def _raw_post(http: httpx.Client, body: str, token: str = "") -> httpx.Response:
    # json= would refuse to encode a lone surrogate; a client can still send the escape.
    headers = {"content-type": "application/json"}
    if token:
        headers["authorization"] = f"Bearer {token}"
    return http.post("/graphql", content=body.encode(), headers=headers)


def test_a_lone_surrogate_in_variables_is_a_400_naming_the_field(http: httpx.Client) -> None:
    variables = {"input": {"email": "MARK@example.com", "password": PASSWORD}}
    body = json.dumps({"query": LOGIN, "variables": variables}).replace("MARK", "\\ud800")
    assert json.loads(body)["variables"]["input"]["email"] == "\ud800@example.com"

    response = _raw_post(http, body)

    assert response.status_code == 400
    message = response.json()["errors"][0]["message"]
    assert "`variables.input.email`" in message
    assert "lone UTF-16 surrogate" in message


def test_a_lone_surrogate_in_a_mutation_writes_nothing(http: httpx.Client) -> None:
    vendor = register(http, "VENDOR")
    profile = vendor_input(headline="Web teams")
    body = json.dumps({"query": CREATE_VENDOR, "variables": {"input": profile}})
    body = body.replace('"headline": "Web teams"', '"headline": "Web \\udfff teams"')

    response = _raw_post(http, body, token=vendor.token)

    assert response.status_code == 400
    assert "`variables.input.headline`" in response.json()["errors"][0]["message"]
    assert data(post(http, MY_VENDOR, token=vendor.token))["viewer"]["vendor"] is None


def test_a_lone_surrogate_in_the_document_is_a_400_naming_the_query(http: httpx.Client) -> None:
    body = '{"query": "{ vendors(search: \\"\\ud800\\") { totalCount } }"}'

    response = _raw_post(http, body)

    assert response.status_code == 400
    assert "`query` contains a lone UTF-16 surrogate" in response.json()["errors"][0]["message"]


def test_a_lone_surrogate_in_get_variables_is_a_400_naming_the_field(
    http: httpx.Client,
) -> None:
    params = {
        "query": "query ($s: String) { vendors(search: $s) { totalCount } }",
        "variables": '{"s": "\\udc00"}',
    }

    response = http.get("/graphql", params=params)

    assert response.status_code == 400
    assert "`s`" in response.json()["errors"][0]["message"]


def test_invalid_utf8_in_a_get_query_is_never_a_500(http: httpx.Client) -> None:
    # %ED%A0%80 is U+D800 encoded as UTF-8, which UTF-8 forbids.
    response = http.get("/graphql?query=%7Bvendors(search%3A%22%ED%A0%80%22)%7BtotalCount%7D%7D")

    assert response.status_code < 500
    assert "Unexpected error" not in response.text
