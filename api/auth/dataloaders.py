"""Account loaders."""

from __future__ import annotations

from api.auth.models import Account
from api.graphql.dataloaders import RowByKeyLoader


class AccountByIdLoader(RowByKeyLoader[int, Account]):
    model = Account
    key = Account.id
