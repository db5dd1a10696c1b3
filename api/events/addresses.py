"""Where a webhook may point: http(s) URLs whose host resolves only to public addresses.

A webhook makes the server send requests wherever a client says; without this check a
client could make it call its own network (a database's admin port, a cloud metadata
service). The host is resolved and EVERY address checked, at registration and again
before each delivery, and the delivery connects to the address that was checked, so a
name that resolves elsewhere a moment later (DNS rebinding) gains nothing.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import SplitResult, urlsplit

MAX_URL = 2000
SCHEMES = {"http": 80, "https": 443}
RESOLVE_SECONDS = 5.0

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class RefusedAddress(ValueError):
    """The URL is malformed, or its host does not resolve to public addresses only."""


@dataclass(frozen=True)
class Target:
    """A URL checked for delivery: what to connect to, and the name to present there."""

    url: str
    host: str
    port: int
    scheme: str
    address: str | None  # the checked IP to connect to; None when private ones are allowed

    def connect_url(self) -> str:
        """The URL with its host replaced by the checked address (the Host header and TLS
        name stay the original host's)."""
        if self.address is None:
            return self.url
        parts = urlsplit(self.url)
        shown = f"[{self.address}]" if ":" in self.address else self.address
        return parts._replace(netloc=f"{shown}:{self.port}").geturl()


def parse(url: str) -> SplitResult:
    """The URL's parts if it is a usable absolute http(s) URL; RefusedAddress otherwise."""
    if len(url) > MAX_URL:
        raise RefusedAddress(f"At most {MAX_URL} characters.")
    if any(ch.isspace() or ord(ch) < 0x20 for ch in url):
        raise RefusedAddress("A URL has no spaces or control characters.")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise RefusedAddress(f"Not a valid URL: {error}.") from error
    if parts.scheme not in SCHEMES:
        raise RefusedAddress("Use an http:// or https:// URL.")
    if not parts.hostname:
        raise RefusedAddress("The URL names no host.")
    if parts.username is not None or parts.password is not None:
        raise RefusedAddress(
            "Leave credentials out of the URL; each delivery is signed with the webhook's secret."
        )
    if parts.fragment:
        raise RefusedAddress("A webhook URL has no #fragment.")
    if port == 0:
        raise RefusedAddress("Port 0 is not a port to deliver to.")
    return parts


def refused_reason(address: IPAddress) -> str | None:
    """Why an address is no place to send webhooks, or None when it is public."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return refused_reason(address.ipv4_mapped)
    checks = (
        (address.is_loopback, "loopback"),
        (address.is_unspecified, "unspecified"),
        (address.is_link_local, "link-local"),
        (address.is_multicast, "multicast"),
        (address.is_private, "private"),
        (address.is_reserved, "reserved"),
        (not address.is_global, "not globally routable"),
    )
    return next((reason for failed, reason in checks if failed), None)


async def resolve(host: str, port: int) -> list[IPAddress]:
    """Every address `host` resolves to (a literal IP is itself)."""
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    loop = asyncio.get_running_loop()
    try:
        infos = await asyncio.wait_for(
            loop.getaddrinfo(host, port, type=socket.SOCK_STREAM), RESOLVE_SECONDS
        )
    except (OSError, TimeoutError) as error:
        raise RefusedAddress(f"The host {host!r} does not resolve.") from error
    addresses: list[IPAddress] = []
    for _family, _type, _proto, _name, sockaddr in infos:
        # Drop an IPv6 scope ("fe80::1%eth0"); the address is checked without it.
        address = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise RefusedAddress(f"The host {host!r} does not resolve.")
    return addresses


async def check_url(url: str, *, allow_private: bool) -> Target:
    """The URL ready to deliver to, or RefusedAddress saying why not.

    Unless `allow_private`, the host must resolve, and every address it resolves to must
    be public: one private answer among public ones is refused as a whole.
    """
    parts = parse(url)
    host = parts.hostname or ""
    port = parts.port or SCHEMES[parts.scheme]
    if allow_private:
        return Target(url=url, host=host, port=port, scheme=parts.scheme, address=None)
    addresses = await resolve(host, port)
    for address in addresses:
        reason = refused_reason(address)
        if reason is not None:
            raise RefusedAddress(
                f"The host {host!r} resolves to {address} ({reason}); "
                "webhooks go to public addresses only."
            )
    return Target(url=url, host=host, port=port, scheme=parts.scheme, address=str(addresses[0]))
