"""Answers that race settle on one: an invitation accepted while it is revoked, an award
accepted while it is withdrawn. The loser is told, and nothing is half-written."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from tests.api.projects.conftest import Cast
from tests.api.projects.test_audience import RESPOND, REVOKE, audience
from tests.api.projects.test_award_expiry import WITHDRAW, award, state
from tests.graphql_client import RESPOND_TO_AWARD

# A race has more than one outcome: run each a few times.
ROUNDS = range(3)


def in_parallel(*calls: Any) -> list[Any]:
    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(lambda call: call(), calls))


@pytest.mark.parametrize("round_", ROUNDS)
def test_accepting_and_revoking_an_invitation_at_once_settles_on_one(
    cast: Cast, round_: int
) -> None:
    project_id = cast.post()
    invitation = cast.invite(project_id)

    accepted, revoked = in_parallel(
        lambda: cast.mutate(
            "vendor_a",
            RESPOND,
            "respondToInvitation",
            invitationId=invitation["id"],
            accept=True,
        ),
        lambda: cast.mutate(
            "business_a", REVOKE, "revokeInvitation", invitationId=invitation["id"]
        ),
    )

    final = audience(cast, project_id)["invitations"][0]["status"]
    # Revoking an ACCEPTED invitation is allowed, so both may succeed in that order.
    if accepted["userErrors"]:
        assert final == "REVOKED" and revoked["userErrors"] == []
        assert accepted["userErrors"][0]["code"] in ("INVALID_TRANSITION", "CONFLICT")
    elif revoked["userErrors"]:
        assert final == "ACCEPTED"
        assert revoked["userErrors"][0]["code"] == "CONFLICT"
    else:
        assert final == "REVOKED"


@pytest.mark.parametrize("round_", ROUNDS)
def test_accepting_and_withdrawing_an_award_at_once_settles_on_one(cast: Cast, round_: int) -> None:
    project_id = cast.post()
    award(cast, project_id)

    accepted, withdrawn = in_parallel(
        lambda: cast.mutate(
            "vendor_a",
            RESPOND_TO_AWARD,
            "respondToAward",
            projectRequestId=project_id,
            accept=True,
        ),
        lambda: cast.mutate("business_a", WITHDRAW, "withdrawAward", projectRequestId=project_id),
    )

    winners = [p for p in (accepted, withdrawn) if not p["userErrors"]]
    assert len(winners) == 1
    final = state(cast, project_id)
    if winners[0] is accepted:
        assert final["status"] == "AWARDED" and final["awardExpiresAt"] is None
    else:
        assert final == {"status": "OPEN", "awardExpiresAt": None, "awardedVendor": None}
