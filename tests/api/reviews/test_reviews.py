"""Reviews: once an engagement is done, the business rates the vendor and the vendor
rates the business, once each; ratings fold in only reviews that can be trusted."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.api.reviews.hiring import REVIEW_NODE, Hiring, codes, scores
from tests.graphql_client import GraphQLClient


@pytest.fixture
def hiring(client: GraphQLClient) -> Hiring:
    return Hiring(client)


def test_new_vendor_has_an_empty_rating_at_the_default_prior(hiring: Hiring) -> None:
    rating = hiring.rating(hiring.vendor())["rating"]
    assert rating["count"] == 0
    assert rating["average"] is None and rating["quality"] is None
    assert Decimal(rating["bayesianAverage"]) == Decimal("3.5")


def test_the_business_reviews_the_vendor_after_the_engagement_completes(hiring: Hiring) -> None:
    vendor = hiring.vendor()
    engagement_id = hiring.completed(vendor)

    payload = hiring.review(
        hiring.business, engagement_id, **scores(5, 4, 3, 4), comment="Solid", onTime=False
    )

    assert payload["userErrors"] == []
    review = payload["review"]
    assert review["direction"] == "BUSINESS_TO_VENDOR"
    assert review["counted"] is True and review["discountReason"] is None
    assert Decimal(review["overall"]) == 4 and review["comment"] == "Solid"
    assert review["vendor"] == {"id": vendor["id"]}
    assert review["engagement"] == {"id": engagement_id}
    after = hiring.rating(vendor)
    rating = after["rating"]
    assert rating["count"] == 1
    assert Decimal(rating["average"]) == 4 and Decimal(rating["quality"]) == 5
    assert (Decimal(rating["timeliness"]), Decimal(rating["value"])) == (3, 4)
    assert Decimal(rating["onTimeRate"]) == 0
    assert after["reviews"]["totalCount"] == 1
    assert after["reviews"]["edges"][0]["node"]["id"] == review["id"]
    node = hiring.client.execute(REVIEW_NODE, {"id": review["id"]})["node"]
    assert node["id"] == review["id"]


def test_the_vendor_reviews_the_business_and_the_business_shows_its_rating(
    hiring: Hiring,
) -> None:
    vendor = hiring.vendor()
    engagement_id = hiring.completed(vendor)
    assert hiring.client_of(engagement_id)["reviewCount"] == 0

    payload = hiring.review(hiring.owner(vendor), engagement_id, **scores(4, 3, 4, 3))

    assert payload["userErrors"] == []
    review = payload["review"]
    assert review["direction"] == "VENDOR_TO_BUSINESS" and review["counted"] is True
    assert review["client"] == {"reviewCount": 1, "averageRating": "3.50"}
    shown = hiring.client_of(engagement_id)
    assert shown["reviewCount"] == 1 and Decimal(shown["averageRating"]) == Decimal("3.5")
    assert shown["reviews"]["edges"][0]["node"]["direction"] == "VENDOR_TO_BUSINESS"
    # A business's rating does not move the vendor's.
    assert hiring.rating(vendor)["rating"]["count"] == 0


def test_each_side_reviews_once(hiring: Hiring) -> None:
    vendor = hiring.vendor()
    engagement_id = hiring.completed(vendor)
    assert hiring.review(hiring.business, engagement_id)["userErrors"] == []
    assert hiring.review(hiring.owner(vendor), engagement_id)["userErrors"] == []

    again = hiring.review(hiring.business, engagement_id, **scores(1, 1, 1, 1))
    vendor_again = hiring.review(hiring.owner(vendor), engagement_id)

    assert codes(again) == ["TAKEN"] and codes(vendor_again) == ["TAKEN"]
    assert again["userErrors"][0]["field"] == ["input", "engagementId"]
    rating = hiring.rating(vendor)["rating"]
    assert rating["count"] == 1 and Decimal(rating["average"]) == 5


def test_an_active_engagement_cannot_be_reviewed(hiring: Hiring) -> None:
    vendor = hiring.vendor()
    engagement = hiring.hire(vendor, milestones=2)
    hiring.deliver(vendor, engagement["milestones"][0]["id"])

    payload = hiring.review(hiring.business, engagement["id"])

    assert codes(payload) == ["INVALID_TRANSITION"]
    assert "ACTIVE" in payload["userErrors"][0]["message"]
    assert hiring.rating(vendor)["reviews"]["totalCount"] == 0


def test_an_engagement_ended_by_one_side_cannot_be_reviewed(hiring: Hiring) -> None:
    from tests.api.engagements.world import END

    vendor = hiring.vendor()
    engagement = hiring.hire(vendor)
    hiring.ok(
        END,
        "endEngagement",
        hiring.business,
        engagementId=engagement["id"],
        reason="Stopped answering.",
        byAgreement=False,
    )
    for account in (hiring.business, hiring.owner(vendor)):
        payload = hiring.review(account, engagement["id"])
        assert codes(payload) == ["INVALID_TRANSITION"]
        assert "without agreement" in payload["userErrors"][0]["message"]


def test_an_engagement_ended_by_agreement_is_reviewed(hiring: Hiring) -> None:
    vendor = hiring.vendor()
    engagement_id = hiring.ended_by_agreement(vendor, deliver=True)
    review = hiring.review(hiring.business, engagement_id)["review"]
    assert review["counted"] is True
    assert hiring.rating(vendor)["rating"]["count"] == 1


def test_no_approved_milestone_means_the_review_does_not_count(hiring: Hiring) -> None:
    vendor = hiring.vendor()
    engagement_id = hiring.ended_by_agreement(vendor)

    business = hiring.review(hiring.business, engagement_id, **scores(5, 5, 5, 5))["review"]
    vendors = hiring.review(hiring.owner(vendor), engagement_id)["review"]

    for review in (business, vendors):
        assert review["counted"] is False
        assert review["discountReason"] == "No milestone of this engagement was approved."
    after = hiring.rating(vendor)
    assert after["rating"]["count"] == 0 and after["rating"]["average"] is None
    # Shown, as such, but not folded in.
    (edge,) = after["reviews"]["edges"]
    assert edge["node"]["counted"] is False and edge["node"]["discountReason"]
    assert after["reviews"]["totalCount"] == 1
    assert hiring.client_of(engagement_id)["reviewCount"] == 0


def test_a_review_between_accounts_of_one_mailbox_does_not_count(client: GraphQLClient) -> None:
    business = client.register("BUSINESS", email="Sam.Owner@gmail.com")
    hiring = Hiring(client, business)
    alias = client.register("VENDOR", email="samowner+agency@googlemail.com")
    vendor = hiring.vendor(alias)

    review = hiring.review(business, hiring.completed(vendor))["review"]

    assert review["counted"] is False
    assert review["discountReason"] == (
        "The business and the vendor accounts appear to share an owner."
    )
    assert hiring.rating(vendor)["rating"]["count"] == 0


def test_accounts_registered_from_one_public_network_share_an_owner(
    client: GraphQLClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Both sign up from one public address (behind a trusted proxy, say).
    monkeypatch.setattr("api.auth.mutations.request_ip", lambda _context: "81.2.69.160")
    hiring = Hiring(client)
    vendor = hiring.vendor()
    monkeypatch.undo()

    review = hiring.review(hiring.business, hiring.completed(vendor))["review"]

    assert review["counted"] is False
    assert hiring.rating(vendor)["rating"]["count"] == 0


def test_private_and_loopback_networks_say_nothing_about_owners(
    client: GraphQLClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An office NAT or a test harness: many owners behind one address.
    monkeypatch.setattr("api.auth.mutations.request_ip", lambda _context: "10.0.0.7")
    hiring = Hiring(client)
    vendor = hiring.vendor()
    monkeypatch.undo()

    review = hiring.review(hiring.business, hiring.completed(vendor))["review"]

    assert review["counted"] is True


def test_the_five_call_attack_earns_no_rating(client: GraphQLClient) -> None:
    """The issue's attack: register a business and a vendor, post, award yourself, accept,
    review. Accepting is no delivery: the review is refused; ending by agreement (both
    accounts are the attacker's) gives a review that does not count."""
    business = client.register("BUSINESS", email="mallory@gmail.com")
    hiring = Hiring(client, business)
    vendor = hiring.vendor(client.register("VENDOR", email="m.allory+shop@gmail.com"))
    engagement = hiring.hire(vendor)

    refused = hiring.review(business, engagement["id"])
    assert codes(refused) == ["INVALID_TRANSITION"]

    ended = hiring.ended_by_agreement(vendor)
    quick = hiring.review(business, ended)["review"]
    assert quick["counted"] is False

    delivered = hiring.completed(vendor)
    patient = hiring.review(business, delivered)["review"]
    assert patient["counted"] is False  # one mailbox: still not counted
    rating = hiring.rating(vendor)["rating"]
    assert rating["count"] == 0 and Decimal(rating["bayesianAverage"]) == Decimal("3.5")


def test_averages_span_every_counted_review_per_dimension(hiring: Hiring) -> None:
    vendor = hiring.vendor()
    hiring.hire_and_review(vendor, **scores(5, 5, 4, 4))
    hiring.hire_and_review(vendor, **scores(4, 2, 4, 3))

    rating = hiring.rating(vendor)["rating"]
    assert rating["count"] == 2
    assert Decimal(rating["average"]) == Decimal("3.88")  # (4.5 + 3.25) / 2, rounded
    assert Decimal(rating["quality"]) == Decimal("4.5")
    assert Decimal(rating["communication"]) == Decimal("3.5")


def test_bayesian_average_pulls_few_reviews_towards_the_marketplace_mean(hiring: Hiring) -> None:
    star, weak = hiring.vendor(), hiring.vendor()
    hiring.hire_and_review(star, **scores(5, 5, 5, 5))
    hiring.hire_and_review(weak, **scores(2, 2, 2, 2))
    # A discounted review moves neither the vendor nor the marketplace mean.
    hiring.review(hiring.business, hiring.ended_by_agreement(weak), **scores(1, 1, 1, 1))

    assert Decimal(hiring.rating(star)["rating"]["bayesianAverage"]) == Decimal("3.64")
    assert Decimal(hiring.rating(weak)["rating"]["bayesianAverage"]) == Decimal("3.36")


def test_out_of_range_scores_name_each_field_and_write_nothing(hiring: Hiring) -> None:
    vendor = hiring.vendor()
    engagement_id = hiring.completed(vendor)

    payload = hiring.review(
        hiring.business, engagement_id, **scores(0, 6, 3, 3), comment="x" * 4001
    )

    assert payload["review"] is None
    assert {tuple(e["field"]) for e in payload["userErrors"]} == {
        ("input", "quality"),
        ("input", "communication"),
        ("input", "comment"),
    }
    assert hiring.rating(vendor)["reviews"]["totalCount"] == 0
    assert hiring.review(hiring.business, engagement_id)["userErrors"] == []


def test_the_reviewed_party_replies_once_in_public(hiring: Hiring) -> None:
    vendor = hiring.vendor()
    engagement_id = hiring.completed(vendor)
    about_vendor = hiring.review(hiring.business, engagement_id)["review"]
    about_business = hiring.review(hiring.owner(vendor), engagement_id)["review"]

    answered = hiring.reply(hiring.owner(vendor), about_vendor["id"], "  Thank you!  ")
    assert answered["userErrors"] == []
    assert answered["review"]["reply"] == "Thank you!"
    assert answered["review"]["repliedAt"] is not None
    public = hiring.client.execute(REVIEW_NODE, {"id": about_vendor["id"]})["node"]
    assert public["reply"] == "Thank you!"

    again = hiring.reply(hiring.owner(vendor), about_vendor["id"], "And again")
    assert codes(again) == ["INVALID_TRANSITION"]
    # The author does not reply to its own review; the business replies to the vendor's.
    assert codes(hiring.reply(hiring.business, about_vendor["id"], "Me too")) == ["FORBIDDEN"]
    assert hiring.reply(hiring.business, about_business["id"], "Likewise")["userErrors"] == []
    blank = hiring.reply(hiring.owner(vendor), about_business["id"], "   ")
    assert blank["userErrors"][0]["field"] == ["input", "reply"]


def test_the_reviewed_party_is_notified(client: GraphQLClient) -> None:
    from tests.api.engagements.world import NOTIFICATIONS

    hiring = Hiring(client)
    vendor = hiring.vendor()
    engagement_id = hiring.completed(vendor)
    review = hiring.review(hiring.business, engagement_id, **scores(4, 4, 4, 4))["review"]
    hiring.review(hiring.owner(vendor), engagement_id)

    def received(token: str) -> list[dict[str, object]]:
        edges = client.execute(NOTIFICATIONS, token=token)["notifications"]["edges"]
        return [e["node"] for e in edges if e["node"]["kind"] == "REVIEW_RECEIVED"]

    (to_vendor,) = received(hiring.owner(vendor).token)
    assert to_vendor["subjectType"] == "Review"
    assert to_vendor["subject"] == {"__typename": "Review"}
    assert to_vendor["summary"] == "Your client reviewed your work (4.0/5)"
    (to_business,) = received(hiring.business.token)
    assert to_business["summary"] == f"{vendor['name']} reviewed you (5.0/5)"
    assert review["id"]
