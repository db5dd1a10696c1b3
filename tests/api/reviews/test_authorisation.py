"""Who may review and reply: only the engagement's two parties review it; only the
reviewed party replies; admins vet, they do not review."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from tests.api.reviews.hiring import SUBMIT_REVIEW, Hiring, codes
from tests.graphql_client import Account, GraphQLClient

ROLES = ["anonymous", "business A", "business B", "vendor A", "vendor B", "admin"]


@dataclass
class Scene:
    hiring: Hiring
    vendor: dict[str, Any]
    engagement_id: str
    accounts: dict[str, Account | None]


@pytest.fixture
def scene(client: GraphQLClient) -> Scene:
    hiring = Hiring(client)
    vendor = hiring.vendor()
    other = Hiring(client)
    other_vendor = other.vendor()
    return Scene(
        hiring=hiring,
        vendor=vendor,
        engagement_id=hiring.completed(vendor),
        accounts={
            "anonymous": None,
            "business A": hiring.business,
            "business B": other.business,
            "vendor A": hiring.owner(vendor),
            "vendor B": other.owner(other_vendor),
            "admin": client.admin(),
        },
    )


def outcome(payload: dict[str, Any]) -> str:
    return "ok" if not payload["userErrors"] else codes(payload)[0]


@pytest.mark.parametrize(
    ("who", "expected", "direction"),
    [
        ("anonymous", "UNAUTHENTICATED", None),
        ("business A", "ok", "BUSINESS_TO_VENDOR"),
        ("business B", "NOT_FOUND", None),
        ("vendor A", "ok", "VENDOR_TO_BUSINESS"),
        ("vendor B", "NOT_FOUND", None),
        ("admin", "FORBIDDEN", None),
    ],
)
def test_submit_review(scene: Scene, who: str, expected: str, direction: str | None) -> None:
    account = scene.accounts[who]
    if account is None:
        variables = {
            "input": {
                "engagementId": scene.engagement_id,
                "quality": 5,
                "communication": 5,
                "timeliness": 5,
                "value": 5,
            }
        }
        payload = scene.hiring.client.execute(SUBMIT_REVIEW, variables)["submitReview"]
    else:
        payload = scene.hiring.review(account, scene.engagement_id)
    assert outcome(payload) == expected
    if direction is None:
        assert payload["review"] is None
        assert scene.hiring.rating(scene.vendor)["reviews"]["totalCount"] == 0
    else:
        assert payload["review"]["direction"] == direction


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", "UNAUTHENTICATED"),
        ("business A", "FORBIDDEN"),  # its author
        ("business B", "FORBIDDEN"),
        ("vendor A", "ok"),  # the vendor it is about
        ("vendor B", "FORBIDDEN"),
        ("admin", "FORBIDDEN"),
    ],
)
def test_reply_to_a_review_of_the_vendor(scene: Scene, who: str, expected: str) -> None:
    hiring = scene.hiring
    review = hiring.review(hiring.business, scene.engagement_id)["review"]
    payload = hiring.reply(scene.accounts[who], review["id"], "Thanks")
    assert outcome(payload) == expected
    if expected != "ok":
        node = hiring.client.execute(
            "query ($id: ID!) { node(id: $id) { ... on Review { reply } } }", {"id": review["id"]}
        )["node"]
        assert node == {"reply": None}


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", "UNAUTHENTICATED"),
        ("business A", "ok"),  # the business it is about
        ("business B", "FORBIDDEN"),
        ("vendor A", "FORBIDDEN"),  # its author
        ("vendor B", "FORBIDDEN"),
        ("admin", "FORBIDDEN"),
    ],
)
def test_reply_to_a_review_of_the_business(scene: Scene, who: str, expected: str) -> None:
    hiring = scene.hiring
    review = hiring.review(hiring.owner(scene.vendor), scene.engagement_id)["review"]
    assert outcome(hiring.reply(scene.accounts[who], review["id"], "Thanks")) == expected


@pytest.mark.parametrize("who", ROLES)
def test_reviews_are_public(scene: Scene, who: str) -> None:
    hiring = scene.hiring
    review = hiring.review(hiring.business, scene.engagement_id)["review"]
    account = scene.accounts[who]
    node = hiring.client.execute(
        "query ($id: ID!) { node(id: $id) { ... on Review { id counted engagement { id } } } }",
        {"id": review["id"]},
        token=account.token if account else None,
    )["node"]
    assert node["id"] == review["id"] and node["counted"] is True
    # The engagement it reviews stays private to the parties (and admins).
    party = who in {"business A", "vendor A", "admin"}
    assert node["engagement"] == ({"id": scene.engagement_id} if party else None)
