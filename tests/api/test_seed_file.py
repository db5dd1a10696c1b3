"""`vendormatch seed --file`: vendors sharing a name get distinct slugs, whether they share
it with each other, across batches or with a profile made through the API; fixed slugs
later in the file are kept free; loading the file again adds nothing; a bad record stops
the load before its batch writes anything."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from api.core.errors import InputError
from api.seeding import demo
from api.seeding.demo import load_vendors, read_json
from api.tags.service import tag_catalog
from benchmarks.vendor_file import write_vendor_file
from tests.graphql_client import GraphQLClient

VENDORS = "{ vendors(first: 100) { totalCount edges { node { name slug } } } }"
LOGIN = "mutation ($input: LoginInput!) { login(input: $input) { token userErrors { code } } }"
SHARED = "Ana Silva"


def load(client: GraphQLClient, records: list[dict[str, Any]]) -> int:
    runtime = client.http.app.state.vendormatch  # type: ignore[attr-defined]

    async def run() -> int:
        catalog = await tag_catalog(runtime)
        return await load_vendors(runtime.sessions, catalog, records, lambda *_: None)

    created = client.http.portal.call(run)  # type: ignore[union-attr]
    assert isinstance(created, int)
    return created


def stored(client: GraphQLClient) -> dict[str, str]:
    """Slug to name of every vendor, read over GraphQL."""
    page = client.execute(VENDORS)["vendors"]
    assert page["totalCount"] == len(page["edges"])
    return {edge["node"]["slug"]: edge["node"]["name"] for edge in page["edges"]}


@pytest.fixture
def records(tmp_path: Path) -> list[dict[str, Any]]:
    """Twenty generated vendors, eight of them named alike, the last asking for a slug."""
    path = tmp_path / "vendors.json"
    write_vendor_file(path, 20, seed=7)
    vendors: list[dict[str, Any]] = read_json(path)["vendors"]
    for record in vendors[::3]:
        record["name"] = SHARED
    vendors[-1] |= {"name": SHARED, "slug": "ana-silva-2", "headline": "Asked for its slug"}
    return vendors


def test_a_file_of_shared_names_loads_with_distinct_slugs_and_loads_once(
    client: GraphQLClient, records: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(demo, "BATCH", 4)  # names shared across batches too
    first = client.create_vendor(client.register("VENDOR"), name=SHARED)

    assert load(client, records) == 20

    slugs = stored(client)
    assert len(slugs) == 21
    shared = sorted(slug for slug, name in slugs.items() if name == SHARED)
    assert len(shared) == 9
    assert first["slug"] == "ana-silva"
    # The slug the last record asks for was kept free for it by the records before it.
    asked = client.execute('{ vendor(slug: "ana-silva-2") { headline } }')["vendor"]
    assert asked == {"headline": "Asked for its slug"}
    assert all(re.fullmatch(r"ana-silva(-[0-9a-f]+)?", slug) for slug in shared), shared

    assert load(client, records) == 0
    assert stored(client) == slugs


def test_a_slug_asked_for_but_taken_is_derived_from_the_name(
    client: GraphQLClient, records: list[dict[str, Any]]
) -> None:
    client.create_vendor(client.register("VENDOR"), name="Taken First")
    records[0] |= {"name": "Taken First", "slug": "taken-first"}

    assert load(client, records[:1]) == 1

    assert sorted(stored(client)) == ["taken-first", "taken-first-2"]


def test_a_seeded_owner_cannot_sign_in(
    client: GraphQLClient, records: list[dict[str, Any]]
) -> None:
    load(client, records[:1])

    for password in ("", "password", records[0]["owner_email"]):
        variables = {"input": {"email": records[0]["owner_email"], "password": password}}
        payload = client.execute(LOGIN, variables)["login"]
        assert payload["token"] is None and payload["userErrors"], payload


def test_a_bad_record_stops_the_load_before_its_batch_writes(
    client: GraphQLClient, records: list[dict[str, Any]]
) -> None:
    records[5]["country"] = "XX"

    with pytest.raises(InputError) as refused:
        load(client, records)

    assert "country" in str(refused.value.problems)
    assert any(records[5]["owner_email"] in note for note in refused.value.__notes__)
    assert stored(client) == {}


PROFILE = """query ($slug: String!) { vendor(slug: $slug) {
  kind name headline description timezone teamSize availability hoursPerWeek foundedYear
  medianResponseHours verified country { code } workingHours { start end }
  hourlyRate { min max currency } minProjectBudget { amount currency }
  languages { code proficiency } expertise { tag { slug } years } certifications
} }"""


def test_each_record_is_stored_as_given_whichever_optional_values_its_batch_gives(
    client: GraphQLClient, records: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(demo, "BATCH", 7)
    # Batches whose records leave out different optional values, or give them all.
    for record in records[::2]:
        record |= {"hours_per_week": None, "founded_year": None, "min_project_budget": None}
        record |= {"median_response_hours": None, "certifications": []}
    for position, record in enumerate(records):
        record |= {"name": f"Profile {position}", "slug": f"profile-{position}"}

    assert load(client, records) == len(records)

    for record in records:
        stored_profile = client.execute(PROFILE, {"slug": record["slug"]})["vendor"]
        # Lists in the API's order, not the file's.
        stored_profile["languages"].sort(key=lambda entry: entry["code"])
        stored_profile["expertise"].sort(key=lambda entry: entry["tag"]["slug"])
        stored_profile["certifications"].sort()
        assert stored_profile == {
            "kind": record["kind"],
            "name": record["name"],
            "headline": record["headline"],
            "description": record["description"],
            "timezone": record["timezone"],
            "teamSize": record["team_size"],
            "availability": record["availability"],
            "hoursPerWeek": record["hours_per_week"],
            "foundedYear": record["founded_year"],
            "medianResponseHours": record["median_response_hours"],
            "verified": record["verified"],
            "country": {"code": record["country"]},
            "workingHours": record["working_hours"],
            "hourlyRate": record["hourly_rate"],
            "minProjectBudget": record["min_project_budget"],
            "languages": sorted(record["languages"], key=lambda entry: entry["code"]),
            "expertise": [
                {"tag": {"slug": entry["tag"]}, "years": float(entry["years"])}
                for entry in sorted(record["expertise"], key=lambda entry: entry["tag"])
            ],
            "certifications": sorted(record["certifications"]),
        }, record["slug"]
