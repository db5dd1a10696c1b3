"""The signs that two accounts have one owner: one mailbox (tags and Gmail's dots aside)
or one public network at sign-up. Private addresses are no sign: many owners share them."""

from __future__ import annotations

import pytest

from api.auth.rules import mailbox_key, signup_network


@pytest.mark.parametrize(
    ("email", "key"),
    [
        ("Alice@Example.com", "alice@example.com"),
        ("alice+shop@example.com", "alice@example.com"),
        ("a.lice@example.com", "a.lice@example.com"),  # dots matter outside Gmail
        ("A.Lice+x+y@gmail.com", "alice@gmail.com"),
        ("a.l.i.c.e@googlemail.com", "alice@gmail.com"),
    ],
)
def test_mailbox_key(email: str, key: str) -> None:
    assert mailbox_key(email) == key


@pytest.mark.parametrize(
    ("address", "network"),
    [
        ("81.2.69.160", "81.2.69.160"),
        ("2a00:1450:4001:81c::/64", "2a00:1450:4001:81c::/64"),
        ("127.0.0.1", None),
        ("10.1.2.3", None),
        ("192.168.0.4", None),
        ("100.64.0.9", None),  # carrier-grade NAT
        ("fd00:1:2:3::/64", None),
        ("::1", None),
        ("testclient", None),
        ("unknown", None),
    ],
)
def test_signup_network(address: str, network: str | None) -> None:
    assert signup_network(address) == network
