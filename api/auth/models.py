"""Accounts: who can sign in, and in which role."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from api.auth.tokens import new_token_key
from api.core.clock import utcnow


class Account(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254, unique=True, index=True)
    # None for accounts that cannot sign in (demo data owners).
    password_hash: str | None = Field(default=None, max_length=255)
    role: str = Field(max_length=16)
    display_name: str | None = Field(default=None, max_length=120)
    created_at: datetime = Field(default_factory=utcnow)
    # Every token carries both; bumping the version (logout, a new password) revokes
    # all earlier tokens, and the random key tells a reused id's new account apart.
    token_version: int = Field(default=0)
    token_key: str = Field(default_factory=new_token_key, max_length=32)
    # Signs that two accounts have one owner (their reviews of each other do not count):
    # the mailbox with `+tags` and Gmail dots removed, and the network it registered from.
    mailbox_key: str | None = Field(default=None, max_length=254, index=True)
    signup_network: str | None = Field(default=None, max_length=64, index=True)
