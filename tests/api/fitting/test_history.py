"""Invitations feed the hiring history: a vendor a business invited was considered, as a
shortlisted one was, and `fit-weights` learns from it."""

from __future__ import annotations

from typing import Any

from api.fitting.service import outcomes
from api.graphql.ids import decode
from api.matches.index_cache import IndexCache
from api.projects.history import hiring_history
from api.tags.service import tag_catalog
from tests.graphql_client import USER_ERRORS, GraphQLClient

INVITE = f"""
mutation ($input: InviteVendorInput!) {{
  inviteVendor(input: $input) {{ invitation {{ id }} {USER_ERRORS} }}
}}
"""
SHORTLIST = f"""
mutation ($input: ShortlistVendorInput!) {{
  shortlistVendor(input: $input) {{ projectRequest {{ id }} {USER_ERRORS} }}
}}
"""


def pk(global_id: str) -> int:
    decoded = decode(global_id)
    assert decoded is not None
    return decoded[1]


def test_invited_and_shortlisted_vendors_are_learned_from(client: GraphQLClient) -> None:
    business = client.register("BUSINESS")
    invited = client.create_vendor(client.register("VENDOR"))
    shortlisted = client.create_vendor(client.register("VENDOR"))
    project = client.post_project(business, publish=True)
    for query, name, vendor in (
        (INVITE, "inviteVendor", invited),
        (SHORTLIST, "shortlistVendor", shortlisted),
    ):
        variables = {"input": {"projectRequestId": project["id"], "vendorId": vendor["id"]}}
        payload = client.execute(query, variables, token=business.token)[name]
        assert payload["userErrors"] == []
    state = client.http.app.state.vendormatch  # type: ignore[attr-defined]

    async def learned() -> tuple[Any, Any]:
        catalog = await tag_catalog(state)
        async with state.sessions() as session:
            history = await hiring_history(session, catalog)
            index = await state.resource(IndexCache).index(session, catalog)
            return history, (await outcomes(session, catalog, index))[1]

    history, results = client.http.portal.call(learned)  # type: ignore[union-attr]

    assert [(h.project_id, h.shortlisted, h.hired) for h in history] == [
        (pk(project["id"]), frozenset({pk(invited["id"]), pk(shortlisted["id"])}), None)
    ]
    considered = {r.vendor_id for r in results if r.shortlisted}
    assert considered == {pk(invited["id"]), pk(shortlisted["id"])}
