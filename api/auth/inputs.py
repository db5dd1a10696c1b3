"""GraphQL inputs for sign-up and sign-in."""

from __future__ import annotations

import strawberry

from api.auth.rules import Credentials
from api.auth.types import RoleType


@strawberry.input
class RegisterInput:
    email: str
    password: str = strawberry.field(description="At least 10 characters.")
    role: RoleType

    def credentials(self) -> Credentials:
        return Credentials(self.email, self.password)


@strawberry.input
class LoginInput:
    email: str
    password: str
    device_token: str | None = strawberry.field(
        default=None,
        description="The `deviceToken` an earlier sign-in on this device returned: failed "
        "sign-ins by others on the same email do not lock this device out.",
    )

    def credentials(self) -> Credentials:
        return Credentials(self.email, self.password)


@strawberry.input
class ChangePasswordInput:
    current_password: str
    new_password: str = strawberry.field(description="At least 10 characters.")
