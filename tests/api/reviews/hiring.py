"""Steps the review tests share: hire a vendor through an award it accepts, run the
engagement to its end, and review over GraphQL."""

from __future__ import annotations

from typing import Any

from tests.api.engagements.world import (
    AWARD,
    END,
    MILESTONE_MUTATIONS,
    RESPOND,
    milestone,
)
from tests.graphql_client import USER_ERRORS, Account, GraphQLClient, scope_input

REVIEW_FIELDS = """
id direction counted discountReason quality communication timeliness value overall comment
reply repliedAt vendor { id } client { reviewCount averageRating } engagement { id }
"""
SUBMIT_REVIEW = f"""
mutation ($input: SubmitReviewInput!) {{
  submitReview(input: $input) {{ review {{ {REVIEW_FIELDS} }} {USER_ERRORS} }}
}}
"""
REPLY = f"""
mutation ($input: ReplyToReviewInput!) {{
  replyToReview(input: $input) {{ review {{ {REVIEW_FIELDS} }} {USER_ERRORS} }}
}}
"""
RATING = """
query ($id: ID!) {
  vendor(id: $id) {
    rating {
      count average quality communication timeliness value onTimeRate bayesianAverage
    }
    reviews(first: 10) { totalCount edges { node { id overall counted discountReason } } }
  }
}
"""
CLIENT = """
query ($id: ID!) {
  projectRequest(id: $id) {
    client {
      reviewCount averageRating
      reviews(first: 10) { totalCount edges { node { id direction counted } } }
    }
  }
}
"""
REVIEW_NODE = "query ($id: ID!) { node(id: $id) { ... on Review { id overall reply } } }"


def scores(quality: int, communication: int, timeliness: int, value: int) -> dict[str, int]:
    return {
        "quality": quality,
        "communication": communication,
        "timeliness": timeliness,
        "value": value,
    }


class Hiring:
    """A business that hires vendors through awards; each vendor's owner accepts and
    delivers, and the business approves."""

    def __init__(self, client: GraphQLClient, business: Account | None = None) -> None:
        self.client = client
        self.business: Account = business or client.register("BUSINESS")
        self.owners: dict[str, Account] = {}
        self.projects: dict[str, str] = {}

    def vendor(self, owner: Account | None = None) -> dict[str, Any]:
        owner = owner or self.client.register("VENDOR")
        vendor = self.client.create_vendor(owner)
        self.owners[vendor["id"]] = owner
        return vendor

    def owner(self, vendor: dict[str, Any]) -> Account:
        return self.owners[vendor["id"]]

    def ok(self, query: str, name: str, account: Account, **fields: Any) -> dict[str, Any]:
        data = self.client.execute(query, {"input": fields}, token=account.token)
        payload: dict[str, Any] = data[name]
        assert payload["userErrors"] == [], payload["userErrors"]
        return payload

    def hire(self, vendor: dict[str, Any], milestones: int = 1) -> dict[str, Any]:
        """An ACTIVE engagement: a published request awarded to `vendor`, accepted."""
        project = self.client.post_project(self.business, **scope_input(publish=True))
        self.ok(
            AWARD, "awardProjectRequest", self.business, id=project["id"], vendorId=vendor["id"]
        )
        engagement: dict[str, Any] = self.ok(
            RESPOND,
            "respondToAward",
            self.owner(vendor),
            projectRequestId=project["id"],
            accept=True,
            milestones=[milestone(f"Part {n}", "5000.00", 30 + n) for n in range(milestones)],
        )["engagement"]
        self.projects[engagement["id"]] = project["id"]
        return engagement

    def awarded_request(self, vendor: dict[str, Any], *, accepted: bool = True) -> str:
        """A published request awarded to `vendor` (and accepted unless `accepted=False`)."""
        project = self.client.post_project(self.business, **scope_input(publish=True))
        self.ok(
            AWARD, "awardProjectRequest", self.business, id=project["id"], vendorId=vendor["id"]
        )
        if accepted:
            assert self.respond(project["id"], vendor)["userErrors"] == []
        return str(project["id"])

    def respond(
        self, project_id: str, vendor: dict[str, Any], *, accept: bool = True
    ) -> dict[str, Any]:
        """The respondToAward payload of `vendor`'s owner."""
        variables = {"input": {"projectRequestId": project_id, "accept": accept}}
        data = self.client.execute(RESPOND, variables, token=self.owner(vendor).token)
        payload: dict[str, Any] = data["respondToAward"]
        return payload

    def deliver(self, vendor: dict[str, Any], milestone_id: str) -> None:
        owner = self.owner(vendor)
        for name, account, extra in [
            ("startMilestone", owner, {}),
            ("submitMilestone", owner, {"note": "Done: see staging."}),
            ("approveMilestone", self.business, {}),
        ]:
            self.ok(MILESTONE_MUTATIONS[name], name, account, milestoneId=milestone_id, **extra)

    def completed(self, vendor: dict[str, Any]) -> str:
        """A COMPLETED engagement with `vendor`: every milestone approved."""
        engagement = self.hire(vendor)
        for item in engagement["milestones"]:
            self.deliver(vendor, item["id"])
        return str(engagement["id"])

    def ended_by_agreement(self, vendor: dict[str, Any], *, deliver: bool = False) -> str:
        """An engagement both sides agreed to end (after approving one milestone of two
        when `deliver`)."""
        engagement = self.hire(vendor, milestones=2)
        if deliver:
            self.deliver(vendor, engagement["milestones"][0]["id"])
        for account in (self.business, self.owner(vendor)):
            self.ok(END, "endEngagement", account, engagementId=engagement["id"], reason="Done.")
        return str(engagement["id"])

    def review(self, account: Account, engagement_id: str, **fields: Any) -> dict[str, Any]:
        fields = {**scores(5, 5, 5, 5), **fields}
        variables = {"input": {"engagementId": engagement_id, **fields}}
        payload: dict[str, Any] = self.client.execute(
            SUBMIT_REVIEW, variables, token=account.token
        )["submitReview"]
        return payload

    def hire_and_review(self, vendor: dict[str, Any], **fields: Any) -> dict[str, Any]:
        payload = self.review(self.business, self.completed(vendor), **fields)
        assert payload["userErrors"] == [], payload
        review: dict[str, Any] = payload["review"]
        return review

    def reply(self, account: Account | None, review_id: str, text: str) -> dict[str, Any]:
        variables = {"input": {"reviewId": review_id, "reply": text}}
        token = account.token if account else None
        payload: dict[str, Any] = self.client.execute(REPLY, variables, token=token)[
            "replyToReview"
        ]
        return payload

    def rating(self, vendor: dict[str, Any]) -> dict[str, Any]:
        data: dict[str, Any] = self.client.execute(RATING, {"id": vendor["id"]})["vendor"]
        return data

    def client_of(self, engagement_id: str) -> dict[str, Any]:
        variables = {"id": self.projects[engagement_id]}
        data = self.client.execute(CLIENT, variables, token=self.business.token)
        client: dict[str, Any] = data["projectRequest"]["client"]
        return client


def codes(payload: dict[str, Any]) -> list[str]:
    return [error["code"] for error in payload["userErrors"]]
