"""Who is asking: the account and role every service authorises against."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Role(enum.StrEnum):
    BUSINESS = "BUSINESS"
    VENDOR = "VENDOR"
    ADMIN = "ADMIN"


@dataclass(frozen=True)
class Viewer:
    """The signed-in account making a request, as its token says."""

    account_id: int
    role: str

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN
