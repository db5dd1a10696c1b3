"""Vendor slugs transliterate names, and vendors created at the same moment under the
same name all succeed with distinct slugs."""

from __future__ import annotations

import re
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx2 as httpx
import pytest

from tests.graphql_client import vendor_input
from tests.served.accounts import USER_ERRORS, data, post, register
from tests.served.conftest import Server

CREATE_VENDOR = f"""mutation ($input: CreateVendorProfileInput!) {{
  createVendorProfile(input: $input) {{ vendor {{ id name slug }} {USER_ERRORS} }} }}"""
BY_SLUG = "query ($slug: String!) { vendor(slug: $slug) { id name } }"
PARALLEL = 20


def create(http: httpx.Client, name: str) -> dict[str, Any]:
    vendor = register(http, "VENDOR")
    payload = data(
        post(http, CREATE_VENDOR, {"input": vendor_input(name=name)}, token=vendor.token)
    )
    created = payload["createVendorProfile"]
    assert created["userErrors"] == [], created
    return dict(created["vendor"])


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Łódź Software House", "lodz-software-house"),
        ("Яндекс Студия", "iandeks-studiia"),
        ("华为软件", "hua-wei-ruan-jian"),
        ("Ærøskøbing Ðevs & Co", "aeroskobing-devs-co"),
    ],
)
def test_a_slug_transliterates_the_name(http: httpx.Client, name: str, expected: str) -> None:
    vendor = create(http, name)

    # The first profile with this name gets the bare slug; later ones (other test runs on
    # the same database) a suffix.
    assert re.fullmatch(rf"{expected}(-[0-9a-f]+)?", vendor["slug"]), vendor["slug"]
    found = data(post(http, BY_SLUG, {"slug": vendor["slug"]}))["vendor"]
    assert found == {"id": vendor["id"], "name": name}


def test_a_name_without_letters_still_gets_a_slug(http: httpx.Client) -> None:
    vendor = create(http, "!!! ???")

    assert re.fullmatch(r"vendor(-[0-9a-f]+)?", vendor["slug"]), vendor["slug"]


def test_twenty_concurrent_creates_with_one_name_all_succeed_with_distinct_slugs(
    server: Server, http: httpx.Client
) -> None:
    # given twenty vendor accounts, and a name no other test uses
    name = f"Concurrent Studio {uuid.uuid4().hex[:8]}"
    tokens = [register(http, "VENDOR").token for _ in range(PARALLEL)]

    # when they all create a profile with that name at once
    def create_with(token: str) -> dict[str, Any]:
        with httpx.Client(base_url=server.url, timeout=60) as client:
            response = post(client, CREATE_VENDOR, {"input": vendor_input(name=name)}, token=token)
            return dict(data(response)["createVendorProfile"])

    with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        payloads = list(pool.map(create_with, tokens))

    # then every one succeeds, under its own slug
    assert [p["userErrors"] for p in payloads] == [[]] * PARALLEL
    slugs = {p["vendor"]["slug"] for p in payloads}
    assert len(slugs) == PARALLEL
    base = name.lower().replace(" ", "-")
    assert base in slugs
    assert all(re.fullmatch(rf"{base}(-[0-9a-f]+)?", slug) for slug in slugs), slugs
