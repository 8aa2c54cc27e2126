"""The bench corpus's conversation: comment files and questions to readers (issue 13).

Owns, for post number `index`, its `questions:` (one post in three asks one or two)
and its comment files under `content/comments/<post-slug>/`: about five a post
(0–10), a third of them replies (to a comment or to a reply), every fourth reply by the
post's author, some answering the post's questions, a pingback in one post in eight.
Each post's comments come from their own seeded random stream, so corpora stay
deterministic and the first N posts of a bigger corpus have the same comments.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from pathlib import Path

from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify

from reflective.core.schema import derive_id

NAMES = ["Priya", "Tom", "Grace", "Sam", "Helen", "Owen", "Marta", "Kofi", "Lena", "Dev"]
ASKS = [
    "How do you find the time for this in a busy term?",
    "Has anyone tried this with first-year students?",
    "Would you share the template you used?",
    "Is it worth asking the committee for funding?",
]
_TITLE = re.compile(r"^title: (.*)$", re.M)


def questions(index: int, seed: str) -> list[str]:
    rng = random.Random(f"{seed}-questions-{index}")
    if rng.random() >= 1 / 3:
        return []
    return rng.sample(ASKS, rng.randint(1, 2))


def slug_of(post_text: str) -> str:
    title = _TITLE.search(post_text).group(1).strip().strip("'\"")
    return slugify(title, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])


def write(folder: Path, index: int, post_text: str, date: dt.date, asked, seed: str) -> int:
    """Write post `index`'s comment files; return how many."""
    rng = random.Random(f"{seed}-comments-{index}")
    count = rng.randint(0, 10)
    if not count:
        return 0
    target = folder / "content" / "comments" / slug_of(post_text)
    target.mkdir(parents=True, exist_ok=True)
    ids: list[str] = []
    when = dt.datetime.combine(date, dt.time(9, 0))
    question_ids = [derive_id(q) for q in asked]
    for number in range(1, count + 1):
        when += dt.timedelta(hours=rng.randint(1, 30))
        ident = f"c{number}"
        lines = ["---", f"id: {ident}"]
        reply = ids and rng.random() < 1 / 3
        if reply:
            author = "Bench Author" if rng.random() < 1 / 4 else rng.choice(NAMES) + " Reader"
            lines += [f'author: "{author}"', f"replyto: {rng.choice(ids)}"]
        else:
            lines.append(f'author: "{rng.choice(NAMES)} Reader"')
            if rng.random() < 0.3:
                lines.append(f"website: https://{rng.choice(NAMES).lower()}.example.org/")
            if question_ids and rng.random() < 0.5:
                lines.append(f"answers: [{rng.choice(question_ids)}]")
        lines += [f"date: {when.isoformat(sep=' ', timespec='minutes')}", "---"]
        words = " ".join(rng.choice(NAMES).lower() for _ in range(rng.randint(20, 80)))
        (target / f"{ident}.md").write_text(
            "\n".join(lines) + f"\n{words.capitalize()}.\n\nThanks for *sharing* this.\n",
            encoding="utf-8",
        )
        ids.append(ident)
    if index % 8 == 3:
        (target / "ping.md").write_text(
            f'---\nid: ping\ntype: pingback\nauthor: "Another blog"\n'
            f"date: {when.isoformat(sep=' ', timespec='minutes')}\n"
            f"source: https://blog{index}.example.net/post/\n---\n",
            encoding="utf-8",
        )
        count += 1
    return count
