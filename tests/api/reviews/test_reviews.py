"""Reviews: the hiring business rates its vendor once per award the vendor accepted."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from tests.graphql_client import RESPOND_TO_AWARD, UPDATE_PROJECT, Account, GraphQLClient

AWARD = """
mutation ($input: AwardProjectRequestInput!) {
  awardProjectRequest(input: $input) { projectRequest { status } userErrors { code } }
}
"""
SUBMIT_REVIEW = """
mutation ($input: SubmitReviewInput!) {
  submitReview(input: $input) {
    review { id quality communication timeliness value overall comment vendor { id } }
    userErrors { field message code }
  }
}
"""
RATING = """
query ($id: ID!) {
  vendor(id: $id) {
    rating {
      count average quality communication timeliness value onTimeRate bayesianAverage
    }
    reviews(first: 10) { totalCount edges { node { id overall } } }
  }
}
"""
REVIEW_NODE = "query ($id: ID!) { node(id: $id) { ... on Review { id overall } } }"


def scores(quality: int, communication: int, timeliness: int, value: int) -> dict[str, int]:
    return {
        "quality": quality,
        "communication": communication,
        "timeliness": timeliness,
        "value": value,
    }


class Hiring:
    """A business that posts, awards and reviews; vendors to hire, who accept or decline."""

    def __init__(self, client: GraphQLClient, business: Account | None = None) -> None:
        self.client = client
        self.business: Account = business or client.register("BUSINESS")
        self.owners: dict[str, Account] = {}

    def vendor(self) -> dict[str, Any]:
        owner = self.client.register("VENDOR")
        vendor = self.client.create_vendor(owner)
        self.owners[vendor["id"]] = owner
        return vendor

    def award(self, project_id: str, vendor: dict[str, Any]) -> None:
        variables = {"input": {"id": project_id, "vendorId": vendor["id"]}}
        payload = self.client.execute(AWARD, variables, token=self.business.token)
        assert payload["awardProjectRequest"]["userErrors"] == []

    def respond(
        self, project_id: str, vendor: dict[str, Any], *, accept: bool = True
    ) -> dict[str, Any]:
        """The vendor's owner accepts (or declines) the award."""
        variables = {"input": {"projectRequestId": project_id, "accept": accept}}
        token = self.owners[vendor["id"]].token
        return self.client.execute(RESPOND_TO_AWARD, variables, token=token)["respondToAward"]

    def awarded_request(self, vendor: dict[str, Any], *, accepted: bool = True) -> str:
        """A new request awarded to `vendor`, who accepted it unless `accepted=False`."""
        project_id = self.client.post_project(self.business, publish=True)["id"]
        self.award(project_id, vendor)
        if accepted:
            payload = self.respond(project_id, vendor)
            assert payload["userErrors"] == [], payload
        return project_id

    def review(self, project_id: str, **fields: Any) -> dict[str, Any]:
        variables = {"input": {"projectRequestId": project_id, **fields}}
        data = self.client.execute(SUBMIT_REVIEW, variables, token=self.business.token)
        return data["submitReview"]

    def hire_and_review(self, vendor: dict[str, Any], **fields: Any) -> dict[str, Any]:
        payload = self.review(self.awarded_request(vendor), **fields)
        assert payload["userErrors"] == [], payload
        return payload["review"]

    def rating(self, vendor: dict[str, Any]) -> dict[str, Any]:
        return self.client.execute(RATING, {"id": vendor["id"]})["vendor"]


@pytest.fixture
def hiring(client: GraphQLClient) -> Hiring:
    return Hiring(client)


def test_new_vendor_has_an_empty_rating_at_the_default_prior(hiring: Hiring) -> None:
    vendor = hiring.vendor()

    rating = hiring.rating(vendor)["rating"]

    assert rating["count"] == 0
    assert rating["average"] is None
    assert rating["quality"] is None
    assert Decimal(rating["bayesianAverage"]) == Decimal("3.5")


def test_review_updates_the_vendor_rating_summary(hiring: Hiring) -> None:
    # given
    vendor = hiring.vendor()
    project_id = hiring.awarded_request(vendor)

    # when
    payload = hiring.review(project_id, **scores(5, 4, 3, 4), comment="Solid work", onTime=False)

    # then
    assert payload["userErrors"] == []
    review = payload["review"]
    assert Decimal(review["overall"]) == Decimal("4")
    assert review["comment"] == "Solid work"
    assert review["vendor"] == {"id": vendor["id"]}
    after = hiring.rating(vendor)
    rating = after["rating"]
    assert rating["count"] == 1
    assert {k: Decimal(rating[k]) for k in ("average", "quality", "communication")} == {
        "average": Decimal(4),
        "quality": Decimal(5),
        "communication": Decimal(4),
    }
    assert (Decimal(rating["timeliness"]), Decimal(rating["value"])) == (3, 4)
    assert Decimal(rating["onTimeRate"]) == 0
    assert after["reviews"]["totalCount"] == 1
    assert after["reviews"]["edges"][0]["node"]["id"] == review["id"]
    node = hiring.client.execute(REVIEW_NODE, {"id": review["id"]})["node"]
    assert node["id"] == review["id"]


def test_averages_span_every_review_per_dimension(hiring: Hiring) -> None:
    vendor = hiring.vendor()

    hiring.hire_and_review(vendor, **scores(5, 5, 4, 4))
    hiring.hire_and_review(vendor, **scores(4, 2, 4, 3))

    rating = hiring.rating(vendor)["rating"]
    assert rating["count"] == 2
    assert Decimal(rating["average"]) == Decimal("3.88")  # (4.5 + 3.25) / 2, rounded
    assert Decimal(rating["quality"]) == Decimal("4.5")
    assert Decimal(rating["communication"]) == Decimal("3.5")
    assert Decimal(rating["timeliness"]) == Decimal(4)
    assert Decimal(rating["value"]) == Decimal("3.5")


def test_bayesian_average_pulls_few_reviews_towards_the_marketplace_mean(hiring: Hiring) -> None:
    # given one vendor rated 5 and another rated 2, once each: the marketplace mean is 3.5
    star = hiring.vendor()
    weak = hiring.vendor()
    hiring.hire_and_review(star, **scores(5, 5, 5, 5))
    hiring.hire_and_review(weak, **scores(2, 2, 2, 2))

    # when
    star_rating = hiring.rating(star)["rating"]
    weak_rating = hiring.rating(weak)["rating"]

    # then each is pulled most of the way to 3.5: (10 * 3.5 + score) / 11
    assert Decimal(star_rating["average"]) == 5
    assert Decimal(star_rating["bayesianAverage"]) == Decimal("3.64")
    assert Decimal(weak_rating["average"]) == 2
    assert Decimal(weak_rating["bayesianAverage"]) == Decimal("3.36")

    # and more reviews move the star away from the prior, towards its own average
    hiring.hire_and_review(star, **scores(5, 5, 5, 5))
    star_later = Decimal(hiring.rating(star)["rating"]["bayesianAverage"])
    assert star_later == Decimal("4.17")  # prior (5 + 5 + 2) / 3 = 4; (40 + 10) / 12


def test_second_review_for_the_same_request_is_taken(hiring: Hiring) -> None:
    # given
    vendor = hiring.vendor()
    project_id = hiring.awarded_request(vendor)
    assert hiring.review(project_id, **scores(5, 5, 5, 5))["userErrors"] == []
    before = hiring.rating(vendor)

    # when
    payload = hiring.review(project_id, **scores(1, 1, 1, 1))

    # then
    assert payload["review"] is None
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [
        (["input", "projectRequestId"], "TAKEN")
    ]
    assert hiring.rating(vendor) == before


def test_a_closed_request_can_still_be_reviewed(hiring: Hiring) -> None:
    vendor = hiring.vendor()
    project_id = hiring.awarded_request(vendor)
    variables = {"input": {"id": project_id, "status": "CLOSED"}}
    closed = hiring.client.execute(UPDATE_PROJECT, variables, token=hiring.business.token)
    assert closed["updateProjectRequest"]["userErrors"] == []

    payload = hiring.review(project_id, **scores(4, 4, 4, 4))

    assert payload["userErrors"] == []
    assert hiring.rating(vendor)["rating"]["count"] == 1


@pytest.mark.parametrize("publish", [False, True], ids=["draft", "open"])
def test_request_cannot_be_reviewed_before_it_is_awarded(hiring: Hiring, publish: bool) -> None:
    # given
    vendor = hiring.vendor()
    project_id = hiring.client.post_project(hiring.business, publish=publish)["id"]

    # when
    payload = hiring.review(project_id, **scores(5, 5, 5, 5))

    # then
    assert payload["review"] is None
    assert [e["code"] for e in payload["userErrors"]] == ["INVALID_TRANSITION"]
    assert hiring.rating(vendor)["rating"]["count"] == 0


def test_out_of_range_scores_name_each_field_and_write_nothing(hiring: Hiring) -> None:
    # given
    vendor = hiring.vendor()
    project_id = hiring.awarded_request(vendor)

    # when
    payload = hiring.review(project_id, **scores(0, 6, 3, 3))

    # then
    assert payload["review"] is None
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [
        (["input", "quality"], "OUT_OF_RANGE"),
        (["input", "communication"], "OUT_OF_RANGE"),
    ]
    assert hiring.rating(vendor)["rating"]["count"] == 0
    assert hiring.review(project_id, **scores(3, 3, 3, 3))["userErrors"] == []


def test_review_before_the_vendor_accepts_is_refused_and_writes_nothing(hiring: Hiring) -> None:
    # given an award the vendor has not answered yet
    vendor = hiring.vendor()
    project_id = hiring.awarded_request(vendor, accepted=False)
    before = hiring.rating(vendor)

    # when
    payload = hiring.review(project_id, **scores(5, 5, 5, 5))

    # then
    assert payload["review"] is None
    assert payload["userErrors"] == [
        {
            "field": ["input", "projectRequestId"],
            "message": "The vendor has not accepted this award yet.",
            "code": "INVALID_TRANSITION",
        }
    ]
    assert hiring.rating(vendor) == before

    # and once the vendor accepts, the same review goes through
    assert hiring.respond(project_id, vendor)["userErrors"] == []
    assert hiring.review(project_id, **scores(5, 5, 5, 5))["userErrors"] == []
    assert hiring.rating(vendor)["rating"]["count"] == 1


def test_a_business_cannot_review_bomb_a_vendor_that_never_worked_for_it(
    client: GraphQLClient,
) -> None:
    # given a competitor with a good review from a real, accepted hire
    honest = Hiring(client)
    competitor = honest.vendor()
    honest.hire_and_review(competitor, **scores(5, 5, 5, 5))
    before = honest.rating(competitor)

    # when freshly registered businesses each post, publish and award the competitor
    # (who never agrees) and try to leave one-star reviews
    attempts = []
    for _ in range(3):
        attacker = Hiring(client)
        project_id = attacker.awarded_request(competitor, accepted=False)
        attempts.append(attacker.review(project_id, **scores(1, 1, 1, 1), comment="Awful"))

    # then every attempt is refused and the competitor's rating is untouched
    assert all(a["review"] is None for a in attempts)
    assert all([e["code"] for e in a["userErrors"]] == ["INVALID_TRANSITION"] for a in attempts)
    assert honest.rating(competitor) == before
    assert Decimal(before["rating"]["average"]) == 5


def test_a_declined_award_cannot_be_reviewed_and_another_vendor_can_be_hired(
    hiring: Hiring,
) -> None:
    # given the first vendor declines
    declined, hired = hiring.vendor(), hiring.vendor()
    project_id = hiring.awarded_request(declined, accepted=False)
    assert hiring.respond(project_id, declined, accept=False)["userErrors"] == []

    # when the business reviews anyway, then awards and is accepted by another vendor
    refused = hiring.review(project_id, **scores(1, 1, 1, 1))
    hiring.award(project_id, hired)
    assert hiring.respond(project_id, hired)["userErrors"] == []
    accepted = hiring.review(project_id, **scores(4, 4, 4, 4))

    # then only the vendor that accepted is reviewed
    assert [e["code"] for e in refused["userErrors"]] == ["INVALID_TRANSITION"]
    assert accepted["userErrors"] == []
    assert accepted["review"]["vendor"] == {"id": hired["id"]}
    assert hiring.rating(declined)["rating"]["count"] == 0
    assert hiring.rating(hired)["rating"]["count"] == 1
