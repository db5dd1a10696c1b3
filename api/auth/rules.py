"""The rules for credentials: a plausible email and a password of sane length."""

from __future__ import annotations

import re
from dataclasses import dataclass

from api.core.errors import ErrorCode, Problems

# No spaces and no control characters (a NUL would also break PostgreSQL text).
EMAIL = re.compile(r"^[^@\s\x00-\x1f\x7f]{1,64}@[^@\s\x00-\x1f\x7f]+\.[^@\s\x00-\x1f\x7f]{2,}$")
MIN_PASSWORD = 10
MAX_PASSWORD = 256


@dataclass(frozen=True)
class Credentials:
    email: str
    password: str


def normalise_email(email: str) -> str:
    return email.strip().lower()


def check_credentials(problems: Problems, credentials: Credentials) -> None:
    if not EMAIL.match(normalise_email(credentials.email)) or len(credentials.email) > 254:
        problems.add(["email"], "Enter a valid email address.", ErrorCode.INVALID)
    if len(credentials.password) < MIN_PASSWORD:
        problems.add(
            ["password"],
            f"Use at least {MIN_PASSWORD} characters.",
            ErrorCode.INVALID,
        )
    elif len(credentials.password) > MAX_PASSWORD:
        problems.add(["password"], f"Use at most {MAX_PASSWORD} characters.", ErrorCode.TOO_LONG)
