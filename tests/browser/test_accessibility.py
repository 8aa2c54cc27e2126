"""axe-core on every page type, in the light and the dark scheme, with AAA contrast
(`color-contrast-enhanced`) on; colours of both."""

from __future__ import annotations

import re

import pytest

from ._support import PAGE_TYPES

pytestmark = pytest.mark.browser


def _luminance(rgb: str) -> float:
    """Relative luminance (WCAG) of a CSS rgb()/rgba() string."""
    parts = [float(v) for v in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3]]
    linear = [
        (c / 255) / 12.92 if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4
        for c in parts
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.fixture(scope="module", params=["light", "dark"])
def scheme_tab(request, browser):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, color_scheme=request.param
    )
    tab = context.new_page()
    yield request.param, tab
    context.close()


@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_axe_finds_no_violations(site, scheme_tab, kind):
    from axe_playwright_python.sync_playwright import Axe

    scheme, tab = scheme_tab
    tab.goto(site.page(PAGE_TYPES[kind]))
    # Open the Things menu too, so its links are checked as well.
    tab.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    # AAA contrast (7:1 for text, 4.5:1 for large text) too: axe leaves that rule off.
    results = Axe().run(tab, options={"rules": {"color-contrast-enhanced": {"enabled": True}}})
    assert "color-contrast-enhanced" in {
        rule["id"] for rule in results.response["passes"] + results.response["violations"]
    }
    violations = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
    ]
    assert violations == [], f"{kind} ({scheme}): {violations}"


def test_the_dark_scheme_is_dark_and_the_light_one_light(site, scheme_tab):
    scheme, tab = scheme_tab
    tab.goto(site.page("posts/2011/thing-4-taming-the-feeds/"))
    body = _luminance(tab.evaluate("getComputedStyle(document.body).backgroundColor"))
    code = _luminance(
        tab.evaluate("getComputedStyle(document.querySelector('.highlight')).backgroundColor")
    )
    if scheme == "dark":
        assert body < 0.05 and code < 0.05
    else:
        assert body > 0.8 and code > 0.8
    # The code stylesheet is linked on pages with a code block only.
    assert tab.locator("link[href$='code.css']").count() == 1
    tab.goto(site.page(""))
    assert tab.locator("link[href$='code.css']").count() == 0


SNIPPET = """```python
# A comment, a decorator, keywords, strings, numbers and operators.
@dataclass(frozen=True)
class Action:
    text: str = "Write up the session"  # a string
    due: int | None = 0x1F + 3.5e2 - 42

    def overdue(self, today) -> bool:
        return self.due is not None and today > self.due  # pragma: no cover
```

```yaml
actions:
  - id: rss-cull
    due: 2011-07-31
    private: true
```

```html
<p class="note" id="x">Tag &amp; entity <!-- comment --></p>
```
"""


def test_highlighted_code_passes_contrast_in_both_schemes(site, scheme_tab):
    """Real Pygments output (the site's codehilite settings) under axe's contrast rule."""
    import markdown
    from axe_playwright_python.sync_playwright import Axe

    from ._support import markdown_settings

    html = markdown.Markdown(**markdown_settings()).convert(SNIPPET)
    scheme, tab = scheme_tab
    tab.goto(site.page("posts/2011/thing-4-taming-the-feeds/"))
    tab.evaluate("html => { document.querySelector('.prose').innerHTML = html; }", html)
    spans = tab.locator(".highlight span[class]")
    assert spans.count() > 30
    colours = set(
        tab.evaluate(
            "() => [...document.querySelectorAll('.highlight span[class]')]"
            ".map(s => getComputedStyle(s).color)"
        )
    )
    assert len(colours) >= 5  # really highlighted, in several colours
    results = Axe().run(tab, options={"runOnly": ["color-contrast", "color-contrast-enhanced"]})
    violations = [
        (n["target"], n["any"][0]["message"])
        for v in results.response["violations"]
        for n in v["nodes"]
    ]
    assert violations == [], f"{scheme}: {violations}"


def test_task_list_checkboxes_are_named_by_their_text(site, scheme_tab):
    _, tab = scheme_tab
    tab.goto(site.page(PAGE_TYPES["article with a task list"]))
    boxes = tab.get_by_role("checkbox")
    assert boxes.count() == 6
    first = boxes.first
    assert first.is_disabled() and first.is_checked()
    assert (
        tab.get_by_role(
            "checkbox", name='Create a shared "Teaching" calendar and invite the team'
        ).count()
        == 1
    )


def test_status_symbols_are_shown_but_not_read_out(site, scheme_tab):
    _, tab = scheme_tab
    tab.goto(site.page("progress/"))
    status = tab.locator(".g-open .st").first
    assert status.inner_text().strip() == "Doing"
    symbol = tab.evaluate(
        "getComputedStyle(document.querySelector('.g-open .st'), '::before').content"
    )
    assert "◐" in symbol
    snapshot = tab.locator(".g-open").aria_snapshot()
    assert "◐" not in snapshot and "Doing" in snapshot


def test_progress_group_pages_read_well_and_pass_axe(split_site, scheme_tab):
    """Long groups on pages of their own (plugin limits set tiny): links, paging, axe."""
    from axe_playwright_python.sync_playwright import Axe

    scheme, tab = scheme_tab
    tab.goto(split_site.page("progress/"))
    assert tab.locator(".g-open .rf-action-lines > li").count() == 2
    tab.locator(".g-open").get_by_role("link", name=re.compile("^All 6 actions in")).click()
    assert tab.url == split_site.page("progress/open/")
    assert tab.locator("h1").inner_text() == "To do and in progress (6), page 1 of 3"
    seen = []
    while True:
        results = Axe().run(tab)
        assert results.response["violations"] == [], (scheme, tab.url)
        seen += tab.locator(".rf-action-lines > li > a").evaluate_all("els => els.map(e => e.hash)")
        following = tab.get_by_role("link", name="Next page")
        if not following.count():
            break
        following.click()
    assert len(seen) == len(set(seen)) == 6
