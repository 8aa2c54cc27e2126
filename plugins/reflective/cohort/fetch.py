"""Fetching the cohort: every participant's document, concurrently and defensively.

Owns the network side of `reflective cohort fetch`, with httpx: a bounded pool of
workers (`concurrency` requests at a time, so memory grows with the pool, not the
cohort), a deadline per participant, a size limit enforced while the body streams in,
redirects followed up to a limit, conditional requests (If-None-Match /
If-Modified-Since from the cached ETag / Last-Modified), and writing each participant's
outcome to the cache as soon as it is known. A failure is one line of text for that
participant; its previous good data is kept and marked stale.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
from dataclasses import dataclass, field

import httpx

from .. import __version__
from . import cache, parse
from .config import Participant

USER_AGENT = f"reflective/{__version__} (cohort fetch; +https://github.com/)"


@dataclass(frozen=True)
class Limits:
    concurrency: int = 16
    timeout: float = 10.0  # seconds: each of connect/read, and the whole participant
    max_bytes: int = 5_000_000
    max_redirects: int = 5


@dataclass
class Outcome:
    participant: Participant
    status: str  # "fetched", "unchanged", "failed"
    error: str | None = None
    stale: bool = False  # failed, with earlier data kept
    bytes: int = 0


@dataclass
class Summary:
    outcomes: list[Outcome] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    @property
    def downloaded(self) -> int:
        return sum(o.bytes for o in self.outcomes)


class FetchError(Exception):
    """One participant's failure, as the line that reports it."""


def now() -> dt.datetime:
    """The fetch's clock: SOURCE_DATE_EPOCH when set (reproducible caches), else UTC now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def run(
    participants: list[Participant], cache_dir: str, limits: Limits = Limits(), transport=None
) -> Summary:
    """Fetch every participant; each outcome is in the cache when this returns.

    `transport` (an httpx transport) is for tools that serve a cohort locally, such as
    scripts/sample_cohort.py; by default httpx's own.
    """
    summary = asyncio.run(_run(participants, cache_dir, limits, transport))
    summary.pruned = cache.prune(cache_dir, {p.key for p in participants})
    order = {p.key: index for index, p in enumerate(participants)}
    summary.outcomes.sort(key=lambda o: order[o.participant.key])
    return summary


async def _run(participants, cache_dir: str, limits: Limits, transport=None) -> Summary:
    summary = Summary()
    queue: asyncio.Queue = asyncio.Queue()
    for participant in participants:
        queue.put_nowait(participant)
    async with httpx.AsyncClient(
        follow_redirects=True,
        max_redirects=limits.max_redirects,
        timeout=httpx.Timeout(limits.timeout),
        limits=httpx.Limits(
            max_connections=limits.concurrency, max_keepalive_connections=limits.concurrency
        ),
        headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
        transport=transport,
    ) as client:

        async def worker():
            while True:
                try:
                    participant = queue.get_nowait()
                except asyncio.QueueEmpty:
                    return
                summary.outcomes.append(await _one(client, participant, cache_dir, limits))

        workers = min(limits.concurrency, len(participants)) or 1
        await asyncio.gather(*(worker() for _ in range(workers)))
    return summary


async def _one(client, participant: Participant, cache_dir: str, limits: Limits) -> Outcome:
    previous = cache.read(cache_dir, participant.key) or {}
    has_data = previous.get("data") is not None and previous.get("url") == participant.url
    headers = {}
    # Data cached before posts' links were kept is fetched again in full, once.
    conditional = has_data and bool(previous["data"].get("has_links"))
    if conditional and previous.get("etag"):
        headers["If-None-Match"] = previous["etag"]
    if conditional and previous.get("last_modified"):
        headers["If-Modified-Since"] = previous["last_modified"]
    record = {
        "name": participant.name,
        "site": participant.site,
        "url": participant.url,
        "kind": participant.kind,
        "checked_at": now().isoformat(),
    }
    try:
        async with asyncio.timeout(limits.timeout):
            response, body = await _get(client, participant.url, headers, limits)
        unchanged = response.status_code == 304 and has_data
        if unchanged:
            data, outcome = previous["data"], Outcome(participant, "unchanged")
        else:
            data = parse.document(participant.kind, body, str(response.url))
            outcome = Outcome(participant, "fetched", bytes=len(body))
        record.update(
            status="ok",
            error=None,
            fetched_at=record["checked_at"],
            # A 304 need not repeat the validators: keep the ones the data came with.
            etag=response.headers.get("etag") or (previous.get("etag") if unchanged else None),
            last_modified=response.headers.get("last-modified")
            or (previous.get("last_modified") if unchanged else None),
            final_url=str(response.url),
            data=data,
        )
    except Exception as error:  # one participant's failure never stops the others
        reason = _reason(error, participant, limits)
        record.update(
            status="stale" if has_data else "failed",
            error=reason,
            fetched_at=previous.get("fetched_at") if has_data else None,
            etag=previous.get("etag") if has_data else None,
            last_modified=previous.get("last_modified") if has_data else None,
            final_url=previous.get("final_url") if has_data else None,
            data=previous.get("data") if has_data else None,
        )
        outcome = Outcome(
            participant, "failed", reason, stale=has_data, bytes=getattr(error, "received", 0)
        )
    cache.write(cache_dir, participant.key, record)
    return outcome


async def _get(client, url: str, headers: dict, limits: Limits):
    async with client.stream("GET", url, headers=headers) as response:
        if response.status_code == 304:
            return response, b""
        if response.status_code != 200:
            phrase = response.reason_phrase or ""
            raise FetchError(f"the server answered HTTP {response.status_code} {phrase}".rstrip())
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limits.max_bytes:
            raise FetchError(
                f"the document is {int(declared):,} bytes, over the limit of "
                f"{limits.max_bytes:,} (REFLECTIVE_COHORT_MAX_BYTES)"
            )
        chunks, size = [], 0
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > limits.max_bytes:
                error = FetchError(
                    f"the document is over the limit of {limits.max_bytes:,} bytes "
                    "(REFLECTIVE_COHORT_MAX_BYTES); stopped reading"
                )
                error.received = response.num_bytes_downloaded
                raise error
            chunks.append(chunk)
        return response, b"".join(chunks)


def _reason(error: Exception, participant: Participant, limits: Limits) -> str:
    what = "progress.json" if participant.kind == "progress" else "feed"
    if isinstance(error, parse.ParseError):
        return f"the {what} {error}"
    if isinstance(error, FetchError):
        return str(error)
    if isinstance(error, httpx.TooManyRedirects):
        return f"more than {limits.max_redirects} redirects (a redirect loop?)"
    if isinstance(error, httpx.UnsupportedProtocol | httpx.InvalidURL):
        return "redirected to an address that is not a valid http(s) address"
    if isinstance(error, TimeoutError | httpx.TimeoutException):
        return f"no complete answer within {limits.timeout:g} s (REFLECTIVE_COHORT_TIMEOUT)"
    if isinstance(error, httpx.ConnectError):
        return f"cannot connect: {_short(error) or 'the host refused or is unreachable'}"
    if isinstance(error, httpx.RemoteProtocolError):
        return f"the server broke the HTTP exchange: {_short(error)}"
    if isinstance(error, httpx.DecodingError):
        return f"the body could not be decoded: {_short(error)}"
    if isinstance(error, httpx.HTTPError | OSError):
        return f"{type(error).__name__}: {_short(error)}"
    return f"unexpected {type(error).__name__}: {_short(error)} (please report it)"


def _short(error: Exception) -> str:
    return str(error).split("\n")[0][:200]
