"""Who is asking: the account and role every service authorises against."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from api.core.errors import forbidden, unauthenticated


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


def require_admin(viewer: Viewer | None, message: str) -> Viewer:
    """The viewer, when it is an admin; anonymous callers are told to sign in, anyone else
    is refused with `message`."""
    if viewer is None:
        raise unauthenticated()
    if not viewer.is_admin:
        raise forbidden(message)
    return viewer
