"""A deterministic synthetic Reflective site of N posts, for the bench and its test.

Owns the corpus: `generate(folder, n)` writes `content/posts/*.md` (600–1,200 words of
Markdown each: headings, paragraphs, lists, links, inline and fenced code, task lists,
quotes, the odd table) with front matter per SPEC §1 (a Thing per post, a combined post
now and then, bonus posts; 1–6 actions a post in every state, with due and done dates,
priorities, notes, habits and a few private actions; updates on earlier actions and
check-ins on habits; 2 % drafts) and `content/pages/about.md`, and returns the
`Corpus` facts the bench needs (the build's "today", a post to edit). The programme
(CPD23) is rerun every year: about 30 posts a cohort, Things 1–23 plus bonus posts.

Every post comes from its own seeded random stream and from the posts before it, so the
first 1,000 posts of a 5,000-post corpus are the 1,000-post corpus (only "today"
differs). `python -m bench.generate FOLDER N` writes one from the command line.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

import yaml

from reflective.core.schema import derive_id

from . import comments_corpus

START = dt.date(2011, 6, 20)
DAYS_PER_POST = 3
POSTS_PER_COHORT = 30  # Things 1–23 (8 and 9 combined now and then) and bonus posts
SEED = "reflective-bench-1"

WORDS = (
    "library catalogue students research teaching session workshop induction reading "
    "list journal article database search strategy referencing citation blog post feed "
    "network colleague mentor chartership portfolio evidence reflection practice "
    "professional development conference poster presentation slides audience feedback "
    "survey question answer budget committee meeting agenda minutes project plan "
    "timeline deadline priority habit routine week month term semester notes draft "
    "revision outcome impact value service user experience enquiry desk support guide "
    "tutorial video screencast podcast wiki document folder shared calendar reminder "
    "archive collection digitisation metadata record subject engineering science history "
    "law medicine nursing education outreach advocacy volunteer career application "
    "interview role skills confidence learning goal progress review evaluation"
).split()
LINKERS = (
    "and",
    "but",
    "so",
    "because",
    "while",
    "although",
    "then",
    "which",
    "with",
    "for",
    "about",
    "after",
    "before",
    "without",
    "into",
    "from",
    "over",
)
OPENERS = (
    "This week",
    "Honestly",
    "In the end",
    "Looking back",
    "For now",
    "Next time",
    "At work",
    "Last term",
    "So far",
    "On reflection",
    "Oddly",
    "As usual",
)
VERBS = (
    "Write",
    "Draft",
    "Finish",
    "Book",
    "Ask",
    "Read",
    "Update",
    "Review",
    "Share",
    "Try",
    "Set up",
    "Plan",
    "Record",
    "Email",
    "Join",
    "Present",
    "Tidy",
    "Map",
)
OBJECTS = (
    "the induction slides",
    "my chartership portfolio",
    "a reading list for nursing",
    "the feed reader",
    "my LinkedIn profile",
    "the team wiki page",
    "a poster abstract",
    "the subject guide",
    "notes from the mentoring meeting",
    "the Zotero library",
    "a screencast on referencing",
    "the committee newsletter",
    "my CV",
    "the shared teaching calendar",
    "a blog post on advocacy",
    "the survey results",
    "the enquiry desk rota",
    "a podcast episode",
    "the digitisation plan",
)
QUALIFIERS = (
    "before the next committee meeting",
    "with two colleagues",
    "for the new term",
    "in under an hour",
    "and send it round",
    "for the graduate trainees",
    "so it fits on one page",
    "for the conference in spring",
    "every Friday",
    "with fresh screenshots",
    "and ask for feedback",
    "after the budget round",
)
CHECKBOX_ITEMS = (
    "export the subscriptions",
    "sort feeds into three piles",
    "book a room",
    "send the agenda",
    "print handouts",
    "check the links",
    "update the wiki",
    "ask for a second reader",
    "file the notes",
    "back up the folder",
)
TAGS = tuple(
    f"{word}-{suffix}" if index % 3 else word
    for index, (word, suffix) in enumerate(
        zip(WORDS[::3], ("skills", "tools", "notes", "practice", "work") * 30, strict=False)
    )
)[:60]
CODE = {
    "python": [
        "import csv",
        "",
        "with open('feeds.csv', newline='') as handle:",
        "    rows = list(csv.DictReader(handle))",
        "keep = [r for r in rows if r['read']]",
        "print(len(keep), 'feeds kept')",
    ],
    "yaml": [
        "session: induction",
        "room: B12",
        "slots:",
        "  - 10:00",
        "  - 14:00",
        "handouts: true",
    ],
    "bash": [
        "mkdir -p portfolio/evidence",
        "cp notes/*.md portfolio/evidence/",
        "zip -r portfolio.zip portfolio",
        "ls -l portfolio.zip",
    ],
    "text": [
        "# feeds-keep.txt: read weekly",
        "https://example.org/blogs/library/feed",
        "https://example.org/journals/toc/rss",
        "https://example.org/cpd23/all.opml",
    ],
}
STATUS_WEIGHTS = (("todo", 50), ("doing", 15), ("done", 22), ("dropped", 8))
UPDATE_STATUSES = (("doing", 30), ("done", 40), ("dropped", 10), ("todo", 5), (None, 15))
PERIODS = ("day", "week", "fortnight", "month")


@dataclass
class Corpus:
    """What the bench needs to know about a generated site."""

    folder: Path
    posts: int
    drafts: int
    actions: int
    private: int
    habits: int
    updates: int
    statuses: dict
    comments: int
    today: dt.date
    edit_target: Path  # a published post near the middle, for the rebuild measurement


def _weighted(rng: random.Random, table) -> str | None:
    values, weights = zip(*table, strict=True)
    return rng.choices(values, weights)[0]


def _phrase(rng: random.Random, low: int, high: int) -> list[str]:
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    for position in range(3, len(words) - 2, rng.randint(4, 7)):
        words[position] = rng.choice(LINKERS)
    return words


def _sentence(rng: random.Random) -> tuple[str, int]:
    words = _phrase(rng, 9, 22)
    roll = rng.random()
    if roll < 0.12:
        at = rng.randrange(1, len(words))
        words[at] = f"[{words[at]}](https://example.org/{words[at]}/{rng.randint(1, 999)})"
    elif roll < 0.2:
        at = rng.randrange(1, len(words))
        words[at] = f"*{words[at]}*"
    elif roll < 0.26:
        at = rng.randrange(1, len(words))
        words[at] = f"`{words[at]}`"
    if rng.random() < 0.3:
        words.insert(0, rng.choice(OPENERS) + ",")
    else:
        words[0] = words[0].capitalize()
    return " ".join(words) + rng.choice(".....?!"), len(words)


def _paragraph(rng: random.Random) -> tuple[str, int]:
    sentences, count = [], 0
    for _ in range(rng.randint(3, 6)):
        text, words = _sentence(rng)
        sentences.append(text)
        count += words
    return " ".join(sentences), count


def _block(rng: random.Random) -> tuple[str, int]:
    """Something other than a paragraph: a list, code, a task list, a quote, a table."""
    kind = rng.choices(
        ("bullets", "numbers", "code", "tasks", "quote", "table"), (30, 15, 20, 20, 10, 5)
    )[0]
    if kind in ("bullets", "numbers"):
        items = [" ".join(_phrase(rng, 4, 12)).capitalize() for _ in range(rng.randint(3, 6))]
        marks = ["-"] * len(items) if kind == "bullets" else [f"{n}." for n in range(1, 9)]
        lines = [f"{mark} {item}" for mark, item in zip(marks, items, strict=False)]
        return "\n".join(lines), sum(len(item.split()) for item in items)
    if kind == "code":
        language = rng.choice(sorted(CODE))
        return "\n".join([f"```{language}", *CODE[language], "```"]), 12
    if kind == "tasks":
        items = rng.sample(CHECKBOX_ITEMS, rng.randint(3, 5))
        lines = [f"- [{'x' if rng.random() < 0.5 else ' '}] {item.capitalize()}" for item in items]
        return "\n".join(lines), 3 * len(items)
    if kind == "quote":
        text, words = _sentence(rng)
        return f"> {text}", words
    rows = ["| Week | Session | Attendance |", "|---|---|---|"]
    rows += [
        f"| {week} | {rng.choice(WORDS)} {rng.choice(WORDS)} | {rng.randint(4, 40)} |"
        for week in range(1, rng.randint(3, 6))
    ]
    return "\n".join(rows), 4 * (len(rows) - 2)


def body(rng: random.Random) -> str:
    """600–1,200 words of Markdown in a blog post's usual shape."""
    target = rng.randint(600, 1200)
    parts, count = [], 0
    for _ in range(rng.randint(1, 2)):
        text, words = _paragraph(rng)
        parts.append(text)
        count += words
    while count < target:
        heading = " ".join(_phrase(rng, 2, 5)).capitalize()
        parts.append(f"## {heading}")
        count += len(heading.split())
        for _ in range(rng.randint(1, 3)):
            if count >= target:
                break
            text, words = _paragraph(rng)
            parts.append(text)
            count += words
            if rng.random() < 0.45:
                text, words = _block(rng)
                parts.append(text)
                count += words
    return "\n\n".join(parts) + "\n"


def _action_text(rng: random.Random) -> str:
    text = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(QUALIFIERS)}"
    roll = rng.random()
    if roll < 0.15:
        text += f" (see the [guide](https://example.org/guides/{rng.randint(1, 99)}))"
    elif roll < 0.22:
        text = text.replace(" the ", " the *new* ", 1)
    elif roll < 0.27:
        text += f" in `{rng.choice(WORDS)}.md`"
    return text


class _State:
    """What later posts can refer to: earlier published actions and habits."""

    def __init__(self):
        self.ids: set[str] = set()
        self.targets: list[tuple[str, dt.date]] = []  # published, not private
        self.habits: list[tuple[str, dt.date]] = []
        self.counts = {"actions": 0, "private": 0, "habits": 0, "updates": 0, "drafts": 0}
        self.statuses = {"todo": 0, "doing": 0, "done": 0, "dropped": 0}


def _actions(rng: random.Random, index: int, date: dt.date, draft: bool, state: _State):
    actions = []
    for k in range(rng.choices((1, 2, 3, 4, 5, 6), (15, 25, 25, 17, 10, 8))[0]):
        text = _action_text(rng)
        item: dict = {}
        explicit = rng.random() < 0.5
        derived = derive_id(text)
        if explicit or derived in state.ids:
            action_id = f"{derived.split('-', 1)[0]}-{index}-{k}"
            item["id"] = action_id
        else:
            action_id = derived
        state.ids.add(action_id)
        item["text"] = text
        status = _weighted(rng, STATUS_WEIGHTS)
        if status == "done" and rng.random() < 0.6:
            item["done"] = date - dt.timedelta(days=rng.randint(0, 5))
        elif status != "todo" or rng.random() < 0.2:
            item["status"] = status
        if rng.random() < 0.4:
            item["due"] = date + dt.timedelta(days=rng.randint(7, 150))
        roll = rng.random()
        if roll < 0.15:
            item["priority"] = "high"
        elif roll < 0.25:
            item["priority"] = "low"
        habit = status in ("todo", "doing") and rng.random() < 0.12
        if habit:
            item["every"] = rng.choice(PERIODS)
            item.pop("due", None)
        private = rng.random() < 0.05
        if private:
            item["private"] = True
        if rng.random() < 0.25:
            item["note"] = " ".join(_phrase(rng, 6, 16)).capitalize() + "."
        # A third of the plain actions are written the short way: a bare string.
        actions.append(text if list(item) == ["text"] and rng.random() < 0.33 else item)
        state.counts["actions"] += 1
        state.counts["private"] += private
        state.counts["habits"] += habit
        state.statuses[status] += 1
        if not draft and not private:
            (state.habits if habit else state.targets).append((action_id, date))
    return actions


def _updates(rng: random.Random, date: dt.date, state: _State):
    updates = []
    recent = state.targets[-300:]
    for _ in range(rng.choices((0, 1, 2, 3), (35, 35, 20, 10))[0] if recent else 0):
        action_id, made = rng.choice(recent)
        update: dict = {"action": action_id}
        status = _weighted(rng, UPDATE_STATUSES)
        if status is not None:
            update["status"] = status
        if rng.random() < 0.3:
            update["date"] = max(made, date - dt.timedelta(days=rng.randint(0, 4)))
        if rng.random() < 0.6:
            update["note"] = " ".join(_phrase(rng, 6, 18)).capitalize() + "."
        updates.append(update)
    habits = state.habits[-40:]
    for _ in range(rng.choices((0, 1, 2), (55, 35, 10))[0] if habits else 0):
        action_id, _made = rng.choice(habits)
        checkin: dict = {"action": action_id}
        if rng.random() < 0.5:
            checkin["note"] = " ".join(_phrase(rng, 5, 12)).capitalize() + "."
        updates.append(checkin)
    state.counts["updates"] += len(updates)
    return updates


def post(index: int, state: _State, seed: str = SEED) -> tuple[str, str, bool]:
    """(file name, text, draft) of post number `index` (0-based)."""
    rng = random.Random(f"{seed}-{index}")
    date = START + dt.timedelta(days=index * DAYS_PER_POST + rng.randint(0, DAYS_PER_POST - 1))
    cohort, position = divmod(index, POSTS_PER_COHORT)
    year = START.year + cohort
    meta: dict = {}
    if position < 23 and not (position == 8 and cohort % 2 == 0):  # 9 went with 8
        number = position + 1
        things = [8, 9] if number == 8 and cohort % 2 == 0 else number
        label = "Things 8 and 9" if things == [8, 9] else f"Thing {number}"
        meta["title"] = f"{label}, {year} round: {' '.join(_phrase(rng, 3, 6)).capitalize()}"
        meta["category"] = "cpd23"
    else:
        things = None
        meta["title"] = f"Notes {index}: {' '.join(_phrase(rng, 3, 6)).capitalize()}"
        meta["category"] = "notes"
    meta["date"] = date
    meta["tags"] = rng.sample(TAGS, rng.randint(2, 4))
    draft = index % 50 == 20  # 2 %, and the first one early enough for small corpora
    if draft:
        meta["status"] = "draft"
        state.counts["drafts"] += 1
    if things is not None:
        meta["thing"] = things
    meta["actions"] = _actions(rng, index, date, draft, state)
    updates = _updates(rng, date, state)
    if updates:
        meta["updates"] = updates
    asked = comments_corpus.questions(index, seed)  # issue 13: questions to readers
    if asked:
        meta["questions"] = asked
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000)
    return f"{date.isoformat()}-{index:05d}.md", f"---\n{front}---\n{body(rng)}", draft


ABOUT = """---
title: About
---
A synthetic reflective-practice blog written by `bench/generate.py` for `make bench`.
"""


def generate(folder: Path | str, n: int, seed: str = SEED) -> Corpus:
    """Write a site of `n` posts under `folder`/content; the same folder, n and seed
    always give the same bytes."""
    if n < 1:
        raise ValueError(f"a corpus needs at least one post, not {n}")
    folder = Path(folder)
    posts_dir = folder / "content" / "posts"
    pages_dir = folder / "content" / "pages"
    posts_dir.mkdir(parents=True, exist_ok=True)
    pages_dir.mkdir(parents=True, exist_ok=True)
    (pages_dir / "about.md").write_text(ABOUT, encoding="utf-8")
    state = _State()
    published = []
    comments = 0
    for index in range(n):
        name, text, draft = post(index, state, seed)
        (posts_dir / name).write_text(text, encoding="utf-8")
        date = dt.date.fromisoformat(name[:10])
        asked = comments_corpus.questions(index, seed)
        comments += comments_corpus.write(folder, index, text, date, asked, seed)
        if not draft:
            published.append(name)
    last = START + dt.timedelta(days=max(n - 1, 0) * DAYS_PER_POST)
    today = START + (last - START) * 9 // 10  # some due dates passed, some to come
    return Corpus(
        folder=folder,
        posts=n,
        drafts=state.counts["drafts"],
        actions=state.counts["actions"],
        private=state.counts["private"],
        habits=state.counts["habits"],
        updates=state.counts["updates"],
        statuses=dict(state.statuses),
        comments=comments,
        today=today,
        edit_target=posts_dir / published[len(published) // 2],
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", default=SEED)
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error(f"N must be at least 1, not {args.n}")
    corpus = generate(args.folder, args.n, args.seed)
    print(
        f"{corpus.posts} posts ({corpus.drafts} drafts), {corpus.actions} actions "
        f"({corpus.private} private, {corpus.habits} habits), {corpus.updates} updates, "
        f"{corpus.comments} comments; "
        f"REFLECTIVE_TODAY = {corpus.today.isoformat()}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
