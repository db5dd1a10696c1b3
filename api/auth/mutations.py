"""Sign-up and sign-in: each answers with the account and a bearer token."""

from __future__ import annotations

import strawberry

from api.auth import service
from api.auth.devices import issue_device_token, read_device_token
from api.auth.inputs import ChangePasswordInput, LoginInput, RegisterInput
from api.auth.models import Account
from api.auth.rules import signup_network
from api.auth.throttle import LoginThrottle
from api.auth.tokens import issue_token
from api.auth.types import AccountType
from api.core.settings import Settings
from api.core.viewer import Role
from api.graphql.context import Info
from api.graphql.throttle import Action, limit_mutation, rate, rate_limiter, request_ip
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
    device_token: str | None = strawberry.field(
        default=None, description="Keep it on this device; send it with the next `login`."
    )


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


def _login_throttle(
    info: Info, device_token: str | None, *, signed_in: int | None = None
) -> LoginThrottle:
    """The sign-in throttle; `signed_in` (an account id) draws from that account's bucket."""
    settings = info.context.runtime.settings
    return LoginThrottle(
        limiter=rate_limiter(info.context.runtime),
        per_email=rate(settings.rate_limit_login_email),
        per_device=rate(settings.rate_limit_login_device),
        device=read_device_token(settings, device_token),
        signed_in=signed_in,
    )


def _device_token(settings: Settings, account: Account, presented: str | None) -> str:
    """The device token presented, if it is this account's; else a new one."""
    assert account.id is not None
    device = read_device_token(settings, presented)
    if presented is not None and device is not None and device.account_id == account.id:
        return presented
    return issue_device_token(settings, account.id)


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

        async def call() -> Account:
            await limit_mutation(info, Action.REGISTER)
            return await service.register(
                session=info.context.session,
                credentials=input.credentials(),
                role=Role(input.role.value),
                network=signup_network(request_ip(info.context)),
            )

        return await run_mutation(
            info,
            RegisterPayload,
            call,
            lambda row: RegisterPayload(
                account=AccountType.from_row(row), token=_token(settings, row)
            ),
        )

    @strawberry.mutation(description="Exchange email and password for a bearer token.")
    async def login(self, info: Info, input: LoginInput) -> LoginPayload:
        settings = info.context.runtime.settings

        async def call() -> Account:
            await limit_mutation(info, Action.LOGIN)
            return await service.login(
                session=info.context.session,
                credentials=input.credentials(),
                throttle=_login_throttle(info, input.device_token),
            )

        return await run_mutation(
            info,
            LoginPayload,
            call,
            lambda row: LoginPayload(
                account=AccountType.from_row(row),
                token=_token(settings, row),
                device_token=_device_token(settings, row, input.device_token),
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
        viewer = info.context.viewer
        # The caller is signed in: its own account's bucket, which strangers cannot empty.
        signed_in = viewer.account_id if viewer is not None else None
        return await run_mutation(
            info,
            ChangePasswordPayload,
            lambda: service.change_password(
                session=info.context.session,
                viewer=info.context.viewer,
                current=input.current_password,
                new=input.new_password,
                throttle=_login_throttle(info, None, signed_in=signed_in),
            ),
            lambda row: ChangePasswordPayload(
                account=AccountType.from_row(row), token=_token(settings, row)
            ),
        )
