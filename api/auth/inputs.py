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

    def credentials(self) -> Credentials:
        return Credentials(self.email, self.password)


@strawberry.input
class ChangePasswordInput:
    current_password: str
    new_password: str = strawberry.field(description="At least 10 characters.")
