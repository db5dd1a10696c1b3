"""Sign-up, sign-in and `viewer`."""

from __future__ import annotations

import strawberry

from api.auth import service
from api.auth.models import Role
from api.auth.tokens import issue_token
from api.auth.types import AccountType, RoleType
from api.context import Info
from api.graphql.user_errors import MutationPayload, run_mutation


@strawberry.input
class RegisterInput:
    email: str
    password: str = strawberry.field(description="At least 10 characters.")
    role: RoleType  # type: ignore[valid-type]


@strawberry.input
class LoginInput:
    email: str
    password: str


@strawberry.type
class RegisterPayload(MutationPayload):
    account: AccountType | None = None
    token: str | None = strawberry.field(
        default=None, description="Send as `Authorization: Bearer`."
    )


@strawberry.type
class LoginPayload(MutationPayload):
    account: AccountType | None = None
    token: str | None = None


@strawberry.type
class AuthQueries:
    @strawberry.field(description="The signed-in account, or null.")
    async def viewer(self, info: Info) -> AccountType | None:
        viewer = info.context.viewer
        if viewer is None:
            return None
        row = await info.context.loaders.account_by_id.load(viewer.account_id)
        return AccountType.from_row(row) if row else None


@strawberry.type
class AuthMutations:
    @strawberry.mutation(description="Create a BUSINESS or VENDOR account and sign in.")
    async def register(self, info: Info, input: RegisterInput) -> RegisterPayload:
        async def work() -> RegisterPayload:
            row = await service.register(
                session=info.context.session,
                credentials=service.Credentials(input.email, input.password),
                role=Role(input.role.value),
            )
            assert row.id is not None
            token = issue_token(info.context.state.settings, account_id=row.id, role=row.role)
            return RegisterPayload(account=AccountType.from_row(row), token=token)

        return await run_mutation(info, work, lambda e: RegisterPayload(user_errors=e))

    @strawberry.mutation(description="Exchange email and password for a bearer token.")
    async def login(self, info: Info, input: LoginInput) -> LoginPayload:
        async def work() -> LoginPayload:
            row = await service.login(
                session=info.context.session,
                credentials=service.Credentials(input.email, input.password),
            )
            assert row.id is not None
            token = issue_token(info.context.state.settings, account_id=row.id, role=row.role)
            return LoginPayload(account=AccountType.from_row(row), token=token)

        return await run_mutation(info, work, lambda e: LoginPayload(user_errors=e))
