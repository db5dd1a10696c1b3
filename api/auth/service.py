"""Accounts: registration, sign-in, and the first admin."""

from __future__ import annotations

import asyncio

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from api.auth.models import Account
from api.auth.passwords import hash_password, verify_password
from api.auth.rules import (
    Credentials,
    check_credentials,
    check_password,
    mailbox_key,
    normalise_email,
    plausible_email,
)
from api.auth.throttle import LoginThrottle
from api.core.errors import ErrorCode, InputError, Problems, unauthenticated
from api.core.viewer import Role, Viewer

SELF_SERVICE_ROLES = {Role.BUSINESS, Role.VENDOR}


async def account_by_email(session: AsyncSession, email: str) -> Account | None:
    result = await session.execute(
        select(Account).where(func.lower(Account.email) == normalise_email(email))
    )
    return result.scalar_one_or_none()


async def register(
    *,
    session: AsyncSession,
    credentials: Credentials,
    role: Role,
    allow_admin: bool = False,
    network: str | None = None,
) -> Account:
    """Create an account; only the operator CLI may create admins. `network` is the
    client's address key (see `rules.signup_network`), kept to tell one owner's accounts."""
    problems = Problems()
    if role not in SELF_SERVICE_ROLES and not allow_admin:
        problems.add(["role"], "Choose BUSINESS or VENDOR.", ErrorCode.INVALID)
    check_credentials(problems, credentials)
    problems.raise_if_any()
    if await account_by_email(session, credentials.email) is not None:
        raise InputError.single(
            ["input", "email"], "An account with this email exists.", ErrorCode.TAKEN
        )
    account = Account(
        email=normalise_email(credentials.email),
        # argon2 is deliberately slow: hash in a thread so other requests keep flowing.
        password_hash=await asyncio.to_thread(hash_password, credentials.password),
        role=role.value,
        mailbox_key=mailbox_key(credentials.email),
        signup_network=network,
    )
    session.add(account)
    await session.flush()
    return account


async def login(
    *, session: AsyncSession, credentials: Credentials, throttle: LoginThrottle
) -> Account:
    """The account for these credentials; one message for every failure, so nothing leaks.

    Every password check is first reserved from the throttle (api/auth/throttle.py): past
    its limit, attempts are refused unchecked, whether or not the account exists.
    """
    email = normalise_email(credentials.email)
    plausible = plausible_email(email)
    account = await account_by_email(session, email) if plausible else None
    # No account can have an implausible address: nothing to guard, nothing to count.
    admission = await throttle.admit(email, account.id if account else None) if plausible else None
    stored = account.password_hash if account else None
    if not await asyncio.to_thread(verify_password, stored, credentials.password):
        raise InputError.single(
            ["input", "password"],
            "Email or password is incorrect.",
            ErrorCode.INVALID_CREDENTIALS,
        )
    assert account is not None and admission is not None
    await throttle.succeeded(admission)
    return account


async def logout(*, session: AsyncSession, viewer: Viewer | None) -> Account:
    """Revoke every token of the viewer's account (on every device)."""
    account = await _signed_in(session, viewer)
    await _bump_token_version(session, account)
    return account


async def change_password(
    *,
    session: AsyncSession,
    viewer: Viewer | None,
    current: str,
    new: str,
    throttle: LoginThrottle,
) -> Account:
    """Set a new password once the current one is proven; earlier tokens stop working.

    Proving the current password is a sign-in: it is throttled, so a stolen token cannot
    be used to guess the password without limit. The throttle is the signed-in account's
    own bucket, not the email's, so strangers guessing at the email cannot lock the owner
    out of changing it.
    """
    account = await _signed_in(session, viewer)
    problems = Problems()
    check_password(problems, ["newPassword"], new)
    if new == current:
        problems.add(
            ["newPassword"], "Choose a password other than the current one.", ErrorCode.INVALID
        )
    problems.raise_if_any()
    admission = await throttle.admit(account.email, account.id)
    if not await asyncio.to_thread(verify_password, account.password_hash, current):
        raise InputError.single(
            ["input", "currentPassword"],
            "The current password is incorrect.",
            ErrorCode.INVALID_CREDENTIALS,
        )
    await throttle.succeeded(admission)
    account.password_hash = await asyncio.to_thread(hash_password, new)
    await _bump_token_version(session, account)
    return account


async def _signed_in(session: AsyncSession, viewer: Viewer | None) -> Account:
    account = await session.get(Account, viewer.account_id) if viewer is not None else None
    if account is None:
        raise unauthenticated()
    return account


async def _bump_token_version(session: AsyncSession, account: Account) -> None:
    # In SQL, not in Python: two logouts at once must both count, never undo each other.
    await session.flush()
    await session.execute(
        update(Account)
        .where(col(Account.id) == account.id)
        .values(token_version=col(Account.token_version) + 1)
    )
    await session.refresh(account)


async def share_an_owner(session: AsyncSession, account_a: int, account_b: int) -> bool:
    """Whether two accounts look like one owner's: the same account, the same mailbox
    (tags and Gmail dots aside), or registered from the same public network."""
    if account_a == account_b:
        return True
    rows = (
        await session.execute(
            select(col(Account.mailbox_key), col(Account.signup_network)).where(
                col(Account.id).in_([account_a, account_b])
            )
        )
    ).all()
    if len(rows) != 2:
        return False
    (mailbox_a, network_a), (mailbox_b, network_b) = rows
    same_mailbox = mailbox_a is not None and mailbox_a == mailbox_b
    same_network = network_a is not None and network_a == network_b
    return same_mailbox or same_network
