"""The skeleton of a new post: front matter and the headings of a reflective model.

Owns the reflective models the CLI offers (Rolfe, Gibbs, Kolb, free writing), their
headings and prompts, the file name of a new post, and its text. The prompts are HTML
comments, so a post published before they are replaced shows only the headings.
"""

from __future__ import annotations

import datetime as dt

from slugify import slugify

# name -> (description, [(heading, prompt)])
MODELS = {
    "rolfe": (
        "Rolfe, Freshwater and Jasper (2001): What? So what? Now what?",
        [
            ("What?", "What happened? What did I do, see, read or try?"),
            ("So what?", "What does it mean for me and my work? What did I learn?"),
            ("Now what?", "What will I do next? Put each step in 'actions:' above."),
        ],
    ),
    "gibbs": (
        "Gibbs' reflective cycle (1988)",
        [
            ("Description", "What happened?"),
            ("Feelings", "What was I thinking and feeling?"),
            ("Evaluation", "What was good and bad about the experience?"),
            ("Analysis", "What sense can I make of it?"),
            ("Conclusion", "What else could I have done?"),
            (
                "Action plan",
                "If it happened again, what would I do? List the steps in 'actions:' above.",
            ),
        ],
    ),
    "kolb": (
        "Kolb's experiential learning cycle (1984)",
        [
            ("Concrete experience", "What did I do or try?"),
            ("Reflective observation", "What did I notice, looking back?"),
            ("Abstract conceptualisation", "What do I conclude? What idea or model explains it?"),
            ("Active experimentation", "What will I try next? Put it in 'actions:' above."),
        ],
    ),
    "free": ("Free writing, no headings", []),
}


def default_title(number: int | None, thing_title: str | None) -> str:
    return f"Thing {number}: {thing_title}" if number is not None else ""


def file_name(date: dt.date, number: int | None, title: str) -> str:
    """`2011-10-01-thing-6-online-networks.md`, like the sample posts."""
    words = title
    prefix = f"Thing {number}:"
    if number is not None and words.startswith(prefix):
        words = words[len(prefix) :]
    slug = slugify(words, max_length=60, word_boundary=True, lowercase=True) or "post"
    thing = f"thing-{number}-" if number is not None else ""
    return f"{date.isoformat()}-{thing}{slug}.md"


def text(title: str, date: dt.date, number: int | None, model: str) -> str:
    """The whole new post: front matter with a commented action example, then headings."""
    from .edit import scalar  # ruamel.yaml: only needed to write

    description, sections = MODELS[model]
    example_due = (date + dt.timedelta(days=30)).isoformat()
    lines = [
        "---",
        f"title: {scalar(title)}",
        f"date: {date.isoformat()}",
        "tags: []",
    ]
    if number is not None:
        lines.append(f"thing: {number}")
    else:
        lines.append(
            "# thing: 6          # a bonus post has no Thing; add one if it belongs to one"
        )
    lines += [
        "# status: draft    # uncomment to keep this post out of the published site",
        "actions:",
        "  # One action per line. A bare line is a to-do; give an id to report on it later.",
        "  # - Read two posts by other participants",
        "  # - id: example-action",
        "  #   text: What I will do next, in one sentence",
        f"  #   due: {example_due}",
        "  #   priority: high      # high, normal or low",
        "---",
        f"<!-- {description}. Replace each prompt with your own words. -->",
        "",
    ]
    for heading, prompt in sections:
        lines += [f"## {heading}", "", f"<!-- {prompt} -->", ""]
    if not sections:
        lines += ["<!-- Write what happened, what it meant, and what you will do next. -->", ""]
    return "\n".join(lines)
