"""Signed bearer tokens (JWT, HS256) that expire."""

from __future__ import annotations

from datetime import timedelta

import jwt

from api.core.clock import utcnow
from api.core.settings import Settings
from api.core.viewer import Viewer

ALGORITHM = "HS256"


def issue_token(settings: Settings, *, account_id: int, role: str) -> str:
    now = utcnow()
    claims = {
        "sub": str(account_id),
        "role": role,
        "iat": now,
        "exp": now + timedelta(seconds=settings.token_ttl_seconds),
    }
    return jwt.encode(claims, settings.resolved_secret_key(), algorithm=ALGORITHM)


def read_token(settings: Settings, token: str) -> Viewer | None:
    """The viewer a token names, or None when it is forged, malformed or expired."""
    try:
        claims = jwt.decode(
            token,
            settings.resolved_secret_key(),
            algorithms=[ALGORITHM],
            options={"require": ["sub", "exp", "role"]},
        )
        return Viewer(account_id=int(claims["sub"]), role=str(claims["role"]))
    except (jwt.PyJWTError, ValueError):
        return None
