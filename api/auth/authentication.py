"""Who a bearer token signs in: the account it names, if the token is still current.

Every authenticated request costs one primary-key lookup. In exchange a logout, a new
password or a deleted account takes effect at once, and the role is the account's role
now, not the one it had when the token was issued.
"""

from __future__ import annotations

import hmac

from api.auth.models import Account
from api.auth.tokens import read_token
from api.core.runtime import Runtime
from api.core.viewer import Viewer


def is_current(account: Account | None, version: int, key: str) -> bool:
    """Whether a token with this version and key still belongs to `account`."""
    return (
        account is not None
        and account.token_version == version
        and hmac.compare_digest(account.token_key.encode(), key.encode())
    )


async def authenticate(runtime: Runtime, token: str) -> Viewer | None:
    """The viewer a bearer token signs in, or None when it is invalid, expired or revoked."""
    claims = read_token(runtime.settings, token)
    if claims is None:
        return None
    # A session of its own, closed at once: a WebSocket's context lives as long as the
    # connection, and must not hold a transaction open all that time.
    async with runtime.sessions() as session:
        account = await session.get(Account, claims.account_id)
    if account is None or not is_current(account, claims.version, claims.key):
        return None
    assert account.id is not None
    return Viewer(account_id=account.id, role=account.role)
