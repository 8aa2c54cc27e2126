"""Thirty comments of realistic length for one post (the 40 KB budget and the audit).

`write(folder)` writes them as comment files: every third one a reply (some to
replies, so threads reach three levels), every fifth by the post author, two with
websites, two pingbacks. Run as a script to add them to a content folder:
`PYTHONPATH=. .venv/bin/python tests/comments/thirty.py content/comments/<post-slug>`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from bench.comments_corpus import NAMES  # the same readers as the bench corpus

SENTENCES = [
    "I tried something similar in our branch library last term and it worked better than expected.",
    "The hardest part for me was finding twenty minutes a week to keep it going.",
    "Our team now shares one short note after every training session, which helps.",
    "I would add that asking a colleague to read your draft first takes the fear out of it.",
    "We found that a fixed day in the calendar made all the difference.",
    "It took me three attempts before the habit stuck, so do not give up after one.",
]


def body(n: int) -> str:
    first = SENTENCES[n % len(SENTENCES)]
    second = SENTENCES[(n * 5 + 1) % len(SENTENCES)]
    third = SENTENCES[(n * 7 + 2) % len(SENTENCES)]
    return f"{first} {second}\n\n{third} Thanks for writing this up, it is *useful*."


def write(folder: Path, count: int = 30, author: str = "Ruth Ashdown") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(1, count + 1):
        lines = ["---", f"id: t{n}"]
        if n in (7, 19):
            lines += [
                "type: pingback",
                f'author: "A fellow blogger, post {n}"',
                f"source: https://blog{n}.example.org/2011/07/thing-six/",
            ]
        else:
            name = author if n % 5 == 0 else f"{NAMES[n % len(NAMES)]} Reader"
            lines.append(f'author: "{name}"')
            if n in (2, 11):
                lines.append(f"website: https://{NAMES[n % len(NAMES)].lower()}.example.net/")
            if (n % 3 == 0 and n > 3) or n in (10, 22):
                parent = n - 1 if (n - 1) not in (7, 19) else n - 2
                lines.append(f"replyto: t{parent}")
        lines.append(f"date: 2011-08-{1 + n // 2:02d} {8 + n % 12:02d}:{(n * 7) % 60:02d}")
        lines.append("---")
        (folder / f"t{n:02d}.md").write_text(
            "\n".join(lines) + "\n" + (body(n) if n not in (7, 19) else "") + "\n",
            encoding="utf-8",
        )


if __name__ == "__main__":
    write(Path(sys.argv[1]))
