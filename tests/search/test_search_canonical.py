"""Pagefind's bundle is put in a canonical form: indexing the same pages twice gives the
same bytes (Pagefind orders its filter and metadata indexes by a hash map), and the
rewritten bundle still decodes to the same filters and pages."""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

import cbor2

from reflective.search import canonical, core

PAGE = """<!DOCTYPE html><html lang="en"><head><title>{n}</title></head><body>
<article data-pagefind-body><h1>Post {n}</h1><p>Words about topic{n} and networks.</p>
<span data-pagefind-filter="thing:Thing {n}"></span>
<span data-pagefind-filter="tag:tag{n}"></span><span data-pagefind-filter="tag:common"></span>
<span data-pagefind-filter="year:20{n:02d}"></span>
</article></body></html>"""


def _site(root: Path) -> Path:
    for n in range(1, 25):
        page = root / f"p{n}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(PAGE.format(n=n), encoding="utf-8")
    return root


def _digest(bundle: Path) -> dict[str, str]:
    return {
        str(p.relative_to(bundle)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(bundle.rglob("*"))
        if p.is_file()
    }


def _filters(bundle: Path) -> dict[str, dict[str, list[int]]]:
    out = {}
    for path in (bundle / "filter").glob("*.pf_filter"):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(canonical.SIGNATURE)
        name, values = cbor2.loads(data[len(canonical.SIGNATURE) :])
        out[name] = {value: pages for value, pages in values}
    return out


def test_indexing_the_same_site_twice_gives_the_same_bytes(tmp_path):
    one = _site(tmp_path / "one")
    two = _site(tmp_path / "two")
    binary = core.find_binary()
    core.index(str(one), binary)
    core.index(str(two), binary)
    assert _digest(one / "pagefind") == _digest(two / "pagefind")


def test_the_rewrite_keeps_every_filter_value_and_names_files_after_their_bytes(tmp_path):
    site = _site(tmp_path / "site")
    raw = tmp_path / "raw"
    process, fresh = core.start(core.find_binary(), str(site))
    process.communicate()
    Path(fresh).rename(raw)
    before = _filters(raw)
    canonical.rewrite(str(raw))
    after = _filters(raw)
    assert after == before and len(after["thing"]) == 24 and len(after["tag"]["common"]) == 24
    for path in (raw / "filter").glob("*.pf_filter"):
        data = gzip.decompress(path.read_bytes())
        assert path.stem.endswith(hashlib.sha256(data).hexdigest()[:7])
        name, values = cbor2.loads(data[len(canonical.SIGNATURE) :])
        assert [v for v, _ in values] == sorted(v for v, _ in values)
