"""Make what the operations need through the API, as a client would: vendor ids to read
by id, and vendor accounts that own the profiles the mutation edits."""

from __future__ import annotations

import secrets
from typing import Any

import httpx2 as httpx

from benchmarks.api.operations import (
    CREATE_VENDOR,
    EDITORS,
    PASSWORD,
    REGISTER,
    VENDOR_IDS,
    GraphQLRequest,
    Operation,
    match_vendors,
    update_vendor,
    vendor_by_id,
    vendor_profile,
    vendors_page,
)

OPERATIONS = ("vendors_page", "vendor_by_id", "match_vendors", "update_vendor")
# Enough distinct vendors that reading by id is not reading one cached row.
IDS_TO_ROTATE = 200


async def execute(http: httpx.AsyncClient, request: GraphQLRequest) -> dict[str, Any]:
    """`data` of a request that must succeed."""
    response = await http.post(
        "/graphql",
        content=request.body(),
        headers={"content-type": "application/json", **request.headers()},
    )
    body = response.json()
    if response.status_code != 200 or "errors" in body:
        raise RuntimeError(f"{request.query.split('(')[0]} failed: {response.text[:500]}")
    data: dict[str, Any] = body["data"]
    return data


async def vendor_ids(http: httpx.AsyncClient) -> list[str]:
    ids: list[str] = []
    after = None
    while len(ids) < IDS_TO_ROTATE:
        page = (await execute(http, GraphQLRequest(VENDOR_IDS, {"after": after})))["vendors"]
        ids += [edge["node"]["id"] for edge in page["edges"]]
        after = page["pageInfo"]["endCursor"]
        if after is None or not page["edges"]:
            break
    if not ids:
        raise RuntimeError("the database holds no vendors to read")
    return ids[:IDS_TO_ROTATE]


async def editors(http: httpx.AsyncClient) -> list[tuple[str, str]]:
    """(token, vendor id) of fresh vendor accounts, each owning one profile."""
    run = secrets.token_hex(4)
    made = []
    for number in range(EDITORS):
        email = f"bench-{run}-{number}@bench.vendormatch.dev"
        registered = await execute(
            http,
            GraphQLRequest(
                REGISTER, {"input": {"email": email, "password": PASSWORD, "role": "VENDOR"}}
            ),
        )
        token = registered["register"]["token"]
        if not token:
            raise RuntimeError(f"register failed: {registered}")
        created = await execute(
            http, GraphQLRequest(CREATE_VENDOR, {"input": vendor_profile(number)}, token)
        )
        payload = created["createVendorProfile"]
        if payload["userErrors"]:
            raise RuntimeError(f"createVendorProfile failed: {payload['userErrors']}")
        made.append((token, payload["vendor"]["id"]))
    return made


async def prepare(base_url: str, names: list[str]) -> list[Operation]:
    """The operations named, in the order given, ready to send to the server at `base_url`."""
    operations = []
    async with httpx.AsyncClient(base_url=base_url, timeout=600) as http:
        for name in names:
            if name == "vendors_page":
                operations.append(vendors_page())
            elif name == "vendor_by_id":
                operations.append(vendor_by_id(await vendor_ids(http)))
            elif name == "match_vendors":
                operations.append(match_vendors())
            elif name == "update_vendor":
                operations.append(update_vendor(await editors(http)))
            else:
                raise ValueError(f"no operation {name!r}; there are {', '.join(OPERATIONS)}")
    return operations
