"""From request to reviewed work against a served instance, as a business and a vendor run
it: every step over HTTP, and every notification it owes heard over graphql-transport-ws.

One confidential, invite-only request goes through invitation, NDA, proposal, comparison,
messages, hire, milestones, a dispute an admin resolves, and reviews both ways. The
database is the suite's (SQLite or PostgreSQL), so this is the issue's end-to-end check on
both."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date, timedelta
from typing import Any

import httpx2 as httpx
from websockets.asyncio.client import ClientConnection, connect
from websockets.typing import Subprotocol

from tests.graphql_client import scope_input, vendor_input
from tests.served.accounts import Account, create_admin, data, login, post, register
from tests.served.conftest import Server

PROTOCOL = Subprotocol("graphql-transport-ws")
HEAR_WITHIN_SECONDS = 5.0
ERRORS = "userErrors { field message code }"
DESCRIPTION = "Reconcile Stripe payouts and prepare our monthly VAT pre-returns."


def mutate(
    http: httpx.Client, name: str, input_type: str, fields: str, token: str, /, **values: Any
) -> dict[str, Any]:
    """Run one mutation and return its payload, which must carry no userErrors."""
    query = f"mutation ($input: {input_type}!) {{ {name}(input: $input) {{ {fields} {ERRORS} }} }}"
    payload = data(post(http, query, {"input": values}, token))[name]
    assert payload["userErrors"] == [], payload
    return dict(payload)


def query(http: httpx.Client, document: str, token: str, **variables: Any) -> dict[str, Any]:
    return data(post(http, document, variables, token))


class Inbox:
    """One account's `notifications` subscription, read as the events arrive."""

    def __init__(self, socket: ClientConnection) -> None:
        self.socket = socket

    async def hear(self, kind: str) -> dict[str, Any]:
        """The next notification, which must be of `kind`, within a few seconds."""
        while True:
            raw = await asyncio.wait_for(self.socket.recv(), HEAR_WITHIN_SECONDS)
            message = json.loads(raw)
            if message["type"] == "ping":
                await self.socket.send(json.dumps({"type": "pong"}))
                continue
            assert message["type"] == "next", message
            notification = message["payload"]["data"]["notifications"]
            assert notification["kind"] == kind, notification
            return dict(notification)


@asynccontextmanager
async def inbox(server: Server, token: str) -> AsyncIterator[Inbox]:
    headers = {"authorization": f"Bearer {token}"}
    async with connect(
        server.websocket, subprotocols=[PROTOCOL], additional_headers=headers
    ) as socket:
        await socket.send(json.dumps({"type": "connection_init"}))
        assert json.loads(await socket.recv())["type"] == "connection_ack"
        subscription = "subscription { notifications { id kind summary subject { id } } }"
        await socket.send(
            json.dumps({"id": "1", "type": "subscribe", "payload": {"query": subscription}})
        )
        # The subscription is live once the server has registered it; give it a moment.
        await asyncio.sleep(0.5)
        yield Inbox(socket)


def test_a_confidential_request_from_invitation_to_reviews(
    server: Server, http: httpx.Client
) -> None:
    business = register(http, "BUSINESS")
    vendor_owner = register(http, "VENDOR")
    outsider = register(http, "VENDOR")
    made = create_admin(server)
    admin = Account("", made.email, login(http, made.email)["token"])
    vendor_id = create_vendor(http, vendor_owner, "Ledgerline Bookkeeping")
    create_vendor(http, outsider, "Elsewhere Ltd")
    asyncio.run(run_the_workflow(server, http, business, vendor_owner, outsider, admin, vendor_id))


async def run_the_workflow(
    server: Server,
    http: httpx.Client,
    business: Account,
    vendor: Account,
    outsider: Account,
    admin: Account,
    vendor_id: str,
) -> None:
    async with (
        inbox(server, business.token) as business_inbox,
        inbox(server, vendor.token) as vendor_inbox,
    ):
        # 1. A confidential, invite-only request with a screening question.
        request_id = post_confidential_request(http, business)
        seen = "query ($id: ID!) { projectRequest(id: $id) { description summary confidential } }"
        assert query(http, seen, outsider.token, id=request_id)["projectRequest"] is None

        # 2. The invitation, the NDA, and only then the description.
        mutate(
            http,
            "inviteVendor",
            "InviteVendorInput",
            "invitation { id }",
            business.token,
            projectRequestId=request_id,
            vendorId=vendor_id,
            message="Please propose.",
        )
        await vendor_inbox.hear("INVITED")
        before = query(http, seen, vendor.token, id=request_id)["projectRequest"]
        assert before["confidential"] is True and before["description"] != DESCRIPTION
        mutate(
            http,
            "acceptNda",
            "AcceptNdaInput",
            "projectRequest { id }",
            vendor.token,
            projectRequestId=request_id,
            vendorId=vendor_id,
        )
        after = query(http, seen, vendor.token, id=request_id)["projectRequest"]
        assert after["description"] == DESCRIPTION

        # 3. A proposal, compared with the vendor's match factors.
        proposal = mutate(
            http,
            "submitProposal",
            "SubmitProposalInput",
            "proposal { id }",
            vendor.token,
            projectRequestId=request_id,
            vendorId=vendor_id,
            price={"pricing": "FIXED", "amount": "2400", "currency": "EUR"},
            schedule={"endDate": (date.today() + timedelta(days=60)).isoformat()},
            team={"size": 2, "roles": ["Bookkeeper", "Reviewer"]},
            approach="Monthly close by the 5th working day, reviewed by a second bookkeeper.",
            answers=["DATEV and Xero, daily."],
        )["proposal"]
        await business_inbox.hear("PROPOSAL_RECEIVED")
        compared = query(
            http,
            """query ($id: ID!) { proposalsForRequest(projectRequestId: $id) {
                 edges { node { id withinBudget matchFactors { skill cost } } } } }""",
            business.token,
            id=request_id,
        )["proposalsForRequest"]["edges"]
        assert [edge["node"]["id"] for edge in compared] == [proposal["id"]]
        assert compared[0]["node"]["withinBudget"] is True
        assert 0 <= compared[0]["node"]["matchFactors"]["skill"] <= 1

        # 4. A question before hiring, answered: the vendor's response time is measured.
        message_fields = "thread { id } message { id }"
        mutate(
            http,
            "sendMessage",
            "SendMessageInput",
            message_fields,
            business.token,
            projectRequestId=request_id,
            vendorId=vendor_id,
            body="Can you start in May?",
        )
        await vendor_inbox.hear("MESSAGE")
        mutate(
            http,
            "sendMessage",
            "SendMessageInput",
            message_fields,
            vendor.token,
            projectRequestId=request_id,
            vendorId=vendor_id,
            body="Yes, on the 2nd.",
        )
        await business_inbox.hear("MESSAGE")
        measured = query(
            http,
            "query ($id: ID!) { node(id: $id) { "
            "... on Vendor { responseTime { measured samples } } } }",
            business.token,
            id=vendor_id,
        )["node"]["responseTime"]
        assert measured == {"measured": True, "samples": 1}

        # 5. The hire: an engagement with a communication plan and two milestones.
        due = (date.today() + timedelta(days=30)).isoformat()
        engagement = mutate(
            http,
            "acceptProposal",
            "AcceptProposalInput",
            "engagement { id status plan { responseTimeHours channel } milestones { id } }",
            business.token,
            proposalId=proposal["id"],
            plan={
                "cadence": "WEEKLY",
                "weekday": 0,
                "time": "10:00",
                "responseTimeHours": 24,
                "channel": "Shared Slack channel",
                "workingLanguage": "en",
            },
            milestones=[
                {
                    "title": "January close",
                    "amount": "1200",
                    "dueDate": due,
                    "acceptanceCriteria": "Books reconciled; VAT pre-return filed.",
                },
                {
                    "title": "February close",
                    "amount": "1200",
                    "dueDate": due,
                    "acceptanceCriteria": "Books reconciled; VAT pre-return filed.",
                },
            ],
        )["engagement"]
        assert engagement["status"] == "ACTIVE"
        assert engagement["plan"] == {"responseTimeHours": 24, "channel": "Shared Slack channel"}
        await vendor_inbox.hear("ENGAGEMENT_STARTED")
        await business_inbox.hear("ENGAGEMENT_STARTED")
        first, second = (milestone["id"] for milestone in engagement["milestones"])

        # 6. The first milestone delivered and approved.
        await deliver(http, vendor, first, business_inbox)
        mutate(
            http,
            "approveMilestone",
            "ApproveMilestoneInput",
            "milestone { status }",
            business.token,
            milestoneId=first,
        )
        await vendor_inbox.hear("MILESTONE_APPROVED")

        # 7. The second is disputed, and an admin resolves it by approving it.
        await deliver(http, vendor, second, business_inbox)
        dispute = mutate(
            http,
            "openDispute",
            "OpenDisputeInput",
            "dispute { id status }",
            business.token,
            engagementId=engagement["id"],
            milestoneId=second,
            reason="Two payouts are missing from the reconciliation.",
            evidence=["Stripe payout po_123 is not in the ledger"],
        )["dispute"]
        await vendor_inbox.hear("DISPUTE_OPENED")
        state = (
            "query ($id: ID!) { node(id: $id) { "
            "... on Engagement { status health { openDisputes } } } }"
        )
        assert query(http, state, business.token, id=engagement["id"])["node"]["health"] == {
            "openDisputes": 1
        }
        mutate(
            http,
            "resolveDispute",
            "ResolveDisputeInput",
            "dispute { status }",
            admin.token,
            disputeId=dispute["id"],
            resolution="The payouts were booked in March; approved.",
            outcome="APPROVE_MILESTONE",
        )
        await vendor_inbox.hear("DISPUTE_RESOLVED")
        await business_inbox.hear("DISPUTE_RESOLVED")
        assert query(http, state, business.token, id=engagement["id"])["node"]["status"] == (
            "COMPLETED"
        )

        # 8. Reviews both ways, and the vendor's public reply.
        scores = {"quality": 5, "communication": 5, "timeliness": 4, "value": 5}
        review = mutate(
            http,
            "submitReview",
            "SubmitReviewInput",
            "review { id }",
            business.token,
            engagementId=engagement["id"],
            **scores,
            comment="Careful and quick.",
        )["review"]
        await vendor_inbox.hear("REVIEW_RECEIVED")
        mutate(
            http,
            "submitReview",
            "SubmitReviewInput",
            "review { id }",
            vendor.token,
            engagementId=engagement["id"],
            **scores,
            comment="Clear brief.",
        )
        await business_inbox.hear("REVIEW_RECEIVED")
        mutate(
            http,
            "replyToReview",
            "ReplyToReviewInput",
            "review { id }",
            vendor.token,
            reviewId=review["id"],
            reply="Thank you!",
        )

    rated = query(
        http,
        "query ($id: ID!) { node(id: $id) { ... on Vendor { rating { count } } } }",
        business.token,
        id=vendor_id,
    )["node"]
    assert rated["rating"]["count"] == 1


async def deliver(
    http: httpx.Client, vendor: Account, milestone: str, business_inbox: Inbox
) -> None:
    mutate(
        http,
        "startMilestone",
        "StartMilestoneInput",
        "milestone { status }",
        vendor.token,
        milestoneId=milestone,
    )
    await business_inbox.hear("MILESTONE_STARTED")
    mutate(
        http,
        "submitMilestone",
        "SubmitMilestoneInput",
        "milestone { status }",
        vendor.token,
        milestoneId=milestone,
        note="Reconciliation and the VAT file are in the drive.",
    )
    await business_inbox.hear("MILESTONE_SUBMITTED")


def create_vendor(http: httpx.Client, owner: Account, name: str) -> str:
    payload = mutate(
        http,
        "createVendorProfile",
        "CreateVendorProfileInput",
        "vendor { id }",
        owner.token,
        **vendor_input(name=name),
    )
    return str(payload["vendor"]["id"])


def post_confidential_request(http: httpx.Client, business: Account) -> str:
    scope = scope_input(
        title="Monthly bookkeeping for a German GmbH",
        description=DESCRIPTION,
        budget={"min": "2000", "max": "3000", "currency": "EUR", "pricing": "FIXED"},
    )
    payload = mutate(
        http,
        "postProjectRequest",
        "PostProjectRequestInput",
        "projectRequest { id }",
        business.token,
        **scope,
        publish=True,
        visibility="INVITE_ONLY",
        ndaRequired=True,
        ndaText="Keep every figure confidential.",
        summary="Bookkeeping for a retailer.",
        screeningQuestions=[{"question": "Which accounting tools do you use?"}],
    )
    return str(payload["projectRequest"]["id"])


def test_an_award_withdrawn_given_again_changed_and_ended_by_agreement(
    server: Server, http: httpx.Client
) -> None:
    """The other road to a hire, and the work's other turns: shortlist, award, withdraw,
    award again; the vendor accepts; a change both sides agree to; a check-in; and an end
    both sides ask for."""
    business = register(http, "BUSINESS")
    first, second = register(http, "VENDOR"), register(http, "VENDOR")
    first_id = create_vendor(http, first, "First Choice Support")
    second_id = create_vendor(http, second, "Second Choice Support")
    asyncio.run(award_change_and_end(server, http, business, first, second, first_id, second_id))


async def award_change_and_end(
    server: Server,
    http: httpx.Client,
    business: Account,
    first: Account,
    second: Account,
    first_id: str,
    second_id: str,
) -> None:
    scope = scope_input(title="Weekday support desk in English and German")
    request_id = mutate(
        http,
        "postProjectRequest",
        "PostProjectRequestInput",
        "projectRequest { id }",
        business.token,
        **scope,
        publish=True,
    )["projectRequest"]["id"]
    for vendor_id in (first_id, second_id):
        mutate(
            http,
            "shortlistVendor",
            "ShortlistVendorInput",
            "projectRequest { id }",
            business.token,
            projectRequestId=request_id,
            vendorId=vendor_id,
        )
    async with (
        inbox(server, first.token) as first_inbox,
        inbox(server, second.token) as second_inbox,
        inbox(server, business.token) as business_inbox,
    ):
        award = "projectRequest { status awardExpiresAt }"
        awarded = mutate(
            http,
            "awardProjectRequest",
            "AwardProjectRequestInput",
            award,
            business.token,
            id=request_id,
            vendorId=first_id,
        )
        assert awarded["projectRequest"]["status"] == "AWARDED"
        assert awarded["projectRequest"]["awardExpiresAt"]
        await first_inbox.hear("AWARDED")
        mutate(
            http,
            "withdrawAward",
            "WithdrawAwardInput",
            "projectRequest { status }",
            business.token,
            projectRequestId=request_id,
            reason="Budget moved.",
        )
        await first_inbox.hear("AWARD_WITHDRAWN")
        mutate(
            http,
            "awardProjectRequest",
            "AwardProjectRequestInput",
            award,
            business.token,
            id=request_id,
            vendorId=second_id,
        )
        await second_inbox.hear("AWARDED")

        engagement = mutate(
            http,
            "respondToAward",
            "RespondToAwardInput",
            "engagement { id milestones { id } }",
            second.token,
            projectRequestId=request_id,
            accept=True,
        )["engagement"]
        await business_inbox.hear("AWARD_ACCEPTED")
        await business_inbox.hear("ENGAGEMENT_STARTED")
        await second_inbox.hear("ENGAGEMENT_STARTED")
        (milestone,) = (m["id"] for m in engagement["milestones"])

        change = mutate(
            http,
            "proposeChange",
            "ProposeChangeInput",
            "changeRequest { id status }",
            second.token,
            engagementId=engagement["id"],
            milestoneId=milestone,
            reason="German tickets need a second agent.",
            changes={"amount": "36000", "title": "Support desk with two German agents"},
        )["changeRequest"]
        await business_inbox.hear("CHANGE_REQUESTED")
        mutate(
            http,
            "respondToChange",
            "RespondToChangeInput",
            "changeRequest { status }",
            business.token,
            changeRequestId=change["id"],
            accept=True,
        )
        await second_inbox.hear("CHANGE_ACCEPTED")
        mutate(
            http,
            "recordCheckIn",
            "RecordCheckInInput",
            "checkIn { summary }",
            second.token,
            engagementId=engagement["id"],
            summary="Week one: 212 tickets.",
        )
        await business_inbox.hear("CHECK_IN")

        end = "engagement { status endedByAgreement endRequest { requestedBy } }"
        asked = mutate(
            http,
            "endEngagement",
            "EndEngagementInput",
            end,
            business.token,
            engagementId=engagement["id"],
            reason="We are bringing support in-house.",
        )
        assert asked["engagement"]["endRequest"] == {"requestedBy": "BUSINESS"}
        await second_inbox.hear("ENGAGEMENT_ENDED")
        ended = mutate(
            http,
            "endEngagement",
            "EndEngagementInput",
            end,
            second.token,
            engagementId=engagement["id"],
            reason="Agreed.",
        )
        assert ended["engagement"]["status"] == "ENDED"
        assert ended["engagement"]["endedByAgreement"] is True

    terms = query(
        http,
        "query ($id: ID!) { engagement(id: $id) { milestones { title amount { amount } } } }",
        business.token,
        id=engagement["id"],
    )["engagement"]["milestones"]
    assert terms == [
        {"title": "Support desk with two German agents", "amount": {"amount": "36000.00"}}
    ]
