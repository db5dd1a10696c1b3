"""Verification is what an admin vetted: a verified vendor that changes its country or
its certifications loses it, with a note saying why, until an admin verifies again."""

from __future__ import annotations

from typing import Any

import pytest

from tests.graphql_client import Account, GraphQLClient

VERIFY = """
mutation ($input: VerifyVendorInput!) {
  verifyVendor(input: $input) {
    vendor { verified verifiedAt verificationNote } userErrors { code }
  }
}
"""
UPDATE = """
mutation ($input: UpdateVendorProfileInput!) {
  updateVendorProfile(input: $input) {
    vendor { verified verifiedAt verificationNote certifications country { code } }
    userErrors { field code }
  }
}
"""
PROFILE = "query ($id: ID!) { vendor(id: $id) { verified verificationNote } }"


@pytest.fixture
def verified(client: GraphQLClient) -> tuple[dict[str, Any], Account, Account]:
    owner = client.register("VENDOR")
    vendor = client.create_vendor(owner, certifications=["ISO_27001", "SOC_2"])
    admin = client.admin()
    data = client.execute(VERIFY, {"input": {"id": vendor["id"]}}, token=admin.token)
    assert data["verifyVendor"]["vendor"]["verified"] is True
    return vendor, owner, admin


def update(client: GraphQLClient, owner: Account, vendor_id: str, **fields: Any) -> Any:
    data = client.execute(UPDATE, {"input": {"id": vendor_id, **fields}}, token=owner.token)
    payload = data["updateVendorProfile"]
    assert payload["userErrors"] == [], payload
    return payload["vendor"]


@pytest.mark.parametrize(
    ("change", "note"),
    [
        (
            {"certifications": ["ISO_27001"]},
            "Verification lifted: certifications changed; awaiting an admin's review.",
        ),
        (
            {"country": "DE", "timezone": "Europe/Berlin"},
            "Verification lifted: country changed from PL to DE; awaiting an admin's review.",
        ),
        (
            {"country": "CZ", "certifications": ["ISO_27001", "SOC_2", "HIPAA"]},
            "Verification lifted: country changed from PL to CZ and certifications changed; "
            "awaiting an admin's review.",
        ),
    ],
)
def test_changing_what_was_vetted_lifts_verification(
    client: GraphQLClient,
    verified: tuple[dict[str, Any], Account, Account],
    change: dict[str, Any],
    note: str,
) -> None:
    vendor, owner, admin = verified
    after = update(client, owner, vendor["id"], **change)
    assert after["verified"] is False and after["verifiedAt"] is None
    assert after["verificationNote"] == note

    data = client.execute(VERIFY, {"input": {"id": vendor["id"]}}, token=admin.token)
    again = data["verifyVendor"]["vendor"]
    assert again["verified"] is True and again["verificationNote"] is None


def test_other_changes_keep_verification(
    client: GraphQLClient, verified: tuple[dict[str, Any], Account, Account]
) -> None:
    vendor, owner, _admin = verified
    after = update(
        client, owner, vendor["id"], headline="Now with Rust", certifications=["SOC_2", "ISO_27001"]
    )
    assert after["verified"] is True and after["verificationNote"] is None
    same_country = update(client, owner, vendor["id"], country="PL")
    assert same_country["verified"] is True


def test_an_unverified_vendor_gets_no_note(client: GraphQLClient) -> None:
    owner = client.register("VENDOR")
    vendor = client.create_vendor(owner)
    after = update(client, owner, vendor["id"], country="DE", timezone="Europe/Berlin")
    assert after["verified"] is False and after["verificationNote"] is None


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("anonymous", False),
        ("owner", True),
        ("other vendor", False),
        ("business", False),
        ("admin", True),
    ],
)
def test_the_note_is_for_the_owner_and_admins(
    client: GraphQLClient,
    verified: tuple[dict[str, Any], Account, Account],
    who: str,
    sees: bool,
) -> None:
    vendor, owner, admin = verified
    update(client, owner, vendor["id"], certifications=[])
    account = {
        "anonymous": None,
        "owner": owner,
        "other vendor": client.register("VENDOR"),
        "business": client.register("BUSINESS"),
        "admin": admin,
    }[who]
    shown = client.execute(PROFILE, {"id": vendor["id"]}, token=account.token if account else None)[
        "vendor"
    ]
    assert shown["verified"] is False
    assert (shown["verificationNote"] is not None) == sees
