"""Which posts to send for, and to which targets: the plan and the state it leaves.

Pure. A first run (no baseline in the state) records every post as it is, sending for
none, or only for those published on or after `since`: an imported ten-year archive
never pings its two thousand links. Afterwards a post is sent for when it is new
(unless it is dated before the baseline: an archive imported later is recorded, not
sent), or changed (its hash differs): then to every link it has and every link it had
(W3C Webmention §3.1.4: a receiver learns of a removed link by being sent to), plus any
target whose last try failed and is pending.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Job:
    source: str
    hash: str
    targets: list  # the post's links now
    send_to: list = field(default_factory=list)
    reason: str = ""  # new | changed | pending | since | recorded


def plan(posts, state: dict, today: str, since: str | None = None) -> tuple[list[Job], str]:
    """(a job per post, the baseline date); jobs with nothing to send are kept too, so
    the state records every post."""
    sent = state.get("sent") or {}
    baseline = state.get("baseline")
    first = baseline is None
    baseline = baseline or today
    jobs = []
    for post in posts:
        known = sent.get(post.url)
        job = Job(post.url, post.hash, list(post.targets))
        day = (post.date or "")[:10]
        if known is None:
            if since and day >= since:
                job.send_to, job.reason = list(post.targets), "since" if first else "new"
            elif first or (day and day < baseline):
                job.reason = "recorded"
            else:
                job.send_to, job.reason = list(post.targets), "new"
        elif known.get("hash") != post.hash:
            wanted = list(post.targets)
            wanted += [t for t in known.get("targets") or [] if t not in wanted]
            wanted += [t for t in known.get("pending") or [] if t not in wanted]
            job.send_to, job.reason = wanted, "changed"
        elif known.get("pending"):
            job.send_to, job.reason = list(known["pending"]), "pending"
        jobs.append(job)
    return jobs, baseline


def record(state: dict, jobs: list[Job], baseline: str, outcomes: dict) -> dict:
    """The state after the jobs ran: `outcomes` maps (source, target) to an Outcome;
    a target not yet final (or not tried) stays pending."""
    sent = dict(state.get("sent") or {})
    for job in jobs:
        pending = [
            t for t in job.send_to if not getattr(outcomes.get((job.source, t)), "final", False)
        ]
        sent[job.source] = {"hash": job.hash, "targets": sorted(job.targets), "pending": pending}
    return dict(state, baseline=baseline, sent=sent)
