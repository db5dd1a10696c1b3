"""Sign-up and sign-in: each answers with the account and a bearer token."""

from __future__ import annotations

import strawberry

from api.auth import service
from api.auth.inputs import LoginInput, RegisterInput
from api.auth.models import Account
from api.auth.tokens import issue_token
from api.auth.types import AccountType
from api.core.settings import Settings
from api.core.viewer import Role
from api.graphql.context import Info
from api.graphql.user_errors import MutationPayload, run_mutation


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


def _token(settings: Settings, account: Account) -> str:
    assert account.id is not None
    return issue_token(settings, account_id=account.id, role=account.role)


@strawberry.type
class AuthMutations:
    @strawberry.mutation(description="Create a BUSINESS or VENDOR account and sign in.")
    async def register(self, info: Info, input: RegisterInput) -> RegisterPayload:
        settings = info.context.runtime.settings
        return await run_mutation(
            info,
            RegisterPayload,
            lambda: service.register(
                session=info.context.session,
                credentials=input.credentials(),
                role=Role(input.role.value),
            ),
            lambda row: RegisterPayload(
                account=AccountType.from_row(row), token=_token(settings, row)
            ),
        )

    @strawberry.mutation(description="Exchange email and password for a bearer token.")
    async def login(self, info: Info, input: LoginInput) -> LoginPayload:
        settings = info.context.runtime.settings
        return await run_mutation(
            info,
            LoginPayload,
            lambda: service.login(session=info.context.session, credentials=input.credentials()),
            lambda row: LoginPayload(
                account=AccountType.from_row(row), token=_token(settings, row)
            ),
        )
