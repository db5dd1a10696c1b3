"""Schemathesis fuzzes every query and mutation of a served instance as every role:
anonymous, a business, a vendor and an admin. Whatever it sends, the server never answers
with a 5xx or an "Unexpected error" (the masked message of an unhandled exception)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx2 as httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.graphql import nodes

from tests.graphql_client import vendor_input
from tests.served.accounts import create_admin, data, login, post, register
from tests.served.conftest import Server, start_server, stop_server

ROLES = ("ANONYMOUS", "BUSINESS", "VENDOR", "ADMIN")
# Enough to reach every field's arguments a few ways; bounded for a 2-core CI machine.
EXAMPLES_PER_OPERATION = 40

# Custom scalars: well-formed values, and the hostile ones a client can send instead
# (huge and non-finite amounts, impossible dates, lone surrogates, plain junk).
NUMBER_TEXT = st.one_of(
    st.decimals(allow_nan=False, allow_infinity=False, places=2).map(str),
    st.sampled_from(["1e26", "-1e26", "NaN", "Infinity", "1e-30", "0", "-0", "1" * 40]),
    st.text(max_size=20),
)
DATE_TEXT = st.one_of(
    st.dates().map(str), st.sampled_from(["2027-02-30", "9999-12-31", "0001-01-01", "\ud800"])
)
DATETIME_TEXT = st.one_of(st.datetimes().map(lambda d: d.isoformat()), st.text(max_size=30))
schemathesis.graphql.scalar("Decimal", NUMBER_TEXT.map(nodes.String))
schemathesis.graphql.scalar("Date", DATE_TEXT.map(nodes.String))
schemathesis.graphql.scalar("DateTime", DATETIME_TEXT.map(nodes.String))

CREATE_VENDOR = """mutation ($input: CreateVendorProfileInput!) {
  createVendorProfile(input: $input) { vendor { id } userErrors { field message } } }"""


@pytest.fixture(scope="module")
def fuzzed_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """An instance of the fuzz run's own: what it writes stays out of the other tests."""
    tmp = tmp_path_factory.mktemp("fuzz")
    running = start_server(tmp, f"sqlite:///{tmp / 'fuzz.db'}")
    yield running
    stop_server(running)


@pytest.fixture(scope="module")
def tokens(fuzzed_server: Server) -> dict[str, str]:
    """A bearer token per signed-in role; the vendor has a profile to act on."""
    with httpx.Client(base_url=fuzzed_server.url, timeout=60) as http:
        vendor = register(http, "VENDOR")
        created = data(post(http, CREATE_VENDOR, {"input": vendor_input()}, token=vendor.token))
        assert created["createVendorProfile"]["userErrors"] == []
        admin = login(http, create_admin(fuzzed_server).email)
        return {
            "BUSINESS": register(http, "BUSINESS").token,
            "VENDOR": vendor.token,
            "ADMIN": str(admin["token"]),
        }


def fuzz_operation(operation: Any, headers: dict[str, str], failures: list[str]) -> int:
    """Send generated documents for one operation; note every 5xx or masked crash.

    Returns how many requests were sent.
    """
    sent = 0

    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
    )
    def call(case: Any) -> None:
        nonlocal sent
        sent += 1
        response = case.call(headers=headers, timeout=60)
        if response.status_code >= 500 or "Unexpected error" in response.text:
            failures.append(f"{operation.label}: {response.status_code} {response.text[:300]}")

    call()
    return sent


def fuzz_operations(server: Server, headers: dict[str, str]) -> tuple[dict[str, int], list[str]]:
    """Every operation, fuzzed: requests sent per operation, and the failures as
    "operation: status body" lines."""
    failures: list[str] = []
    schema = schemathesis.graphql.from_url(server.graphql)
    sent = {}
    for result in schema.get_all_operations():
        operation = result.ok()
        sent[operation.label] = fuzz_operation(operation, headers, failures)
    return sent, failures


@pytest.mark.parametrize("role", ROLES)
def test_no_server_error_for_any_role(
    fuzzed_server: Server, tokens: dict[str, str], role: str
) -> None:
    headers = {"accept": "application/graphql-response+json"}
    if role in tokens:
        headers["authorization"] = f"Bearer {tokens[role]}"

    sent, failures = fuzz_operations(fuzzed_server, headers)

    assert failures == []
    # Not vacuous: every root query and mutation was reached, each several times.
    assert {"Query.matchVendors", "Mutation.postProjectRequest", "Mutation.login"} <= set(sent)
    assert min(sent.values()) >= 5, sent
