"""Sign-up and sign-in: each answers with the account and a bearer token."""

from __future__ import annotations

import strawberry

from api.auth import service
from api.auth.inputs import ChangePasswordInput, LoginInput, RegisterInput
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


@strawberry.type
class LogoutPayload(MutationPayload):
    account: AccountType | None = strawberry.field(
        default=None, description="The account whose tokens were all revoked."
    )


@strawberry.type
class ChangePasswordPayload(MutationPayload):
    account: AccountType | None = None
    token: str | None = strawberry.field(
        default=None, description="A fresh token: every earlier one was revoked."
    )


def _token(settings: Settings, account: Account) -> str:
    assert account.id is not None
    return issue_token(
        settings, account_id=account.id, version=account.token_version, key=account.token_key
    )


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

    @strawberry.mutation(
        description="Sign out everywhere: every token of the signed-in account stops working."
    )
    async def logout(self, info: Info) -> LogoutPayload:
        return await run_mutation(
            info,
            LogoutPayload,
            lambda: service.logout(session=info.context.session, viewer=info.context.viewer),
            lambda row: LogoutPayload(account=AccountType.from_row(row)),
        )

    @strawberry.mutation(
        description="Set a new password; earlier tokens stop working, a fresh one is returned."
    )
    async def change_password(
        self, info: Info, input: ChangePasswordInput
    ) -> ChangePasswordPayload:
        settings = info.context.runtime.settings
        return await run_mutation(
            info,
            ChangePasswordPayload,
            lambda: service.change_password(
                session=info.context.session,
                viewer=info.context.viewer,
                current=input.current_password,
                new=input.new_password,
            ),
            lambda row: ChangePasswordPayload(
                account=AccountType.from_row(row), token=_token(settings, row)
            ),
        )
