"""Signed bearer tokens (JWT, HS256) that expire, and that an account can revoke.

A token names the account, the account's token version and its token key. The version
is bumped by logout and password changes, which revokes every earlier token at once. The
key is random per account: SQLite reuses the id of a deleted account, and the key keeps
an old token from opening the new account that got the same id. The role is never in
the token: it is read from the database on every request.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

import jwt

from api.core.clock import utcnow
from api.core.settings import Settings

ALGORITHM = "HS256"
KEY_BYTES = 12


def new_token_key() -> str:
    return secrets.token_urlsafe(KEY_BYTES)


@dataclass(frozen=True)
class TokenClaims:
    """What a verified token says; the account must still match it to be signed in."""

    account_id: int
    version: int
    key: str


def issue_token(settings: Settings, *, account_id: int, version: int, key: str) -> str:
    now = utcnow()
    claims = {
        "sub": str(account_id),
        "ver": version,
        "key": key,
        "iat": now,
        "exp": now + timedelta(seconds=settings.token_ttl_seconds),
    }
    return jwt.encode(claims, settings.resolved_secret_key(), algorithm=ALGORITHM)


def read_token(settings: Settings, token: str) -> TokenClaims | None:
    """The claims of a token, or None when it is forged, malformed, expired or from before
    versions existed (those carried a role and no version)."""
    try:
        claims = jwt.decode(
            token,
            settings.resolved_secret_key(),
            algorithms=[ALGORITHM],
            options={"require": ["sub", "exp", "ver", "key"]},
        )
        version, key = claims["ver"], claims["key"]
        if not isinstance(version, int) or isinstance(version, bool) or not isinstance(key, str):
            return None
        return TokenClaims(account_id=int(claims["sub"]), version=version, key=key)
    except (jwt.PyJWTError, ValueError, TypeError):
        return None
