"""Bounds an abusive client could otherwise push: per-IP keys that an IPv6 /64 multiplies,
the in-process limiter's table, metric labels, and client values in the access log."""

from __future__ import annotations

import pytest

from api.core import metrics
from api.core.ratelimit import MemoryWindows, Rate
from api.graphql.clients import client_ip, rate_key
from api.graphql.observability import WITHHELD, loggable


@pytest.mark.parametrize(
    ("address", "key"),
    [
        ("198.51.100.7", "198.51.100.7"),
        ("::ffff:198.51.100.7", "198.51.100.7"),  # IPv4-mapped: the IPv4 client
        ("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64"),
        ("2001:db8:1:2::1", "2001:db8:1:2::/64"),
        ("2001:DB8:1:3::1", "2001:db8:1:3::/64"),
        ("fe80::1%eth0", "fe80::/64"),
        ("unknown", "unknown"),
    ],
)
def test_limits_count_an_ipv6_client_by_its_64_and_a_mapped_one_as_ipv4(
    address: str, key: str
) -> None:
    assert rate_key(address) == key


def test_every_address_of_one_64_shares_a_key_and_the_next_64_does_not() -> None:
    keys = {rate_key(f"2001:db8:0:7:{i:x}::{i:x}") for i in range(1, 1000)}

    assert keys == {"2001:db8:0:7::/64"}
    assert rate_key("2001:db8:0:8::1") != rate_key("2001:db8:0:7::1")


def test_a_mapped_peer_is_trusted_as_its_ipv4_address() -> None:
    headers = [(b"x-forwarded-for", b"2001:db8::9")]
    scope = {"type": "http", "client": ("::ffff:127.0.0.1", 1234), "headers": headers}

    assert client_ip(scope, "127.0.0.1") == "2001:db8::9"


def test_the_memory_table_stays_bounded_however_many_keys_arrive() -> None:
    now = [0.0]
    windows = MemoryWindows(clock=lambda: now[0], max_keys=100)
    rate = Rate(5, 60)

    for i in range(10_000):
        assert windows.acquire(f"spray:{i}", rate, 1).allowed
        assert len(windows) <= 100

    assert len(windows) == 100
    assert len(windows._expiry) <= 2 * 100  # stale heap entries are bounded too


def test_counts_within_the_cap_stay_exact() -> None:
    now = [0.0]
    windows = MemoryWindows(clock=lambda: now[0], max_keys=100)
    rate = Rate(3, 60)
    for round_ in range(3):
        for i in range(100):
            assert windows.acquire(f"k{i}", rate, 1).allowed, (round_, i)
        now[0] += 1

    assert all(not windows.acquire(f"k{i}", rate, 1).allowed for i in range(100))
    now[0] = 60.0  # every window has passed: all start afresh, the table did not grow
    assert all(windows.acquire(f"k{i}", rate, 3).allowed for i in range(100))
    assert len(windows) == 100


def test_when_full_the_window_that_resets_soonest_is_forgotten() -> None:
    now = [0.0]
    windows = MemoryWindows(clock=lambda: now[0], max_keys=2)
    assert windows.acquire("long", Rate(1, 900), 1).allowed
    assert windows.acquire("short", Rate(1, 10), 1).allowed

    assert windows.acquire("new", Rate(1, 60), 1).allowed

    assert not windows.acquire("long", Rate(1, 900), 1).allowed  # still counted
    assert windows.acquire("short", Rate(1, 10), 1).allowed  # forgotten: starts afresh


def test_expired_windows_are_pruned_a_few_at_a_time() -> None:
    now = [0.0]
    windows = MemoryWindows(clock=lambda: now[0])
    for i in range(1000):
        windows.acquire(f"k{i}", Rate(1, 10), 1)
    now[0] = 11.0

    for _ in range(100):
        windows.acquire("other", Rate(100, 10), 1)

    assert len(windows) == 1  # only "other" is live


def test_odd_methods_are_one_label() -> None:
    assert [metrics.method_label(m) for m in ("GET", "POST", "HEAD", "OPTIONS")] == [
        "GET",
        "POST",
        "HEAD",
        "OPTIONS",
    ]
    assert {metrics.method_label(m) for m in ("FOO1", "PUT", "get", "X" * 100)} == {"other"}


def test_junk_operation_names_sent_first_do_not_hide_later_real_ones() -> None:
    evicted: list[str] = []
    names = metrics.OperationNames(limit=200, on_evict=lambda name, _: evicted.append(name))
    for i in range(200):
        names.label(f"Junk{i}")

    assert names.label("RealQuery") == "RealQuery"
    assert len(names) == 200
    assert evicted == ["Junk0"]  # the least recently used
    names.label("Junk1")  # used again: now the most recent
    names.label("Another")
    assert evicted == ["Junk0", "Junk2"]
    assert names.label("not a name!") == "other"
    assert names.label(None) == "anonymous"


def test_an_evicted_name_leaves_the_metrics(monkeypatch: pytest.MonkeyPatch) -> None:
    names = metrics.OperationNames(limit=2, on_evict=metrics._remove_series)
    monkeypatch.setattr(metrics, "operation_names", names)
    for name in ("EvictedProbe", "KeptProbeA", "KeptProbeB"):
        metrics.record_graphql("query", name, 200, 0.01, errored=True)

    text = metrics.exposition().decode()

    assert 'operation_name="EvictedProbe"' not in text
    assert 'operation_name="KeptProbeA"' in text and 'operation_name="KeptProbeB"' in text


@pytest.mark.parametrize(
    "message",
    [
        "Variable '$i' got invalid value {'email': 'victim@example.com', 'password': "
        "'MyS3cretPassw0rd!', 'x': 1}; Field 'x' is not defined by type 'LoginInput'.",
        "Expected value of type 'String!', found 'MyS3cretPassw0rd!'.",
        "String cannot represent a non string value: {'p': 'MyS3cretPassw0rd!'}",
        "Syntax Error: Unexpected String 'MyS3cretPassw0rd!'.",
        "Field 'x' is not defined by type 'LoginInput', found: 'MyS3cretPassw0rd!'.",
    ],
)
def test_a_logged_error_never_quotes_the_clients_value(message: str) -> None:
    logged = loggable(message)

    assert "MyS3cretPassw0rd!" not in logged and "victim@" not in logged
    assert logged.endswith(WITHHELD)


def test_other_messages_are_logged_as_they_are() -> None:
    assert loggable("Cannot query field 'nope' on type 'Query'.") == (
        "Cannot query field 'nope' on type 'Query'."
    )
