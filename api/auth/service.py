"""Accounts: registration, sign-in, and the first admin."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from api.auth.models import Account, LoginFailure
from api.auth.passwords import hash_password, verify_password
from api.auth.rules import (
    Credentials,
    check_credentials,
    check_password,
    normalise_email,
    plausible_email,
)
from api.core.clock import utcnow
from api.core.errors import ErrorCode, InputError, Problems, unauthenticated
from api.core.viewer import Role, Viewer

SELF_SERVICE_ROLES = {Role.BUSINESS, Role.VENDOR}
MAX_FAILURES = 10
FAILURE_WINDOW = timedelta(minutes=15)


async def account_by_email(session: AsyncSession, email: str) -> Account | None:
    result = await session.execute(
        select(Account).where(func.lower(Account.email) == normalise_email(email))
    )
    return result.scalar_one_or_none()


async def register(
    *, session: AsyncSession, credentials: Credentials, role: Role, allow_admin: bool = False
) -> Account:
    """Create an account; only the operator CLI may create admins."""
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
    )
    session.add(account)
    await session.flush()
    return account


async def login(*, session: AsyncSession, credentials: Credentials) -> Account:
    """The account for these credentials; one message for every failure, so nothing leaks.

    After MAX_FAILURES failed attempts on one email within FAILURE_WINDOW, further attempts
    are refused unchecked until the window has passed, whether or not the account exists.
    """
    email = normalise_email(credentials.email)
    plausible = plausible_email(email)
    if plausible and await _recent_failures(session, email) >= MAX_FAILURES:
        raise InputError.single(
            ["input", "email"],
            "Too many failed sign-ins for this email; try again in 15 minutes.",
            ErrorCode.RATE_LIMITED,
        )
    account = await account_by_email(session, email) if plausible else None
    stored = account.password_hash if account else None
    if not await asyncio.to_thread(verify_password, stored, credentials.password):
        if plausible:
            # Refusing rolls the request back; the attempt must outlive that to be counted.
            session.add(LoginFailure(email=email))
            await session.commit()
        raise InputError.single(
            ["input", "password"],
            "Email or password is incorrect.",
            ErrorCode.INVALID_CREDENTIALS,
        )
    assert account is not None
    await session.execute(delete(LoginFailure).where(col(LoginFailure.email) == email))
    return account


async def _recent_failures(session: AsyncSession, email: str) -> int:
    since = utcnow() - FAILURE_WINDOW
    count = await session.scalar(
        select(func.count())
        .select_from(LoginFailure)
        .where(col(LoginFailure.email) == email, col(LoginFailure.created_at) > since)
    )
    return int(count or 0)


async def logout(*, session: AsyncSession, viewer: Viewer | None) -> Account:
    """Revoke every token of the viewer's account (on every device)."""
    account = await _signed_in(session, viewer)
    await _bump_token_version(session, account)
    return account


async def change_password(
    *, session: AsyncSession, viewer: Viewer | None, current: str, new: str
) -> Account:
    """Set a new password once the current one is proven; earlier tokens stop working."""
    account = await _signed_in(session, viewer)
    problems = Problems()
    check_password(problems, ["newPassword"], new)
    if new == current:
        problems.add(
            ["newPassword"], "Choose a password other than the current one.", ErrorCode.INVALID
        )
    problems.raise_if_any()
    if not await asyncio.to_thread(verify_password, account.password_hash, current):
        raise InputError.single(
            ["input", "currentPassword"],
            "The current password is incorrect.",
            ErrorCode.INVALID_CREDENTIALS,
        )
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
