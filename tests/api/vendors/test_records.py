"""Vendor profiles read as the matching library's records: chunk by chunk from plain rows,
the same records whatever the chunk size, and an index built from them as they stream."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from api.graphql.ids import decode
from api.reference.fx import fx_rates
from api.tags.catalog import TagCatalog
from api.tags.service import tag_catalog
from api.vendors.records import build_index, read_records, vendor_records
from matching import MatchIndex, Proficiency, VendorRecord
from tests.graphql_client import GraphQLClient


def create_vendors(client: GraphQLClient) -> list[int]:
    """Seven vendors that differ in what a record carries; their database ids."""
    variants: list[dict[str, Any]] = [
        {},
        {"certifications": []},
        {
            "expertise": [
                {"tag": "django", "years": 3},
                {"tag": "Quantum basket weaving", "years": 2},
            ]
        },
        {
            "languages": [{"code": "de", "proficiency": "BASIC"}],
            "country": "DE",
            "timezone": "Europe/Berlin",
        },
        {"minProjectBudget": {"amount": "5000.00", "currency": "USD"}},
        {
            "expertise": [{"tag": "Zorblang widgets", "years": 1}],
            "certifications": ["SOC_2", "GDPR_DPA"],
        },
        {"kind": "FREELANCER", "teamSize": 1, "availability": "LIMITED"},
    ]
    ids = []
    for overrides in variants:
        vendor = client.create_vendor(client.register("VENDOR"), **overrides)
        decoded = decode(vendor["id"])
        assert decoded is not None
        ids.append(decoded[1])
    return ids


def read(
    client: GraphQLClient, vendor_ids: Sequence[int] | None = None, chunk: int = 1000
) -> list[VendorRecord]:
    state = client.http.app.state.vendormatch  # type: ignore[attr-defined]

    async def run() -> list[VendorRecord]:
        catalog: TagCatalog = await tag_catalog(state)
        async with state.sessions() as session:
            return await session.run_sync(
                lambda sync: list(read_records(sync, catalog, vendor_ids, chunk=chunk))
            )

    return client.http.portal.call(run)  # type: ignore[union-attr]


def test_records_are_the_same_whatever_the_chunk(client: GraphQLClient) -> None:
    ids = create_vendors(client)
    whole = read(client)
    assert [record.id for record in whole] == sorted(ids)
    for chunk in (1, 2, 3):
        assert read(client, chunk=chunk) == whole
    # By id: any order, repeats and unknown ids read the same records, in id order.
    wanted = [ids[5], ids[0], ids[2], ids[0], 10**9]
    by_id = {record.id: record for record in whole}
    expected = [by_id[i] for i in sorted({ids[5], ids[0], ids[2]})]
    assert read(client, wanted, chunk=2) == expected
    assert read(client, wanted) == expected


def test_a_record_carries_the_profile(client: GraphQLClient) -> None:
    ids = create_vendors(client)
    records = {record.id: record for record in read(client)}
    plain = records[ids[0]]
    assert plain.expertise == (("django", 8.0), ("react", 6.0))
    assert plain.certifications == frozenset({"ISO_27001"})
    assert plain.languages == (("en", Proficiency.FLUENT), ("pl", Proficiency.NATIVE))
    assert plain.min_project_budget == 10000.0  # EUR, the rate currency
    assert records[ids[1]].certifications == frozenset()
    # A skill the taxonomy does not know reaches the library as its text.
    assert records[ids[2]].expertise == (("Quantum basket weaving", 2.0), ("django", 3.0))
    assert records[ids[3]].languages == (("de", Proficiency.BASIC),)
    assert 0 < records[ids[4]].min_project_budget < 5000.0  # USD 5000 in EUR
    assert records[ids[5]].expertise == (("Zorblang widgets", 1.0),)  # free text alone
    assert records[ids[5]].certifications == frozenset({"SOC_2", "GDPR_DPA"})


def test_an_index_builds_from_the_streamed_records(client: GraphQLClient) -> None:
    ids = create_vendors(client)
    state = client.http.app.state.vendormatch  # type: ignore[attr-defined]

    async def run() -> tuple[int, list[VendorRecord]]:
        catalog: TagCatalog = await tag_catalog(state)
        async with state.sessions() as session:
            index = MatchIndex(catalog.taxonomy, fx_rates())
            built = await build_index(session, catalog, index)
            return len(built), await vendor_records(session, catalog)

    size, records = client.http.portal.call(run)  # type: ignore[union-attr]
    assert size == len(ids) == len(records)
