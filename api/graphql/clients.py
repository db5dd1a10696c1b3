"""Who a request comes from, as rate limits count it: its IP address.

The peer address of the connection, unless that peer is a proxy TRUSTED_PROXIES names:
then the nearest address in X-Forwarded-For that is not itself a trusted proxy. Without
the setting the header is ignored, since any client can write it.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
UNKNOWN = "unknown"


@lru_cache(maxsize=8)
def trusted_networks(setting: str) -> tuple[Network, ...]:
    """TRUSTED_PROXIES (`10.0.0.0/8, 127.0.0.1`) as networks; a bad entry fails loudly."""
    return tuple(
        ipaddress.ip_network(entry.strip(), strict=False)
        for entry in setting.split(",")
        if entry.strip()
    )


def _is_trusted(address: str, networks: Sequence[Network]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


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
