"""Weights fitted on hiring history are stored for every worker and used by the next match."""

from __future__ import annotations

from typing import Any

from api.core.seeds import seeds_dir
from api.fitting.service import fit_weights
from api.seeding.demo import load_history, load_vendors, read_json
from api.tags.service import tag_catalog
from tests.api.matches.test_matches import MATCH
from tests.graphql_client import GraphQLClient, scope_input

BUSINESSES = 3


def demo_slice() -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """A few demo businesses with their whole history, and the vendors it mentions."""
    history = read_json(seeds_dir() / "demo_history.json")
    businesses = history["businesses"][:BUSINESSES]
    emails = {b["email"] for b in businesses}
    projects = [p for p in history["projects"] if p["business_email"] in emails]
    slugs = {slug for p in projects for slug in p["shortlisted"]}
    vendors = [
        v for v in read_json(seeds_dir() / "demo_vendors.json")["vendors"] if v["slug"] in slugs
    ]
    return vendors, {"businesses": businesses, "projects": projects}


def test_fitted_weights_are_stored_and_used(client: GraphQLClient) -> None:
    state = client.http.app.state.vendormatch  # type: ignore[attr-defined]
    vendors, history = demo_slice()

    async def fit() -> Any:
        catalog = await tag_catalog(state)
        await load_vendors(state.sessions, catalog, vendors, lambda *_: None)
        await load_history(state.sessions, catalog, history, lambda *_: None)
        return await fit_weights(state)

    report = client.http.portal.call(fit)  # type: ignore[union-attr]

    assert report.test_scopes > 0
    assert abs(sum(report.weights.values()) - 1) < 1e-6
    applied = client.execute(MATCH, {"scope": scope_input()})["matchVendors"]["weights"]
    assert applied["source"] == "FITTED"
    assert abs(applied["skill"] - report.weights["skill"]) < 1e-6
