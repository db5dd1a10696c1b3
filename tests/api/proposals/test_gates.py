"""What a vendor must have before it proposes: an invitation to an INVITE_ONLY request,
the NDA accepted, and every required screening question answered."""

from __future__ import annotations

from typing import Any

from tests.api.proposals.market import Market, codes, fields_of
from tests.graphql_client import USER_ERRORS, GraphQLClient

INVITE = f"""
mutation ($input: InviteVendorInput!) {{
  inviteVendor(input: $input) {{ invitation {{ id }} {USER_ERRORS} }}
}}
"""
REVOKE = f"""
mutation ($input: RevokeInvitationInput!) {{
  revokeInvitation(input: $input) {{ invitation {{ status }} {USER_ERRORS} }}
}}
"""
ACCEPT_NDA = f"""
mutation ($input: AcceptNdaInput!) {{
  acceptNda(input: $input) {{ projectRequest {{ id }} {USER_ERRORS} }}
}}
"""
NDA = {
    "ndaRequired": True,
    "ndaText": "Everything about this project stays between us.",
    "summary": "A dashboard for a payments company.",
}
QUESTIONS = [
    {"question": "Which payment APIs have you integrated?", "required": True},
    {"question": "Can you share a reference?", "required": False},
    {"question": "Who would lead the project?", "required": True},
]


def invite(market: Market, vendor: dict[str, Any]) -> str:
    payload = market.run(
        INVITE,
        "inviteVendor",
        market.business_a.token,
        projectRequestId=market.project["id"],
        vendorId=vendor["id"],
    )
    assert payload["userErrors"] == [], payload["userErrors"]
    invitation_id: str = payload["invitation"]["id"]
    return invitation_id


def test_invite_only_requests_take_proposals_from_invited_vendors_only(
    client: GraphQLClient,
) -> None:
    market = Market(client, visibility="INVITE_ONLY")
    assert codes(market.submit()) == ["NOT_FOUND"]
    invitation = invite(market, market.vendor_a)
    assert market.submit()["userErrors"] == []
    other = market.submit(token=market.vendor_b_owner.token, vendor=market.vendor_b)
    assert codes(other) == ["NOT_FOUND"]
    assert fields_of(other) == [["input", "projectRequestId"]]
    # A revoked invitation admits no further proposals (the first one stays).
    revoked = market.run(
        REVOKE, "revokeInvitation", market.business_a.token, invitationId=invitation
    )
    assert revoked["userErrors"] == []
    proposals = market.compare()
    assert proposals is not None and proposals["totalCount"] == 1
    proposal_id = proposals["edges"][0]["node"]["id"]
    assert market.withdraw(proposal_id)["userErrors"] == []
    assert codes(market.submit()) == ["NOT_FOUND"]


def test_an_nda_must_be_accepted_before_proposing(client: GraphQLClient) -> None:
    market = Market(client, **NDA)
    refused = market.submit()
    assert codes(refused) == ["FORBIDDEN"]
    assert "NDA" in refused["userErrors"][0]["message"]
    assert market.compare()["totalCount"] == 0  # type: ignore[index]
    accepted = market.run(
        ACCEPT_NDA, "acceptNda", market.vendor_a_owner.token, projectRequestId=market.project["id"]
    )
    assert accepted["userErrors"] == []
    assert market.submit()["userErrors"] == []
    # Vendor B has not accepted it.
    other = market.submit(token=market.vendor_b_owner.token, vendor=market.vendor_b)
    assert codes(other) == ["FORBIDDEN"]


def test_required_screening_questions_must_be_answered(client: GraphQLClient) -> None:
    market = Market(client, screeningQuestions=QUESTIONS)
    payload = market.submit(answers=["Stripe and Adyen"])
    assert fields_of(payload) == [["input", "answers", "2"]]
    assert codes(payload) == ["REQUIRED"]
    payload = market.submit(answers=["Stripe and Adyen", "x" * 2001, "Ana"])
    assert fields_of(payload) == [["input", "answers", "1"]]
    assert codes(payload) == ["TOO_LONG"]
    payload = market.submit(answers=["a", "b", "c", "d"])
    assert codes(payload) == ["TOO_MANY"]
    proposal = market.proposal(answers=["Stripe and Adyen", "", "Ana, our tech lead"])
    assert proposal["answers"] == [
        {
            "position": 0,
            "question": QUESTIONS[0]["question"],
            "required": True,
            "answer": "Stripe and Adyen",
        },
        {"position": 1, "question": QUESTIONS[1]["question"], "required": False, "answer": None},
        {
            "position": 2,
            "question": QUESTIONS[2]["question"],
            "required": True,
            "answer": "Ana, our tech lead",
        },
    ]
    # A revision that leaves the answers out keeps them; one that drops a required one
    # is refused.
    assert market.revise(proposal["id"], approach="New plan")["userErrors"] == []
    payload = market.revise(proposal["id"], answers=["Stripe only"])
    assert fields_of(payload) == [["input", "answers", "2"]]


def test_the_comparison_pairs_answers_with_questions(client: GraphQLClient) -> None:
    market = Market(client, screeningQuestions=QUESTIONS)
    market.proposal(answers=["Stripe", "", "Ana"])
    comparison = market.compare()
    assert comparison is not None
    answers = comparison["edges"][0]["node"]["answers"]
    assert [a["answer"] for a in answers] == ["Stripe", None, "Ana"]
