"""The sender's HTTP: guarded, bounded, one request at a time.

Owns `Net`, the one way `send` reaches other sites: every address (each redirect hop
too) is resolved first and refused when it is loopback, private, link-local or
otherwise not on the public internet (a link in a post could point the sender at the
author's router), unless `allow_local` is set; redirects are followed by hand (at most
`max_redirects`, a loop is reported as one); every request has a timeout; a body is read
up to `max_bytes` and no further. Requests go out one after another, so no host ever
sees two at once. Failures raise `NetError` with a one-line reason.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

USER_AGENT = "Reflective-Webmention/1 (+https://www.w3.org/TR/webmention/)"


class NetError(Exception):
    """A request that could not be made or finished; `kind` says which (for reports)."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind  # refused | timeout | redirects | unreachable | bad-address


@dataclass
class Page:
    url: str  # after redirects
    status: int
    headers: httpx.Headers
    body: bytes


def is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


class Net:
    def __init__(
        self,
        timeout: float = 10,
        max_bytes: int = 1_000_000,
        max_redirects: int = 10,
        allow_local: bool = False,
        transport: httpx.BaseTransport | None = None,
    ):
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.allow_local = allow_local
        self.client = httpx.Client(
            timeout=httpx.Timeout(timeout),
            follow_redirects=False,
            headers={"User-Agent": USER_AGENT},
            transport=transport,
        )

    def close(self) -> None:
        self.client.close()

    def check(self, url: str) -> None:
        """Refuse a non-http(s) address, or one whose host is not public."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise NetError("bad-address", f"{url} is not an http(s) address")
        if self.allow_local:
            return
        try:
            infos = socket.getaddrinfo(parts.hostname, parts.port or 443, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as error:
            raise NetError("unreachable", f"cannot resolve {parts.hostname}: {error}") from None
        for info in infos:
            address = info[4][0]
            if not is_public(address):
                raise NetError(
                    "refused",
                    f"{parts.hostname} is a local or private address ({address}); not sent "
                    "(--allow-local-addresses sends to such addresses)",
                )

    def get(self, url: str) -> Page:
        """GET, following redirects by hand; the body read up to `max_bytes`."""
        seen = []
        for _ in range(self.max_redirects + 1):
            self.check(url)
            seen.append(url)
            response = self._send("GET", url)
            location = response.headers.get("location")
            if response.is_redirect and location:
                response.close()
                url = urljoin(url, location.strip())
                if url in seen:
                    raise NetError("redirects", f"redirect loop at {url}")
                continue
            return Page(url, response.status_code, response.headers, self._body(response))
        raise NetError("redirects", f"more than {self.max_redirects} redirects from {seen[0]}")

    def post(self, url: str, data: dict) -> tuple[int, httpx.Headers, bytes]:
        """POST a form; redirects are not followed (the endpoint answers itself)."""
        self.check(url)
        response = self._send("POST", url, data=data)
        return response.status_code, response.headers, self._body(response)

    def _send(self, method: str, url: str, **kwargs) -> httpx.Response:
        try:
            request = self.client.build_request(method, url, **kwargs)
            return self.client.send(request, stream=True)
        except httpx.TimeoutException:
            raise NetError("timeout", f"{url}: no answer in time (timed out)") from None
        except httpx.HTTPError as error:
            raise NetError("unreachable", f"{url}: {type(error).__name__}: {error}") from None

    def _body(self, response: httpx.Response) -> bytes:
        chunks, size = [], 0
        try:
            for chunk in response.iter_bytes():
                chunks.append(chunk)
                size += len(chunk)
                if size >= self.max_bytes:
                    break  # enough: an endpoint is in the head; the rest is not read
        except httpx.TimeoutException:
            raise NetError("timeout", f"{response.url}: the answer stopped (timed out)") from None
        except httpx.HTTPError as error:
            raise NetError("unreachable", f"{response.url}: {error}") from None
        finally:
            response.close()
        return b"".join(chunks)[: self.max_bytes]
