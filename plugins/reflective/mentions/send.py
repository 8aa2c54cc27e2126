"""Sending one Webmention: discover the target's endpoint, POST `source` and `target`.

Owns `send_one`, which returns an `Outcome` and never raises for what a remote site
does: any 2xx is success (201 and 202 included, with the Location a 201 gives); a 4xx
is a rejection, final; a 429 waits its `Retry-After` (seconds or an HTTP date, up to
`max_wait`) and tries once more, else it stays to send next time, as does a 5xx, a
timeout or an unreachable host; a page without an endpoint is final too. `final`
tells the plan whether to try the target again on the next run.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import time
from dataclasses import dataclass

from . import discover
from .net import Net, NetError

HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass
class Outcome:
    target: str
    status: str  # sent | no-endpoint | rejected | failed | refused
    detail: str = ""
    endpoint: str | None = None
    code: int | None = None

    @property
    def final(self) -> bool:
        """Done with this target (sent, or no use trying again unchanged)."""
        return self.status in ("sent", "no-endpoint", "rejected", "refused")

    def line(self) -> str:
        where = f" via {self.endpoint}" if self.endpoint else ""
        return f"{self.status}: {self.target}{where}" + (f" ({self.detail})" if self.detail else "")


def find_endpoint(net: Net, target: str) -> str | None:
    page = net.get(target)
    if page.status >= 400:
        raise NetError("http", f"the page answered {page.status}")
    kind = page.headers.get("content-type", "").split(";")[0].strip().lower()
    html = page.body if kind in HTML_TYPES or not kind else None
    return discover.endpoint(page.url, page.headers.get_list("link"), html)


def retry_after(value: str | None, now: dt.datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    now = now or dt.datetime.now(dt.UTC)
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - now).total_seconds())


def send_one(net: Net, source: str, target: str, max_wait: float = 60, sleep=time.sleep) -> Outcome:
    try:
        endpoint = find_endpoint(net, target)
    except NetError as error:
        status = "refused" if error.kind == "refused" else "failed"
        if error.kind == "http":
            status = "no-endpoint"
        return Outcome(target, status, str(error))
    if endpoint is None:
        return Outcome(target, "no-endpoint", "the page names no Webmention endpoint")
    for attempt in (1, 2):
        try:
            code, headers, body = net.post(endpoint, {"source": source, "target": target})
        except NetError as error:
            status = "refused" if error.kind == "refused" else "failed"
            return Outcome(target, status, str(error), endpoint)
        if 200 <= code < 300:
            where = headers.get("location")
            detail = f"{code}" + (f", status at {where}" if where and code == 201 else "")
            return Outcome(target, "sent", detail, endpoint, code)
        if code == 429:
            wait = retry_after(headers.get("retry-after"))
            if attempt == 1 and wait is not None and wait <= max_wait:
                sleep(wait)
                continue
            later = f"; the endpoint asks to wait {wait:.0f} s" if wait is not None else ""
            return Outcome(target, "failed", f"429 too many requests{later}; sent next time",
                           endpoint, code)  # fmt: skip
        reason = _reason(body)
        if 400 <= code < 500:
            return Outcome(target, "rejected", f"{code}{reason}", endpoint, code)
        return Outcome(target, "failed", f"{code}{reason}; sent next time", endpoint, code)
    raise AssertionError("unreachable")  # pragma: no cover


def _reason(body: bytes) -> str:
    text = " ".join(body[:300].decode("utf-8", "replace").split())
    return f": {text[:160]}" if text else ""
