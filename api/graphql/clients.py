"""Who a request comes from, as rate limits count it: its IP address.

The peer address of the connection, unless that peer is a proxy TRUSTED_PROXIES names:
then the nearest address in X-Forwarded-For that is not itself a trusted proxy. Without
the setting the header is ignored, since any client can write it.

Limits count an address as `rate_key` names it: an IPv4 address (an IPv4-mapped IPv6
one, `::ffff:198.51.100.7`, is that IPv4 address), or an IPv6 address's /64 prefix,
since one subscriber is routinely handed a whole /64 and could otherwise take a fresh
bucket for every one of its 2**64 addresses.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
UNKNOWN = "unknown"
# The prefix one IPv6 client is assumed to hold (RFC 6177: a site gets /48 to /64).
IPV6_CLIENT_PREFIX = 64


@lru_cache(maxsize=8)
def trusted_networks(setting: str) -> tuple[Network, ...]:
    """TRUSTED_PROXIES (`10.0.0.0/8, 127.0.0.1`) as networks; a bad entry fails loudly."""
    return tuple(
        ipaddress.ip_network(entry.strip(), strict=False)
        for entry in setting.split(",")
        if entry.strip()
    )


def _parse(address: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """`address` as an IP address; an IPv4-mapped IPv6 address as its IPv4 address."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    return ip


def _is_trusted(address: str, networks: Sequence[Network]) -> bool:
    ip = _parse(address)
    return ip is not None and any(ip in network for network in networks)


def rate_key(address: str) -> str:
    """What a rate limit counts for `address`: the IPv4 address, or the IPv6 /64.

    `2001:db8:1:2:aaaa::1` and `2001:db8:1:2:bbbb::9` are one client (`2001:db8:1:2::/64`);
    `::ffff:198.51.100.7` is `198.51.100.7`. Anything that is not an address (`unknown`)
    stays as it is.
    """
    ip = _parse(address)
    if ip is None:
        return address
    if isinstance(ip, ipaddress.IPv4Address):
        return str(ip)
    network = ipaddress.IPv6Network((int(ip) >> 64 << 64, IPV6_CLIENT_PREFIX))
    return str(network)


def client_ip(scope: Mapping[str, Any], trusted_proxies: str) -> str:
    """The client's address from an ASGI scope (HTTP or WebSocket)."""
    client = scope.get("client")
    peer = str(client[0]) if client else UNKNOWN
    networks = trusted_networks(trusted_proxies)
    if not networks or not _is_trusted(peer, networks):
        return peer
    forwarded: list[str] = []
    for name, value in scope.get("headers", []):
        if name.lower() == b"x-forwarded-for":
            forwarded.extend(part.strip() for part in value.decode("latin-1").split(","))
    # Each proxy appends the address it saw; walk back from ours past trusted hops.
    for address in reversed([a for a in forwarded if a]):
        if not _is_trusted(address, networks):
            return address if _is_address(address) else peer
    return peer


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True
