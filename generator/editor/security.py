"""Who may use the editor: only this computer, only through the address `bulletin serve` printed.

The editor can change content files, so it is guarded the way a local admin page must be:
- it exists only while the preview listens on a loopback address (127.0.0.1, ::1, localhost);
- every editor address carries a random token printed in the terminal (another page in the
  browser cannot guess it);
- the Host header must name this server (a DNS-rebinding page arrives with its own host name);
- a write must come from a page of this server (Origin) and carry the CSRF token of its form.
"""
from __future__ import annotations

import hmac
import ipaddress
import secrets
from dataclasses import dataclass, field

PREFIX = "/_edit/"


def is_loopback(host: str) -> bool:
    """True for an address only this computer can reach."""
    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def same(a: str | None, b: str) -> bool:
    return a is not None and hmac.compare_digest(a.encode("utf-8"), b.encode("utf-8"))


@dataclass
class Guard:
    """The editor's secrets and the checks every request passes."""
    port: int
    host: str = "127.0.0.1"  # the loopback address the preview listens on
    token: str = field(default_factory=lambda: secrets.token_urlsafe(18))
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(24))

    @property
    def base(self) -> str:
        """The editor's home, as a path on this server."""
        return f"{PREFIX}{self.token}/"

    def hosts(self) -> set[str]:
        own = f"[{self.host}]" if ":" in self.host else self.host
        names = tuple(dict.fromkeys(("127.0.0.1", "localhost", "[::1]", own.lower())))
        return {f"{n}:{self.port}" for n in names} | ({*names} if self.port == 80 else set())

    def host_ok(self, host: str | None) -> bool:
        return host is not None and host.lower() in self.hosts()

    def origin_ok(self, origin: str | None, host: str | None) -> bool:
        """A write must come from a page of this very server."""
        return self.host_ok(host) and origin is not None and origin.lower() == f"http://{host}".lower()

    def rest(self, path: str) -> str | None:
        """The part of an editor path after its token ("" for the home); None without the right token."""
        if not path.startswith(PREFIX):
            return None
        token, _, rest = path[len(PREFIX):].partition("/")
        return rest if same(token, self.token) else None

    def csrf_ok(self, value: str | None) -> bool:
        return same(value, self.csrf)
