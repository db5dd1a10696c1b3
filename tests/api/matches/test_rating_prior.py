"""The matcher shrinks ratings towards the same marketplace prior the vendor profile
shows, and follows it as reviews arrive."""

from __future__ import annotations

from decimal import Decimal

from api.matches.index_cache import IndexCache
from api.reviews.rating import RatingPrior
from tests.api.matches.test_matches import MATCH
from tests.api.reviews.hiring import Hiring, scores
from tests.graphql_client import GraphQLClient, scope_input


def index_prior(client: GraphQLClient) -> float:
    """The prior of this worker's index, after a match brought it up to date."""
    client.execute(MATCH, {"scope": scope_input()})
    runtime = client.http.app.state.vendormatch  # type: ignore[attr-defined]
    index = runtime.resource(IndexCache)._index
    assert index is not None
    return float(index.rating_prior.mean)


def shown_prior(hiring: Hiring, vendor: dict[str, object]) -> Decimal:
    """The prior mean behind a vendor's shown bayesianAverage (weight 10, as documented)."""
    rating = hiring.rating(vendor)["rating"]
    count = rating["count"]
    total = Decimal(rating["average"] or 0) * count
    # bayesianAverage = (10 * prior + total) / (10 + count), rounded to cents.
    return (Decimal(rating["bayesianAverage"]) * (10 + count) - total) / 10


def test_match_prior_is_the_marketplace_mean_and_follows_new_reviews(
    client: GraphQLClient,
) -> None:
    # given one review of 5 and one of 2: the marketplace mean is 3.5
    hiring = Hiring(client)
    star, weak = hiring.vendor(), hiring.vendor()
    hiring.hire_and_review(star, **scores(5, 5, 5, 5))
    hiring.hire_and_review(weak, **scores(2, 2, 2, 2))

    # then the index ranks with the prior the profile shows
    assert index_prior(client) == 3.5
    assert abs(shown_prior(hiring, star) - Decimal("3.5")) < Decimal("0.01")

    # when another 5 arrives the mean becomes 4, in both places
    hiring.hire_and_review(star, **scores(5, 5, 5, 5))

    assert index_prior(client) == 4.0
    assert abs(shown_prior(hiring, weak) - Decimal(4)) < Decimal("0.01")


def test_without_reviews_the_prior_is_the_documented_default(client: GraphQLClient) -> None:
    Hiring(client).vendor()

    assert index_prior(client) == float(RatingPrior().mean)
