"""The author's loop on a copy of the sample site: new → write → check → publish → done
→ rebuild shows it done, with the real command and real strict builds."""

from __future__ import annotations

import shutil
from pathlib import Path

from fixtures_cli.support import progress, run

REPO = Path(__file__).resolve().parent.parent
TODAY = {"SOURCE_DATE_EPOCH": "1317470400"}  # 2011-10-01 12:00 UTC: the author's "today"
PUBLISH = {"SITEURL": "https://ruth.example.org"}  # publishconf.py requires it


def _sample_site(tmp_path: Path) -> Path:
    site = tmp_path / "blog"
    site.mkdir()
    for name in ("content", "theme", "cohort-cache"):
        shutil.copytree(REPO / name, site / name)
    for name in ("pelicanconf.py", "publishconf.py", "cohort.yaml"):
        shutil.copy(REPO / name, site / name)
    return site


def _publish(site: Path):
    """What `make publish` runs: `reflective publish`, in the site's folder."""
    return run("publish", cwd=site, env=PUBLISH)


def test_the_authors_loop(tmp_path):
    site = _sample_site(tmp_path)

    # 1. Start the post for the next Thing.
    new = run("new", "--thing", "12", "--model", "gibbs", cwd=site, env=TODAY)
    assert new.returncode == 0, new.stderr
    post = site / new.stdout.strip()
    assert post.name == "2011-10-01-thing-12-putting-the-social-into-social-media.md"

    # 2. Write: an action with an id (replacing the commented example) and some text.
    text = post.read_text(encoding="utf-8")
    text = text.replace(
        "actions:\n",
        "actions:\n  - id: share-a-post-a-week\n    text: Share one colleague's post a "
        "week\n    due: 2011-10-20\n",
        1,
    )
    text = text.replace("<!-- What happened? -->", "I found the social side hard.")
    post.write_text(text, encoding="utf-8")

    # 3. Check before publishing: a typo is caught, with file, line and field.
    typo = text.replace("due: 2011-10-20", "due: 2011-10-32")
    post.write_text(typo, encoding="utf-8")
    checked = run("check", cwd=site)
    assert checked.returncode == 1
    assert f"{new.stdout.strip()}:" in checked.stdout
    assert "actions[0].due: '2011-10-32' is not a real date" in checked.stdout
    post.write_text(text, encoding="utf-8")
    assert run("check", cwd=site).returncode == 0
    unset = run("check", "--settings", "publishconf.py", cwd=site)
    assert unset.returncode == 1 and "Traceback" not in unset.stderr
    assert "reflective: error: the settings file publishconf.py stopped: " in unset.stderr
    assert run("check", "--settings", "publishconf.py", cwd=site, env=PUBLISH).returncode == 0

    # 4. Publish as `make publish` does (strict, gated, no drafts, no private actions).
    first = _publish(site)
    assert first.returncode == 0, first.stderr
    states = {a["id"]: a for a in progress(site / "output")["actions"]}
    assert states["share-a-post-a-week"]["status"] == "todo"

    # 5. Mark it done, without touching the YAML by hand.
    listed = run("actions", "--thing", "12", cwd=site)
    assert "share-a-post-a-week" in listed.stdout
    done = run("done", "share-a-post-a-week", "--note", "Every Friday now.", cwd=site, env=TODAY)
    assert done.returncode == 0, done.stderr
    assert "share-a-post-a-week: todo → done (2011-10-01)" in done.stdout

    # 6. The rebuild shows it done.
    second = _publish(site)
    assert second.returncode == 0, second.stderr
    action = {a["id"]: a for a in progress(site / "output")["actions"]}["share-a-post-a-week"]
    assert (action["status"], action["done"], action["note"]) == (
        "done",
        "2011-10-01",
        "Every Friday now.",
    )
