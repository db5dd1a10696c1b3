"""The sign-in throttle: a bounded number of password checks per email, and per device.

Each attempt first takes a unit from its bucket, atomically (Redis runs the check and
the count as one script; in memory nothing awaits in between), and only then is the
password checked. So however many attempts arrive at once, at most the limit are
checked; the rest are refused unchecked, whether or not the account exists.

Strangers guessing at an email use up that email's bucket and lock it for unknown
devices until its window passes (the delay). The owner's known device (api/auth/
devices.py) draws from its own bucket instead, so guessing from elsewhere never locks
the owner out; a stolen device token buys only that device's few guesses.

Changing the password proves the current one too, but the caller is signed in: it draws
from that account's own bucket (`signed_in`), so strangers guessing at the email from
outside cannot stop the owner changing it, and a stolen token buys only a few guesses.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass

from api.auth.devices import Device
from api.core.errors import ErrorCode, InputError
from api.core.ratelimit import Rate, RateLimiter


@dataclass(frozen=True)
class Admission:
    """A reserved password check, and the bucket it came from."""

    key: str
    known_device: bool


@dataclass(frozen=True)
class LoginThrottle:
    limiter: RateLimiter
    per_email: Rate
    per_device: Rate
    device: Device | None = None
    # The signed-in caller's account id (changing the password), else None.
    signed_in: int | None = None

    async def admit(self, email: str, account_id: int | None) -> Admission:
        """Reserve one password check for `email`, or raise RATE_LIMITED."""
        own_account = self.signed_in is not None and self.signed_in == account_id
        known = self.device is not None and self.device.account_id == account_id
        if own_account:
            key, rate = f"login:account:{self.signed_in}", self.per_device
        elif known and self.device is not None:
            key, rate = f"login:device:{self.device.device_id}", self.per_device
        else:
            # Hashed: the key stays short whatever was typed, and no address sits in Redis.
            digest = hashlib.sha256(email.encode()).hexdigest()[:32]
            key, rate = f"login:email:{digest}", self.per_email
        decision = await self.limiter.acquire(key, rate)
        if not decision.allowed:
            minutes = math.ceil(decision.retry_after / 60)
            raise InputError.single(
                ["input", "email"],
                f"Too many failed sign-ins for this email; try again in {minutes} min "
                "(or sign in from a device you used before).",
                ErrorCode.RATE_LIMITED,
            )
        return Admission(key=key, known_device=known or own_account)

    async def succeeded(self, admission: Admission) -> None:
        """The password was right: this bucket's earlier failures are forgiven."""
        await self.limiter.forget(admission.key)
