"""Where the server may send a webhook: only to public internet addresses, checked when the request is sent.

A webhook URL is chosen by a city's admin, so without this the server could be made to call its own
neighbours (the database, Redis, a cloud's metadata service) and report back what answered. The rules:

- a receiver is an https URL on a standard port (443, or what the operator allows) with a public name;
- at delivery time its name is resolved once, every address it resolves to must be public (not loopback,
  private, link-local, CGNAT, ULA, metadata, multicast or reserved), and the connection goes to the
  address that was checked (no second lookup, so a name cannot point elsewhere between check and use:
  DNS rebinding); TLS still verifies the certificate against the name;
- every way of not getting through reads the same in the delivery log, so the log cannot map the network.

Development (and tests) may allow private addresses and any port, for receivers on this machine.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from api.config import Settings

UNREACHABLE = "The receiver could not be reached."
Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Awaitable[list[str]]]

# Names that never mean a public host, whatever a resolver says.
_INTERNAL_SUFFIXES = (".localhost", ".local", ".internal", ".svc", ".cluster.local", ".lan", ".home.arpa", ".intranet")


class Refused(Exception):
    """The URL may not be used as a receiver; the message says why, in words for the admin. The message is
    a template of the `problems` catalogue with its `params`, so the admin reads it in their language."""

    def __init__(self, template: str, params: dict[str, str] | None = None) -> None:
        self.template = template
        self.params = params or {}
        super().__init__(template.format(**self.params) if self.params else template)


@dataclass(frozen=True)
class Policy:
    private_allowed: bool
    ports: frozenset[int]

    @classmethod
    def of(cls, settings: Settings) -> Policy:
        private = settings.webhook_private_addresses
        return cls(
            private_allowed=settings.is_development if private is None else private,
            ports=frozenset(settings.webhook_ports),
        )


@dataclass(frozen=True)
class Target:
    """A receiver's URL with the address it resolved to: connect there, and name the host in Host and SNI."""

    url: str  # with the checked address in place of the name
    host: str  # the name, for the Host header and TLS
    address: Address


def check_url(policy: Policy, url: str) -> None:
    """What can be told without a lookup: scheme, port, and names or literal addresses that are internal."""
    if policy.private_allowed:
        return
    parts = urlsplit(url)
    if parts.scheme != "https":
        raise Refused("A webhook receiver must use https.")
    if _port(parts.scheme, parts.port) not in policy.ports:
        allowed = ", ".join(str(p) for p in sorted(policy.ports))
        raise Refused("A webhook receiver must use a standard https port ({allowed}).", {"allowed": allowed})
    host = _host(parts.hostname)
    literal = _literal(host)
    if literal is not None:
        if not public(literal):
            raise Refused("A webhook receiver must be reachable on the internet.")
        return
    if "." not in host or host == "localhost" or host.endswith(_INTERNAL_SUFFIXES):
        raise Refused("A webhook receiver must be reachable on the internet.")


async def resolve_target(policy: Policy, url: str, resolver: Resolver | None = None) -> Target:
    """The receiver's address, checked; raises Refused with UNREACHABLE for anything that may not be called."""
    try:
        check_url(policy, url)
    except Refused:
        raise Refused(UNREACHABLE) from None
    parts = urlsplit(url)
    host = _host(parts.hostname)
    port = _port(parts.scheme, parts.port)
    literal = _literal(host)
    try:
        found = [str(literal)] if literal is not None else await (resolver or system_resolver)(host, port)
    except OSError:
        raise Refused(UNREACHABLE) from None
    addresses = [ipaddress.ip_address(a.split("%")[0]) for a in found]
    if not addresses or (not policy.private_allowed and not all(public(a) for a in addresses)):
        # All must be public: a name with one public and one internal address is refused as a whole.
        raise Refused(UNREACHABLE)
    chosen = addresses[0]
    netloc = f"[{chosen}]" if chosen.version == 6 else str(chosen)
    if parts.port is not None:
        netloc += f":{parts.port}"
    return Target(url=urlunsplit(parts._replace(netloc=netloc)), host=host, address=chosen)


def public(address: Address) -> bool:
    mapped = getattr(address, "ipv4_mapped", None)
    if mapped is not None:
        return public(mapped)
    return address.is_global and not address.is_multicast


async def system_resolver(host: str, port: int) -> list[str]:
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(info[4][0] for info in infos))


def _host(hostname: str | None) -> str:
    # A trailing dot names the same host ("localhost." is localhost).
    return (hostname or "").strip("[]").lower().rstrip(".")


def _port(scheme: str, port: int | None) -> int:
    return port if port is not None else (443 if scheme == "https" else 80)


def _literal(host: str) -> Address | None:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None
