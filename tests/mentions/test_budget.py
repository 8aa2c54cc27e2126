"""A post with 30 received mentions (pulled for real from a fake webmention.io) stays
within 40 KB with its stylesheets, and carries no photo address."""

from __future__ import annotations

import json

from .jf2server import TOKEN, JF2Server
from .support import kit_site, reflective
from .thirty import entries
from sitebuild import build, page_weight, post

SITE = "https://me.example.org"
COMMENT = '---\nid: c1\nauthor: "Dana Colleague"\ndate: 2026-03-01\n---\nA comment made here.\n'


def test_a_post_with_thirty_mentions_stays_within_40_kb(tmp_path):
    body = "\n\n".join(
        "This week I tried keeping a short list of what I learnt and what I will do next. " * 3
        for _ in range(6)
    )
    root = kit_site(
        tmp_path / "site",
        {
            "a.md": post("Thing 7: networks", date="2026-03-01", body=body, front="thing: 7"),
            "comments/thing-7-networks/c1.md": COMMENT,
        },
        SITEURL=SITE,
        REFLECTIVE_TODAY="2026-06-01",
        REFLECTIVE_WEBMENTION="https://webmention.io/me.example.org/webmention",
    )
    with JF2Server(page_size=20) as api:
        api.entries = entries(f"{SITE}/2026/thing-7-networks/", "c1")
        result = reflective(root, "mentions", "pull", "--api", api.api,
                            env={"WEBMENTION_IO_TOKEN": TOKEN})  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "30 new mention(s) written" in result.stderr
    built = build(root)
    assert built.returncode == 0, built.stderr
    page = root / "output" / "2026" / "thing-7-networks" / "index.html"
    text = page.read_text()
    assert text.count('class="p-comment h-cite') == 13 + 10  # c1, 12 replies; 10 mentions
    assert "Liked by 5" in text and "Reposted by 2" in text and "Bookmarked by 1" in text
    assert "photos.example" not in text
    weight = page_weight(root / "output", page)
    print(json.dumps({"page_bytes": page.stat().st_size, "with_css": weight}))
    assert weight <= 40 * 1024, weight
