"""Device tokens: proof that a browser or app signed in to an account before.

A successful sign-in hands out a device token (or keeps the one presented). It names the
account and a random device id, signed with the server's key, so it cannot be forged or
moved to another account. It opens nothing by itself; it only lets its holder's password
checks be counted apart from everyone else's: when strangers have used up an email's
failed sign-ins, the owner on a known device still signs in (api/auth/throttle.py).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from api.core.settings import Settings

VERSION = "d1"
# Anything longer is not one of ours; refuse it before doing any work on it.
MAX_LENGTH = 200


@dataclass(frozen=True)
class Device:
    account_id: int
    device_id: str


def _signature(settings: Settings, payload: str) -> str:
    # A purpose prefix, so no other value signed with the same key can pass as a device.
    digest = hmac.new(
        settings.resolved_secret_key().encode(), f"device:{payload}".encode(), hashlib.sha256
    ).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def issue_device_token(settings: Settings, account_id: int) -> str:
    payload = f"{VERSION}.{account_id}.{secrets.token_urlsafe(16)}"
    return f"{payload}.{_signature(settings, payload)}"


def read_device_token(settings: Settings, token: str | None) -> Device | None:
    """The device a token names, or None when it is absent, malformed or forged."""
    if not token or len(token) > MAX_LENGTH:
        return None
    payload, _, signature = token.rpartition(".")
    parts = payload.split(".")
    if len(parts) != 3 or parts[0] != VERSION or not parts[1].isdigit():
        return None
    if not hmac.compare_digest(signature, _signature(settings, payload)):
        return None
    return Device(account_id=int(parts[1]), device_id=parts[2])
